import Foundation

/// A calendar day (no time, no zone): deadlines and due dates.
public struct Day: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD`, and `DD.MM.YYYY` as Kazakh and Russian offices write it; `nil` for anything else
    /// or an impossible date.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let iso = trimmed.split(separator: "-").map { Int($0) }
        let dotted = trimmed.split(separator: ".").map { Int($0) }
        let parts: [Int?]
        if iso.count == 3, trimmed.count == 10 { parts = iso } else if dotted.count == 3, trimmed.count == 10 { parts = [dotted[2], dotted[1], dotted[0]] } else { return nil }
        guard let year = parts[0], let month = parts[1], let day = parts[2], (1900...2200).contains(year),
              (1...12).contains(month), (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `date` falls on in Kazakhstan (UTC+5). Plain arithmetic on the instant: no shared
    /// `Calendar` object, so any number of threads may ask at once.
    public init(_ date: Date) {
        let seconds = date.timeIntervalSince1970 + Day.offset
        self.init(ordinal: Int((seconds / 86_400).rounded(.down)))
    }

    /// Kazakhstan's one time zone since 1 March 2024: UTC+5, in seconds.
    static let offset: TimeInterval = 5 * 3600

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The start of the day in Kazakhstan, as an instant.
    public var start: Date { instant(secondsIntoDay: 0) }

    /// The end of the day in Kazakhstan, as an instant.
    public var end: Date { instant(secondsIntoDay: 86_399) }

    /// The instant `seconds` after the start of the day in Kazakhstan.
    func instant(secondsIntoDay seconds: TimeInterval) -> Date {
        Date(timeIntervalSince1970: TimeInterval(ordinal) * 86_400 - Day.offset + seconds)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// `DD.MM.YYYY`, as documents print it.
    public var dotted: String { String(format: "%02d.%02d.%04d", day, month, year) }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
