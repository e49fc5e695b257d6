import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Approval of a data set's values for a place and period, level by level up the region tree
/// (district → region → republic), as DHIS2's data approval does. Any approval locks the values
/// for entry and import; an approval is removed only with a reason, and only from the top down.
public enum ApprovalStore {
    /// The levels that approve values of `place`: the place itself, then each ancestor up to the republic.
    public static func levels(for place: String) -> [String] {
        var chain = [place]
        var code = place
        while let dash = code.lastIndex(of: "-") {
            code = String(code[..<dash])
            chain.append(code)
        }
        if chain.last != RegionCode.republic { chain.append(RegionCode.republic) }
        return chain
    }

    /// The approved levels of each (data set, place, period); with `actor`, only of the places the actor
    /// may see (through the one scoping rule), without one, of every place (the entry lock).
    public static func approvals(dataSet: String?, period: Period?, actor: Actor? = nil, on db: any Database) async throws -> [String: [String]] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var query = SQLQueryString("SELECT data_set, place, period, level FROM \(unsafeRaw: ValueTable.approvals) WHERE 1 = 1")
        if let actor {
            query.appendLiteral(" AND ")
            query.appendInterpolation(ScopeFilter.condition(Access.visibility(actor, .statistics), ScopeColumns(place: "place")))
        }
        if let dataSet { query.appendLiteral(" AND data_set = "); query.appendInterpolation(bind: dataSet) }
        if let period { query.appendLiteral(" AND period = "); query.appendInterpolation(bind: period.description) }
        var result: [String: [String]] = [:]
        for row in try await sql.raw(query).all() {
            let key = "\(try row.decode(column: "data_set", as: String.self))|\(try row.decode(column: "place", as: String.self))|\(try row.decode(column: "period", as: String.self))"
            result[key, default: []].append(try row.decode(column: "level", as: String.self))
        }
        return result
    }

    /// Keys `dataSet|place|period` that are locked for entry.
    public static func lockedKeys(on db: any Database) async throws -> Set<String> {
        Set(try await approvals(dataSet: nil, period: nil, on: db).keys)
    }

    /// Approves at `level`; the levels below must have approved already.
    public static func approve(dataSet: String, place: String, period: Period, level: String, actor: Actor,
                               on db: any Database, now: Date) async throws {
        try await change(dataSet: dataSet, place: place, period: period, level: level, approve: true, reason: "", actor: actor, on: db, now: now)
    }

    /// Removes the approval at `level`, giving a reason; no level above may still approve.
    public static func unapprove(dataSet: String, place: String, period: Period, level: String, reason: String, actor: Actor,
                                 on db: any Database, now: Date) async throws {
        try await change(dataSet: dataSet, place: place, period: period, level: level, approve: false, reason: reason, actor: actor, on: db, now: now)
    }

    struct Change: Codable, Sendable {
        var dataSet: String
        var place: String
        var period: String
        var level: String
        var reason: String?
    }

    private static func change(dataSet: String, place: String, period: Period, level: String, approve: Bool, reason: String, actor: Actor,
                               on db: any Database, now: Date) async throws {
        guard StatisticsCatalog.shared.dataSet(dataSet) != nil else { throw DomainError.notFound }
        let chain = levels(for: place)
        guard let position = chain.firstIndex(of: level) else { throw DomainError.notFound }
        try Access.require(actor, .approve, .statistics, in: Scope(organizationID: nil, regionCode: level, isPublic: false))
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if !approve, reason.isEmpty { throw DomainError.invalid([FieldError("reason", .errorCommentRequired)]) }
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let sql = audit.db as! any SQLDatabase
            let approved = try await approvals(dataSet: dataSet, period: period, on: audit.db)["\(dataSet)|\(place)|\(period)"] ?? []
            if approve {
                guard !approved.contains(level) else { throw DomainError.conflict(.approvalAlready) }
                guard chain[..<position].allSatisfy(approved.contains) else { throw DomainError.conflict(.approvalNeedsLower) }
                let elements = StatisticsCatalog.shared.dataSet(dataSet)?.elements ?? []
                let count = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: ValueTable.values) WHERE place = \(bind: place) AND period = \(bind: period.description) AND element IN (\(binds: elements))")
                    .first()?.decode(column: "n", as: Int.self) ?? 0
                guard count > 0 else { throw DomainError.conflict(.approvalNoValues) }
                try await sql.insert(into: ValueTable.approvals)
                    .columns("id", "data_set", "place", "period", "level", "approved_by", "approved_at")
                    .values(SQLBind(UUID()), SQLBind(dataSet), SQLBind(place), SQLBind(period.description), SQLBind(level),
                            SQLBind(actor.displayName), SQLBind(now))
                    .run()
            } else {
                guard approved.contains(level) else { throw DomainError.conflict(.approvalNotApproved) }
                guard !chain[(position + 1)...].contains(where: approved.contains) else { throw DomainError.conflict(.approvalHigherApproved) }
                try await sql.raw("DELETE FROM \(unsafeRaw: ValueTable.approvals) WHERE data_set = \(bind: dataSet) AND place = \(bind: place) AND period = \(bind: period.description) AND level = \(bind: level)").run()
            }
            try await audit.record(approve ? "approve" : "unapprove", "values", id: "\(dataSet)|\(place)|\(period)",
                                   before: Nothing?.none,
                                   after: Change(dataSet: dataSet, place: place, period: period.description, level: level, reason: approve ? nil : reason))
        }
    }
}
