import BirlikCore
import FluentKit
import Foundation

/// A row of `events`: the event as JSON, with the columns the calendar filters and sorts on.
public final class EventRecord: Model, @unchecked Sendable {
    public static let schema = "events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "kind") public var kind: String
    @Field(key: "organizer_id") public var organizerID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "status") public var status: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Event) { id = value.id; apply(value) }

    func apply(_ value: Event) {
        code = value.code; kind = value.kind.rawValue; organizerID = value.organizerID; region = value.region; status = value.status.rawValue
        startsAt = value.startsAt; endsAt = value.endsAt; content = JSONColumn.encode(value); version = value.version
    }

    public var value: Event? { JSONColumn.decode(Event?.self, content, default: nil) }
}

/// A row of `event_registrations`: the attendee's, handled in the event's scope.
public final class EventRegistrationRecord: Model, @unchecked Sendable {
    public static let schema = "event_registrations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "event_id") public var eventID: UUID
    @Field(key: "organizer_id") public var organizerID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "token") public var token: String
    @Field(key: "email") public var email: String
    @Field(key: "status") public var status: String
    @Field(key: "registered_at") public var registeredAt: Date
    @Field(key: "position") public var position: Int
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: EventRegistration) { id = value.id; apply(value) }

    func apply(_ value: EventRegistration) {
        eventID = value.eventID; organizerID = value.organizerID; region = value.region; token = value.token; email = value.email
        status = value.status.rawValue; registeredAt = value.registeredAt; position = value.position; content = JSONColumn.encode(value); version = value.version
    }

    public var value: EventRegistration? { JSONColumn.decode(EventRegistration?.self, content, default: nil) }
}

extension EventRegistrationRecord: ScopedModel {
    public static let resource = Resource.eventRegistration
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("organizer_id", table))
    }
}
