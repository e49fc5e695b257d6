import Foundation

/// Turns the rows of an imported table into values, checking every cell: the element and the place
/// exist, the period exists and is of the element's kind, the breakdown fits the element, the number
/// reads and fits the element's type, the row is not a duplicate of an earlier one. The web import,
/// `birlik import values` and the benchmark all read through it.
public struct ValueRowReader {
    public let header: [String]
    public let mapping: ImportMapping
    public let catalog: StatisticsCatalog
    public let places: PlaceDirectory
    /// Whether the importer may write values for a place (the permission check, asked once per place).
    public let mayWrite: (Region) -> Bool
    /// Whether values of a data set for a place and period are approved, so locked.
    public let isLocked: (String, String, Period) -> Bool
    private var seen: [Int: Int] = [:]
    private var allowed: [String: Bool] = [:]
    /// The mapped breakdown columns: dimension, field, column index.
    private let breakdownColumns: [(Disaggregation.Dimension, ImportMapping.Field, Int)]

    public init(header: [String], mapping: ImportMapping, catalog: StatisticsCatalog = .shared, places: PlaceDirectory = .shared,
                mayWrite: @escaping (Region) -> Bool, isLocked: @escaping (String, String, Period) -> Bool) {
        self.header = header
        self.mapping = mapping
        self.catalog = catalog
        self.places = places
        self.mayWrite = mayWrite
        self.isLocked = isLocked
        breakdownColumns = Disaggregation.Dimension.allCases.compactMap { dimension in
            ImportMapping.Field(rawValue: dimension.rawValue).flatMap { field in mapping.columns[field].map { (dimension, field, $0) } }
        }
    }

    /// The problems with the header itself: unmapped required fields, a file with one column.
    public func headerProblems() -> [ImportProblem] {
        var problems: [ImportProblem] = []
        if header.count == 1 {
            problems.append(ImportProblem(row: 1, column: header[0], value: header[0], .importOneColumn))
        }
        for field in mapping.missing {
            problems.append(ImportProblem(row: 1, column: "", value: "", .importColumnMissing, ["field": "@importField.\(field.rawValue)"]))
        }
        return problems
    }

    /// What one row gave: a value, or every problem with it.
    public enum Outcome: Sendable {
        case value(DataValue)
        case problems([ImportProblem])
    }

    /// The value in one row, or every problem with it.
    public mutating func read(line: Int, fields: [String], structural: L10nKey? = nil) -> Outcome {
        var problems: [ImportProblem] = []
        func problem(_ field: ImportMapping.Field?, _ key: L10nKey, _ arguments: [String: String] = [:]) {
            let index = field.flatMap { mapping.columns[$0] }
            let column = index.map { $0 < header.count ? header[$0] : "#\($0 + 1)" } ?? ""
            let value = index.map { $0 < fields.count ? fields[$0] : "" } ?? fields.joined(separator: ",")
            problems.append(ImportProblem(row: line, column: column, value: value, key, arguments))
        }
        if let structural {
            problem(nil, structural)
            return .problems(problems)
        }
        if fields.count != header.count {
            problem(nil, .importRagged, ["expected": String(header.count), "found": String(fields.count)])
            return .problems(problems)
        }
        // A mapping names columns by index (a form can post any number): one outside the row reads as empty.
        func cell(_ field: ImportMapping.Field) -> String? {
            mapping.columns[field].map { fields.indices.contains($0) ? fields[$0].trimmedCell : "" }
        }

        let element = cell(.element).flatMap { $0.isEmpty ? nil : catalog.match($0) }
        if element == nil { problem(.element, cell(.element)?.isEmpty ?? true ? .fieldRequired : .importUnknownElement) }

        let periodText = cell(.period) ?? ""
        var period = Period(periodText)
        if period == nil {
            problem(.period, periodText.isEmpty ? .fieldRequired : .importUnknownPeriod)
        } else if let element, period?.kind != element.periodKind {
            problem(.period, .importPeriodKind, ["kind": "@periodKind.\(element.periodKind.rawValue)"])
            period = nil
        }

        let placeText = cell(.place) ?? ""
        var place = places.find(placeText)
        if place == nil {
            problem(.place, placeText.isEmpty ? .fieldRequired : .importUnknownPlace)
        } else if let element, let found = place, !PlaceDirectory.accepts(element.level, found) {
            problem(.place, .importPlaceLevel, ["level": "@regionKind.\(element.level.rawValue)"])
            place = nil
        } else if let found = place {
            let may = allowed[found.code] ?? mayWrite(found)
            allowed[found.code] = may
            if !may { problem(.place, .importPlaceForbidden); place = nil }
        }

        var parts: [Disaggregation.Dimension: String] = [:]
        if let text = cell(.category), !text.isEmpty {
            if let parsed = Disaggregation.parts(text) { parts = parsed } else { problem(.category, .importUnknownCategory) }
        }
        for (dimension, field, column) in breakdownColumns {
            let text = fields.indices.contains(column) ? fields[column].trimmedCell : ""
            guard !text.isEmpty else { continue }
            if let option = dimension.option(text) { parts[dimension] = option.code } else { problem(field, .importUnknownCategory) }
        }
        if let element {
            for dimension in parts.keys where !element.dimensions.contains(dimension) {
                problem(ImportMapping.Field(rawValue: dimension.rawValue).flatMap { mapping.columns[$0] == nil ? .category : $0 },
                        .importDimensionNotUsed, ["dimension": "@dimension.\(dimension.rawValue)"])
            }
            if element.dimensions.contains(where: { parts[$0] == nil }) {
                problem(.category, .importDimensionMissing)
            }
        }

        let valueText = cell(.value) ?? ""
        let number = NumberText.parse(valueText)
        if number == nil {
            problem(.value, valueText.isEmpty ? .fieldRequired : .importBadNumber)
        } else if let element, let number, let key = element.problem(with: number) {
            problem(.value, key)
        }

        guard problems.isEmpty, let element, let period, let place, let number else { return .problems(problems) }
        if isLocked(element.dataSet, place.code, period) {
            problem(.period, .importPeriodApproved)
            return .problems(problems)
        }
        let value = DataValue(element: element.code, category: Disaggregation.key(parts), place: place.code, period: period, value: number)
        var hasher = Hasher()
        hasher.combine(value.element); hasher.combine(value.category); hasher.combine(value.place); hasher.combine(value.period)
        let hash = hasher.finalize()
        if let first = seen[hash] {
            problem(nil, .importDuplicateRow, ["first": String(first)])
            return .problems(problems)
        }
        seen[hash] = line
        return .value(value)
    }
}
