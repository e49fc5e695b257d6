import BirlikCore
import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// A row of `charity_campaigns`.
public final class CampaignRecord: Model, @unchecked Sendable {
    public static let schema = "charity_campaigns"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "year") public var year: Int
    @Field(key: "organizer_id") public var organizerID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "purpose") public var purpose: String
    @Field(key: "beneficiary_category") public var beneficiaryCategory: String
    @Field(key: "region") public var region: String
    @Field(key: "goal_tiyn") public var goalTiyn: Int64
    @Field(key: "starts_on") public var startsOn: String
    @Field(key: "ends_on") public var endsOn: String
    @OptionalField(key: "parent_id") public var parentID: UUID?
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Campaign) { id = value.id; apply(value) }

    func apply(_ value: Campaign) {
        code = value.code; year = value.startsOn.year; organizerID = value.organizerID; title = value.title; purpose = value.purpose
        beneficiaryCategory = value.beneficiaryCategory; region = value.region; goalTiyn = value.goal.tiyn
        startsOn = value.startsOn.description; endsOn = value.endsOn.description; parentID = value.parentID; version = value.version
    }

    public var campaign: Campaign {
        Campaign(id: id ?? UUID(), code: code, organizerID: organizerID, title: title, purpose: purpose, beneficiaryCategory: beneficiaryCategory,
                 region: region, goal: Money(tiyn: goalTiyn), startsOn: Day(startsOn) ?? Day(year: year, month: 1, day: 1),
                 endsOn: Day(endsOn) ?? Day(year: year, month: 12, day: 31), parentID: parentID, version: version)
    }
}

/// A row of `ledger_entries`: append-only. `idx` is the entry's leaf index in the Merkle tree log and
/// `leaf_hash` the hash of its canonical bytes, checked by `birlik ledger verify`.
public final class LedgerEntryRecord: Model, @unchecked Sendable {
    public static let schema = "ledger_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "idx") public var index: Int
    @Field(key: "campaign_id") public var campaignID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "debit") public var debit: String
    @Field(key: "credit") public var credit: String
    @Field(key: "amount_tiyn") public var amountTiyn: Int64
    @Field(key: "day") public var day: String
    @Field(key: "reference") public var reference: String
    @OptionalField(key: "reverses") public var reverses: UUID?
    @Field(key: "memo") public var memo: String
    @Field(key: "recorded_at_ms") public var recordedAtMilliseconds: Int64
    @Field(key: "leaf_hash") public var leafHash: String

    public init() {}

    init(_ entry: LedgerEntry) {
        id = entry.id; index = entry.index; campaignID = entry.campaignID; kind = entry.kind.rawValue; debit = entry.debit; credit = entry.credit
        amountTiyn = entry.amount.tiyn; day = entry.day.description; reference = entry.reference; reverses = entry.reverses; memo = entry.memo
        recordedAtMilliseconds = Int64((entry.recordedAt.timeIntervalSince1970 * 1000).rounded()); leafHash = Hashing.hex(entry.leafHash)
    }

    /// The entry as stored; `nil` when a column no longer reads as a valid value (a tampered row).
    public var entry: LedgerEntry? {
        guard let id, let kind = LedgerEntry.Kind(rawValue: kind), let day = Day(day) else { return nil }
        return LedgerEntry(index: index, id: id, campaignID: campaignID, kind: kind, debit: debit, credit: credit, amount: Money(tiyn: amountTiyn),
                           day: day, reference: reference, reverses: reverses, memo: memo,
                           recordedAt: Date(timeIntervalSince1970: Double(recordedAtMilliseconds) / 1000))
    }
}

/// A row of `ledger_tree_heads`: a signed tree head, keyed by the tree's size.
public final class TreeHeadRecord: Model, @unchecked Sendable {
    public static let schema = "ledger_tree_heads"

    @ID(custom: "size", generatedBy: .user) public var id: Int?
    @Field(key: "head") public var head: String

    public init() {}

    init(_ head: TreeHead) { id = head.size; self.head = JSONColumn.encode(head) }

    public var treeHead: TreeHead? { JSONColumn.decode(TreeHead?.self, head, default: nil) }
}

/// The ledger's Merkle tree as the database holds it, kept in memory beside the database (in its
/// `AuditGate`) and brought up to date from the rows appended since.
final class LedgerTreeCache: Sendable {
    private let tree = NIOLockedValueBox(MerkleTree())

    /// The tree of every committed entry.
    func current(on db: any Database) async throws -> MerkleTree {
        let sql = db as! any SQLDatabase
        while true {
            let cached = tree.withLockedValue { $0 }
            // Only the hashes, raw, a chunk at a time: the first read of a large ledger stays small.
            let newer = try await sql.raw("""
                SELECT leaf_hash FROM \(ident: LedgerEntryRecord.schema) WHERE idx >= \(bind: cached.size) ORDER BY idx LIMIT 100000
                """).all().map { try $0.decode(column: "leaf_hash", as: String.self) }
            guard !newer.isEmpty else { return cached }
            tree.withLockedValue { tree in
                // Another reader may have brought it further meanwhile; append only what is still missing.
                for (offset, hex) in newer.enumerated() where cached.size + offset == tree.size {
                    tree.append(leafHash: Hashing.bytes(hex: hex) ?? Data())
                }
            }
        }
    }
}

/// Batch 008: the charity ledger (S8): campaigns, the append-only ledger, the signed tree heads.
struct CreateCharityLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CampaignRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("year", .int, .required)
            .field("organizer_id", .uuid, .required)
            .field("title", .string, .required)
            .field("purpose", .string, .required)
            .field("beneficiary_category", .string, .required)
            .field("region", .string, .required)
            .field("goal_tiyn", .int64, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("parent_id", .uuid)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(LedgerEntryRecord.schema)
            .id()
            .field("idx", .int, .required)
            .field("campaign_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("debit", .string, .required)
            .field("credit", .string, .required)
            .field("amount_tiyn", .int64, .required)
            .field("day", .string, .required)
            .field("reference", .string, .required)
            .field("reverses", .uuid)
            .field("memo", .string, .required)
            .field("recorded_at_ms", .int64, .required)
            .field("leaf_hash", .string, .required)
            .unique(on: "idx")
            .create()
        try await database.schema(TreeHeadRecord.schema)
            .field("size", .int, .identifier(auto: false))
            .field("head", .string, .required)
            .create()
        try await database.schema(DonorRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("lookup", .string, .required)
            .field("sealed", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "ledger_entries_campaign_idx").on(LedgerEntryRecord.schema).column("campaign_id").run()
        try await sql.create(index: "ledger_entries_reference_idx").on(LedgerEntryRecord.schema).column("reference").run()
        try await sql.create(index: "charity_donors_lookup_idx").on(DonorRecord.schema).column("lookup").run()
        try await sql.create(index: "ledger_entries_reverses_idx").on(LedgerEntryRecord.schema).column("reverses").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DonorRecord.schema).delete()
        try await database.schema(TreeHeadRecord.schema).delete()
        try await database.schema(LedgerEntryRecord.schema).delete()
        try await database.schema(CampaignRecord.schema).delete()
    }
}
