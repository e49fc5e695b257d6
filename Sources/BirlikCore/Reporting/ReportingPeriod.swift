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

    public static func < (lhs: ReportingPeriod, rhs: ReportingPeriod) -> Bool {
        (lhs.due, lhs.code) < (rhs.due, rhs.code)
    }
}
