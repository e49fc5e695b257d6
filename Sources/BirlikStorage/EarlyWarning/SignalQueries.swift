import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Reading the register of signals, the risk index and the alerts, always through the permission check.
public enum SignalQueries {
    public struct Filter: Sendable, Hashable {
        public var status: Signal.Status?
        public var region: String?
        public var month: Period?
        public var limit: Int
        public init(status: Signal.Status? = nil, region: String? = nil, month: Period? = nil, limit: Int = 500) {
            self.status = status; self.region = region; self.month = month; self.limit = limit
        }
    }

    /// The signals `actor` may see (`nil` when none at all: the list answers 403 then, not an empty page).
    static func visible(_ query: QueryBuilder<SignalRecord>, actor: Actor) -> QueryBuilder<SignalRecord>? {
        let visibility = Access.visibility(actor, .signal)
        if visibility == .nothing || visibility == .publicAnd(regions: [], organizations: []) { return nil }
        return query.visible(to: actor)
    }

    public static func list(_ filter: Filter, actor: Actor, on db: any Database) async throws -> [Signal] {
        guard let query = visible(SignalRecord.query(on: db), actor: actor) else {
            throw actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired
        }
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if let region = filter.region { query.filter(\.$region == region) }
        if let month = filter.month { query.filter(\.$month == month.description) }
        return try await query.sort(\.$date, .descending).sort(\.$severity, .descending).limit(filter.limit).all().map(\.signal)
    }

    public static func find(_ id: UUID, actor: Actor, on db: any Database) async throws -> Signal {
        guard let signal = try await SignalRecord.find(id, on: db)?.signal,
              Access.check(actor, .view, .signal, in: signal.scope) == .allowed else {
            throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        return signal
    }

    /// How many signals wait in the actor's review queue.
    public static func waitingForReview(actor: Actor, on db: any Database) async throws -> Int {
        guard let query = visible(SignalRecord.query(on: db), actor: actor) else { return 0 }
        return try await query.filter(\.$status == Signal.Status.reported.rawValue).count()
    }

    /// Months whose regional counts the public may see.
    public static func publishedMonths(on db: any Database) async throws -> [Period] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw("SELECT month FROM \(unsafeRaw: ValueTable.publications) ORDER BY month DESC").all()
            .compactMap { Period(try $0.decode(column: "month", as: String.self)) }
    }

    /// Signal counts (not rejected) by region for a month: aggregates only, for the public once published.
    public static func counts(month: Period, on db: any Database) async throws -> [String: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var counts: [String: Int] = [:]
        for row in try await sql.raw("SELECT region, COUNT(*) AS n FROM signals WHERE month = \(bind: month.description) AND status <> 'rejected' GROUP BY region").all() {
            counts[try row.decode(column: "region", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}

/// The risk index, from the signals (S) and the survey indicator (G), computed on read.
public enum RiskQueries {
    /// Monthly loads S of `regions` (all when `nil`) from `first` through `last`.
    static func loads(regions: [String]?, from first: Period, through last: Period, on db: any Database) async throws -> [String: [Period: Double]] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var query = SQLQueryString("SELECT region, month, SUM(severity * CASE status WHEN 'verified' THEN 1.0 WHEN 'reported' THEN 0.5 ELSE 0.0 END) AS s FROM signals WHERE month >= ")
        query.appendInterpolation(bind: first.description)
        query.appendLiteral(" AND month <= ")
        query.appendInterpolation(bind: last.description)
        if let regions { query.appendLiteral(" AND region IN ("); query.appendInterpolation(binds: regions.isEmpty ? [""] : regions); query.appendLiteral(")") }
        query.appendLiteral(" GROUP BY region, month")
        var loads: [String: [Period: Double]] = [:]
        for row in try await sql.raw(query).all() {
            guard let month = Period(try row.decode(column: "month", as: String.self)) else { continue }
            loads[try row.decode(column: "region", as: String.self), default: [:]][month] = try row.decode(column: "s", as: Double.self)
        }
        return loads
    }

    /// The latest survey share G of each region up to `year`.
    static func survey(upTo year: Int, on db: any Database) async throws -> [String: Double] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var shares: [String: (Int, Double)] = [:]
        for row in try await sql.raw("SELECT place, year, value FROM data_values WHERE element = 'survey.relations-good' AND year <= \(bind: year) AND category = ''").all() {
            let place = try row.decode(column: "place", as: String.self)
            let rowYear = try row.decode(column: "year", as: Int.self)
            if (shares[place]?.0 ?? 0) < rowYear { shares[place] = (rowYear, try row.decode(column: "value", as: Double.self)) }
        }
        return shares.mapValues(\.1)
    }

    static func baselineStart(_ month: Period) -> Period {
        var first = month
        for _ in 0..<RiskIndex.baselineMonths { first = first.previous }
        return first
    }

    static func index(region: String, month: Period, on db: any Database) async throws -> RiskIndex {
        let loads = try await loads(regions: [region], from: baselineStart(month), through: month, on: db)[region] ?? [:]
        return RiskIndex.compute(place: region, month: month, loads: loads, survey: try await survey(upTo: month.year, on: db)[region])
    }

    /// The index of every region the actor may see, for `month`.
    public static func indices(month: Period, actor: Actor, on db: any Database) async throws -> [RiskIndex] {
        let visible = ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }
            .filter { Access.check(actor, .view, .signal, in: Scope(organizationID: nil, regionCode: $0.code, isPublic: false)) == .allowed }
            .map(\.code)
        guard !visible.isEmpty else { throw actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let loads = try await loads(regions: visible, from: baselineStart(month), through: month, on: db)
        let surveys = try await survey(upTo: month.year, on: db)
        return visible.map { RiskIndex.compute(place: $0, month: month, loads: loads[$0] ?? [:], survey: surveys[$0]) }
    }

    /// The monthly load S of each visible region over `months` months ending with `last`, for the time series.
    public static func series(through last: Period, months: Int, actor: Actor, on db: any Database) async throws -> [String: [Period: Double]] {
        var first = last
        for _ in 1..<months { first = first.previous }
        let visible = ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }
            .filter { Access.check(actor, .view, .signal, in: Scope(organizationID: nil, regionCode: $0.code, isPublic: false)) == .allowed }
            .map(\.code)
        return try await loads(regions: visible, from: first, through: last, on: db)
    }
}

/// Reading alerts.
public enum AlertQueries {
    public static func list(openOnly: Bool, actor: Actor, on db: any Database) async throws -> [Alert] {
        let query = AlertRecord.query(on: db).visible(to: actor)
        if openOnly { query.filter(\.$status != Alert.Status.closed.rawValue) }
        return try await query.sort(\.$raisedAt, .descending).limit(500).all().map(\.alert)
    }

    public static func find(_ id: UUID, actor: Actor, on db: any Database) async throws -> Alert {
        guard let alert = try await AlertRecord.find(id, on: db)?.alert, Access.check(actor, .view, .alert, in: alert.scope) == .allowed else {
            throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        return alert
    }
}
