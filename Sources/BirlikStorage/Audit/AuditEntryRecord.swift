import BirlikCore
import FluentKit
import Foundation

/// A row of `audit_log`. Rows are only ever inserted.
public final class AuditEntryRecord: Model, @unchecked Sendable {
    public static let schema = "audit_log"

    @ID(custom: "sequence", generatedBy: .user) public var id: Int?
    @Field(key: "at") public var at: String
    @Field(key: "actor_id") public var actorID: String
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "action") public var action: String
    @Field(key: "entity_type") public var entityType: String
    @Field(key: "entity_id") public var entityID: String
    @OptionalField(key: "before") public var before: String?
    @OptionalField(key: "after") public var after: String?
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    public init(_ entry: AuditEntry) {
        id = entry.sequence
        at = entry.at
        actorID = entry.actorID
        actorName = entry.actorName
        action = entry.action
        entityType = entry.entityType
        entityID = entry.entityID
        before = entry.before
        after = entry.after
        previousHash = entry.previousHash
        hash = entry.hash
    }

    public var entry: AuditEntry {
        AuditEntry(sequence: id ?? 0, at: at, actorID: actorID, actorName: actorName, action: action,
                   entityType: entityType, entityID: entityID, before: before, after: after,
                   previousHash: previousHash, hash: hash)
    }
}

/// The single row of `audit_head`: the last sequence number and hash, so that lines cut from the end
/// of the log are noticed.
public final class AuditHeadRecord: Model, @unchecked Sendable {
    public static let schema = "audit_head"

    @ID(custom: "id", generatedBy: .user) public var id: Int?
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "hash") public var hash: String

    public init() {}

    public init(sequence: Int, hash: String) {
        id = 1
        self.sequence = sequence
        self.hash = hash
    }
}
