import BirlikCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Reading the charity ledger: campaigns with their figures, a campaign's entries, a receipt with its
/// inclusion proof, the signed tree heads, and the check of the whole log.
public enum CharityQueries {
    /// A campaign with what came in, what went out and what it holds; reversals net out.
    public struct Figures: Sendable, Hashable {
        public var campaign: Campaign
        public var raised: Money
        public var spent: Money
        public var donations: Int
        /// Gifts in kind at their valuation (not in `raised`: no cash).
        public var inKind: Money = .zero
        public var balance: Money { raised - spent }
        /// Raised as a share of the goal, 0…1 (more is possible).
        public var progress: Double { campaign.goal.tiyn > 0 ? Double(raised.tiyn) / Double(campaign.goal.tiyn) : 0 }
    }

    /// Every campaign, newest first, with its figures: one scan of the ledger grouped by campaign.
    public static func campaigns(on db: any Database) async throws -> [Figures] {
        let campaigns = try await CampaignRecord.query(on: db).sort(\.$startsOn, .descending).sort(\.$code, .descending).all().map(\.campaign)
        let sums = try await sums(campaignID: nil, on: db)
        return campaigns.map { campaign in
            let sum = sums[campaign.id] ?? (0, 0, 0, 0)
            return Figures(campaign: campaign, raised: Money(tiyn: sum.raised), spent: Money(tiyn: sum.spent), donations: sum.donations, inKind: Money(tiyn: sum.inKind))
        }
    }

    public static func campaign(code: String, on db: any Database) async throws -> Figures {
        guard let campaign = try await CampaignRecord.query(on: db).filter(\.$code == code).first()?.campaign else { throw DomainError.notFound }
        let sum = try await sums(campaignID: campaign.id, on: db)[campaign.id] ?? (0, 0, 0, 0)
        return Figures(campaign: campaign, raised: Money(tiyn: sum.raised), spent: Money(tiyn: sum.spent), donations: sum.donations, inKind: Money(tiyn: sum.inKind))
    }

    /// A campaign's sub-campaigns at any depth, and the campaign's figures with theirs rolled up into it.
    public struct Family: Sendable {
        public var children: [Figures]
        public var raised: Money
        public var spent: Money
        public var inKind: Money
        public var donations: Int
        public var balance: Money { raised - spent }
    }

    public static func family(of figures: Figures, on db: any Database) async throws -> Family {
        var family = Family(children: [], raised: figures.raised, spent: figures.spent, inKind: figures.inKind, donations: figures.donations)
        // Most campaigns have none: one index read, not a scan of the ledger, on every campaign page.
        guard try await CampaignRecord.query(on: db).filter(\.$parentID == figures.campaign.id).count() > 0 else { return family }
        let all = try await campaigns(on: db)
        var parents: Set<UUID> = [figures.campaign.id]
        while true {
            let known = Set(family.children.map(\.campaign.id))
            let next = all.filter { candidate in candidate.campaign.parentID.map(parents.contains) == true && !known.contains(candidate.campaign.id) }
            guard !next.isEmpty else { break }
            for child in next {
                family.children.append(child)
                family.raised = family.raised + child.raised; family.spent = family.spent + child.spent
                family.inKind = family.inKind + child.inKind; family.donations += child.donations
            }
            parents = Set(next.map(\.campaign.id))
        }
        return family
    }

