import Foundation

/// A period a measure reports for: a whole year, a half-year or a quarter, or the single period of a
/// one-off deadline, with the day its reports fall due.
public struct ReportingPeriod: Sendable, Hashable, Comparable {
    public var year: Int
    /// 0 for a one-off deadline; otherwise 1-based within the year.
    public var part: Int
    public var parts: Int
    public var due: Day

    public init(year: Int, part: Int, parts: Int, due: Day) {
        self.year = year; self.part = part; self.parts = parts; self.due = due
    }

    /// A periodic period; its reports fall due on `dueDay` of the month after it ends (clamped to the month).
    public init(year: Int, part: Int, parts: Int, dueDay: Int) {
        let lastMonth = part * 12 / parts
        let dueYear = lastMonth == 12 ? year + 1 : year
        let dueMonth = lastMonth == 12 ? 1 : lastMonth + 1
        let day = min(max(dueDay, 1), Day.daysIn(month: dueMonth, year: dueYear))
        self.init(year: year, part: part, parts: parts, due: Day(year: dueYear, month: dueMonth, day: day))
    }

    /// `2021`, `2021-H1`, `2021-Q3`, or the due day for a one-off deadline.
    public var code: String {
        switch (part, parts) {
        case (0, _): due.description
        case (_, 1): "\(year)"
        case (_, 2): "\(year)-H\(part)"
        default: "\(year)-Q\(part)"
        }
    }

    /// The period's name in the user's language (`2021`, `2021, I жарты жыл`, `2021, III тоқсан`).
    public func label(_ l10n: Localizer) -> String {
        let roman = ["", "I", "II", "III", "IV"]
        switch (part, parts) {
        case (0, _): return l10n(.periodOnce, ["date": due.dotted])
        case (_, 1): return "\(year)"
        case (_, 2): return l10n(.periodHalf, ["year": "\(year)", "part": roman[part]])
        default: return l10n(.periodQuarter, ["year": "\(year)", "part": roman[part]])
        }
    }

    /// The name of the period a code stands for (`2021-Q3` → `2021, III тоқсан`); the code itself when
    /// it is not one.
    public static func label(code: String, _ l10n: Localizer) -> String {
        if let day = Day(code) { return ReportingPeriod(year: day.year, part: 0, parts: 1, due: day).label(l10n) }
        let parts = code.split(separator: "-")
        guard let year = parts.first.flatMap({ Int($0) }) else { return code }
        let placeholder = Day(year: year, month: 12, day: 31)
        if parts.count == 1 { return ReportingPeriod(year: year, part: 1, parts: 1, due: placeholder).label(l10n) }
        guard parts.count == 2, let kind = parts[1].first, let part = Int(parts[1].dropFirst()) else { return code }
        switch (kind, part) {
        case ("H", 1...2): return ReportingPeriod(year: year, part: part, parts: 2, due: placeholder).label(l10n)
        case ("Q", 1...4): return ReportingPeriod(year: year, part: part, parts: 4, due: placeholder).label(l10n)
        default: return code
        }
    }

    public static func < (lhs: ReportingPeriod, rhs: ReportingPeriod) -> Bool {
        (lhs.due, lhs.code) < (rhs.due, rhs.code)
    }
}
