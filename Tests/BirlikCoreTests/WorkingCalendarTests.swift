import BirlikCore
import Foundation
import Testing

/// The one working-day calendar: holidays, days carried over from holidays on a weekend, decreed moves,
/// and the two questions every deadline asks.
@Suite("Working-day calendar")
struct WorkingCalendarTests {
    static let calendar = WorkingCalendar(entries: [
        CalendarEntry(day: Day(year: 2024, month: 6, day: 16), kind: .holiday, note: "Kurban Ait"),
        CalendarEntry(day: Day(year: 2026, month: 5, day: 27), kind: .holiday, note: "Kurban Ait"),
        CalendarEntry(day: Day(year: 2026, month: 1, day: 5), kind: .dayOff, note: "decree"),
        CalendarEntry(day: Day(year: 2026, month: 1, day: 10), kind: .workingDay, note: "decree"),
    ])

    @Test("Nauryz 2026 falls on Saturday and Sunday: 24 and 25 March are days off too; a religious holiday on a Sunday is not carried over")
    func carriedOver() {
        let calendar = Self.calendar
        for day in 21...25 { #expect(!calendar.isWorkingDay(Day(year: 2026, month: 3, day: day)), "\(day) March 2026") }
        #expect(calendar.isWorkingDay(Day(year: 2026, month: 3, day: 26)))
        // 9 May 2026 (Victory Day) is a Saturday: Monday 11 May is off.
        #expect(!calendar.isWorkingDay(Day(year: 2026, month: 5, day: 11)))
        // Kurban Ait 2024 was a Sunday; Monday 17 June 2024 was worked.
        #expect(calendar.isWorkingDay(Day(year: 2024, month: 6, day: 17)))
        #expect(!calendar.isWorkingDay(Day(year: 2026, month: 5, day: 27)))
    }

    @Test("Decrees move days: a weekday made a day off, a Saturday made a working day")
    func decrees() {
        #expect(!Self.calendar.isWorkingDay(Day(year: 2026, month: 1, day: 5)))
        #expect(Self.calendar.isWorkingDay(Day(year: 2026, month: 1, day: 10)))
        #expect(!Self.calendar.isWorkingDay(Day(year: 2026, month: 1, day: 11)))
    }

    @Test("N working days after a day, and working days between two days, agree with counting day by day")
    func arithmetic() {
        let calendar = Self.calendar
        // Registered Friday 20 March 2026: 21-25 March are off, so the 15th working day is 15 April.
        #expect(calendar.adding(workingDays: 15, to: Day(year: 2026, month: 3, day: 20)) == Day(year: 2026, month: 4, day: 15))
        // 2 January 2027 is a Saturday: its day off moves to Monday 4 January.
        #expect(calendar.adding(workingDays: 1, to: Day(year: 2026, month: 12, day: 31)) == Day(year: 2027, month: 1, day: 5))
        #expect(calendar.adding(workingDays: 0, to: Day(year: 2026, month: 3, day: 21)) == Day(year: 2026, month: 3, day: 26))
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let start = Day(ordinal: Day(year: 2024, month: 1, day: 1).ordinal + Int.random(in: 0...1500, using: &random))
            let count = Int.random(in: 0...60, using: &random)
            var walked = start, left = count
            while left > 0 { walked = walked.adding(days: 1); if calendar.isWorkingDay(walked) { left -= 1 } }
            if count == 0 { while !calendar.isWorkingDay(walked) { walked = walked.adding(days: 1) } }
            let end = calendar.adding(workingDays: count, to: start)
            #expect(end == walked, "\(count) working days after \(start)")
            if count > 0 { #expect(calendar.workingDays(from: start, to: end) == count) }
        }
    }

    @Test("Days convert to and from their ordinal and know their weekday")
    func ordinals() {
        #expect(Day(year: 1970, month: 1, day: 1).ordinal == 0)
        #expect(Day(year: 2026, month: 11, day: 29).weekday == 6)
        for ordinal in stride(from: -1000, to: 60_000, by: 37) { #expect(Day(ordinal: ordinal).ordinal == ordinal) }
        #expect(Day(year: 2026, month: 12, day: 31).adding(months: 2) == Day(year: 2027, month: 2, day: 28))
    }

    @Test("The shipped holidays read from the reference file: days off with fixed dates, religious ones marked")
    func shipped() {
        let ids = Set(Holiday.shipped.filter(\.isDayOff).map(\.id))
        #expect(ids.isSuperset(of: ["new_year", "nauryz", "unity_day", "independence_day", "republic_day"]))
        #expect(Holiday.shipped.first { $0.id == "orthodox_christmas" }?.isReligious == true)
        #expect(Holiday.shipped.first { $0.id == "first_president_day" }?.isDayOff == false)
    }
}
