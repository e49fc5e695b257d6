import Foundation

/// A person's registration for an event: a seat, a place on the waiting list, or a request awaiting the
/// organiser's approval. The attendee holds it by a secret token (no account needed): its page, the
/// QR code shown at the door, and a personal calendar feed. After the event's retention period the
/// personal data is purged and only the counts remain.
public struct EventRegistration: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Waiting for the organiser's approval (moderated events); holds no seat.
        case pending
        /// Holds a seat.
        case confirmed
        /// Waits for a seat, in the order registered.
        case waitlisted
        /// Given up by the attendee, or by the event's cancellation.
        case cancelled
        /// Refused by the organiser.
        case declined
        public var l10nKey: L10nKey { L10nKey(rawValue: "events.registration.\(rawValue)")! }
        public var isActive: Bool { [.pending, .confirmed, .waitlisted].contains(self) }
    }

    public var id: UUID
    public var eventID: UUID
    /// The event's organiser and place, whose staff handle the registration.
    public var organizerID: UUID
    public var region: String
    /// The attendee's secret (256 bits, base64url). Kept as it is, not hashed like an appeal's, because
    /// later e-mails (a seat freed, a new date) must carry the link; it opens this registration only.
    public var token: String
    public var name: String
    public var email: String
    public var phone: String
    /// The language the attendee registered in; their e-mail is written in it.
    public var language: Language
    public var status: Status
    public var registeredAt: Date
    /// The order it came in among the event's registrations (1 for the first): the waiting list's order.
    public var position: Int
    public var checkedInAt: Date?
    /// Name, e-mail and phone have been erased.
    public var purged: Bool
    public var version: Int

    public init(id: UUID = UUID(), eventID: UUID, organizerID: UUID, region: String, token: String, name: String, email: String, phone: String, language: Language,
                status: Status, registeredAt: Date, position: Int, checkedInAt: Date? = nil, purged: Bool = false, version: Int = 1) {
        self.id = id; self.eventID = eventID; self.organizerID = organizerID; self.region = region; self.token = token; self.name = name; self.email = email; self.phone = phone
        self.language = language; self.status = status; self.registeredAt = registeredAt; self.position = position; self.checkedInAt = checkedInAt
        self.purged = purged; self.version = version
    }

    /// Seen and handled by the event's organiser and the region's coordinators; never public.
    public var scope: Scope { Scope(organizationID: organizerID, regionCode: region, isPublic: false) }

    /// The same registration with its personal data erased.
    public var purgedCopy: EventRegistration {
        var copy = self
        copy.name = ""; copy.email = ""; copy.phone = ""; copy.purged = true
        return copy
    }
}

/// What a person types to register; `validated` names every problem at once.
public struct EventRegistrationDraft: Sendable, Hashable {
    public var name = ""
    public var email = ""
    public var phone = ""
    public var consent = false

    public init(name: String = "", email: String = "", phone: String = "", consent: Bool = false) {
        self.name = name; self.email = email; self.phone = phone; self.consent = consent
    }

    public func validated() throws -> (name: String, email: String, phone: String) {
        var errors: [FieldError] = []
        let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.append(FieldError("name", .fieldRequired)) } else if name.count > 200 { errors.append(FieldError("name", .fieldTooLong, ["max": "200"])) }
        let email = self.email.trimmingCharacters(in: .whitespaces).lowercased()
        if email.isEmpty { errors.append(FieldError("email", .fieldRequired)) } else if !OrganizationDraft.looksLikeEmail(email) { errors.append(FieldError("email", .fieldEmailFormat)) }
        let phone = self.phone.trimmingCharacters(in: .whitespaces)
        if phone.count > 30 || phone.contains(where: { !($0.isNumber || "+-() ".contains($0)) }) { errors.append(FieldError("phone", .eventsBadPhone)) }
        if !consent { errors.append(FieldError("consent", .eventsConsentRequired)) }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return (name, email, phone)
    }
}

/// Who holds the seats: the waiting list in the order registrations came.
public enum EventSeats {
    /// The waiting registration that takes a freed seat: the earliest on the waiting list.
    public static func next(in registrations: [EventRegistration]) -> EventRegistration? {
        registrations.filter { $0.status == .waitlisted }.min { $0.position < $1.position }
    }

    /// Seats taken.
    public static func taken(_ registrations: [EventRegistration]) -> Int { registrations.filter { $0.status == .confirmed }.count }

    /// A registrant's place on the waiting list (1 for the next one), or `nil` when not waiting.
    public static func place(of id: UUID, in registrations: [EventRegistration]) -> Int? {
        let waiting = registrations.filter { $0.status == .waitlisted }.sorted { $0.position < $1.position }
        return waiting.firstIndex { $0.id == id }.map { $0 + 1 }
    }
}
