import Foundation

/// Birlik's one source of the current time. The application is built with one clock and hands it to
/// everything that asks "what time is it": requests, stores, seeds, scheduled work. The running server
/// uses `.system`; tests and the demo seed use `.fixed`, so that what is due, overdue or late never
/// depends on the day a test happens to run.
///
/// Elapsed time (time limits, benchmarks) is not read here: it is measured with `ContinuousClock`,
/// which a change of the wall clock cannot disturb.
public struct BirlikClock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock that answers `read()` each time it is asked.
    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The current instant.
    public var now: Date { read() }

    /// The current day in Kazakhstan (UTC+5).
    public var today: Day { Day(now) }

    /// The machine's clock.
    public static let system = BirlikClock { Date() }

    /// A clock stopped at `instant`.
    public static func fixed(_ instant: Date) -> BirlikClock {
        BirlikClock { instant }
    }

    /// A clock stopped at noon of `day` in Kazakhstan.
    public static func fixed(_ day: Day) -> BirlikClock {
        fixed(day.noon)
    }

    /// A clock that reads noon of `day` in Kazakhstan at `start` and runs on with the machine's clock from
    /// there: a server started on it sees `day` as today while sessions, heartbeats and schedules still
    /// move. The `birlik` command runs on it when `BIRLIK_TODAY` names a day, so that a staging server or
    /// a test that starts real server processes lives on the same date as the data it was given.
    public static func running(from day: Day, start: Date = BirlikClock.system.now) -> BirlikClock {
        let offset = day.noon.timeIntervalSince(start)
        return BirlikClock { system.now.addingTimeInterval(offset) }
    }
}

extension Day {
    /// Noon of the day in Kazakhstan, as an instant.
    public var noon: Date { instant(secondsIntoDay: 12 * 3600) }
}
