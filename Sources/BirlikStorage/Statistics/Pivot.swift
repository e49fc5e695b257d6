import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// A pivot of the statistical database: what goes on rows and columns, and the filters. Every view
/// of the analytics page is one of these, so it is linkable by URL and exportable as it is shown.
public struct PivotRequest: Sendable, Hashable {
    public enum Dimension: String, Sendable, CaseIterable {
        case element, period, place, category
        public var l10nKey: L10nKey {
            switch self {
            case .element: .statisticsElement
            case .period: .statisticsPeriod
            case .place: .statisticsPlace
            case .category: .statisticsCategory
            }
        }
    }

    public var rows: Dimension
    public var columns: Dimension
    /// The elements shown; when the element is on neither axis only the first is used.
    public var elements: [String]
    /// Years kept (all when empty).
    public var years: [Int]
    /// `true` to show periods as entered (months, quarters) instead of rolled up to years.
    public var nativePeriods: Bool
    /// Places shown inside this region (its districts); the regions of the republic when `nil`.
    public var within: String?
    /// Keep only breakdowns that contain this part (`ethnicity=kazakhs`).
    public var category: String?

    public init(rows: Dimension = .place, columns: Dimension = .period, elements: [String], years: [Int] = [], nativePeriods: Bool = false,
                within: String? = nil, category: String? = nil) {
        self.rows = rows
        self.columns = columns == rows ? (rows == .period ? .place : .period) : columns
        self.elements = elements
        self.years = years
        self.nativePeriods = nativePeriods
        self.within = within
        self.category = category
    }

    /// The elements the query reads.
    var usedElements: [String] {
        rows == .element || columns == .element ? elements : Array(elements.prefix(1))
    }
}

/// The pivot's numbers: each cell keeps its sum and count, so totals of averages are true averages.
public struct PivotTable: Sendable {
    public struct Cell: Sendable, Hashable {
        public var sum: Double
        public var count: Int
        public var aggregation: DataElement.Aggregation
        /// How the element adds up over time, for totals along periods.
        public var overTime: DataElement.Aggregation
        public var value: Double { aggregation == .average && count > 0 ? sum / Double(count) : sum }

        mutating func add(_ other: Cell) { sum += other.sum; count += other.count }
    }

    public var request: PivotRequest
    public var rowKeys: [String]
    public var columnKeys: [String]
    public var cells: [String: [String: Cell]]

    public func cell(_ row: String, _ column: String) -> Cell? { cells[row]?[column] }

    /// The total of a row: over periods as the element adds up over time (the last year of a stock,
    /// the mean of a share), over anything else as it adds up over places and breakdowns.
    public func rowTotal(_ row: String) -> Cell? {
        combine(columnKeys.compactMap { column in cells[row]?[column].map { (column, $0) } }, alongPeriods: request.columns == .period)
    }

    public func columnTotal(_ column: String) -> Cell? {
        combine(rowKeys.compactMap { row in cells[row]?[column].map { (row, $0) } }, alongPeriods: request.rows == .period)
    }

    public var grandTotal: Cell? {
        if request.columns == .period {
            return combine(columnKeys.compactMap { column in columnTotal(column).map { (column, $0) } }, alongPeriods: true)
        }
        return combine(rowKeys.compactMap { row in rowTotal(row).map { (row, $0) } }, alongPeriods: request.rows == .period)
    }

    /// Totals only make sense when one element's values are added up.
    public var hasTotals: Bool { request.rows != .element && request.columns != .element }

    /// Whether the rows add up at each column, so that a chart may pile them on each other: never across
    /// indicators; along periods only what adds up over time (not a stock such as the population); across
    /// places and breakdowns only what adds up over places (not a share).
    public var rowsAddUp: Bool {
        guard let cell = cells.values.lazy.compactMap(\.values.first).first else { return false }
        switch request.rows {
        case .element: return false
        case .period: return cell.overTime == .sum
        case .place, .category: return cell.aggregation == .sum
        }
    }

    private func combine(_ parts: [(key: String, cell: Cell)], alongPeriods: Bool) -> Cell? {
        guard var first = parts.first?.cell else { return nil }
        if alongPeriods {
            switch first.overTime {
            case .last: return parts.max { (Period($0.key) ?? Period(kind: .year, year: 1990)!) < (Period($1.key) ?? Period(kind: .year, year: 1990)!) }?.cell
            case .average:
                let values = parts.map(\.cell.value)
                return Cell(sum: values.reduce(0, +), count: values.count, aggregation: .average, overTime: .average)
            case .sum: break
            }
        }
        for part in parts.dropFirst() { first.add(part.cell) }
        return first
    }

    public var isEmpty: Bool { cells.isEmpty }
}

/// The queries behind the analytics page, the map and the open-data API: plain GROUP BYs over the
/// values table, never a precomputed analytics table, so a value counts the moment it is saved.
public enum Pivot {
    public static func run(_ request: PivotRequest, actor: Actor, catalog: StatisticsCatalog = .shared, on db: any Database) async throws -> PivotTable {
        var used = request
        used.elements = request.usedElements
        let tables = try await tables(used, actor: actor, catalog: catalog, on: db)
        var cells: [String: [String: PivotTable.Cell]] = [:]
        for code in request.usedElements {
            for (row, columns) in tables[code]?.cells ?? [:] {
                for (column, cell) in columns {
                    if var existing = cells[row]?[column] { existing.add(cell); cells[row, default: [:]][column] = existing } else { cells[row, default: [:]][column] = cell }
                }
            }
        }
        return PivotTable(request: request, rowKeys: sortedKeys(Set(cells.keys), request.rows, request, catalog),
                          columnKeys: sortedKeys(Set(cells.values.flatMap(\.keys)), request.columns, request, catalog), cells: cells)
    }

