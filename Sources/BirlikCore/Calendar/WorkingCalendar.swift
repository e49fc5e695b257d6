import Foundation

/// **The** working-day calendar of Birlik: every deadline counted in working days (appeals, public
/// control, mediation, and whatever else asks) is counted here.
///
/// A day is a working day unless it is a Saturday or a Sunday, a holiday that is a day off, a day off
/// carried over from a holiday that fell on a weekend (Labour Code, Art. 85: the next working day; not
/// for religious holidays), or a day off the Government moved by decree. A decree can also make a weekend
/// day a working day. The calendar is laid out once for a span of years as a running count of working
/// days and the list of working days, so both questions below are two array reads.
public struct WorkingCalendar: Sendable {
    /// The first and last year laid out; outside them only weekends count as days off.
    public let years: ClosedRange<Int>
    /// Why a day is not worked (or is, on a weekend), for display.
    public let marked: [Day: Mark]
    private let firstOrdinal: Int
    /// `running[i]`: working days from the first laid-out day through day `firstOrdinal + i`.
    private let running: [Int32]
    /// `workingDay[k]`: the (k+1)-th working day of the layout, so "N working days after" is two reads.
    private let workingDay: [Day]

    /// Why a day is marked.
    public enum Mark: Sendable, Hashable {
        case holiday(Holiday)
        /// The working day after a holiday that fell on a weekend.
        case carriedOver(Holiday)
        case entry(CalendarEntry)
    }

    public init(holidays: [Holiday] = Holiday.shipped, entries: [CalendarEntry], years: ClosedRange<Int> = 2000...2100) {
        self.years = years
        var marked: [Day: Mark] = [:]
        for entry in entries where years.contains(entry.day.year) { marked[entry.day] = .entry(entry) }
        let daysOff = holidays.filter(\.isDayOff).sorted { ($0.month, $0.days.lowerBound) < ($1.month, $1.days.lowerBound) }
        for year in years {
            // Every holiday of the year first, so that a day carried over never lands on a later holiday.
            for holiday in daysOff {
                for dayNumber in holiday.days where dayNumber <= Day.daysIn(month: holiday.month, year: year) {
                    let day = Day(year: year, month: holiday.month, day: dayNumber)
                    if marked[day] == nil { marked[day] = .holiday(holiday) }
                }
            }
            for holiday in daysOff where !holiday.isReligious {
                let days = holiday.days.filter { $0 <= Day.daysIn(month: holiday.month, year: year) }.map { Day(year: year, month: holiday.month, day: $0) }
                var owed = days.filter(WorkingCalendar.isWeekend).count
                // The days carried over follow the holiday: the first weekdays after it that are not off already.
                var next = days.last ?? Day(year: year, month: holiday.month, day: 1)
                while owed > 0 {
                    next = next.adding(days: 1)
                    if WorkingCalendar.isWeekend(next) || marked[next] != nil { continue }
                    marked[next] = .carriedOver(holiday)
                    owed -= 1
                }
            }
        }
        self.marked = marked
        let first = Day(year: years.lowerBound, month: 1, day: 1).ordinal
        let last = Day(year: years.upperBound, month: 12, day: 31).ordinal
        var running = [Int32](repeating: 0, count: last - first + 1)
        var workingDay: [Day] = []
        workingDay.reserveCapacity(running.count * 5 / 7)
        var count: Int32 = 0
        for index in running.indices {
            let ordinal = first + index
            if WorkingCalendar.isWorking(ordinal: ordinal, mark: marked[Day(ordinal: ordinal)]) {
                count += 1
                workingDay.append(Day(ordinal: ordinal))
            }
            running[index] = count
        }
        self.firstOrdinal = first
        self.running = running
        self.workingDay = workingDay
    }

    /// Saturday or Sunday.
    public static func isWeekend(_ day: Day) -> Bool { day.weekday >= 5 }

    private static func isWorking(ordinal: Int, mark: Mark?) -> Bool {
        switch mark {
        case .entry(let entry) where entry.kind == .workingDay: return true
        case .some: return false
        case .none: return Day.weekday(ordinal: ordinal) < 5
        }
    }

    /// `true` when `day` is worked.
    public func isWorkingDay(_ day: Day) -> Bool {
        let index = day.ordinal - firstOrdinal
        guard running.indices.contains(index) else { return !WorkingCalendar.isWeekend(day) }
        return running[index] - (index > 0 ? running[index - 1] : 0) == 1
    }

    /// `true` when `day` is marked off: a holiday, a day carried over from one, or a day off by decree.
    /// A plain weekend is not (a Saturday lesson is held unless the calendar marks the day).
    public func isDayOff(_ day: Day) -> Bool { marked[day] != nil && !isWorkingDay(day) }

    /// The working days after `start` up to and including `end` (negative when `end` is earlier).
    public func workingDays(from start: Day, to end: Day) -> Int {
        guard start <= end else { return -workingDays(from: end, to: start) }
        let a = start.ordinal - firstOrdinal, b = end.ordinal - firstOrdinal
        guard running.indices.contains(a), running.indices.contains(b) else {
            var count = 0, ordinal = start.ordinal
            while ordinal < end.ordinal { ordinal += 1; if Day.weekday(ordinal: ordinal) < 5 { count += 1 } }
            return count
        }
        return Int(running[b] - running[a])
    }

    /// The day `count` working days after `start` ("within 15 working days of registration" ends on it).
    /// `start` itself never counts; with `count` 0 it is the next working day on or after `start`.
    public func adding(workingDays count: Int, to start: Day) -> Day {
        precondition(count >= 0, "count working days forward only")
        let a = start.ordinal - firstOrdinal
        guard running.indices.contains(a) else { return walk(count, from: start) }
        if count == 0, isWorkingDay(start) { return start }
        // The working day whose running count is the target: the target-th working day of the layout.
        let target = Int(running[a]) + max(count, 1)
        guard target <= workingDay.count else { return walk(count, from: start) }
        return workingDay[target - 1]
    }

    private func walk(_ count: Int, from start: Day) -> Day {
        var ordinal = start.ordinal, left = count
        if left == 0 { while Day.weekday(ordinal: ordinal) >= 5 { ordinal += 1 }; return Day(ordinal: ordinal) }
        while left > 0 { ordinal += 1; if Day.weekday(ordinal: ordinal) < 5 { left -= 1 } }
        return Day(ordinal: ordinal)
    }

    /// The days of `year` that are not worked though they are weekdays, and the weekend days that are, in order.
    public func exceptions(in year: Int) -> [(day: Day, mark: Mark)] {
        marked.filter { $0.key.year == year }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

extension Day {
    /// Days since 1 January 1970 (civil calendar; H. Hinnant's `days_from_civil`).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `ordinal` days after 1 January 1970 (`civil_from_days`).
    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// 0 for Monday … 6 for Sunday.
    public var weekday: Int { Day.weekday(ordinal: ordinal) }

    static func weekday(ordinal: Int) -> Int { ((ordinal % 7) + 7 + 3) % 7 }

    /// The same day `months` months later, or the month's last day when it is shorter.
    public func adding(months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12, newMonth = index % 12 + 1
        return Day(year: newYear, month: newMonth, day: min(day, Day.daysIn(month: newMonth, year: newYear)))
    }
}
