import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// The control figures, computed from the report rows at the moment they are asked for: one SQL
/// aggregate per view, no analytics tables, so a figure is fresh as soon as a report is accepted.
/// Definitions: `Rates` and docs/monitoring.md.
public enum DashboardQueries {
    /// What the figures are grouped by.
    public enum Grouping: String, Sendable, CaseIterable {
        case none
        /// The region (or district) of the executor: figures by territory.
        case territory
        case executor
        case plan
        case year
        case measure
    }

    /// Which reports count.
    public struct Filter: Sendable, Hashable {
        /// Reports due before this day are expected (and any report already submitted or accepted).
        public var asOf: Day
        public var year: Int?
        /// Executors within this region subtree.
        public var regionCode: String?
        public var planID: UUID?
        public var executorID: UUID?
        /// Only these measures' reports: the rows a list shows, read through the reports' index on the
        /// measure rather than by a scan of every report.
        public var measureIDs: [UUID]?

        public init(asOf: Day, year: Int? = nil, regionCode: String? = nil, planID: UUID? = nil, executorID: UUID? = nil,
                    measureIDs: [UUID]? = nil) {
            self.asOf = asOf; self.year = year; self.regionCode = regionCode; self.planID = planID
            self.executorID = executorID; self.measureIDs = measureIDs
        }
    }

