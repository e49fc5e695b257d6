import BirlikCore
import FluentKit
import Foundation

/// The demo's charity: an Almaty association's winter campaign, opened 40 days before the clock's day,
/// with a dozen donations (named and anonymous, one reversed) and one disbursement approved by two people
/// and paid; the story is laid around the clock's day, so it reads the same on any date.
enum CharitySeed {
    static func loadDemo(now: Date, on db: any Database) async throws {
        guard try await CampaignRecord.query(on: db).count() == 0,
              let organizer = try await OrganizationQueries.ids(codes: ["association-kz-75-1"], on: db)["association-kz-75-1"] else { return }
        let users = try await UserRecord.query(on: db).filter(\.$email ~~ ["association@birlik.kz", "secretariat@birlik.kz", "admin@birlik.kz"]).all()
        let people = Dictionary(users.compactMap { user in user.id.map { (user.email, (id: $0, name: user.displayName)) } }) { first, _ in first }
        guard let treasurer = people["association@birlik.kz"]?.id else { return }
        let approvers = ["secretariat@birlik.kz", "admin@birlik.kz"].compactMap { people[$0] }
        let today = Day(now)
        let campaign = Campaign(code: String(format: "C-%04d-D001", today.adding(days: -40).year), organizerID: organizer,
                                title: "Қысқы киім — көп балалы отбасыларға (демо)",
                                purpose: "Алматыдағы 40 көп балалы отбасының балаларына қысқы күрте мен етік сатып алу.",
                                beneficiaryCategory: BeneficiaryCategory.largeFamilies.rawValue, region: "KZ-75", goal: Money(tiyn: 200_000_000),
                                startsOn: today.adding(days: -40), endsOn: today.adding(days: 50))
        let gifts: [(daysAgo: Int, tenge: Int64, name: String)] = [
            (38, 50_000, "Ерлан Б."), (35, 15_000, ""), (33, 100_000, "«Жетісу» кооперативі"), (30, 5_000, "Айгерим"), (27, 250_000, "Корей этномәдени орталығы"),
            (24, 10_000, ""), (20, 75_000, "Мұрат Қ."), (16, 20_000, ""), (12, 150_000, "Алматы кәсіпкерлері"), (9, 8_000, "Светлана"),
            (6, 30_000, ""), (3, 12_500, "Дәулет"),
        ]
        try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            try await CampaignRecord(campaign).create(on: audit.db)
            var index = ((try await LedgerEntryRecord.query(on: audit.db).max(\.$index)) ?? -1) + 1
            var receipts: [Int: Int] = [:]
            var entries: [LedgerEntry] = []
            for gift in gifts {
                let day = today.adding(days: -gift.daysAgo)
                receipts[day.year, default: 0] += 1
                let entry = LedgerEntry(index: index, campaignID: campaign.id, kind: .incomingFunds, debit: LedgerAccount.cash(campaign.id),
                                        credit: LedgerAccount.donors, amount: Money(tiyn: gift.tenge * 100), day: day,
                                        reference: String(format: "R-%04d-D%05d", day.year, receipts[day.year] ?? 1), memo: gift.name,
                                        recordedAt: day.noon)
                try await LedgerEntryRecord(entry).create(on: audit.db)
                entries.append(entry)
                index += 1
            }
            // The bank returned the fourth donation: reversed, never edited.
            let returned = entries[3]
            try await LedgerEntryRecord(LedgerEntry(index: index, campaignID: campaign.id, kind: .incomingFunds, debit: returned.credit, credit: returned.debit,
                                                    amount: returned.amount, day: returned.day.adding(days: 2), reference: returned.reference,
                                                    reverses: returned.id, memo: "Банк төлемді қайтарды", recordedAt: returned.day.adding(days: 2).noon))
                .create(on: audit.db)
            index += 1
            // Thirty jackets, approved by the Secretariat and the administrator, paid ten days ago.
            let paidOn = today.adding(days: -10)
            var disbursement = Disbursement(number: String(format: "D-%04d-D001", paidOn.year), campaignID: campaign.id, amount: Money(tiyn: 36_000_000),
                                            purpose: "30 қысқы күрте (балаларға)", recipient: "«Алатау тігін» ЖШС", evidence: "Шот-фактура № 2031",
                                            status: .paid, draftedBy: treasurer,
                                            approvals: approvers.map { Disbursement.Approval(userID: $0.id, name: $0.name, at: paidOn.adding(days: -1).noon) },
                                            version: 5)
            let payment = LedgerEntry(index: index, campaignID: campaign.id, kind: .disbursement, debit: LedgerAccount.beneficiaries(campaign.beneficiaryCategory),
                                      credit: LedgerAccount.cash(campaign.id), amount: disbursement.amount, day: paidOn, reference: disbursement.number,
                                      memo: disbursement.purpose, recordedAt: paidOn.noon)
            try await LedgerEntryRecord(payment).create(on: audit.db)
            disbursement.entryID = payment.id
            try await DisbursementRecord(disbursement, year: paidOn.year).create(on: audit.db)
            try await audit.record("seed", "campaign", id: campaign.id.uuidString, before: Nothing?.none,
                                   after: ["entries": String(gifts.count + 2), "disbursements": "1"])
        }
    }
}
