import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// The register of signals: entry, verification in the review queue (one by one or in batches), the
/// response, and publishing a month's aggregate for the public. Every change re-runs the alert rules
/// for the month and region it touches, in the same transaction.
public enum SignalStore {
    public static func create(_ draft: SignalDraft, actor: Actor, today: Day, on db: any Database, now: Date) async throws -> Signal {
        var signal = try draft.validated(id: UUID(), today: today, reportedBy: actor.displayName, organizationID: actor.organizationID)
        try Access.require(actor, .create, .signal, in: Scope(organizationID: nil, regionCode: signal.place, isPublic: false))
        signal.isDemo = false
        let created = signal
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            try await insert(created, audit: audit)
            return created
        }
    }

    /// Writes a new signal inside an audited change and re-runs the alert rules it touches.
    static func insert(_ signal: Signal, audit: AuditWriter) async throws {
        try await SignalRecord(signal).create(on: audit.db)
        try await audit.record("create", "signal", id: signal.id.uuidString, before: Nothing?.none, after: signal)
        try await AlertEngine.evaluate(places: [signal.place], months: [signal.month], audit: audit, now: audit.now)
    }

    /// Verifies or rejects the reported signals `ids`; returns how many changed.
    public static func review(_ ids: [UUID], verify: Bool, note: String, actor: Actor, on db: any Database, now: Date) async throws -> Int {
        guard !ids.isEmpty else { throw DomainError.invalid([FieldError("ids", .signalsNoneSelected)]) }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let records = try await SignalRecord.query(on: audit.db).filter(\.$id ~~ ids).all()
            guard records.count == Set(ids).count else { throw DomainError.notFound }
            var touched: [(String, Period)] = []
            for record in records {
                let before = record.signal
                try Access.require(actor, .approve, .signal, in: before.scope)
                guard before.status == .reported else { throw DomainError.conflict(.errorTransition) }
                var after = before
                after.status = verify ? .verified : .rejected
                after.reviewNote = note.trimmingCharacters(in: .whitespacesAndNewlines)
                after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record(verify ? "verify" : "reject", "signal", id: before.id.uuidString, before: before, after: after)
                touched.append((after.place, after.month))
            }
            try await AlertEngine.evaluate(places: touched.map(\.0), months: touched.map(\.1), audit: audit, now: now)
            return records.count
        }
    }

    /// The response to a signal: who acts, what is done, by when, with what outcome.
    public struct Response: Sendable, Codable, Hashable {
        public var responsibleCode: String
        public var measures: String
        public var deadline: String
        public var outcome: String
        public var version: Int

        public init(responsibleCode: String = "", measures: String = "", deadline: String = "", outcome: String = "", version: Int = 0) {
            self.responsibleCode = responsibleCode; self.measures = measures; self.deadline = deadline; self.outcome = outcome; self.version = version
        }
    }

    public static func respond(_ id: UUID, _ response: Response, actor: Actor, on db: any Database, now: Date) async throws -> Signal {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await SignalRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.signal
            guard Access.check(actor, .view, .signal, in: before.scope) == .allowed else { throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired }
            try Access.require(actor, .update, .signal, in: before.scope)
            guard response.version == before.version else { throw DomainError.staleVersion }
            var after = before
            var errors: [FieldError] = []
            let code = response.responsibleCode.trimmingCharacters(in: .whitespaces)
            if code.isEmpty {
                after.responsibleID = nil
            } else if let organization = try await OrganizationQueries.ids(codes: [code], on: audit.db)[code] {
                after.responsibleID = organization
            } else {
                errors.append(FieldError("responsibleCode", .fieldUnknownOrganization))
            }
            if after.responsibleID != before.responsibleID {
                try Access.require(actor, .approve, .signal, in: before.scope)
            }
            let deadline = response.deadline.trimmingCharacters(in: .whitespaces)
            after.deadline = deadline.isEmpty ? nil : Day(deadline)
            if !deadline.isEmpty, after.deadline == nil { errors.append(FieldError("deadline", .fieldDate)) }
            after.measures = response.measures.trimmingCharacters(in: .whitespacesAndNewlines)
            after.outcome = response.outcome.trimmingCharacters(in: .whitespacesAndNewlines)
            if after.measures.count > 10_000 { errors.append(FieldError("measures", .fieldTooLong, ["max": "10000"])) }
            if after.outcome.count > 10_000 { errors.append(FieldError("outcome", .fieldTooLong, ["max": "10000"])) }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("respond", "signal", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    struct Publication: Codable, Sendable { var month: String }

    /// Makes the month's regional signal counts public.
    public static func publish(month: Period, actor: Actor, on db: any Database, now: Date) async throws {
        try Access.require(actor, .publish, .signal, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false))
        guard month.kind == .month else { throw DomainError.invalid([FieldError("month", .importUnknownPeriod)]) }
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let sql = audit.db as! any SQLDatabase
            let exists = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: ValueTable.publications) WHERE month = \(bind: month.description)").first()?
                .decode(column: "n", as: Int.self) ?? 0
            guard exists == 0 else { throw DomainError.conflict(.approvalAlready) }
            try await sql.insert(into: ValueTable.publications).columns("id", "month", "published_by", "published_at")
                .values(SQLBind(UUID()), SQLBind(month.description), SQLBind(actor.displayName), SQLBind(now)).run()
            try await audit.record("publish", "signals", id: month.description, before: Nothing?.none, after: Publication(month: month.description))
        }
    }
}
