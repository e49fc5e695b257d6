import Foundation

/// An agreement with partners abroad (S20): a memorandum, an agreement or a plan of cooperation, with
/// its parties, signatories, date and place of signing, term and renewal rule, and its obligations.
/// draft → signed → in force → (expiring, 90 days before its end) → expired | renewed | terminated.
/// Its public summary is published once signed; its confidential clauses never are.
public struct Agreement: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case memorandum, agreement, plan
        public var l10nKey: L10nKey { L10nKey(rawValue: "cooperation.kind.\(rawValue)")! }
    }

    /// The stored course; *expiring* and *expired* are read from the day (`state(on:)`). A renewed
    /// agreement is in force until its new end.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, signed, inForce, renewed, terminated
    }

    /// What a page shows on a day.
    public enum State: String, Sendable, Hashable, CaseIterable {
        case draft, signed, inForce, expiring, expired, renewed, terminated
        public var l10nKey: L10nKey { L10nKey(rawValue: "cooperation.state.\(rawValue)")! }
    }

    public enum Renewal: String, Sendable, Hashable, Codable, CaseIterable {
        /// Ends with its term.
        case none
        /// Extended for the same term unless a party objects.
        case automatic
        /// Extended only by a new decision of the parties.
        case byDecision
        public var l10nKey: L10nKey { L10nKey(rawValue: "cooperation.renewal.\(rawValue)")! }
    }

    public var id: UUID
    /// `AGR-2026-0001`.
    public var code: String
    public var kind: Kind
    public var title: String
    /// The public summary.
    public var summary: String
    /// Clauses that are never published (shown to the keepers only).
    public var confidential: String
    public var partnerIDs: [UUID]
    /// The Kazakh side (a registry organisation) and its place.
    public var keeperID: UUID
    public var region: String
    public var signatories: String
    public var signedOn: Day?
    public var place: String
    public var startsOn: Day?
    public var endsOn: Day?
    public var renewal: Renewal
    public var status: Status
    public var obligations: [Obligation]
    public var terminationReason: String?
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID = UUID(), code: String, kind: Kind, title: String, summary: String, confidential: String, partnerIDs: [UUID], keeperID: UUID,
                region: String, signatories: String, signedOn: Day?, place: String, startsOn: Day?, endsOn: Day?, renewal: Renewal, status: Status = .draft,
                obligations: [Obligation] = [], terminationReason: String? = nil, updatedAt: Date, version: Int = 1) {
        self.id = id; self.code = code; self.kind = kind; self.title = title; self.summary = summary; self.confidential = confidential
        self.partnerIDs = partnerIDs; self.keeperID = keeperID; self.region = region; self.signatories = signatories; self.signedOn = signedOn
        self.place = place; self.startsOn = startsOn; self.endsOn = endsOn; self.renewal = renewal; self.status = status
        self.obligations = obligations; self.terminationReason = terminationReason; self.updatedAt = updatedAt; self.version = version
    }

    /// The days before the end at which the keepers are alerted.
    public static let alertDays = [90, 30]

    /// Public once signed.
    public var scope: Scope { Scope(organizationID: keeperID, regionCode: region, isPublic: status != .draft) }

    public func state(on today: Day) -> State {
        switch status {
        case .draft: return .draft
        case .signed: return .signed
        case .terminated: return .terminated
        case .inForce, .renewed:
            let running: State = status == .renewed ? .renewed : .inForce
            guard let endsOn else { return running }
            if today > endsOn { return .expired }
            return today.adding(days: Self.alertDays[0]) >= endsOn ? .expiring : running
        }
    }

    /// Days left until the end (negative after it), when it has one.
    public func daysLeft(on today: Day) -> Int? { endsOn.map { $0.ordinal - today.ordinal } }
}

/// What a party undertook, by when; linked to the plan measure (S2) or the event (S15) that carries it out.
public struct Obligation: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var text: String
    public var dueOn: Day
    /// `plan-code/measure-code`, or empty.
    public var measureCode: String
    /// An event's code (`EV-2026-0012`), or empty.
    public var eventCode: String
    public var doneOn: Day?

    public init(id: UUID = UUID(), text: String, dueOn: Day, measureCode: String = "", eventCode: String = "", doneOn: Day? = nil) {
        self.id = id; self.text = text; self.dueOn = dueOn; self.measureCode = measureCode; self.eventCode = eventCode; self.doneOn = doneOn
    }

    public func isOverdue(on today: Day) -> Bool { doneOn == nil && dueOn < today }
}

/// A step in an agreement's course.
public enum AgreementStep: Sendable, Hashable {
    case sign(on: Day, place: String, signatories: String)
    case enterIntoForce(on: Day)
    case renew(until: Day)
    case terminate(reason: String)

    public var name: String {
        switch self {
        case .sign: "sign"
        case .enterIntoForce: "enterIntoForce"
        case .renew: "renew"
        case .terminate: "terminate"
        }
    }
}

extension Agreement {
    /// The agreement after `step` on `today`, or the problems that refuse it.
    public func applying(_ step: AgreementStep, today: Day, now: Date) throws -> Agreement {
        var after = self
        switch step {
        case let .sign(on, place, signatories):
            guard status == .draft else { throw DomainError.conflict(.errorTransition) }
            var problems: [FieldError] = []
            if on > today { problems.append(FieldError("signedOn", .cooperationNotFuture)) }
            if place.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(FieldError("place", .fieldRequired)) }
            if signatories.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(FieldError("signatories", .fieldRequired)) }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            after.status = .signed; after.signedOn = on; after.place = place.trimmingCharacters(in: .whitespaces)
            after.signatories = signatories.trimmingCharacters(in: .whitespacesAndNewlines)
        case let .enterIntoForce(on):
            guard status == .signed, let signed = signedOn else { throw DomainError.conflict(.errorTransition) }
            if on < signed { throw DomainError.invalid([FieldError("startsOn", .cooperationBeforeSigning)]) }
            if let endsOn, on > endsOn { throw DomainError.invalid([FieldError("startsOn", .fieldEndBeforeStart)]) }
            after.status = .inForce; after.startsOn = on
        case let .renew(until):
            guard status == .inForce || status == .renewed, renewal != .none, let endsOn else { throw DomainError.conflict(.errorTransition) }
            if until <= endsOn { throw DomainError.invalid([FieldError("until", .cooperationRenewLater)]) }
            after.status = .renewed; after.endsOn = until
        case let .terminate(reason):
            guard [.signed, .inForce, .renewed].contains(status) else { throw DomainError.conflict(.errorTransition) }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
            after.status = .terminated; after.terminationReason = reason
        }
        after.updatedAt = now; after.version += 1
        return after
    }
}
