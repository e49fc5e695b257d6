import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// The charity ledger at national scale for the benchmark: `campaigns` campaigns, `donations` donations
/// spread over them and the last three years, and `disbursements` paid out; every entry with its leaf hash,
/// as the store writes them. Written with multi-row inserts, outside the audit log (the benchmark's data is
/// not a change anyone made).
public enum LedgerScaleSeed {
    public static func load(campaigns: Int, donations: Int, disbursements: Int, today: Day, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let organizers = try await OrganizationRecord.query(on: db).limit(200).all(\.$id).compactMap { $0 }
        let regions = ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }.map(\.code)
        let categories = BeneficiaryCategory.allCases.map(\.rawValue)
        var ids: [UUID] = []
        var written = 0
        while written < campaigns {
            let batch = min(500, campaigns - written)
            let insert = sql.insert(into: CampaignRecord.schema).columns(["id", "code", "year", "organizer_id", "title", "purpose", "beneficiary_category",
                                                                          "region", "goal_tiyn", "starts_on", "ends_on", "parent_id", "version"])
            for offset in 0..<batch {
                let index = written + offset
                let id = UUID()
                ids.append(id)
                let starts = today.adding(days: -(index % 1000))
                insert.values([SQLBind(id), SQLBind("CB-\(index)"), SQLBind(starts.year), SQLBind(organizers[index % max(organizers.count, 1)]),
                               SQLBind("Bench campaign \(index)"), SQLBind("Bench"), SQLBind(categories[index % categories.count]),
                               SQLBind(regions[index % regions.count]), SQLBind(Int64(10_000_000_00)), SQLBind(starts.description),
                               SQLBind(starts.adding(days: 120).description), SQLBind(UUID?.none), SQLBind(1)] as [any SQLExpression])
            }
            try await insert.run()
            written += batch
        }
        let first = ((try await LedgerEntryRecord.query(on: db).max(\.$index)) ?? -1) + 1
        let total = donations + disbursements
        var index = 0
        let recorded = today.noon
        while index < total {
            let batch = min(1000, total - index)
            let insert = sql.insert(into: LedgerEntryRecord.schema).columns(["id", "idx", "campaign_id", "kind", "debit", "credit", "amount_tiyn", "day",
                                                                             "reference", "reverses", "memo", "recorded_at_ms", "leaf_hash"])
            for offset in 0..<batch {
                let n = index + offset
                let campaign = ids[n % ids.count]
                // Every eleventh entry pays out; the rest come in.
                let paysOut = n % 11 == 10 && n / 11 < disbursements
                let day = today.adding(days: -(n % 1095))
                let entry = LedgerEntry(index: first + n, campaignID: campaign, kind: paysOut ? .disbursement : .incomingFunds,
                                        debit: paysOut ? LedgerAccount.beneficiaries(categories[n % categories.count]) : LedgerAccount.cash(campaign),
                                        credit: paysOut ? LedgerAccount.cash(campaign) : LedgerAccount.donors, amount: Money(tiyn: Int64(100_00 + (n % 997) * 100)),
                                        day: day, reference: paysOut ? "DB-\(n)" : "RB-\(n)", memo: n % 3 == 0 ? "" : "Bench donor \(n % 5000)", recordedAt: recorded)
                insert.values([SQLBind(entry.id), SQLBind(entry.index), SQLBind(entry.campaignID), SQLBind(entry.kind.rawValue), SQLBind(entry.debit),
                               SQLBind(entry.credit), SQLBind(entry.amount.tiyn), SQLBind(entry.day.description), SQLBind(entry.reference),
                               SQLBind(UUID?.none), SQLBind(entry.memo), SQLBind(Int64((recorded.timeIntervalSince1970 * 1000).rounded())),
                               SQLBind(Hashing.hex(entry.leafHash))] as [any SQLExpression])
            }
            try await insert.run()
            index += batch
        }
    }
}