    /// One pivot per element of `request.elements` (rows and columns as requested), from a single
    /// `GROUP BY element, rows, columns` over the values: the cube behind the national views.
    public static func tables(_ request: PivotRequest, actor: Actor, catalog: StatisticsCatalog = .shared,
                              on db: any Database) async throws -> [String: PivotTable] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var visibleEverywhere: [String] = []
        var restricted: [String] = []
        let visibility = Access.visibility(actor, .statistics)
        for code in request.elements {
            guard let element = catalog.element(code) else { continue }
            switch element.isPublic ? .everything : visibility {
            case .everything: visibleEverywhere.append(code)
            case let .publicAnd(visible, _) where !visible.isEmpty: restricted.append(code)
            default: continue
            }
        }
        let codes = visibleEverywhere + restricted
        guard !codes.isEmpty else { return [:] }
        let lastOnly = codes.compactMap { catalog.element($0) }.filter { !request.nativePeriods && $0.periodKind != .year && $0.overTime == .last }.map(\.code)
        var query = SQLQueryString("SELECT element AS e, ")
        query.appendInterpolation(unsafeRaw: expression(request.rows, request))
        query.appendLiteral(" AS r, ")
        query.appendInterpolation(unsafeRaw: expression(request.columns, request))
        query.appendLiteral(" AS c, SUM(value) AS s, COUNT(*) AS n FROM data_values WHERE element IN (")
        query.appendInterpolation(binds: codes)
        query.appendLiteral(")")
        if !restricted.isEmpty {
            query.appendLiteral(" AND (element NOT IN (")
            query.appendInterpolation(binds: restricted)
            // A value's scope is its own place (a district's value is the district's): the one translation.
            query.appendLiteral(") OR ")
            query.appendInterpolation(ScopeFilter.condition(visibility, ValueTable.scopeColumns()))
            query.appendLiteral(")")
        }
        if !request.years.isEmpty { query.appendLiteral(" AND year IN ("); query.appendInterpolation(binds: request.years); query.appendLiteral(")") }
        if let within = request.within {
            query.appendLiteral(" AND region = "); query.appendInterpolation(bind: RegionCode.topLevel(within) ?? within)
            if within.split(separator: "-").count > 2 { query.appendLiteral(" AND place = "); query.appendInterpolation(bind: within) }
        }
        if let category = request.category, !category.isEmpty {
            query.appendLiteral(" AND (category = "); query.appendInterpolation(bind: category)
            query.appendLiteral(" OR category LIKE "); query.appendInterpolation(bind: "\(category);%")
            query.appendLiteral(" OR category LIKE "); query.appendInterpolation(bind: "%;\(category)")
            query.appendLiteral(" OR category LIKE "); query.appendInterpolation(bind: "%;\(category);%"); query.appendLiteral(")")
        }
        if !lastOnly.isEmpty {
            // A stock rolled up to the year is its last period's value.
            query.appendLiteral(" AND (element NOT IN (")
            query.appendInterpolation(binds: lastOnly)
            query.appendLiteral(") OR month = (SELECT MAX(d2.month) FROM data_values d2 WHERE d2.element = data_values.element AND d2.year = data_values.year AND d2.place = data_values.place AND d2.category = data_values.category))")
        }
        query.appendLiteral(" GROUP BY element, r, c")
        var cells: [String: [String: [String: PivotTable.Cell]]] = [:]
        for row in try await sql.raw(query).all() {
            let code = try row.decode(column: "e", as: String.self)
            guard let element = catalog.element(code) else { continue }
            let r = try key(row, "r")
            let c = try key(row, "c")
            cells[code, default: [:]][r, default: [:]][c] = PivotTable.Cell(sum: try row.decode(column: "s", as: Double.self), count: try row.decode(column: "n", as: Int.self),
                                                                            aggregation: element.overPlaces, overTime: element.overTime)
        }
        return cells.mapValues { cells in
            PivotTable(request: request, rowKeys: sortedKeys(Set(cells.keys), request.rows, request, catalog),
                       columnKeys: sortedKeys(Set(cells.values.flatMap(\.keys)), request.columns, request, catalog), cells: cells)
        }
    }

    /// A grouping key as text (the year column is a number).
    static func key(_ row: any SQLRow, _ column: String) throws -> String {
        if let number = try? row.decode(column: column, as: Int.self) { return String(number) }
        return try row.decode(column: column, as: String.self)
    }

    static func expression(_ dimension: PivotRequest.Dimension, _ request: PivotRequest) -> String {
        switch dimension {
        case .element: "element"
        case .period: request.nativePeriods ? "period" : "year"
        case .place: request.within == nil ? "region" : "place"
        case .category: "category"
        }
    }

    static func sortedKeys(_ keys: Set<String>, _ dimension: PivotRequest.Dimension, _ request: PivotRequest, _ catalog: StatisticsCatalog) -> [String] {
        switch dimension {
        case .element:
            let order = catalog.elements.map(\.code)
            return keys.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
        case .period:
            return keys.sorted { (Period($0) ?? Period(kind: .year, year: 1990)!) < (Period($1) ?? Period(kind: .year, year: 1990)!) }
        case .place:
            let order = ReferenceData.regions.map(\.code)
            return keys.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
        case .category:
            let element = request.usedElements.first.flatMap { catalog.element($0) }
            let order = Disaggregation.keys(element?.dimensions ?? [])
            return keys.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
        }
    }

    /// The years that have values of `element` (newest first).
    public static func years(of element: String, on db: any Database) async throws -> [Int] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw("SELECT DISTINCT year FROM data_values WHERE element = \(bind: element) ORDER BY year DESC").all()
            .map { try $0.decode(column: "year", as: Int.self) }
    }
}
