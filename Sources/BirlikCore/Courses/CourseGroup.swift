import Foundation

/// A group of a course (a cohort): its teacher, its recurring schedule, its seats. The sessions are
/// laid out from the first day on the group's weekdays; a holiday or a day off of the working-day
/// calendar is skipped and the session moves to the next lesson day, so the planned count holds.
public struct CourseGroup: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// The course's code and the group's number: `KC-2026-0001-2`.
    public var code: String
    public var courseID: UUID
    public var hostID: UUID
    public var region: String
    public var teacher: String
    public var venue: String
    public var firstDay: Day
    /// Lesson days of the week, 0 for Monday … 6 for Sunday.
    public var weekdays: [Int]
    /// `18:30`, Kazakhstan time.
    public var startTime: String
    public var minutes: Int
    /// The number of sessions planned.
    public var sessions: Int
    public var capacity: Int
    /// The sessions held (1-based numbers), as the teacher marks them with the attendance.
    public var held: [Int]
    public var cancelled: Bool
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID = UUID(), code: String, courseID: UUID, hostID: UUID, region: String, teacher: String, venue: String, firstDay: Day,
                weekdays: [Int], startTime: String, minutes: Int, sessions: Int, capacity: Int, held: [Int] = [], cancelled: Bool = false,
                updatedAt: Date, version: Int = 1) {
        self.id = id; self.code = code; self.courseID = courseID; self.hostID = hostID; self.region = region; self.teacher = teacher
        self.venue = venue; self.firstDay = firstDay; self.weekdays = weekdays; self.startTime = startTime; self.minutes = minutes
        self.sessions = sessions; self.capacity = capacity; self.held = held; self.cancelled = cancelled; self.updatedAt = updatedAt
        self.version = version
    }

    /// Public, like its course.
    public var scope: Scope { Scope(organizationID: hostID, regionCode: region, isPublic: true) }

    /// The days of the planned sessions, in order: lesson weekdays from the first day on, days off skipped.
    public func sessionDays(_ calendar: WorkingCalendar) -> [Day] {
        guard !weekdays.isEmpty, sessions > 0 else { return [] }
        var days: [Day] = [], day = firstDay
        while days.count < sessions {
            if weekdays.contains(day.weekday), !calendar.isDayOff(day) { days.append(day) }
            day = day.adding(days: 1)
        }
        return days
    }

    /// The last planned day.
    public func lastDay(_ calendar: WorkingCalendar) -> Day { sessionDays(calendar).last ?? firstDay }

    /// The moment a session starts on `day`, Kazakhstan time.
    public func startsAt(_ day: Day) -> Date {
        EventTime.parse("\(day)T\(startTime)") ?? EventTime.parse("\(day)T00:00")!
    }
}

/// A learner's attendance, always as two figures that are never mixed: over every session planned and
/// over the sessions held so far.
public struct Attendance: Sendable, Hashable {
    public var attended: Int
    public var planned: Int
    public var held: Int

    public init(attended: Int, planned: Int, held: Int) { self.attended = attended; self.planned = planned; self.held = held }

    /// Percent of the planned sessions attended.
    public var ofPlanned: Int { planned == 0 ? 0 : attended * 100 / planned }
    /// Percent of the sessions held so far attended (100 before the first).
    public var ofHeld: Int { held == 0 ? 100 : attended * 100 / held }
}
