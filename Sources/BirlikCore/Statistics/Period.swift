import Foundation

/// A reporting period of the statistical database: a year, a half-year, a quarter or a month.
/// Written `2024`, `2024H1` (also `2024S1`), `2024Q3`, `2024-07` (also `202407`); stored canonically.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// How long a period is, from the coarsest to the finest.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case year, halfYear, quarter, month

        /// Months in one period of this kind.
        public var months: Int {
            switch self {
            case .year: 12
            case .halfYear: 6
            case .quarter: 3
            case .month: 1
            }
        }
    }

    public var kind: Kind
    public var year: Int
    /// 1 for a year; 1–2 for a half-year; 1–4 for a quarter; 1–12 for a month.
    public var index: Int

    /// Years the database accepts.
    public static let years = 1990...2100

    public init?(kind: Kind, year: Int, index: Int = 1) {
        guard Self.years.contains(year), (1...(12 / kind.months)).contains(index) else { return nil }
        self.kind = kind
        self.year = year
        self.index = index
    }

    /// Parses any accepted spelling; `nil` for a period that does not exist (`2024Q5`, `2024-13`).
    public init?(_ text: String) {
        // The canonical spellings, read from their bytes.
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range { let byte = bytes[index]; guard byte >= 0x30, byte <= 0x39 else { return nil }; value = value * 10 + Int(byte - 0x30) }
            return value
        }
        if bytes.count == 4, let year = digits(0..<4) { self.init(kind: .year, year: year); return }
        if bytes.count == 7, bytes[4] == 0x2D, let year = digits(0..<4), let month = digits(5..<7) { self.init(kind: .month, year: year, index: month); return }
        let text = text.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = text.prefix(4)
        guard digits.count == 4, digits.allSatisfy(\.isASCII), let year = Int(digits) else { return nil }
        let rest = text.dropFirst(4)
        switch rest.first {
        case nil: self.init(kind: .year, year: year)
        case "H", "S": guard let part = Int(rest.dropFirst()), rest.count == 2 else { return nil }; self.init(kind: .halfYear, year: year, index: part)
        case "Q": guard let part = Int(rest.dropFirst()), rest.count == 2 else { return nil }; self.init(kind: .quarter, year: year, index: part)
        case "-": guard rest.count == 3, let month = Int(rest.dropFirst()) else { return nil }; self.init(kind: .month, year: year, index: month)
        default: guard rest.count == 2, rest.allSatisfy(\.isASCII), let month = Int(rest) else { return nil }; self.init(kind: .month, year: year, index: month)
        }
    }

    public var description: String {
        switch kind {
        case .year: String(year)
        case .halfYear: "\(year)H\(index)"
        case .quarter: "\(year)Q\(index)"
        case .month: String(format: "%04d-%02d", year, index)
        }
    }

    /// The first and last month (1–12) the period covers.
    public var months: ClosedRange<Int> { ((index - 1) * kind.months + 1)...(index * kind.months) }

    /// A month counter across years, for ordering and baselines.
    public var firstMonthOrdinal: Int { year * 12 + months.lowerBound - 1 }

    /// The period of `kind` (coarser or equal) that contains this one; `nil` when `kind` is finer.
    public func rolled(to kind: Kind) -> Period? {
        guard kind.months >= self.kind.months else { return nil }
        return Period(kind: kind, year: year, index: (months.lowerBound - 1) / kind.months + 1)
    }

    /// `true` when `other` lies inside this period.
    public func contains(_ other: Period) -> Bool {
        other.year == year && months.contains(other.months.lowerBound) && months.contains(other.months.upperBound)
    }

    /// The periods of `kind` inside this one (the months of a quarter).
    public func parts(_ kind: Kind) -> [Period] {
        guard kind.months <= self.kind.months else { return [] }
        return stride(from: months.lowerBound, through: months.upperBound, by: kind.months).compactMap {
            Period(kind: kind, year: year, index: ($0 - 1) / kind.months + 1)
        }
    }

    /// The period of the same kind just before this one.
    public var previous: Period {
        index > 1 ? Period(kind: kind, year: year, index: index - 1)! : Period(kind: kind, year: year - 1, index: 12 / kind.months) ?? self
    }

    /// The same period one year earlier.
    public var yearBefore: Period? { Period(kind: kind, year: year - 1, index: index) }

    /// The month a date falls in.
    public static func month(of day: Day) -> Period { Period(kind: .month, year: day.year, index: day.month)! }

    /// The year `day` falls in.
    public static func year(of day: Day) -> Period { Period(kind: .year, year: day.year)! }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.firstMonthOrdinal, -lhs.kind.months) < (rhs.firstMonthOrdinal, -rhs.kind.months)
    }

    /// The period's name for people: «2024», «2024, II тоқсан», «2024, наурыз».
    public func label(_ l10n: Localizer) -> String {
        switch kind {
        case .year: String(year)
        case .halfYear: l10n(.periodHalf, ["year": String(year), "part": roman(index)])
        case .quarter: l10n(.periodQuarter, ["year": String(year), "part": roman(index)])
        case .month: l10n(.statisticsMonth, ["year": String(year), "month": l10n(L10nKey(rawValue: "month.\(index)")!)])
        }
    }

    private func roman(_ value: Int) -> String { ["I", "II", "III", "IV"][max(0, min(3, value - 1))] }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = Period(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a period: \(text)"))
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