    /// Money in, money out (net of reversals) and the number of donations not reversed, per campaign.
    static func sums(campaignID: UUID?, on db: any Database) async throws -> [UUID: (raised: Int64, spent: Int64, donations: Int, inKind: Int64)] {
        let sql = db as! any SQLDatabase
        let filter: SQLQueryString = campaignID.map { "WHERE campaign_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT campaign_id,
              CAST(SUM(CASE WHEN kind = 'incomingFunds' AND debit NOT LIKE '%:in-kind' AND credit NOT LIKE '%:in-kind'
                            THEN (CASE WHEN reverses IS NULL THEN amount_tiyn ELSE -amount_tiyn END) ELSE 0 END) AS BIGINT) AS raised,
              CAST(SUM(CASE WHEN kind = 'incomingFunds' AND (debit LIKE '%:in-kind' OR credit LIKE '%:in-kind')
                            THEN (CASE WHEN reverses IS NULL THEN amount_tiyn ELSE -amount_tiyn END) ELSE 0 END) AS BIGINT) AS in_kind,
              CAST(SUM(CASE WHEN kind IN ('disbursement', 'expenditure') THEN (CASE WHEN reverses IS NULL THEN amount_tiyn ELSE -amount_tiyn END) ELSE 0 END) AS BIGINT) AS spent,
              CAST(SUM(CASE WHEN kind = 'incomingFunds' AND reference LIKE 'R-%' THEN (CASE WHEN reverses IS NULL THEN 1 ELSE -1 END) ELSE 0 END) AS BIGINT) AS donations
            FROM \(ident: LedgerEntryRecord.schema) \(filter) GROUP BY campaign_id
            """).all()
        var result: [UUID: (Int64, Int64, Int, Int64)] = [:]
        for row in rows {
            result[try row.decode(column: "campaign_id", as: UUID.self)] = (try row.decode(column: "raised", as: Int64?.self) ?? 0,
                                                                          try row.decode(column: "spent", as: Int64?.self) ?? 0,
                                                                          try row.decode(column: "donations", as: Int?.self) ?? 0,
                                                                          try row.decode(column: "in_kind", as: Int64?.self) ?? 0)
        }
        return result
    }

    /// A campaign's entries, newest first, each with whether it was reversed.
    public static func entries(of campaignID: UUID, limit: Int = 500, on db: any Database) async throws -> [(entry: LedgerEntry, reversed: Bool)] {
        let rows = try await LedgerEntryRecord.query(on: db).filter(\.$campaignID == campaignID).sort(\.$index, .descending).limit(limit).all()
        let entries = rows.compactMap(\.entry)
        let reversed = Set(entries.compactMap(\.reverses))
        return entries.map { ($0, reversed.contains($0.id)) }
    }

    /// The tree of every committed entry.
    public static func tree(on db: any Database) async throws -> MerkleTree {
        try await AuditGate.of(db).ledgerTree.current(on: db)
    }

    /// Every signed tree head, oldest first.
    public static func treeHeads(on db: any Database) async throws -> [TreeHead] {
        try await TreeHeadRecord.query(on: db).sort(\.$id).all().compactMap(\.treeHead)
    }

    public static func newestTreeHead(on db: any Database) async throws -> TreeHead? {
        try await TreeHeadRecord.query(on: db).sort(\.$id, .descending).first()?.treeHead
    }

    /// A receipt as the public checks it: the donation, its campaign, the newest signed head that covers
    /// it and the inclusion proof against that head (none yet when no head covers it).
    public struct Receipt: Sendable {
        public var entry: LedgerEntry
        public var campaign: Campaign
        public var reversedBy: LedgerEntry?
        public var head: TreeHead?
        public var proof: [Data]
        /// The proof checked here against the head's root.
        public var proofHolds: Bool
        /// The re-issues, oldest first (version 1 is the entry itself).
        public var versions: [ReceiptVersion]
        /// The public name the receipt carries now: the newest version's.
        public var publicName: String { versions.last?.publicName ?? entry.memo }
        public var version: Int { versions.last?.version ?? 1 }
    }

    public static func receipt(number: String, on db: any Database) async throws -> Receipt {
        guard number.count < 40 else { throw DomainError.notFound }
        // One round trip for the entry, whether it was reversed and whether it was re-issued.
        let entries = LedgerEntryRecord.schema
        guard let row = try await (db as! any SQLDatabase).raw("""
                SELECT e.*, (SELECT r.id FROM \(ident: entries) r WHERE r.reverses = e.id LIMIT 1) AS reversed_by,
                       (SELECT COUNT(*) FROM \(ident: ReceiptVersionRecord.schema) v WHERE v.number = e.reference) AS reissues
                FROM \(ident: entries) e WHERE e.reference = \(bind: number) AND e.reverses IS NULL LIMIT 1
                """).first(),
              let entry = try row.decode(fluentModel: LedgerEntryRecord.self).entry,
              let campaign = try await CampaignRecord.find(entry.campaignID, on: db)?.campaign else { throw DomainError.notFound }
        var reversal: LedgerEntry?
        if let reversedBy = try row.decode(column: "reversed_by", as: UUID?.self) { reversal = try await LedgerEntryRecord.find(reversedBy, on: db)?.entry }
        let versions = try row.decode(column: "reissues", as: Int.self) == 0 ? [] :
            try await ReceiptVersionRecord.query(on: db).filter(\.$number == number).sort(\.$version).all().compactMap(\.value)
        let tree = try await tree(on: db)
        var head = try await newestTreeHead(on: db)
        if let current = head, current.size > tree.size || current.size <= entry.index { head = nil }
        let proof = head.map { tree.inclusionProof(leaf: entry.index, size: $0.size) } ?? []
        let holds = head.map { MerkleTree.verifyInclusion(leafHash: entry.leafHash, index: entry.index, size: $0.size, proof: proof,
                                                          root: Hashing.bytes(hex: $0.root) ?? Data()) } ?? false
        return Receipt(entry: entry, campaign: campaign, reversedBy: reversal, head: head, proof: proof, proofHolds: holds, versions: versions)
    }

    /// Two signed tree heads and the RFC 9162 proof that the later one extends the earlier; `nil` sizes
    /// mean the first and the newest heads. Not found unless both sizes are signed heads.
    public static func consistency(from old: Int?, to new: Int?, on db: any Database) async throws -> (from: TreeHead, to: TreeHead, proof: [Data]) {
        let heads = try await treeHeads(on: db)
        guard let first = old.map({ size in heads.first { $0.size == size } }) ?? heads.first,
              let last = new.map({ size in heads.first { $0.size == size } }) ?? heads.last,
              first.size <= last.size else { throw DomainError.notFound }
        let tree = try await tree(on: db)
        guard last.size <= tree.size else { throw DomainError.notFound }
        return (first, last, tree.consistencyProof(from: first.size, to: last.size))
    }

    /// What `birlik ledger verify` found.
    public struct Verification: Sendable {
        public var entries: Int
        public var heads: Int
        /// The first problem: the entry's leaf index (or the head's size) and what is wrong.
        public var firstProblem: String?
        public var isWhole: Bool { firstProblem == nil }
    }

    /// Recomputes every entry's leaf hash from its columns, rebuilds the tree, and checks every signed
    /// tree head's root and signature against it (with `trustedKey`, the document key's public half).
    public static func verify(trustedKey: Data, on db: any Database) async throws -> Verification {
        var tree = MerkleTree()
        var problem: String?
        var count = 0
        let batch = 10_000
        var next = 0
        // Raw rows, not models: the check reads every entry, so it reads them the cheapest way.
        let sql = db as! any SQLDatabase
        while problem == nil {
            let rows = try await sql.raw("""
                SELECT id, idx, campaign_id, kind, debit, credit, amount_tiyn, day, reference, reverses, memo, recorded_at_ms, leaf_hash
                FROM \(ident: LedgerEntryRecord.schema) WHERE idx >= \(bind: next) ORDER BY idx LIMIT \(unsafeRaw: String(batch))
                """).all()
            if rows.isEmpty { break }
            for row in rows {
                let index = try row.decode(column: "idx", as: Int.self)
                guard index == tree.size else { problem = "entry \(tree.size): missing (the next stored is \(index))"; break }
                guard let kind = LedgerEntry.Kind(rawValue: try row.decode(column: "kind", as: String.self)),
                      let day = Day(try row.decode(column: "day", as: String.self)) else {
                    problem = "entry \(index): a column does not read as a valid value"; break
                }
                let entry = LedgerEntry(index: index, id: try row.decode(column: "id", as: UUID.self), campaignID: try row.decode(column: "campaign_id", as: UUID.self),
                                        kind: kind, debit: try row.decode(column: "debit", as: String.self), credit: try row.decode(column: "credit", as: String.self),
                                        amount: Money(tiyn: try row.decode(column: "amount_tiyn", as: Int64.self)), day: day,
                                        reference: try row.decode(column: "reference", as: String.self), reverses: try row.decode(column: "reverses", as: UUID?.self),
                                        memo: try row.decode(column: "memo", as: String.self),
                                        recordedAt: Date(timeIntervalSince1970: Double(try row.decode(column: "recorded_at_ms", as: Int64.self)) / 1000))
                let hash = entry.leafHash
                guard Hashing.hex(hash) == (try row.decode(column: "leaf_hash", as: String.self)) else {
                    problem = "entry \(index) (\(entry.reference)): its contents do not match its leaf hash"; break
                }
                tree.append(leafHash: hash)
                count += 1
            }
            next = tree.size
        }
        let heads = try await TreeHeadRecord.query(on: db).sort(\.$id).all()
        var previous: TreeHead?
        for record in heads where problem == nil {
            guard let head = record.treeHead, head.size == record.id else { problem = "tree head \(record.id ?? 0): unreadable"; break }
            guard head.isSigned(by: trustedKey) else { problem = "tree head \(head.size): the signature does not verify"; break }
            guard head.size <= tree.size, Hashing.hex(tree.root(size: head.size)) == head.root else {
                problem = "tree head \(head.size): the ledger no longer gives its root"; break
            }
            if let previous, let oldRoot = Hashing.bytes(hex: previous.root), let newRoot = Hashing.bytes(hex: head.root),
               !MerkleTree.verifyConsistency(old: previous.size, new: head.size, oldRoot: oldRoot, newRoot: newRoot,
                                             proof: tree.consistencyProof(from: previous.size, to: head.size)) {
                problem = "tree head \(head.size): not consistent with tree head \(previous.size)"; break
            }
            previous = head
        }
        return Verification(entries: count, heads: heads.count, firstProblem: problem)
    }
}
