import BirlikCore
import FluentKit
import Foundation

/// A row of `calendar_entries`: a movable holiday or a decreed move of a day off.
public final class CalendarEntryRecord: Model, @unchecked Sendable {
    public static let schema = "calendar_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "day") public var day: String
    @Field(key: "kind") public var kind: String
    @Field(key: "note") public var note: String
    @Field(key: "entered_by") public var enteredBy: String
    @Field(key: "entered_at") public var enteredAt: Date

    public init() {}

    init(_ entry: CalendarEntry, enteredBy: String, at: Date) {
        id = UUID(); day = entry.day.description; kind = entry.kind.rawValue; note = entry.note; self.enteredBy = enteredBy; enteredAt = at
    }

    var entry: CalendarEntry? {
        guard let parsed = Day(day), let kind = CalendarEntry.Kind(rawValue: kind) else { return nil }
        return CalendarEntry(day: parsed, kind: kind, note: note)
    }
}
