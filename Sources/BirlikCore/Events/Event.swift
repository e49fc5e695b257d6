import Foundation

/// An event of the calendar (S15; seed 000 §6.2, 001 §4.2: national holidays, the Шаңырақ contest, the
/// APK media forum, seminars, the lectorium): who holds it, where and when, in which languages, the plan
/// measure (S2) it serves, and its course from planned to reported. Events are public; their
/// registrations are not.
public struct Event: Sendable, Hashable, Codable, Identifiable {
    /// What kind of event it is; the calendar's categories.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case national, state, apk, regional, professional
        public var l10nKey: L10nKey { L10nKey(rawValue: "events.kind.\(rawValue)")! }
    }

    /// planned → confirmed → postponed | rescheduled | cancelled → held → reported.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case planned, confirmed, postponed, rescheduled, cancelled, held, reported
        public var l10nKey: L10nKey { L10nKey(rawValue: "events.status.\(rawValue)")! }
        /// Still to take place: people may register.
        public var isUpcoming: Bool { [.planned, .confirmed, .rescheduled].contains(self) }
    }

    public var id: UUID
    /// `EV-YYYY-NNNN`.
    public var code: String
    public var title: String
    public var description: String
    public var kind: Kind
    public var organizerID: UUID
    /// The place it is held (a region or district code).
    public var region: String
    public var venue: String
    /// The languages it is held in (`kk`, `ru`, `en`).
    public var languages: [String]
    /// The plan measure (S2) it serves, if any.
    public var measureID: UUID?
    public var startsAt: Date
    public var endsAt: Date
    public var status: Status
    /// Raised on every change a calendar program must see (iCalendar `SEQUENCE`).
    public var sequence: Int
    /// Seats for registration; `nil` when no registration is taken.
    public var capacity: Int?
    /// Registrations wait for the organiser's approval before they take a seat.
    public var moderated: Bool
    /// Days after the end after which the attendees' personal data is purged and only counts remain.
    public var retentionDays: Int
    public var cancellationReason: String?
    public var report: EventReport?
    /// The day the attendees' personal data was purged.
    public var purgedOn: Day?
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID = UUID(), code: String, title: String, description: String, kind: Kind, organizerID: UUID, region: String, venue: String,
                languages: [String], measureID: UUID?, startsAt: Date, endsAt: Date, status: Status = .planned, sequence: Int = 0,
                capacity: Int?, moderated: Bool, retentionDays: Int, cancellationReason: String? = nil, report: EventReport? = nil,
                purgedOn: Day? = nil, updatedAt: Date, version: Int = 1) {
        self.id = id; self.code = code; self.title = title; self.description = description; self.kind = kind; self.organizerID = organizerID
        self.region = region; self.venue = venue; self.languages = languages; self.measureID = measureID; self.startsAt = startsAt
        self.endsAt = endsAt; self.status = status; self.sequence = sequence; self.capacity = capacity; self.moderated = moderated
        self.retentionDays = retentionDays; self.cancellationReason = cancellationReason; self.report = report; self.purgedOn = purgedOn
        self.updatedAt = updatedAt; self.version = version
    }

    /// Kept by the organiser's staff and the region's coordinators; public.
    public var scope: Scope { Scope(organizationID: organizerID, regionCode: region, isPublic: true) }

    /// The day it starts, in Kazakhstan time.
    public var startDay: Day { Day(startsAt) }

    /// Registration is open: seats are offered, it has not started and still takes place.
    public func takesRegistrations(at now: Date) -> Bool { capacity != nil && status.isUpcoming && now < startsAt }

    /// The moment after which the attendees' personal data is purged.
    public var purgeAt: Date { endsAt.addingTimeInterval(TimeInterval(retentionDays) * 86_400) }
}

/// What the organiser reports after an event is held: how many took part (women and men, as the monthly
/// statistics count them), where it was covered, its photographs.
public struct EventReport: Sendable, Hashable, Codable {
    public var women: Int
    public var men: Int
    public var mediaLinks: [String]
    public var photos: [Attachment]
    public var note: String
    public var reportedOn: Day

    public var participants: Int { women + men }

    public init(women: Int, men: Int, mediaLinks: [String], photos: [Attachment] = [], note: String, reportedOn: Day) {
        self.women = women; self.men = men; self.mediaLinks = mediaLinks; self.photos = photos; self.note = note; self.reportedOn = reportedOn
    }
}

/// Kazakhstan's one time zone since 1 March 2024 (UTC+5), in which events are entered and shown.
public enum EventTime {
    public static let zone = TimeZone(secondsFromGMT: 5 * 3600)!
    /// The tz database name calendar programs know it by.
    public static let zoneID = "Asia/Almaty"

    /// `2026-09-05T10:00` (an HTML `datetime-local` value) read as Kazakhstan time.
    public static func parse(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = Day(String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, (0...23).contains(clock[0]), (0...59).contains(clock[1]) else { return nil }
        var components = DateComponents(year: day.year, month: day.month, day: day.day, hour: clock[0], minute: clock[1])
        components.timeZone = zone
        return calendar.date(from: components)
    }

    /// The `datetime-local` value of a moment, in Kazakhstan time.
    public static func local(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// `10:00`, Kazakhstan time.
    public static func clock(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()
}
