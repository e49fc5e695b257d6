import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Runs the validation rules over stored values: after an entry, after an import, and as the
/// report of violations by place and period.
public enum RuleChecks {
    /// Violations of the rules that read any of `elements` (all rules when `nil`) in `years`, in the
    /// places `actor` may see.
    public static func violations(years: Set<Int>, elements: Set<String>?, place: String? = nil, places: Set<String>? = nil, actor: Actor,
                                  on db: any Database) async throws -> [Violation] {
        guard let sql = db as? any SQLDatabase, !years.isEmpty else { return [] }
        let rules = StatisticsCatalog.shared.rules.filter { elements == nil || !$0.elements.isDisjoint(with: elements!) }
        guard !rules.isEmpty else { return [] }
        let codes = Set(rules.flatMap(\.elements))
        let readYears = years.union(years.map { $0 - 1 })
        var query = SQLQueryString("SELECT element, category, place, region, period, value FROM data_values WHERE element IN (")
        query.appendInterpolation(binds: Array(codes).sorted())
        query.appendLiteral(") AND year IN (")
        query.appendInterpolation(binds: Array(readYears).sorted())
        query.appendLiteral(")")
        if let place { query.appendLiteral(" AND place = "); query.appendInterpolation(bind: place) }
        // Public indicators are everyone's; the others through the one scoping rule, over the value's own place.
        let publicCodes = codes.filter { StatisticsCatalog.shared.element($0)?.isPublic == true }.sorted()
        query.appendLiteral(" AND (")
        if !publicCodes.isEmpty { query.appendLiteral("element IN ("); query.appendInterpolation(binds: publicCodes); query.appendLiteral(") OR ") }
        query.appendInterpolation(ScopeFilter.condition(Access.visibility(actor, .statistics), ValueTable.scopeColumns()))
        query.appendLiteral(")")
        var totals: [String: Double] = [:]
        var sums: [String: Double] = [:]
        var checks: Set<String> = []
        for row in try await sql.raw(query).all() {
            let element = try row.decode(column: "element", as: String.self)
            let placeCode = try row.decode(column: "place", as: String.self)
            if let places, !places.contains(placeCode) { continue }
            let period = try row.decode(column: "period", as: String.self)
            let value = try row.decode(column: "value", as: Double.self)
            let key = "\(element)|\(placeCode)|\(period)"
            if try row.decode(column: "category", as: String.self).isEmpty { totals[key] = value }
            sums[key, default: 0] += value
            if let parsed = Period(period), years.contains(parsed.year) { checks.insert("\(placeCode)|\(period)") }
        }
        var found: [Violation] = []
        for check in checks.sorted() {
            let parts = check.split(separator: "|").map(String.init)
            guard let period = Period(parts[1]) else { continue }
            for rule in rules {
                let violation = rule.violation(place: parts[0], period: period) { side, place, period in
                    let key = "\(side.element)|\(place)|\(period)"
                    return side.sumOfBreakdowns ? sums[key] : totals[key]
                }
                if let violation { found.append(violation) }
            }
        }
        return found
    }
}

/// The open-data view of the database: values of one element by place and period, optionally
/// broken down by one dimension, for `GET /api/v1/data`.
public enum OpenData {
    public struct Item: Sendable, Codable, Hashable {
        public var element: String
        public var place: String
        public var period: String
        public var category: String?
        public var value: Double
        public var source: String
    }

    /// Values of `element`; `period` is a period or a year, `place` a region (its own and its districts'
    /// values added up) or the republic; `by` a dimension of the element.
    public static func values(element code: String, period: String?, place: String?, by: String?, actor: Actor,
                              on db: any Database) async throws -> [Item] {
        var errors: [FieldError] = []
        let element = StatisticsCatalog.shared.element(code)
        if element == nil { errors.append(FieldError("element", code.isEmpty ? .fieldRequired : .importUnknownElement)) }
        let parsedPeriod = period.flatMap { $0.isEmpty ? nil : Period($0) }
        if let period, !period.isEmpty, parsedPeriod == nil { errors.append(FieldError("period", .importUnknownPeriod)) }
        let region = place.flatMap { $0.isEmpty ? nil : PlaceDirectory.shared.find($0) }
        if let place, !place.isEmpty, region == nil { errors.append(FieldError("place", .importUnknownPlace)) }
        let dimension = by.flatMap { $0.isEmpty ? nil : Disaggregation.Dimension(rawValue: $0) }
        if let by, !by.isEmpty, dimension == nil || element?.dimensions.contains(dimension!) == false {
            errors.append(FieldError("by", .importDimensionNotUsed, ["dimension": by]))
        }
        guard errors.isEmpty, let element else { throw DomainError.invalid(errors) }
        guard element.isPublic || Access.visibility(actor, .statistics) != .publicAnd(regions: [], organizations: []) else {
            throw actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired
        }
        let request = PivotRequest(rows: .place, columns: dimension == nil ? .period : .category, elements: [code],
                                   years: parsedPeriod.map { [$0.year] } ?? [], nativePeriods: parsedPeriod.map { $0.kind != .year } ?? false,
                                   within: region.flatMap { $0.kind == .republic ? nil : $0.code })
        var items: [Item] = []
        let source = try await sources(of: code, on: db)
        if dimension == nil {
            let table = try await Pivot.run(request, actor: actor, on: db)
            for row in table.rowKeys {
                for column in table.columnKeys {
                    guard let cell = table.cell(row, column), parsedPeriod.map({ $0.kind == .year || $0.description == column }) ?? true else { continue }
                    items.append(Item(element: code, place: row, period: column, category: nil, value: cell.value, source: source))
                }
            }
        } else {
            let years: [Int]
            if let parsedPeriod { years = [parsedPeriod.year] } else { years = try await Pivot.years(of: code, on: db).reversed() }
            for year in years {
                var yearly = request
                yearly.years = [year]
                yearly.nativePeriods = false
                let table = try await Pivot.run(yearly, actor: actor, on: db)
                for row in table.rowKeys {
                    for column in table.columnKeys {
                        guard let cell = table.cell(row, column) else { continue }
                        items.append(Item(element: code, place: row, period: String(year), category: column, value: cell.value, source: source))
                    }
                }
            }
        }
        return items
    }

    /// Where an element's values come from (`census`, `demo`, `import`…), joined when several.
    static func sources(of element: String, on db: any Database) async throws -> String {
        guard let sql = db as? any SQLDatabase else { return "" }
        return try await sql.raw("SELECT DISTINCT source FROM data_values WHERE element = \(bind: element) ORDER BY source").all()
            .map { try $0.decode(column: "source", as: String.self) }.joined(separator: ",")
    }
}
