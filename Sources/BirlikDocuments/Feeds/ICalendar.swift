import BirlikCore
import Foundation

/// An iCalendar (RFC 5545) feed: a `VCALENDAR` published to subscribers, its time zone (Asia/Almaty,
/// UTC+5 since 1 March 2024) and its events. Text is escaped and lines folded at 75 octets without
/// splitting a character; lines end in CRLF.
public struct ICalendar: Sendable {
    /// One `VEVENT`: timed (in Asia/Almaty) or all-day.
    public struct Entry: Sendable, Hashable {
        public enum When: Sendable, Hashable {
            case timed(start: Date, end: Date)
            /// Whole days, `last` included.
            case allDay(first: Day, last: Day)
        }

        /// `TENTATIVE`, `CONFIRMED` or `CANCELLED`.
        public enum Status: String, Sendable, Hashable { case tentative = "TENTATIVE", confirmed = "CONFIRMED", cancelled = "CANCELLED" }

        public var uid: String
        public var stamp: Date
        public var sequence: Int
        public var when: When
        public var summary: String
        public var description: String
        public var location: String
        public var status: Status
        public var url: String?
        public var categories: [String]

        public init(uid: String, stamp: Date, sequence: Int, when: When, summary: String, description: String = "", location: String = "",
                    status: Status, url: String? = nil, categories: [String] = []) {
            self.uid = uid; self.stamp = stamp; self.sequence = sequence; self.when = when; self.summary = summary
            self.description = description; self.location = location; self.status = status; self.url = url; self.categories = categories
        }
    }

    public var name: String
    public var entries: [Entry]

    public init(name: String, entries: [Entry]) {
        self.name = name; self.entries = entries
    }

    /// The feed's text.
    public func rendered() -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Birlik//Events//KK", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + Self.escape(name), "X-WR-TIMEZONE:" + EventTime.zoneID]
        lines += Self.timeZone
        for entry in entries {
            lines += ["BEGIN:VEVENT", "UID:" + Self.escape(entry.uid), "DTSTAMP:" + Self.utc(entry.stamp), "SEQUENCE:\(entry.sequence)"]
            switch entry.when {
            case let .timed(start, end):
                lines.append("DTSTART;TZID=\(EventTime.zoneID):" + Self.local(start))
                lines.append("DTEND;TZID=\(EventTime.zoneID):" + Self.local(end))
            case let .allDay(first, last):
                lines.append("DTSTART;VALUE=DATE:" + Self.dateValue(first))
                lines.append("DTEND;VALUE=DATE:" + Self.dateValue(last.adding(days: 1)))
            }
            lines.append("SUMMARY:" + Self.escape(entry.summary))
            if !entry.description.isEmpty { lines.append("DESCRIPTION:" + Self.escape(entry.description)) }
            if !entry.location.isEmpty { lines.append("LOCATION:" + Self.escape(entry.location)) }
            if !entry.categories.isEmpty { lines.append("CATEGORIES:" + entry.categories.map(Self.escape).joined(separator: ",")) }
            lines.append("STATUS:" + entry.status.rawValue)
            if let url = entry.url { lines.append("URL:" + url) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Asia/Almaty: UTC+6 until 1 March 2024 00:00, UTC+5 from then on.
    static let timeZone = [
        "BEGIN:VTIMEZONE", "TZID:\(EventTime.zoneID)",
        "BEGIN:STANDARD", "DTSTART:19920119T020000", "TZOFFSETFROM:+0500", "TZOFFSETTO:+0600", "TZNAME:+06", "END:STANDARD",
        "BEGIN:STANDARD", "DTSTART:20240301T000000", "TZOFFSETFROM:+0600", "TZOFFSETTO:+0500", "TZNAME:+05", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// TEXT escaping: backslash, semicolon, comma and line breaks.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\n")
    }

    /// A content line folded into lines of at most 75 octets, continuation lines starting with a space.
    static func fold(_ line: String) -> String {
        var result = "", count = 0
        for character in line {
            let octets = String(character).utf8.count
            if count + octets > 75 { result += "\r\n "; count = 1 }
            result.append(character); count += octets
        }
        return result
    }

    static func utc(_ date: Date) -> String { stamp(date, offset: 0) + "Z" }
    static func local(_ date: Date) -> String { stamp(date, offset: 5 * 3600) }
    static func dateValue(_ day: Day) -> String { String(format: "%04d%02d%02d", day.year, day.month, day.day) }

    static func stamp(_ date: Date, offset: Int) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let day = Day(ordinal: Int((Double(seconds) / 86_400).rounded(.down)))
        let within = seconds - day.ordinal * 86_400
        return dateValue(day) + String(format: "T%02d%02d%02d", within / 3600, within % 3600 / 60, within % 60)
    }
}
