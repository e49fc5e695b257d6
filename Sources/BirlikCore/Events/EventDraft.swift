import Foundation

/// What an organiser types for an event; `validated` names every problem at once. The organiser and the
/// measure are resolved by storage.
public struct EventDraft: Sendable, Hashable {
    public var title = ""
    public var description = ""
    public var kind = ""
    public var region = ""
    public var venue = ""
    public var languages: [String] = []
    /// `plan-code/measure-code`, or empty.
    public var measureCode = ""
    /// `2026-09-05T10:00`, Kazakhstan time.
    public var startsAt = ""
    public var endsAt = ""
    /// Empty when no registration is taken.
    public var capacity = ""
    public var moderated = false
    public var retentionDays = ""

    public init(title: String = "", description: String = "", kind: String = "", region: String = "", venue: String = "", languages: [String] = [],
                measureCode: String = "", startsAt: String = "", endsAt: String = "", capacity: String = "", moderated: Bool = false,
                retentionDays: String = "") {
        self.title = title; self.description = description; self.kind = kind; self.region = region; self.venue = venue; self.languages = languages
        self.measureCode = measureCode; self.startsAt = startsAt; self.endsAt = endsAt; self.capacity = capacity; self.moderated = moderated
        self.retentionDays = retentionDays
    }

    /// The checked fields.
    public struct Valid: Sendable {
        public var title: String
        public var description: String
        public var kind: Event.Kind
        public var region: String
        public var venue: String
        public var languages: [String]
        public var startsAt: Date
        public var endsAt: Date
        public var capacity: Int?
        public var moderated: Bool
        public var retentionDays: Int
    }

    /// The days personal data is kept after an event unless the organiser says otherwise.
    public static let defaultRetentionDays = 90

    public func validated() throws -> Valid {
        var errors: [FieldError] = []
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.append(FieldError("title", .fieldRequired)) } else if title.count > 300 { errors.append(FieldError("title", .fieldTooLong, ["max": "300"])) }
        let description = self.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if description.count > 10_000 { errors.append(FieldError("description", .fieldTooLong, ["max": "10000"])) }
        let kind = Event.Kind(rawValue: self.kind)
        if kind == nil { errors.append(FieldError("kind", .fieldRequired)) }
        // Held somewhere: a region, a city or a district, not the republic as a whole.
        if PlaceDirectory.shared.find(region) == nil || RegionCode.topLevel(region) == nil {
            errors.append(FieldError("region", region.isEmpty ? .fieldRequired : .importUnknownPlace))
        }
        let venue = self.venue.trimmingCharacters(in: .whitespacesAndNewlines)
        if venue.isEmpty { errors.append(FieldError("venue", .fieldRequired)) } else if venue.count > 300 { errors.append(FieldError("venue", .fieldTooLong, ["max": "300"])) }
        let languages = Language.allCases.map(\.rawValue).filter { self.languages.contains($0) }
        if languages.isEmpty { errors.append(FieldError("languages", .fieldRequired)) }
        let starts = EventTime.parse(startsAt), ends = EventTime.parse(endsAt)
        if starts == nil { errors.append(FieldError("startsAt", startsAt.isEmpty ? .fieldRequired : .eventsBadTime)) }
        if ends == nil { errors.append(FieldError("endsAt", endsAt.isEmpty ? .fieldRequired : .eventsBadTime)) }
        if let starts, let ends, ends <= starts { errors.append(FieldError("endsAt", .eventsEndsBeforeStart)) }
        if let starts, let ends, ends.timeIntervalSince(starts) > 31 * 86_400 { errors.append(FieldError("endsAt", .eventsTooLong, ["max": "31"])) }
        let capacityText = capacity.trimmingCharacters(in: .whitespaces)
        let capacity = capacityText.isEmpty ? nil : Int(capacityText)
        if !capacityText.isEmpty, capacity == nil || !(1...100_000).contains(capacity!) { errors.append(FieldError("capacity", .eventsCapacityRange)) }
        let retentionText = retentionDays.trimmingCharacters(in: .whitespaces)
        let retention = retentionText.isEmpty ? Self.defaultRetentionDays : Int(retentionText)
        if retention == nil || !(1...1_095).contains(retention!) { errors.append(FieldError("retentionDays", .eventsRetentionRange)) }
        guard errors.isEmpty, let kind, let starts, let ends, let retention else { throw DomainError.invalid(errors) }
        return Valid(title: title, description: description, kind: kind, region: region, venue: venue, languages: languages, startsAt: starts,
                     endsAt: ends, capacity: capacity, moderated: moderated && capacity != nil, retentionDays: retention)
    }

    /// The draft of an existing event, for its edit form.
    public init(_ event: Event, measureCode: String) {
        self.init(title: event.title, description: event.description, kind: event.kind.rawValue, region: event.region, venue: event.venue,
                  languages: event.languages, measureCode: measureCode, startsAt: EventTime.local(event.startsAt), endsAt: EventTime.local(event.endsAt),
                  capacity: event.capacity.map(String.init) ?? "", moderated: event.moderated, retentionDays: String(event.retentionDays))
    }
}
