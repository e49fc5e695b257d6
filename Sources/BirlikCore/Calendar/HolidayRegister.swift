import Foundation

/// The register of holidays and memorable dates for a year (S15; seed 000 §6.2): each with its dates,
/// whether it is a day off, and the act that makes it a holiday. Built from the shipped list
/// (`Resources/Reference/holidays.csv`) and the calendar's entries for holidays whose date moves.
public enum HolidayRegister {
    /// What makes a date a holiday.
    public enum Basis: String, Sendable, Hashable, CaseIterable {
        /// The Law of 13 December 2001 No. 267-II «On holidays in the Republic of Kazakhstan».
        case holidaysLaw
        /// The list of festive dates the Government approved on 27 July 2023.
        case governmentList
        /// A Government decision for the year (the day of a movable religious holiday).
        case governmentDecision
        public var l10nKey: L10nKey { L10nKey(rawValue: "holidays.basis.\(rawValue)")! }
    }

    /// A holiday as it falls in one year.
    public struct Occurrence: Sendable, Hashable {
        public var id: String
        public var name: LocalizedText
        public var first: Day
        public var last: Day
        public var isDayOff: Bool
        public var basis: Basis
    }

    /// One row of the shipped list, read once.
    struct Row: Sendable {
        var id: String
        var name: LocalizedText
        var rule: String
        var category: String
        var dayOff: Bool
    }

    static let rows: [Row] = CSVReader.records(ReferenceData.text("holidays.csv")).map { row in
        Row(id: row["id"] ?? "", name: LocalizedText(kk: row["name_kk"], ru: row["name_ru"], en: row["name_en"]), rule: row["date_rule"] ?? "",
            category: row["category"] ?? "", dayOff: row["day_off"] == "yes")
    }

    /// The holidays and memorable dates of `year`, in date order; holidays that were abolished are left
    /// out, movable ones come from `entries` (kind `.holiday`).
    public static func year(_ year: Int, entries: [CalendarEntry]) -> [Occurrence] {
        var result: [Occurrence] = []
        for row in rows where row.category != "abolished" {
            let basis: Basis = row.category == "memorable" ? .governmentList : .holidaysLaw
            if let (first, last) = dates(of: row.rule, in: year) {
                result.append(Occurrence(id: row.id, name: row.name, first: first, last: last, isDayOff: row.dayOff, basis: basis))
            }
        }
        for entry in entries where entry.kind == .holiday && entry.day.year == year {
            // The one movable day-off holiday, named as the shipped list names it.
            let name = rows.first { $0.id == "kurban_ait" }?.name ?? LocalizedText(kk: entry.note, ru: entry.note, en: entry.note)
            result.append(Occurrence(id: "kurban_ait", name: name, first: entry.day, last: entry.day, isDayOff: true, basis: .governmentDecision))
        }
        return result.sorted { ($0.first, $0.id) < ($1.first, $1.id) }
    }

    /// The days a rule gives in `year`: `MM-DD`, `MM-DD..MM-DD`, or «first Sunday of July»; `nil` for a
    /// rule only a decision can fix (lunar dates).
    static func dates(of rule: String, in year: Int) -> (Day, Day)? {
        if rule == "first Sunday of July" {
            var day = Day(year: year, month: 7, day: 1)
            while day.weekday != 6 { day = day.adding(days: 1) }
            return (day, day)
        }
        let parts = rule.components(separatedBy: "..").map { part -> Day? in
            let pieces = part.split(separator: "-").compactMap { Int($0) }
            guard pieces.count == 2, part.count == 5, (1...12).contains(pieces[0]), (1...Day.daysIn(month: pieces[0], year: year)).contains(pieces[1]) else { return nil }
            return Day(year: year, month: pieces[0], day: pieces[1])
        }
        guard let first = parts.first ?? nil, let last = parts.last ?? nil, first <= last else { return nil }
        return (first, last)
    }
}