    /// The figures of the reports `actor` may see, grouped; keys are region codes, ids or years as text
    /// (`""` for `.none`).
    public static func rates(by grouping: Grouping, _ filter: Filter, actor: Actor, on db: any Database) async throws -> [String: Rates] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let key: String
        switch grouping {
        case .none: key = "''"
        case .territory: key = "r.executor_region"
        case .executor: key = "r.executor_id"
        case .plan: key = "r.plan_id"
        case .year: key = "r.period_year"
        case .measure: key = "r.measure_id"
        }
        var query = figures(key: key, filter, actor: actor)
        if grouping != .none { query.appendInterpolation(unsafeRaw: " GROUP BY \(key)") }
        var result: [String: Rates] = [:]
        for row in try await sql.raw(query).all() {
            let name: String
            switch grouping {
            case .none: name = ""
            case .territory: name = try row.decode(column: "k", as: String.self)
            case .executor, .plan, .measure: name = try row.decode(column: "k", as: UUID.self).uuidString
            case .year: name = String(try row.decode(column: "k", as: Int.self))
            }
            result[name] = Rates(expected: try row.decode(column: "expected", as: Int.self), accepted: try row.decode(column: "accepted", as: Int.self),
                                 onTime: try row.decode(column: "on_time", as: Int.self), overdue: try row.decode(column: "overdue", as: Int.self),
                                 scoreSum: try row.decode(column: "score_sum", as: Double.self),
                                 leadExpected: try row.decode(column: "lead_expected", as: Int.self))
        }
        return result
    }

    /// `SELECT <key> AS k, <the figures> FROM reports r WHERE <expected, filter and permission>`, to be grouped.
    static func figures(key: String, _ filter: Filter, actor: Actor) -> SQLQueryString {
        var query = SQLQueryString("SELECT \(unsafeRaw: key) AS k, CAST(COUNT(*) AS BIGINT) AS expected, ")
        query.appendInterpolation(unsafeRaw: """
            CAST(COALESCE(SUM(CASE WHEN r.status = 'accepted' THEN 1 ELSE 0 END), 0) AS BIGINT) AS accepted, \
            CAST(COALESCE(SUM(r.on_time), 0) AS BIGINT) AS on_time, \
            CAST(COALESCE(SUM(CASE WHEN r.status IN ('notStarted', 'draft', 'returned') THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue, \
            CAST(COALESCE(SUM(CASE WHEN r.is_lead THEN r.score ELSE 0.0 END), 0.0) AS DOUBLE PRECISION) AS score_sum, \
            CAST(COALESCE(SUM(CASE WHEN r.is_lead THEN 1 ELSE 0 END), 0) AS BIGINT) AS lead_expected \
            FROM reports r WHERE (r.status IN ('submitted', 'accepted') OR r.due_date < 
            """)
        query.appendInterpolation(bind: filter.asOf.description)
        query.appendInterpolation(unsafeRaw: ")")
        appendConditions(&query, filter, actor: actor)
        return query
    }

    /// The figures of everything `filter` selects.
    public static func total(_ filter: Filter, actor: Actor, on db: any Database) async throws -> Rates {
        try await rates(by: .none, filter, actor: actor, on: db)[""] ?? Rates()
    }

    static func appendConditions(_ query: inout SQLQueryString, _ filter: Filter, actor: Actor) {
        if let year = filter.year {
            query.appendInterpolation(unsafeRaw: " AND r.period_year = ")
            query.appendInterpolation(bind: year)
        }
        if let region = filter.regionCode, region != RegionCode.republic, !region.isEmpty {
            query = query + " AND " + ScopeFilter.within(column("executor_region", "r"), region)
        }
        if let plan = filter.planID {
            query.appendInterpolation(unsafeRaw: " AND r.plan_id = ")
            query.appendInterpolation(bind: plan)
        }
        if let executor = filter.executorID {
            query.appendInterpolation(unsafeRaw: " AND r.executor_id = ")
            query.appendInterpolation(bind: executor)
        }
        if let measures = filter.measureIDs {
            query.appendInterpolation(unsafeRaw: measures.isEmpty ? " AND 1 = 0" : " AND r.measure_id IN (")
            for (index, measure) in measures.enumerated() {
                if index > 0 { query.appendInterpolation(unsafeRaw: ", ") }
                query.appendInterpolation(bind: measure)
            }
            if !measures.isEmpty { query.appendInterpolation(unsafeRaw: ")") }
        }
        // The one permission rule, as SQL: `Access.visibility(actor, .report)` through the one translation.
        query.appendInterpolation(unsafeRaw: " AND ")
        query.appendInterpolation(ScopeFilter.condition(Access.visibility(actor, .report), ReportRecord.scopeColumns(in: "r")))
    }

    /// Progress and rates of every strategy node: each measure counted once per node, its figures
    /// from its reports, rolled up as the weighted mean of the measures' progress (docs/monitoring.md).
    public struct NodeFigures: Sendable {
        public var rates: Rates
        public var progress: Double?
        public var measureCount: Int
    }

    /// Figures of every strategy node in one query: per measure, then summed over `measure_nodes` (each
    /// measure once per node it serves through the node's subtree), progress the weighted mean of the
    /// measures' progress. How many measures serve each node is kept in `nodeCounts` until a change.
    public static func byStrategyNode(_ filter: Filter, actor: Actor, nodeCounts: ReadCache<[String: Int]>? = nil,
                                      on db: any Database) async throws -> [String: NodeFigures] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var query = SQLQueryString("""
            SELECT n.node_code AS node, CAST(SUM(m.expected) AS BIGINT) AS expected, CAST(SUM(m.accepted) AS BIGINT) AS accepted, \
            CAST(SUM(m.on_time) AS BIGINT) AS on_time, CAST(SUM(m.overdue) AS BIGINT) AS overdue, \
            CAST(SUM(m.score_sum) AS DOUBLE PRECISION) AS score_sum, CAST(SUM(m.lead_expected) AS BIGINT) AS lead_expected, \
            CAST(SUM(CASE WHEN m.lead_expected > 0 THEN w.weight * m.score_sum / m.lead_expected ELSE 0.0 END) AS DOUBLE PRECISION) AS weighted, \
            CAST(SUM(CASE WHEN m.lead_expected > 0 THEN w.weight ELSE 0 END) AS BIGINT) AS weights FROM (
            """)
        let inner = figures(key: "r.measure_id", filter, actor: actor)
        query.appendInterpolation(inner)
        query.appendInterpolation(unsafeRaw: " GROUP BY r.measure_id) m JOIN measure_nodes n ON n.measure_id = m.k JOIN measures w ON w.id = m.k GROUP BY n.node_code")
        let loadCounts: () async throws -> [String: Int] = {
            var counts: [String: Int] = [:]
            for row in try await sql.raw("SELECT node_code, CAST(COUNT(*) AS BIGINT) AS n FROM measure_nodes GROUP BY node_code").all() {
                counts[try row.decode(column: "node_code", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
        let counts = if let nodeCounts { try await nodeCounts.value("all", load: loadCounts) } else { try await loadCounts() }
        var result = counts.mapValues { NodeFigures(rates: Rates(), progress: nil, measureCount: $0) }
        for row in try await sql.raw(query).all() {
            let node = try row.decode(column: "node", as: String.self)
            let rates = Rates(expected: try row.decode(column: "expected", as: Int.self), accepted: try row.decode(column: "accepted", as: Int.self),
                              onTime: try row.decode(column: "on_time", as: Int.self), overdue: try row.decode(column: "overdue", as: Int.self),
                              scoreSum: try row.decode(column: "score_sum", as: Double.self),
                              leadExpected: try row.decode(column: "lead_expected", as: Int.self))
            let weights = try row.decode(column: "weights", as: Int.self)
            result[node] = NodeFigures(rates: rates, progress: weights > 0 ? try row.decode(column: "weighted", as: Double.self) / Double(weights) : nil,
                                       measureCount: counts[node] ?? 0)
        }
        return result
    }

}
