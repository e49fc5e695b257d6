import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// The calendar of events (S15): organisers plan and steer their events, people register (with a
/// waiting list and, where the organiser wants, approval), staff check them in at the door, the report
/// of a held event moves the monthly statistics it feeds, and the attendees' personal data is purged
/// after the event's retention period. Every change is audited; every registrant hears of what touches
/// their seat by e-mail, in the language they registered in.
public enum EventStore {
    /// Where an attendee's registration page is, from its token (the web layer knows the address).
    public typealias RegistrationLink = @Sendable (String) -> String

    // MARK: Events

    /// Creates an event of the actor's organisation (`id` nil) or changes an upcoming one opened at `version`.
    public static func save(_ draft: EventDraft, id: UUID?, version: Int, actor: Actor, on db: any Database, now: Date,
                            link: @escaping RegistrationLink) async throws -> Event {
        var problems: [FieldError] = []
        var valid: EventDraft.Valid?
        do { valid = try draft.validated() } catch let DomainError.invalid(errors) { problems = errors }
        let code = draft.measureCode.trimmingCharacters(in: .whitespaces)
        let measure = code.isEmpty ? nil : try await MeasureReferences.resolve([code], on: db).ids.first
        if !code.isEmpty, measure == nil { problems.append(FieldError("measureCode", .grantsUnknownMeasure, ["codes": code])) }
        if id == nil, let valid, valid.startsAt <= now { problems.append(FieldError("startsAt", .eventsStartsInPast)) }
        guard problems.isEmpty, let valid else { throw DomainError.invalid(problems) }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            if let id {
                guard let record = try await EventRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
                try Access.require(actor, .update, .event, in: before.scope)
                try Access.require(actor, .update, .event, in: Scope(organizationID: before.organizerID, regionCode: valid.region, isPublic: true))
                guard before.version == version else { throw DomainError.staleVersion }
                guard before.status.isUpcoming || before.status == .postponed else { throw DomainError.conflict(.errorTransition) }
                var after = before
                after.title = valid.title; after.description = valid.description; after.kind = valid.kind; after.region = valid.region
                after.venue = valid.venue; after.languages = valid.languages; after.measureID = measure; after.startsAt = valid.startsAt
                after.endsAt = valid.endsAt; after.capacity = valid.capacity; after.moderated = valid.moderated; after.retentionDays = valid.retentionDays
                after.sequence += 1; after.updatedAt = now; after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record("update", "event", id: id.uuidString, before: before, after: after)
                try await reseat(after, audit: audit, link: link)
                if before.startsAt != after.startsAt || before.venue != after.venue {
                    try await tell(after, key: .eventsMailChanged, audit: audit, link: link)
                }
                return after
            }
            guard let organizer = actor.organizationID else { throw DomainError.forbidden }
            try Access.require(actor, .create, .event, in: Scope(organizationID: organizer, regionCode: valid.region, isPublic: true))
            let year = Day(valid.startsAt).year
            let prefix = String(format: "EV-%04d-", year)
            let count = try await EventRecord.query(on: audit.db).filter(\.$code >= prefix).filter(\.$code < prefix + ":").count()
            let event = Event(code: prefix + String(format: "%04d", count + 1), title: valid.title, description: valid.description, kind: valid.kind,
                              organizerID: organizer, region: valid.region, venue: valid.venue, languages: valid.languages, measureID: measure,
                              startsAt: valid.startsAt, endsAt: valid.endsAt, capacity: valid.capacity, moderated: valid.moderated,
                              retentionDays: valid.retentionDays, updatedAt: now)
            try await EventRecord(event).create(on: audit.db)
            try await audit.record("create", "event", id: event.id.uuidString, before: Nothing?.none, after: event)
            return event
        }
    }

    /// A step on an event opened at `version`. Cancelling cancels every registration and tells the
    /// registrants; a new date tells them too; the report moves the month's event figures of the place.
    public static func apply(_ step: EventStep, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date,
                             link: @escaping RegistrationLink) async throws -> Event {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await EventRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .event, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            let after = try before.applying(step, now: now)
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record(step.name, "event", id: id.uuidString, before: before, after: after)
            switch step {
            case .cancel:
                for registration in try await registrations(of: id, on: audit.db) where registration.status.isActive {
                    try await setStatus(registration, .cancelled, event: after, key: .eventsMailCancelled, audit: audit, link: link)
                }
            case .postpone:
                try await tell(after, key: .eventsMailPostponed, audit: audit, link: link)
            case .reschedule:
                try await tell(after, key: .eventsMailChanged, audit: audit, link: link)
            case .report:
                try await ValueStore.contribute(figures(after.report, of: after, sign: 1) + figures(before.report, of: before, sign: -1),
                                                source: .events, audit: audit)
            case .confirm, .hold:
                break
            }
            return after
        }
    }

    /// The values a report adds to (or, with `sign` -1, takes from) the monthly statistics of the event's
    /// region: one event held, its participants by sex.
    static func figures(_ report: EventReport?, of event: Event, sign: Double) -> [DataValue] {
        guard let report, let region = RegionCode.topLevel(event.region) else { return [] }
        let month = Period.month(of: event.startDay)
        return [DataValue(element: "events.count", place: region, period: month, value: sign),
                DataValue(element: "events.participants", category: "sex=f", place: region, period: month, value: sign * Double(report.women)),
                DataValue(element: "events.participants", category: "sex=m", place: region, period: month, value: sign * Double(report.men))]
    }

    /// Adds a photograph to a held event's report (content-addressed; images only).
    public static func attachPhoto(_ id: UUID, data: Data, fileName: String, files: FileStore, actor: Actor, on db: any Database, now: Date) async throws -> Event {
        let kind = try Attachment.kind(of: data, fileName: fileName)
        guard kind == .png || kind == .jpeg else { throw DomainError.invalid([FieldError("file", .eventsPhotoType)]) }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await EventRecord.find(id, on: audit.db), var after = record.value else { throw DomainError.notFound }
            let before = after
            try Access.require(actor, .update, .event, in: before.scope)
            guard var report = before.report else { throw DomainError.conflict(.eventsReportFirst) }
            guard report.photos.count < 20 else { throw DomainError.invalid([FieldError("file", .grantsTooManyFiles, ["max": "20"])]) }
            let name = Attachment.safeName(fileName)
            let address = try await files.store(data, mediaType: kind.mediaType, originalName: name, on: audit.db, now: now)
            if !report.photos.contains(where: { $0.sha256 == address.sha256 }) {
                report.photos.append(Attachment(sha256: address.sha256, fileName: name, mediaType: kind.mediaType, size: data.count, addedAt: now,
                                                addedBy: actor.displayName))
            }
            after.report = report; after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("attach", "event", id: id.uuidString, before: before.report?.photos.map(\.sha256), after: report.photos.map(\.sha256))
            return after
        }
    }

    // MARK: Registrations

    /// Registers a person: a seat while there are seats, else the waiting list; on a moderated event a
    /// request the organiser approves. One active registration per e-mail and event.
    public static func register(_ draft: EventRegistrationDraft, for id: UUID, language: Language, actor: Actor, on db: any Database, now: Date,
                                link: @escaping RegistrationLink) async throws -> EventRegistration {
        let person = try draft.validated()
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let event = try await EventRecord.find(id, on: audit.db)?.value else { throw DomainError.notFound }
            guard event.takesRegistrations(at: now), let capacity = event.capacity else { throw DomainError.conflict(.eventsRegistrationClosed) }
            let existing = try await registrations(of: id, on: audit.db)
            if existing.contains(where: { $0.email == person.email && $0.status.isActive }) { throw DomainError.invalid([FieldError("email", .eventsAlreadyRegistered)]) }
            let status: EventRegistration.Status = event.moderated ? .pending : EventSeats.taken(existing) < capacity ? .confirmed : .waitlisted
            let registration = EventRegistration(eventID: id, organizerID: event.organizerID, region: event.region, token: TokenStore.randomToken(),
                                                 name: person.name, email: person.email, phone: person.phone, language: language, status: status,
                                                 registeredAt: now, position: (existing.map(\.position).max() ?? 0) + 1)
            try await EventRegistrationRecord(registration).create(on: audit.db)
            try await audit.record("register", "eventRegistration", id: registration.id.uuidString, before: Nothing?.none, after: Audited(registration))
            try await mail(registration, event: event, key: mailKey(status), audit: audit, link: link)
            return registration
        }
    }

    /// The attendee gives up their registration; a freed seat goes to the first on the waiting list.
    public static func cancel(token: String, actor: Actor, on db: any Database, now: Date, link: @escaping RegistrationLink) async throws -> EventRegistration {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let registration = try await find(token: token, on: audit.db),
                  let event = try await EventRecord.find(registration.eventID, on: audit.db)?.value else { throw DomainError.notFound }
            guard registration.status.isActive else { throw DomainError.conflict(.errorTransition) }
            guard now < event.endsAt else { throw DomainError.conflict(.eventsRegistrationClosed) }
            let after = try await setStatus(registration, .cancelled, event: event, key: .eventsMailCancelledByYou, audit: audit, link: link)
            try await reseat(event, audit: audit, link: link)
            return after
        }
    }

    /// The organiser approves or declines a request on a moderated event; an approved one takes a seat
    /// if one is free, else waits.
    public static func moderate(_ registrationID: UUID, approve: Bool, version: Int, actor: Actor, on db: any Database, now: Date,
                                link: @escaping RegistrationLink) async throws -> EventRegistration {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await EventRegistrationRecord.find(registrationID, on: audit.db), let registration = record.value,
                  let event = try await EventRecord.find(registration.eventID, on: audit.db)?.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .eventRegistration, in: registration.scope)
            guard registration.version == version else { throw DomainError.staleVersion }
            guard registration.status == .pending else { throw DomainError.conflict(.errorTransition) }
            guard approve else { return try await setStatus(registration, .declined, event: event, key: .eventsMailDeclined, audit: audit, link: link) }
            let taken = EventSeats.taken(try await registrations(of: event.id, on: audit.db))
            let status: EventRegistration.Status = taken < (event.capacity ?? 0) ? .confirmed : .waitlisted
            return try await setStatus(registration, status, event: event, key: mailKey(status), audit: audit, link: link)
        }
    }

    /// Checks a confirmed attendee in at the door (from the QR code on their registration).
    public static func checkIn(token: String, actor: Actor, on db: any Database, now: Date) async throws -> EventRegistration {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await EventRegistrationRecord.query(on: audit.db).filter(\.$token == token).first(), let before = record.value,
                  let event = try await EventRecord.find(before.eventID, on: audit.db)?.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .eventRegistration, in: before.scope)
            guard before.status == .confirmed else { throw DomainError.conflict(.eventsNotConfirmed) }
            guard before.checkedInAt == nil else { throw DomainError.conflict(.eventsAlreadyCheckedIn) }
            guard Day(now) >= event.startDay.adding(days: -1), now <= event.endsAt else { throw DomainError.conflict(.eventsCheckInClosed) }
            var after = before
            after.checkedInAt = now; after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("checkIn", "eventRegistration", id: before.id.uuidString, before: Audited(before), after: Audited(after))
            return after
        }
    }

    /// Erases the personal data of every registration of events whose retention period has passed,
    /// keeping the statuses (the counts); returns how many registrations were purged.
    public static func purgeExpired(now: Date, on db: any Database) async throws -> Int {
        let candidates = try await EventRecord.query(on: db).filter(\.$endsAt < now).all().compactMap(\.value)
            .filter { $0.purgedOn == nil && $0.purgeAt <= now }
        var purged = 0
        for event in candidates {
            purged += try await AuditLog.write(on: db, actor: .system, now: now) { audit in
                guard let record = try await EventRecord.find(event.id, on: audit.db), var after = record.value, after.purgedOn == nil else { return 0 }
                var count = 0
                for row in try await EventRegistrationRecord.query(on: audit.db).filter(\.$eventID == event.id).all() {
                    guard let registration = row.value, !registration.purged else { continue }
                    row.apply(registration.purgedCopy)
                    try await row.update(on: audit.db)
                    count += 1
                }
                after.purgedOn = Day(now); after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record("purge", "event", id: event.id.uuidString, before: Nothing?.none, after: ["registrations": count])
                return count
            }
        }
        return purged
    }

    // MARK: Reading

    /// An event's registrations, in the order they came.
    public static func registrations(of eventID: UUID, on db: any Database) async throws -> [EventRegistration] {
        try await EventRegistrationRecord.query(on: db).filter(\.$eventID == eventID).sort(\.$position).all().compactMap(\.value)
    }

    /// The registration a token names.
    public static func find(token: String, on db: any Database) async throws -> EventRegistration? {
        guard TokenStore.isWellFormed(token) else { return nil }
        return try await EventRegistrationRecord.query(on: db).filter(\.$token == token).first()?.value
    }

    // MARK: Seats and mail

    /// Fills free seats from the waiting list, earliest first (after a cancellation or a larger capacity).
    static func reseat(_ event: Event, audit: AuditWriter, link: @escaping RegistrationLink) async throws {
        guard let capacity = event.capacity, event.status.isUpcoming else { return }
        var current = try await registrations(of: event.id, on: audit.db)
        while EventSeats.taken(current) < capacity, let next = EventSeats.next(in: current) {
            let promoted = try await setStatus(next, .confirmed, event: event, key: .eventsMailPromoted, audit: audit, link: link)
            current = current.map { $0.id == promoted.id ? promoted : $0 }
        }
    }

    @discardableResult
    static func setStatus(_ registration: EventRegistration, _ status: EventRegistration.Status, event: Event, key: L10nKey, audit: AuditWriter,
                          link: @escaping RegistrationLink) async throws -> EventRegistration {
        guard let record = try await EventRegistrationRecord.find(registration.id, on: audit.db) else { throw DomainError.notFound }
        var after = registration
        after.status = status; after.version += 1
        record.apply(after)
        try await record.update(on: audit.db)
        try await audit.record(status.rawValue, "eventRegistration", id: registration.id.uuidString, before: Audited(registration), after: Audited(after))
        try await mail(after, event: event, key: key, audit: audit, link: link)
        return after
    }

    /// Tells every active registrant of a change to the event.
    static func tell(_ event: Event, key: L10nKey, audit: AuditWriter, link: @escaping RegistrationLink) async throws {
        for registration in try await registrations(of: event.id, on: audit.db) where registration.status.isActive {
            try await mail(registration, event: event, key: key, audit: audit, link: link)
        }
    }

    static func mailKey(_ status: EventRegistration.Status) -> L10nKey {
        switch status {
        case .pending: .eventsMailPending
        case .waitlisted: .eventsMailWaitlisted
        default: .eventsMailConfirmed
        }
    }

    /// Queues the registrant's e-mail, in the language they registered in, once per registration, event
    /// version and kind.
    static func mail(_ registration: EventRegistration, event: Event, key: L10nKey, audit: AuditWriter, link: RegistrationLink) async throws {
        guard MailMessage.isSendable(registration.email) else { return }
        let l10n = Localizer(registration.language)
        let when = "\(event.startDay.dotted) \(EventTime.clock(event.startsAt))"
        let body = [l10n(key, ["title": event.title, "when": when, "venue": event.venue]),
                    l10n(.eventsMailLink, ["link": link(registration.token)]), l10n(.appealMailSignature)].joined(separator: "\n\n")
        let message = MailMessage(to: registration.email, subject: l10n(.eventsMailSubject, ["code": event.code, "title": event.title]), body: body)
        _ = try await MailOutbox.enqueue(message, kind: "event", dedupe: "event:\(registration.id.uuidString):\(registration.version):\(event.version):\(key.rawValue)",
                                         audit: audit)
    }

    /// The audit entry of a registration: everything but the personal data, which the audit log must not
    /// keep past the retention period.
    struct Audited: Encodable {
        var id: UUID
        var eventID: UUID
        var status: String
        var checkedInAt: Date?
        var purged: Bool
        init(_ registration: EventRegistration) {
            id = registration.id; eventID = registration.eventID; status = registration.status.rawValue
            checkedInAt = registration.checkedInAt; purged = registration.purged
        }
    }
}
