import BirlikCore
import FluentKit
import Foundation
import NIOConcurrencyHelpers

/// The working-day calendar as stored: the shipped fixed holidays plus the entries an administrator
/// keeps (Kurban Ait each year, the Government's moves of days off). Every deadline asks `calendar(on:)`.
public enum WorkingCalendarStore {
    /// The last calendar laid out, by the entries it was made from: the same entries give the same calendar.
    private static let cache = NIOLockedValueBox<(entries: [CalendarEntry], calendar: WorkingCalendar)?>(nil)

    /// The calendar in force, from the entries stored now.
    public static func calendar(on db: any Database) async throws -> WorkingCalendar {
        let entries = try await self.entries(on: db)
        if let cached = cache.withLockedValue({ $0 }), cached.entries == entries { return cached.calendar }
        let calendar = WorkingCalendar(entries: entries)
        cache.withLockedValue { $0 = (entries, calendar) }
        return calendar
    }

    /// Every stored entry, by day.
    public static func entries(on db: any Database) async throws -> [CalendarEntry] {
        try await CalendarEntryRecord.query(on: db).sort(\.$day).all().compactMap(\.entry)
    }

    /// Adds a day (one entry per day); audited.
    public static func add(_ draft: CalendarEntryDraft, actor: Actor, on db: any Database, now: Date) async throws -> CalendarEntry {
        try Access.require(actor, .update, .workingCalendar, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false))
        let entry = try draft.validated()
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard try await CalendarEntryRecord.query(on: audit.db).filter(\.$day == entry.day.description).count() == 0 else {
                throw DomainError.invalid([FieldError("day", .calendarDayTaken)])
            }
            try await CalendarEntryRecord(entry, enteredBy: actor.displayName, at: now).create(on: audit.db)
            try await audit.record("create", "calendarEntry", id: entry.day.description, before: Nothing?.none, after: entry)
            return entry
        }
    }

    /// Removes the entry of `day`; audited. Deadlines already set keep their day.
    public static func remove(day: Day, actor: Actor, on db: any Database, now: Date) async throws {
        try Access.require(actor, .update, .workingCalendar, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false))
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await CalendarEntryRecord.query(on: audit.db).filter(\.$day == day.description).first(),
                  let entry = record.entry else { throw DomainError.notFound }
            try await record.delete(on: audit.db)
            try await audit.record("delete", "calendarEntry", id: day.description, before: entry, after: Nothing?.none)
        }
    }

    /// Kurban Ait, the one day-off holiday whose date moves, for the years around today as announced;
    /// later years are entered by an administrator when the Government sets them.
    static let kurbanAit: [Day] = [Day(year: 2024, month: 6, day: 16), Day(year: 2025, month: 6, day: 6), Day(year: 2026, month: 5, day: 27)]

    /// Adds the known Kurban Ait days that are missing (reference data; loading twice changes nothing).
    static func loadMovableHolidays(audit: AuditWriter) async throws {
        let existing = Set(try await CalendarEntryRecord.query(on: audit.db).all(\.$day))
        let missing = kurbanAit.filter { !existing.contains($0.description) }
        for day in missing {
            let entry = CalendarEntry(day: day, kind: .holiday, note: "Құрбан айт / Курбан айт")
            try await CalendarEntryRecord(entry, enteredBy: "system", at: audit.now).create(on: audit.db)
        }
        if !missing.isEmpty {
            try await audit.record("seed", "calendarEntry", id: "kurban-ait", before: Nothing?.none, after: missing.map(\.description))
        }
    }
}
