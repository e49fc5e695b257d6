import BirlikCore
import FluentKit
import Foundation

/// A row of `charity_disbursements`: plain columns for lists, the whole disbursement as JSON.
public final class DisbursementRecord: Model, @unchecked Sendable {
    public static let schema = "charity_disbursements"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "year") public var year: Int
    @Field(key: "campaign_id") public var campaignID: UUID
    @Field(key: "status") public var status: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Disbursement, year: Int) { id = value.id; self.year = year; apply(value) }

    func apply(_ value: Disbursement) {
        number = value.number; campaignID = value.campaignID; status = value.status.rawValue; content = JSONColumn.encode(value); version = value.version
    }

    public var disbursement: Disbursement? { JSONColumn.decode(Disbursement?.self, content, default: nil) }
}

/// Batch 008: disbursements beside the ledger.
struct CreateDisbursements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DisbursementRecord.schema)
            .id()
            .field("number", .string, .required)
            .field("year", .int, .required)
            .field("campaign_id", .uuid, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DisbursementRecord.schema).delete()
    }
}

/// Drafting and deciding disbursements; the payment writes the ledger's disbursement entry in the same
/// transaction, so a failed payment leaves the ledger exactly as it was.
public enum DisbursementStore {
    public static func draft(_ draft: DisbursementDraft, campaignID: UUID, actor: Actor, on db: any Database, now: Date) async throws -> Disbursement {
        guard let campaign = try await CampaignRecord.find(campaignID, on: db)?.campaign else { throw DomainError.notFound }
        try Access.require(actor, .update, .campaign, in: campaign.scope)
        guard let user = actor.userID else { throw DomainError.signInRequired }
        let valid = try draft.validated()
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let year = Day(now).year
            let count = try await DisbursementRecord.query(on: audit.db).filter(\.$year == year).count()
            let value = Disbursement(number: String(format: "D-%04d-%04d", year, count + 1), campaignID: campaign.id, amount: valid.amount,
                                     purpose: valid.purpose, recipient: valid.recipient, evidence: valid.evidence, draftedBy: user)
            try await DisbursementRecord(value, year: year).create(on: audit.db)
            try await audit.record("draft", "disbursement", id: value.id.uuidString, before: Nothing?.none, after: Audited(value))
            return value
        }
    }

    /// A step on a disbursement opened at `version`; `.pay` appends the ledger entry.
    public static func apply(_ step: Disbursement.Step, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Disbursement {
        guard let user = actor.userID else { throw DomainError.signInRequired }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await DisbursementRecord.find(id, on: audit.db), let before = record.disbursement,
                  let campaign = try await CampaignRecord.find(before.campaignID, on: audit.db)?.campaign else { throw DomainError.notFound }
            try Access.require(actor, .update, .campaign, in: campaign.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            let balance = try await CharityQueries.sums(campaignID: campaign.id, on: audit.db)[campaign.id].map { Money(tiyn: $0.raised - $0.spent) } ?? .zero
            var after = try before.applying(step, by: user, name: actor.displayName, balance: balance, now: now)
            if case .pay = step {
                let entry = try await CharityStore.appendEntry(in: audit) { index in
                    LedgerEntry(index: index, campaignID: campaign.id, kind: .disbursement,
                                debit: LedgerAccount.beneficiaries(campaign.beneficiaryCategory), credit: LedgerAccount.cash(campaign.id),
                                amount: after.amount, day: Day(now), reference: after.number, memo: after.purpose, recordedAt: now)
                }
                after.entryID = entry.id
            }
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record(after.status.rawValue, "disbursement", id: id.uuidString, before: Audited(before), after: Audited(after))
            return after
        }
    }

    /// A disbursement as the audit log keeps it: without the recipient.
    struct Audited: Encodable, Sendable {
        var number: String, status: String, amountTiyn: Int64, purpose: String, evidence: String, approvals: [String], version: Int
        init(_ value: Disbursement) {
            number = value.number; status = value.status.rawValue; amountTiyn = value.amount.tiyn; purpose = value.purpose; evidence = value.evidence
            approvals = value.approvals.map(\.userID.uuidString); version = value.version
        }
    }

    /// A campaign's disbursements, newest first.
    public static func list(campaignID: UUID, on db: any Database) async throws -> [Disbursement] {
        try await DisbursementRecord.query(on: db).filter(\.$campaignID == campaignID).sort(\.$number, .descending).all().compactMap(\.disbursement)
    }
}
