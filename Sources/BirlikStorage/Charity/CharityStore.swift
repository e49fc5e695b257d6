import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Changes to the charity ledger (S8): campaigns, donations, reversals and the signed tree heads. Every
/// entry is appended in an audited transaction with the next leaf index; nothing is ever updated.
public enum CharityStore {
    /// Opens a campaign for the actor's organisation (a sub-campaign when `parentCode` names one of its own).
    public static func openCampaign(_ draft: CampaignDraft, actor: Actor, on db: any Database, now: Date) async throws -> Campaign {
        let valid = try draft.validated()
        guard let organizer = actor.organizationID else { throw DomainError.forbidden }
        try Access.require(actor, .create, .campaign, in: Scope(organizationID: organizer, regionCode: valid.region, isPublic: true))
        var parent: Campaign?
        if !draft.parentCode.isEmpty {
            parent = try await CampaignRecord.query(on: db).filter(\.$code == draft.parentCode.trimmingCharacters(in: .whitespaces)).first()?.campaign
            guard let parent, parent.organizerID == organizer else { throw DomainError.invalid([FieldError("parentCode", .charityUnknownCampaign)]) }
        }
        let parentID = parent?.id
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let year = valid.starts.year
            let count = try await CampaignRecord.query(on: audit.db).filter(\.$year == year).count()
            let campaign = Campaign(code: String(format: "C-%04d-%04d", year, count + 1), organizerID: organizer, title: valid.title, purpose: valid.purpose,
                                    beneficiaryCategory: valid.category.rawValue, region: valid.region, goal: valid.goal, startsOn: valid.starts,
                                    endsOn: valid.ends, parentID: parentID)
            try await CampaignRecord(campaign).create(on: audit.db)
            try await audit.record("open", "campaign", id: campaign.id.uuidString, before: Nothing?.none, after: campaign)
            return campaign
        }
    }

    /// What the treasurer enters for a donation received.
    public struct Donation: Sendable {
        public var amount: String
        public var day: String
        /// The name shown in public; empty for an anonymous donor.
        public var publicName: String
        /// Who gave it (sealed, never public).
        public var donor: DonorDraft

        /// A gift in kind: what was given and the act that valued it; `amount` is then its valuation.
        public var inKind: InKind?

        public init(amount: String, day: String, publicName: String, donor: DonorDraft = DonorDraft(), inKind: InKind? = nil) {
            self.amount = amount; self.day = day; self.publicName = publicName; self.donor = donor; self.inKind = inKind
        }
    }

    /// Goods or services given instead of money, valued by an act of acceptance.
    public struct InKind: Sendable {
        public var goods: String
        public var evidence: String

        public init(goods: String, evidence: String) { self.goods = goods; self.evidence = evidence }
    }

    /// Records a donation as incoming funds (cash debited, donors credited; a gift in kind debits the
    /// campaign's goods at its valuation instead) with a receipt number `R-YYYY-NNNNNN`; returns the entry.
    public static func recordDonation(_ donation: Donation, to campaignID: UUID, actor: Actor, keys: DonorKeys, on db: any Database, now: Date) async throws -> LedgerEntry {
        guard let campaign = try await CampaignRecord.find(campaignID, on: db)?.campaign else { throw DomainError.notFound }
        try Access.require(actor, .update, .campaign, in: campaign.scope)
        var errors: [FieldError] = []
        let amount = Money(tenge: donation.amount)
        if amount == nil || amount! <= .zero { errors.append(FieldError("amount", .fieldMoney)) }
        let day = Day(donation.day)
        if day == nil { errors.append(FieldError("day", .fieldDate)) } else if let day, day > Day(now) { errors.append(FieldError("day", .charityFutureDay)) }
        let name = donation.publicName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.count > 200 { errors.append(FieldError("publicName", .fieldTooLong, ["max": "200"])) }
        var donor = Donor.anonymous
        switch donation.donor.validated() {
        case let .success(valid): donor = valid
        case let .failure(.invalid(problems)): errors += problems
        case let .failure(other): throw other
        }
        var memo = name
        if let inKind = donation.inKind {
            let goods = inKind.goods.trimmingCharacters(in: .whitespacesAndNewlines), evidence = inKind.evidence.trimmingCharacters(in: .whitespacesAndNewlines)
            if goods.isEmpty { errors.append(FieldError("goods", .fieldRequired)) } else if goods.count > 300 { errors.append(FieldError("goods", .fieldTooLong, ["max": "300"])) }
            if evidence.isEmpty { errors.append(FieldError("inKindEvidence", .charityInKindEvidence)) } else if evidence.count > 100 { errors.append(FieldError("inKindEvidence", .fieldTooLong, ["max": "100"])) }
            // What was given is public, as the name is; the act's number too, so the valuation can be asked for.
            memo = [name, goods].filter { !$0.isEmpty }.joined(separator: " — ") + " [\(evidence)]"
        }
        guard errors.isEmpty, let amount, let day else { throw DomainError.invalid(errors) }
        let sealed = donor == .anonymous ? nil : donor
        let debit = donation.inKind == nil ? LedgerAccount.cash(campaign.id) : LedgerAccount.inKind(campaign.id)
        let publicMemo = memo
        return try await append(on: db, actor: actor, now: now, afterwards: { entry, audit in
            if let sealed { try await DonorRecord(entryID: entry.id, donor: sealed, keys: keys).create(on: audit.db) }
        }) { index, audit in
            // Receipts are numbered per year of the donation's day.
            let count = try await lastReceiptNumber(year: day.year, on: audit.db)
            return LedgerEntry(index: index, campaignID: campaign.id, kind: .incomingFunds, debit: debit, credit: LedgerAccount.donors,
                               amount: amount, day: day, reference: String(format: "R-%04d-%06d", day.year, count + 1), memo: publicMemo, recordedAt: now)
        }
    }

    /// Imports the donations of a bank statement (read and checked by `BankStatement.read`) into a
    /// campaign: all entries appended in one transaction, each with its receipt; a payer named with an IIN
    /// or BIN is sealed as the donor, as one entered by hand.
    public static func importDonations(_ lines: [BankStatement.Line], to campaignID: UUID, actor: Actor, keys: DonorKeys, on db: any Database, now: Date,
                                       progress: (@Sendable (Int) -> Void)? = nil) async throws -> [LedgerEntry] {
        guard let campaign = try await CampaignRecord.find(campaignID, on: db)?.campaign else { throw DomainError.notFound }
        try Access.require(actor, .update, .campaign, in: campaign.scope)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            var next = ((try await LedgerEntryRecord.query(on: audit.db).max(\.$index)) ?? -1) + 1
            var receipts: [Int: Int] = [:]
            var written: [LedgerEntry] = []
            for line in lines {
                let year = line.day.year
                if receipts[year] == nil { receipts[year] = try await lastReceiptNumber(year: year, on: audit.db) }
                receipts[year, default: 0] += 1
                let entry = LedgerEntry(index: next, campaignID: campaign.id, kind: .incomingFunds, debit: LedgerAccount.cash(campaign.id),
                                        credit: LedgerAccount.donors, amount: line.amount, day: line.day,
                                        reference: String(format: "R-%04d-%06d", year, receipts[year] ?? 1), memo: line.publicName, recordedAt: now)
                try await LedgerEntryRecord(entry).create(on: audit.db)
                if line.donor != .anonymous { try await DonorRecord(entryID: entry.id, donor: line.donor, keys: keys).create(on: audit.db) }
                written.append(entry)
                next += 1
                if written.count % 2000 == 0 { progress?(written.count) }
            }
            try await audit.record("import", "ledgerEntry", id: campaign.id.uuidString, before: Nothing?.none,
                                   after: ["entries": String(written.count), "firstIndex": String(written.first?.index ?? 0),
                                           "donorsSealed": String(lines.filter { $0.donor != .anonymous }.count),
                                           "totalTiyn": String(written.reduce(Int64(0)) { $0 + $1.amount.tiyn })])
            return written
        }
    }

    /// The last receipt number given in `year` (`R-YYYY-NNNNNN`; the demo's `R-YYYY-Dnnnnn` apart): the
    /// greatest reference between `R-YYYY-0` and `R-YYYY-:`, one read of the reference index.
    static func lastReceiptNumber(year: Int, on db: any Database) async throws -> Int {
        let prefix = String(format: "R-%04d-", year)
        let last = try await LedgerEntryRecord.query(on: db).filter(\.$reference >= prefix + "0").filter(\.$reference < prefix + ":").max(\.$reference)
        return last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
    }

    /// Reverses an entry: the same amount back between the same accounts, pointing at it. An entry is
    /// reversed once; a reversal is not reversed.
    public static func reverse(_ entryID: UUID, reason: String, actor: Actor, on db: any Database, now: Date) async throws -> LedgerEntry {
        guard let original = try await LedgerEntryRecord.find(entryID, on: db)?.entry,
              let campaign = try await CampaignRecord.find(original.campaignID, on: db)?.campaign else { throw DomainError.notFound }
        try Access.require(actor, .update, .campaign, in: campaign.scope)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 5 else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
        guard original.reverses == nil,
              try await LedgerEntryRecord.query(on: db).filter(\.$reverses == entryID).count() == 0 else { throw DomainError.conflict(.charityAlreadyReversed) }
        return try await append(on: db, actor: actor, now: now) { index, audit in
            guard try await LedgerEntryRecord.query(on: audit.db).filter(\.$reverses == entryID).count() == 0 else { throw DomainError.conflict(.charityAlreadyReversed) }
            return LedgerEntry(index: index, campaignID: original.campaignID, kind: original.kind, debit: original.credit, credit: original.debit,
                               amount: original.amount, day: Day(now), reference: original.reference, reverses: original.id, memo: reason, recordedAt: now)
        }
    }

    /// Appends the entry `make` builds at the next leaf index, in one audited transaction.
    static func append(on db: any Database, actor: Actor, now: Date,
                       afterwards: @escaping @Sendable (LedgerEntry, AuditWriter) async throws -> Void = { _, _ in },
                       _ make: @escaping @Sendable (Int, AuditWriter) async throws -> LedgerEntry) async throws -> LedgerEntry {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let entry = try await appendEntry(in: audit) { try await make($0, audit) }
            try await afterwards(entry, audit)
            return entry
        }
    }

    /// **The** ledger write: the entry `make` builds at the next leaf index, inside the audited
    /// transaction `audit` already holds (a payment and its entry commit together or not at all).
    static func appendEntry(in audit: AuditWriter, _ make: (Int) async throws -> LedgerEntry) async throws -> LedgerEntry {
        let last = try await LedgerEntryRecord.query(on: audit.db).max(\.$index)
        let entry = try await make((last ?? -1) + 1)
        try await LedgerEntryRecord(entry).create(on: audit.db)
        try await audit.record(entry.reverses == nil ? "record" : "reverse", "ledgerEntry", id: entry.id.uuidString, before: Nothing?.none,
                               after: ["index": String(entry.index), "kind": entry.kind.rawValue, "amountTiyn": String(entry.amount.tiyn),
                                       "campaign": entry.campaignID.uuidString, "leafHash": Hashing.hex(entry.leafHash)])
        return entry
    }

    /// Signs the tree as it stands with the document key, unless the newest head already covers it;
    /// returns the newest head (nil for an empty ledger).
    @discardableResult
    public static func signTreeHead(dataDirectory: String, on db: any Database, now: Date) async throws -> TreeHead? {
        let tree = try await CharityQueries.tree(on: db)
        let newest = try await CharityQueries.newestTreeHead(on: db)
        guard tree.size > 0, newest.map({ $0.size < tree.size }) ?? true else { return newest }
        let head = try TreeHead.sign(size: tree.size, root: tree.root(), at: now, privateKey: SignedDocuments.privateKey(dataDirectory: dataDirectory))
        return try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            if try await TreeHeadRecord.find(head.size, on: audit.db) == nil { try await TreeHeadRecord(head).create(on: audit.db) }
            try await audit.record("sign", "ledgerTreeHead", id: String(head.size), before: Nothing?.none, after: ["root": head.root])
            return head
        }
    }
}
