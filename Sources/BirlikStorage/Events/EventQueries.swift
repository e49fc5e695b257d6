import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// What the calendar pages and feeds read: events in a window with the calendar's filters, an event
/// with its organiser and measure, the registrations its keepers see, an attendee's own registrations.
public enum EventQueries {
    /// The calendar's filters; `nil` means any.
    public struct Filter: Sendable, Hashable {
        /// A place and its subtree.
        public var region: String?
        public var organizerID: UUID?
        public var kind: Event.Kind?

        public init(region: String? = nil, organizerID: UUID? = nil, kind: Event.Kind? = nil) {
            self.region = region; self.organizerID = organizerID; self.kind = kind
        }
    }

    /// Events overlapping `from..<to` (all of them when `nil`), by start; cancelled ones too (a feed
    /// publishes a cancellation, never a deletion).
    public static func events(from: Date?, to: Date?, filter: Filter, on db: any Database) async throws -> [Event] {
        var query = EventRecord.query(on: db)
        if let from { query = query.filter(\.$endsAt > from) }
        if let to { query = query.filter(\.$startsAt < to) }
        if let organizer = filter.organizerID { query = query.filter(\.$organizerID == organizer) }
        if let kind = filter.kind { query = query.filter(\.$kind == kind.rawValue) }
        if let region = filter.region, region != RegionCode.republic {
            let subtree = region + "-"
            query = query.group(.or) { $0.filter(\.$region == region).filter(\.$region =~ subtree) }
        }
        return try await query.sort(\.$startsAt).sort(\.$code).all().compactMap(\.value)
    }

    /// The next `limit` events not cancelled that have not ended by `now`, soonest first (the front page's).
    public static func upcoming(from now: Date, until: Date, limit: Int, on db: any Database) async throws -> [Event] {
        try await EventRecord.query(on: db).filter(\.$endsAt > now).filter(\.$startsAt < until).filter(\.$status != Event.Status.cancelled.rawValue)
            .sort(\.$startsAt).sort(\.$code).range(..<limit).all().compactMap(\.value)
    }

    /// An event by its code.
    public static func event(code: String, on db: any Database) async throws -> Event? {
        try await EventRecord.query(on: db).filter(\.$code == code).first()?.value
    }

    /// An event's registrations as its keepers see them (the one scope rule), in the order they came.
    public static func registrations(of eventID: UUID, actor: Actor, on db: any Database) async throws -> [EventRegistration] {
        try await EventRegistrationRecord.query(on: db).visible(to: actor).filter(\.$eventID == eventID).sort(\.$position).all().compactMap(\.value)
    }

    /// The counts the event page shows anyone: seats taken, waiting, awaiting approval, checked in.
    public struct Counts: Sendable, Hashable {
        public var confirmed = 0
        public var waitlisted = 0
        public var pending = 0
        public var checkedIn = 0
    }

    public static func counts(of eventID: UUID, on db: any Database) async throws -> Counts {
        var counts = Counts()
        for registration in try await EventStore.registrations(of: eventID, on: db) {
            switch registration.status {
            case .confirmed: counts.confirmed += 1
            case .waitlisted: counts.waitlisted += 1
            case .pending: counts.pending += 1
            default: break
            }
            if registration.checkedInAt != nil { counts.checkedIn += 1 }
        }
        return counts
    }

    /// The registrations made with the same e-mail as the one `token` names, with their events: the
    /// attendee's "my registrations" (the token proves the address). Empty once purged.
    public static func attendee(token: String, on db: any Database) async throws -> [(registration: EventRegistration, event: Event)] {
        guard let holder = try await EventStore.find(token: token, on: db), !holder.purged else { return [] }
        let registrations = try await EventRegistrationRecord.query(on: db).filter(\.$email == holder.email).sort(\.$registeredAt).all().compactMap(\.value)
        let events = try await EventRecord.query(on: db).filter(\.$id ~~ registrations.map(\.eventID)).all().compactMap(\.value)
        let byID = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0) })
        return registrations.compactMap { registration in byID[registration.eventID].map { (registration, $0) } }
    }
}
