import Foundation

/// A public holiday of Kazakhstan that falls on the same date every year (`Resources/Reference/holidays.csv`).
/// Holidays whose date moves (Kurban Ait) are entered per year as a `CalendarEntry`.
public struct Holiday: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// The month and days it covers (`03-21..03-23` gives three days).
    public var month: Int
    public var days: ClosedRange<Int>
    /// A day off (state and national holidays), not only a festive date.
    public var isDayOff: Bool
    /// Religious holidays are days off that are not carried over when they fall on a weekend.
    public var isReligious: Bool

    /// The shipped holidays with a fixed date; rules in words ("first Sunday of July", lunar dates) are skipped.
    public static let shipped: [Holiday] = CSVReader.records(ReferenceData.text("holidays.csv")).compactMap { row in
        let rule = (row["date_rule"] ?? "").split(separator: ".", omittingEmptySubsequences: true).map(String.init)
        let bounds = rule.compactMap { part -> (Int, Int)? in
            let pieces = part.split(separator: "-").compactMap { Int($0) }
            return pieces.count == 2 && part.count == 5 ? (pieces[0], pieces[1]) : nil
        }
        guard bounds.count == rule.count, let first = bounds.first, let last = bounds.last, first.0 == last.0, first.1 <= last.1 else { return nil }
        let category = row["category"] ?? ""
        return Holiday(id: row["id"] ?? "", name: LocalizedText(kk: row["name_kk"], ru: row["name_ru"], en: row["name_en"]),
                       month: first.0, days: first.1...last.1, isDayOff: row["day_off"] == "yes",
                       isReligious: category.contains("religious"))
    }
}

/// A day the calendar marks apart from the weekly rhythm: a holiday whose date moves each year (Kurban
/// Ait), a day off the Government moves by decree, or a weekend day made a working day by the same decree.
public struct CalendarEntry: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A holiday and day off (not carried over when it falls on a weekend).
        case holiday
        /// A weekday that is not worked (a day off moved by decree).
        case dayOff
        /// A Saturday or Sunday that is worked instead.
        case workingDay

        public var l10nKey: L10nKey { L10nKey(rawValue: "calendar.kind.\(rawValue)")! }
    }

    public var day: Day
    public var kind: Kind
    /// What it is, or the decree that set it, in the language it was entered in.
    public var note: String

    public init(day: Day, kind: Kind, note: String) {
        self.day = day; self.kind = kind; self.note = note
    }
}

/// What an administrator enters to add a day to the calendar, checked field by field.
public struct CalendarEntryDraft: Sendable, Hashable, Codable {
    public var day = ""
    public var kind = ""
    public var note = ""

    public init(day: String = "", kind: String = "", note: String = "") {
        self.day = day; self.kind = kind; self.note = note
    }

    public func validated() throws -> CalendarEntry {
        var errors: [FieldError] = []
        let parsed = Day(day)
        if parsed == nil { errors.append(FieldError("day", day.isEmpty ? .fieldRequired : .fieldDate)) }
        let kind = CalendarEntry.Kind(rawValue: kind)
        if kind == nil { errors.append(FieldError("kind", .fieldRequired)) }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.isEmpty { errors.append(FieldError("note", .fieldRequired)) }
        if note.count > 500 { errors.append(FieldError("note", .fieldTooLong, ["max": "500"])) }
        if let parsed, let kind {
            let weekend = WorkingCalendar.isWeekend(parsed)
            if kind == .workingDay, !weekend { errors.append(FieldError("kind", .calendarWorkingDayWeekend)) }
            if kind == .dayOff, weekend { errors.append(FieldError("kind", .calendarDayOffWeekday)) }
        }
        guard errors.isEmpty, let parsed, let kind else { throw DomainError.invalid(errors) }
        return CalendarEntry(day: parsed, kind: kind, note: note)
    }
}
