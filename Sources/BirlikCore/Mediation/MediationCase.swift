import Foundation

/// A case of the APK mediation system (S7), from intake to the agreement and its follow-up. Parties,
/// the summary and the agreement are confidential: stored encrypted, readable by the assigned mediator and
/// the case's supervisor; anyone else who must read them does so by a recorded break-glass read.
public struct MediationCase: Sendable, Hashable, Codable, Identifiable {
    /// received → consultation only | screening → (inadmissible) → mediator assigned (after the
    /// conflict-of-interest check) → contract signed → sessions → agreement signed | ended → follow-up →
    /// closed; reopened when an agreement is breached.
    public enum Status: String, Sendable, CaseIterable, Codable {
        case received, consultationOnly, screening, inadmissible, mediatorAssigned, contracted, agreementSigned, ended, followUp, closed, reopened
        public var l10nKey: L10nKey { L10nKey(rawValue: "mediation.status.\(rawValue)")! }
        public var isFinished: Bool { [.consultationOnly, .inadmissible, .closed].contains(self) }
    }

    /// Where the case came from; the case keeps it and reports its outcome back to it.
    public enum OriginKind: String, Sendable, CaseIterable, Codable {
        case direct, alert, signal, appeal
    }

    /// A person or an organisation in the dispute.
    public struct Party: Sendable, Hashable, Codable {
        public var name: String
        public var organizationID: UUID?
        /// Individual identification number, phone and address: personal data.
        public var iin: String
        public var phone: String
        public var address: String

        public init(name: String, organizationID: UUID? = nil, iin: String = "", phone: String = "", address: String = "") {
            self.name = name; self.organizationID = organizationID; self.iin = iin; self.phone = phone; self.address = address
        }
    }

    /// A session with its date and what came of it.
    public struct Session: Sendable, Hashable, Codable {
        public var date: Day
        public var outcome: String
        public init(date: Day, outcome: String) { self.date = date; self.outcome = outcome }
    }

    /// The confidential part, encrypted as one value.
    public struct Confidential: Sendable, Hashable, Codable {
        public var parties: [Party]
        public var summary: String
        public var agreement: String
        public var sessions: [Session]

        public init(parties: [Party], summary: String, agreement: String = "", sessions: [Session] = []) {
            self.parties = parties; self.summary = summary; self.agreement = agreement; self.sessions = sessions
        }
    }

    public var id: UUID
    public var number: String
    public var originKind: OriginKind
    public var originID: UUID?
    public var place: String
    public var disputeType: DisputeType
    public var isInterethnic: Bool
    public var languages: [String]
    public var status: Status
    public var mediatorID: UUID?
    /// The assigned mediator's account: the case's owner for the permission check.
    public var mediatorUserID: UUID?
    /// The one supervisor: the staff member who took the case in.
    public var supervisorID: UUID
    public var receivedOn: Day
    public var contractSignedOn: Day?
    public var termEndsOn: Day?
    public var closedOn: Day?
    /// Why the case ended without an agreement, why it was inadmissible, or why a conflict was overridden.
    public var note: String
    /// The SHA-256 of the signed agreement document (Word).
    public var agreementSHA256: String
    /// The SHA-256 of the same agreement printed to PDF, signed too; empty until it is printed.
    public var agreementPDFSHA256: String
    public var sessionCount: Int
    public var confidential: Confidential
    public var version: Int

    public init(id: UUID = UUID(), number: String, originKind: OriginKind, originID: UUID?, place: String, disputeType: DisputeType, isInterethnic: Bool,
                languages: [String], status: Status = .received, mediatorID: UUID? = nil, mediatorUserID: UUID? = nil, supervisorID: UUID,
                receivedOn: Day, contractSignedOn: Day? = nil, termEndsOn: Day? = nil, closedOn: Day? = nil, note: String = "", agreementSHA256: String = "",
                agreementPDFSHA256: String = "", sessionCount: Int = 0, confidential: Confidential, version: Int = 1) {
        self.id = id; self.number = number; self.originKind = originKind; self.originID = originID; self.place = place; self.disputeType = disputeType
        self.isInterethnic = isInterethnic; self.languages = languages; self.status = status; self.mediatorID = mediatorID
        self.mediatorUserID = mediatorUserID; self.supervisorID = supervisorID; self.receivedOn = receivedOn
        self.contractSignedOn = contractSignedOn; self.termEndsOn = termEndsOn; self.closedOn = closedOn; self.note = note
        self.agreementSHA256 = agreementSHA256; self.agreementPDFSHA256 = agreementPDFSHA256; self.sessionCount = sessionCount; self.confidential = confidential; self.version = version
    }

    /// The place and, as its owner, the assigned mediator's account; never public.
    public var scope: Scope { Scope(organizationID: mediatorUserID, regionCode: place, isPublic: false) }

    /// `true` when `actor` may read the confidential part without a break-glass read: the assigned
    /// mediator and the case's one supervisor.
    public func mayReadConfidential(_ actor: Actor) -> Bool {
        guard let user = actor.userID else { return false }
        return user == mediatorUserID || user == supervisorID
    }

    /// Days from intake to closing (or to `today`).
    public func duration(until today: Day) -> Int { (closedOn ?? today).ordinal - receivedOn.ordinal }
}

