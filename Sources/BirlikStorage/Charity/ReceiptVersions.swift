import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// A row of `receipt_versions`: a re-issued receipt, never changed.
public final class ReceiptVersionRecord: Model, @unchecked Sendable {
    public static let schema = "receipt_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "version") public var version: Int
    @Field(key: "content") public var content: String

    public init() {}

    init(_ value: ReceiptVersion) { id = UUID(); number = value.number; version = value.version; content = JSONColumn.encode(value) }

    public var value: ReceiptVersion? { JSONColumn.decode(ReceiptVersion?.self, content, default: nil) }
}

/// Batch 009: receipts re-issued as versions.
struct CreateReceiptVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReceiptVersionRecord.schema)
            .id()
            .field("number", .string, .required)
            .field("version", .int, .required)
            .field("content", .string, .required)
            .unique(on: "number", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReceiptVersionRecord.schema).delete()
    }
}

extension CharityStore {
    /// Re-issues a donation's receipt with a corrected public name: a new version pointing at the one it
    /// replaces; the ledger entry, its leaf and its proof do not change. Not for a reversed donation.
    public static func reissueReceipt(_ number: String, publicName: String, reason: String, actor: Actor, on db: any Database, now: Date) async throws -> ReceiptVersion {
        let receipt = try await CharityQueries.receipt(number: number, on: db)
        try Access.require(actor, .update, .campaign, in: receipt.campaign.scope)
        guard receipt.reversedBy == nil else { throw DomainError.conflict(.charityAlreadyReversed) }
        var errors: [FieldError] = []
        let name = publicName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.count > 200 { errors.append(FieldError("publicName", .fieldTooLong, ["max": "200"])) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.count < 5 { errors.append(FieldError("reason", .fieldRequired)) }
        if name == receipt.publicName { errors.append(FieldError("publicName", .charityReissueSame)) }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let last = try await ReceiptVersionRecord.query(on: audit.db).filter(\.$number == number).max(\.$version) ?? 1
            let version = ReceiptVersion(number: number, version: last + 1, publicName: name, reason: String(reason.prefix(1000)),
                                         issuedOn: Day(now), issuedBy: actor.displayName)
            try await ReceiptVersionRecord(version).create(on: audit.db)
            try await audit.record("reissue", "receipt", id: number, before: ["version": String(last)], after: version)
            return version
        }
    }
}
