import Foundation

/// An indicator of the statistical database (a DHIS2 "data element"): what is counted, in what
/// unit, how its values add up over places and over time, and how it is broken down.
public struct DataElement: Sendable, Hashable, Identifiable {
    /// What a value may be.
    public enum ValueType: String, Sendable, CaseIterable {
        /// A whole number of people, bodies or events (0 or more).
        case count
        /// Any number.
        case number
        /// A share from 0 to 100.
        case percent
    }

    /// How values combine when several are shown as one.
    public enum Aggregation: String, Sendable, CaseIterable {
        case sum, average
        /// The latest period's value (a stock, such as the number of associations at year end).
        case last
    }

    public var code: String
    public var name: LocalizedText
    public var valueType: ValueType
    /// The catalog key of the unit (people, bodies, events, percent).
    public var unit: String
    public var overPlaces: Aggregation
    public var overTime: Aggregation
    /// The period values are entered for.
    public var periodKind: Period.Kind
    /// The level of the region tree values are entered at.
    public var level: Region.Kind
    /// The breakdowns a value carries (empty: totals only).
    public var dimensions: [Disaggregation.Dimension]
    /// Whether the open-data API and the public pages show it.
    public var isPublic: Bool
    /// The data set it is reported in.
    public var dataSet: String
    /// Where the numbers come from, when they are reference data (`census2021`), shown on every page that uses them.
    public var source: String?

    public var id: String { code }

    public init(code: String, name: LocalizedText, valueType: ValueType, unit: String, overPlaces: Aggregation, overTime: Aggregation,
                periodKind: Period.Kind, level: Region.Kind, dimensions: [Disaggregation.Dimension], isPublic: Bool,
                dataSet: String, source: String?) {
        self.code = code
        self.name = name
        self.valueType = valueType
        self.unit = unit
        self.overPlaces = overPlaces
        self.overTime = overTime
        self.periodKind = periodKind
        self.level = level
        self.dimensions = dimensions
        self.isPublic = isPublic
        self.dataSet = dataSet
        self.source = source
    }

    /// The problem with `value` for this element, or `nil`.
    public func problem(with value: Double) -> L10nKey? {
        guard value.isFinite else { return .importBadNumber }
        switch valueType {
        case .count:
            if value < 0 { return .fieldNegative }
            if value.rounded() != value { return .importNotWhole }
        case .percent:
            if !(0...100).contains(value) { return .importPercentRange }
        case .number:
            break
        }
        return nil
    }

    /// Combines `values` the way this element adds up over places or over time (`last` takes the final one).
    public static func combine(_ values: [Double], _ aggregation: Aggregation) -> Double? {
        guard let last = values.last else { return nil }
        switch aggregation {
        case .sum: return values.reduce(0, +)
        case .average: return values.reduce(0, +) / Double(values.count)
        case .last: return last
        }
    }
}

/// A data set: the elements one kind of reporter sends together, how often and by what day.
public struct DataSet: Sendable, Hashable, Identifiable {
    public var code: String
    public var name: LocalizedText
    public var periodKind: Period.Kind
    /// Days after the end of the period by which the values are due.
    public var dueDays: Int
    /// Who reports it (a catalog key naming the reporter).
    public var reporter: String
    public var elements: [String]
    public var id: String { code }

    public init(code: String, name: LocalizedText, periodKind: Period.Kind, dueDays: Int, reporter: String, elements: [String]) {
        self.code = code
        self.name = name
        self.periodKind = periodKind
        self.dueDays = dueDays
        self.reporter = reporter
        self.elements = elements
    }

    /// The day values for `period` are due.
    public func dueDay(for period: Period) -> Day {
        let last = period.months.upperBound
        let end = Day(year: period.year, month: last, day: Day.daysIn(month: last, year: period.year))
        return end.adding(days: dueDays)
    }
}