/// A conflict of interest found before an assignment.
public struct ConflictOfInterest: Sendable, Hashable {
    public var partyName: String
    public var organizationID: UUID

    /// The parties whose organisations the mediator belongs to or declared ties to.
    public static func find(_ mediator: Mediator, parties: [MediationCase.Party]) -> [ConflictOfInterest] {
        let conflicting = mediator.conflictingOrganizations
        return parties.compactMap { party in
            party.organizationID.flatMap { conflicting.contains($0) ? ConflictOfInterest(partyName: party.name, organizationID: $0) : nil }
        }
    }
}

/// What staff and the mediator do to a case.
public enum MediationStep: Sendable {
    case consultationOnly(note: String)
    case screen
    case inadmissible(reason: String)
    /// The assignment, after the conflict check; `override` is the supervisor's reason to assign despite a conflict.
    case assign(Mediator, account: UUID?, override: String)
    /// The contract: the term starts (`termDays` calendar days).
    case signContract(termDays: Int)
    case session(Day, outcome: String)
    case agreement(text: String)
    case end(reason: String)
    case followUp(note: String)
    case close(note: String)
    case reopen(reason: String)

    public var status: MediationCase.Status {
        switch self {
        case .consultationOnly: .consultationOnly
        case .screen: .screening
        case .inadmissible: .inadmissible
        case .assign: .mediatorAssigned
        case .signContract: .contracted
        case .session: .contracted
        case .agreement: .agreementSigned
        case .end: .ended
        case .followUp: .followUp
        case .close: .closed
        case .reopen: .reopened
        }
    }

    public var allowedFrom: Set<MediationCase.Status> {
        switch self {
        case .consultationOnly, .screen: [.received]
        case .inadmissible: [.screening]
        case .assign: [.screening, .mediatorAssigned]
        case .signContract: [.mediatorAssigned, .reopened]
        case .session: [.contracted]
        case .agreement, .end: [.contracted]
        case .followUp: [.agreementSigned]
        case .close: [.agreementSigned, .followUp, .ended]
        case .reopen: [.agreementSigned, .followUp, .closed]
        }
    }

    /// The action name the audit log records.
    public var action: String {
        switch self {
        case .consultationOnly: "consultationOnly"
        case .screen: "screen"
        case .inadmissible: "inadmissible"
        case .assign: "assign"
        case .signContract: "signContract"
        case .session: "session"
        case .agreement: "agreement"
        case .end: "end"
        case .followUp: "followUp"
        case .close: "close"
        case .reopen: "reopen"
        }
    }
}

extension MediationCase {
    /// The case after `step` on `today`; throws when the step is not allowed now or its values break a rule.
    public func applying(_ step: MediationStep, today: Day) throws -> MediationCase {
        guard step.allowedFrom.contains(status) else { throw DomainError.conflict(.errorTransition) }
        var after = self
        after.status = step.status
        after.version += 1
        func text(_ value: String, _ field: String, required: Bool = true, max: Int = 5000) throws -> String {
            let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if required, value.isEmpty { throw DomainError.invalid([FieldError(field, .fieldRequired)]) }
            if value.count > max { throw DomainError.invalid([FieldError(field, .fieldTooLong, ["max": String(max)])]) }
            return value
        }
        switch step {
        case .screen:
            break
        case let .consultationOnly(note), let .inadmissible(note):
            after.note = try text(note, "note")
            after.closedOn = today
        case let .assign(mediator, account, override):
            guard mediator.status == .active else { throw DomainError.invalid([FieldError("mediator", .mediationMediatorInactive)]) }
            let conflicts = ConflictOfInterest.find(mediator, parties: confidential.parties)
            let reason = override.trimmingCharacters(in: .whitespacesAndNewlines)
            if !conflicts.isEmpty, reason.isEmpty {
                throw DomainError.invalid([FieldError("mediator", .mediationConflict, ["party": conflicts.map(\.partyName).joined(separator: ", ")])])
            }
            after.mediatorID = mediator.id
            after.mediatorUserID = account
            after.note = conflicts.isEmpty ? after.note : try text(reason, "override", max: 2000)
        case let .signContract(termDays):
            guard (1...365).contains(termDays) else { throw DomainError.invalid([FieldError("termDays", .fieldNumberRange, ["min": "1", "max": "365"])]) }
            after.contractSignedOn = today
            after.termEndsOn = today.adding(days: termDays)
        case let .session(day, outcome):
            guard day <= today, day >= (contractSignedOn ?? receivedOn) else { throw DomainError.invalid([FieldError("date", .mediationSessionDate)]) }
            after.confidential.sessions.append(MediationCase.Session(date: day, outcome: try text(outcome, "outcome")))
            after.sessionCount = after.confidential.sessions.count
        case let .agreement(agreement):
            guard sessionCount > 0 else { throw DomainError.invalid([FieldError("agreement", .mediationNoSession)]) }
            after.confidential.agreement = try text(agreement, "agreement", max: 20_000)
        case let .end(reason):
            after.note = try text(reason, "note")
            after.closedOn = today
        case let .followUp(note):
            after.note = try text(note, "note")
        case let .close(note):
            after.note = try text(note, "note", required: false)
            after.closedOn = today
        case let .reopen(reason):
            after.note = try text(reason, "note")
            after.closedOn = nil
            after.contractSignedOn = nil
            after.termEndsOn = nil
        }
        return after
    }
}
