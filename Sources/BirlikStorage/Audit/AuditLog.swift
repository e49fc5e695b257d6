import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// **The** audit write of Birlik. Every change runs through `write`, which opens one transaction,
/// holds the log's lock, and lets the change record itself with `AuditWriter.record`.
public enum AuditLog {
    /// Runs `body` in one transaction; everything it records is chained into the log, or nothing is.
    /// Writes are serialised by the database's `AuditGate`: never call `write` from inside another `write`.
    public static func write<T: Sendable>(on db: any Database, actor: Actor, now: Date,
                                          _ body: @escaping @Sendable (AuditWriter) async throws -> T) async throws -> T {
        let gate = try AuditGate.of(db)
        defer { gate.countCommit() }
        return try await gate.lock.withLock {
            try await db.transaction { tx in
                if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                    try await sql.raw("SELECT pg_advisory_xact_lock(4242001)").run()
                }
                let head = try await AuditHeadRecord.find(1, on: tx)
                let writer = AuditWriter(db: tx, actor: actor, now: now,
                                         sequence: head?.sequence ?? 0, hash: head?.hash ?? AuditEntry.genesisHash)
                let result = try await body(writer)
                try await writer.saveHead(existing: head)
                return result
            }
        }
    }

    /// Checks the whole chain and the recorded head.
    public static func verify(on db: any Database) async throws -> AuditChain.Report {
        let entries = try await AuditEntryRecord.query(on: db).sort(\.$id).all().map(\.entry)
        let head = try await AuditHeadRecord.find(1, on: db)
        return AuditChain.verify(entries, head: head.map { ($0.sequence, $0.hash) } ?? (0, AuditEntry.genesisHash))
    }

    /// A filter of the admin page.
    public struct Filter: Sendable {
        public var entityType: String?
        public var action: String?
        public var actor: String?
        public var entityID: String?

        public init(entityType: String? = nil, action: String? = nil, actor: String? = nil, entityID: String? = nil) {
            self.entityType = entityType
            self.action = action
            self.actor = actor
            self.entityID = entityID
        }
    }

    /// Entries matching `filter`, newest first.
    public static func list(_ filter: Filter, page: Int, perPage: Int = 50, on db: any Database) async throws -> Page<AuditEntry> {
        let query = AuditEntryRecord.query(on: db)
        if let type = filter.entityType, !type.isEmpty { query.filter(\.$entityType == type) }
        if let action = filter.action, !action.isEmpty { query.filter(\.$action == action) }
        if let actor = filter.actor, !actor.isEmpty { query.filter("actor_name", containsLiterally: actor) }
        if let entityID = filter.entityID, !entityID.isEmpty { query.filter(\.$entityID == entityID) }
        let total = try await query.count()
        let rows = try await query.sort(\.$id, .descending).range(Page<AuditEntry>.rows(page: page, perPage: perPage)).all()
        return Page(items: rows.map(\.entry), page: page, perPage: perPage, total: total)
    }

    /// The kinds of record the log has entries for.
    public static func entityTypes(on db: any Database) async throws -> [String] {
        try await AuditEntryRecord.query(on: db).unique().all(\.$entityType).sorted()
    }
}

/// Records the changes of one audited transaction.
public final class AuditWriter: @unchecked Sendable {
    /// The transaction: every read and write of the change goes through it.
    public let db: any Database
    public let actor: Actor
    public let now: Date
    private var sequence: Int
    private var hash: String
    private var wrote = false

    init(db: any Database, actor: Actor, now: Date, sequence: Int, hash: String) {
        self.db = db
        self.actor = actor
        self.now = now
        self.sequence = sequence
        self.hash = hash
    }

    /// Appends one entry: `before` and `after` are the record's state (any `Encodable`), `nil` where absent.
    public func record<Before: Encodable, After: Encodable>(_ action: String, _ entityType: String, id entityID: String,
                                                            before: Before?, after: After?) async throws {
        var beforeJSON: String?
        if let before { beforeJSON = AuditEntry.canonicalJSON(before) }
        var afterJSON: String?
        if let after { afterJSON = AuditEntry.canonicalJSON(after) }
        let entry = AuditEntry.next(previousSequence: sequence, previousHash: hash, at: now, actor: actor, action: action,
                                    entityType: entityType, entityID: entityID, before: beforeJSON, after: afterJSON)
        try await AuditEntryRecord(entry).create(on: db)
        sequence = entry.sequence
        hash = entry.hash
        wrote = true
    }

    /// Appends many entries with the same chain, inserted in batches (bulk generation of data).
    public func recordMany(_ items: [(action: String, entityType: String, entityID: String, after: String)]) async throws {
        var batch: [AuditEntryRecord] = []
        for item in items {
            let entry = AuditEntry.next(previousSequence: sequence, previousHash: hash, at: now, actor: actor, action: item.action,
                                        entityType: item.entityType, entityID: item.entityID, before: nil, after: item.after)
            batch.append(AuditEntryRecord(entry))
            sequence = entry.sequence
            hash = entry.hash
            if batch.count == 500 {
                try await batch.create(on: db)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await batch.create(on: db) }
        if !items.isEmpty { wrote = true }
    }

    func saveHead(existing: AuditHeadRecord?) async throws {
        guard wrote else { return }
        if let existing {
            existing.sequence = sequence
            existing.hash = hash
            try await existing.update(on: db)
        } else {
            try await AuditHeadRecord(sequence: sequence, hash: hash).create(on: db)
        }
    }
}

/// A value with no content, for the absent side of a create or delete.
public struct Nothing: Encodable, Sendable {}
