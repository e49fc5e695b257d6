import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// A row of `public_control_cases`; the recommendations are a JSON column.
public final class PublicControlRecord: Model, @unchecked Sendable {
    public static let schema = "public_control_cases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "council_id") public var councilID: UUID
    @Field(key: "object_id") public var objectID: UUID
    @Field(key: "place") public var place: String
    @Field(key: "subject") public var subject: String
    @Field(key: "planned_period") public var plannedPeriod: String
    @Field(key: "status") public var status: String
    @Field(key: "is_public") public var isPublic: Bool
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: PublicControlCase) { id = value.id; apply(value) }

    func apply(_ value: PublicControlCase) {
        number = value.number; councilID = value.councilID; objectID = value.objectID; place = value.place; subject = value.subject
        plannedPeriod = value.plannedPeriod; status = value.status.rawValue; isPublic = value.scope.isPublic
        content = JSONColumn.encode(value); version = value.version
    }

    public var value: PublicControlCase? { JSONColumn.decode(PublicControlCase?.self, content, default: nil) }
}

extension PublicControlRecord: ScopedModel {
    public static let resource = Resource.publicControl
    /// A case belongs to its council and place, and is public from its final document on.
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("place", table), organization: column("council_id", table), isPublic: "\(column("is_public", table)) = \(bind: true)")
    }
}

/// Batch 006: public control by the councils of public accord.
struct CreatePublicControl: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PublicControlRecord.schema)
            .id()
            .field("number", .string, .required)
            .field("council_id", .uuid, .required)
            .field("object_id", .uuid, .required)
            .field("place", .string, .required)
            .field("subject", .string, .required)
            .field("planned_period", .string, .required)
            .field("status", .string, .required)
            .field("is_public", .bool, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PublicControlRecord.schema).delete()
    }
}

/// Public control (seed 000 §6): the council's plan of control and each case through its terms, in
/// working days of the one calendar; the object answers in its own scope.
public enum PublicControlStore {
    /// Adds a case to the council's plan of control: `councilCode` and `objectCode` are registry codes.
    public static func plan(councilCode: String, objectCode: String, subject: String, period: String, actor: Actor,
                            on db: any Database, now: Date) async throws -> PublicControlCase {
        let ids = try await OrganizationQueries.ids(codes: [councilCode, objectCode].filter { !$0.isEmpty }, on: db)
        var errors: [FieldError] = []
        var council: OrganizationRecord?
        if let id = ids[councilCode] { council = try await OrganizationRecord.find(id, on: db) }
        if council == nil || council?.type != OrganizationType.publicAccordCouncil.rawValue {
            errors.append(FieldError("councilCode", .controlNotCouncil))
        }
        if ids[objectCode] == nil { errors.append(FieldError("objectCode", .fieldUnknownOrganization)) }
        let subject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        if subject.isEmpty { errors.append(FieldError("subject", .fieldRequired)) }
        if subject.count > 1000 { errors.append(FieldError("subject", .fieldTooLong, ["max": "1000"])) }
        let quarter = Period(period)
        if quarter?.kind != .quarter { errors.append(FieldError("period", .importUnknownPeriod)) }
        guard errors.isEmpty, let council, let councilID = council.id, let objectID = ids[objectCode], let quarter else { throw DomainError.invalid(errors) }
        try Access.require(actor, .create, .publicControl, in: Scope(organizationID: councilID, regionCode: council.regionCode, isPublic: false))
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let sql = audit.db as! any SQLDatabase
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: PublicControlRecord.schema)").first()?.decode(column: "n", as: Int.self) ?? 0
            let value = PublicControlCase(number: String(format: "PC-%04d-%04d", Day(now).year, count + 1), councilID: councilID, objectID: objectID,
                                          place: council.regionCode, subject: subject, plannedPeriod: quarter.description)
            try await PublicControlRecord(value).create(on: audit.db)
            try await audit.record("create", "publicControl", id: value.id.uuidString, before: Nothing?.none, after: value)
            return value
        }
    }

    /// A step: the council's in its scope, the object's answer in the object's.
    public static func apply(_ step: PublicControlStep, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> PublicControlCase {
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await PublicControlRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            guard Access.check(actor, .view, .publicControl, in: before.scope) == .allowed
                    || Access.check(actor, .update, .publicControl, in: before.objectScope) == .allowed else {
                throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
            }
            if case .answer = step {
                try Access.require(actor, .update, .publicControl, in: before.objectScope)
            } else {
                try Access.require(actor, .approve, .publicControl, in: before.scope)
            }
            guard before.version == version else { throw DomainError.staleVersion }
            let after = try before.applying(step, today: Day(now), calendar: calendar)
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record(step.action, "publicControl", id: id.uuidString, before: before, after: after)
            if case .finalDocument = step {
                try await Notifications.notify(organization: after.objectID, kind: "control", key: .controlNotifyFinalDocument,
                                               arguments: ["number": after.number, "date": after.answerDue?.dotted ?? ""],
                                               link: "/public-control/\(id.uuidString)", dedupe: "control:final:\(id.uuidString)", now: now, on: audit.db)
            }
            return after
        }
    }
}

/// Reading public control through the one scoping rule.
public enum PublicControlQueries {
    public static func list(actor: Actor, on db: any Database) async throws -> [PublicControlCase] {
        try await PublicControlRecord.query(on: db).visible(to: actor).sort(\.$number, .descending).limit(500).all().compactMap(\.value)
    }

    public static func find(_ id: UUID, actor: Actor, on db: any Database) async throws -> PublicControlCase {
        guard let value = try await PublicControlRecord.find(id, on: db)?.value,
              Access.check(actor, .view, .publicControl, in: value.scope) == .allowed
                || Access.check(actor, .update, .publicControl, in: value.objectScope) == .allowed else {
            throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        return value
    }
}
