import Foundation

/// A case of public control carried out by a council of public accord (Law "On public control", 2023;
/// seed 000 §6): planned in the council's plan of control, carried out, closed by a final document with
/// recommendations (within 7 working days), answered by the object recommendation by recommendation
/// (within 10 working days), optionally heard in public (announced 3 working days ahead), and each
/// recommendation followed to implemented or rejected. Public once the final document is issued.
public struct PublicControlCase: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case planned, inProgress, finalDocument, answered, closed
        public var l10nKey: L10nKey { L10nKey(rawValue: "control.status.\(rawValue)")! }
    }

    /// One recommendation of the final document and what became of it.
    public struct Recommendation: Sendable, Hashable, Codable {
        public enum State: String, Sendable, CaseIterable, Codable {
            case open, accepted, rejected, implemented
            public var l10nKey: L10nKey { L10nKey(rawValue: "control.recommendation.\(rawValue)")! }
        }
        public var text: String
        public var state: State
        /// The object's reasoned answer.
        public var answer: String

        public init(text: String, state: State = .open, answer: String = "") {
            self.text = text; self.state = state; self.answer = answer
        }
    }

    public var id: UUID
    public var number: String
    /// The council that controls.
    public var councilID: UUID
    /// The body controlled (a registry organisation).
    public var objectID: UUID
    public var place: String
    public var subject: String
    /// The quarter of the council's plan of control (`2026Q4`).
    public var plannedPeriod: String
    public var status: Status
    public var startedOn: Day?
    public var endedOn: Day?
    /// The term of the final document: 7 working days after the control ended.
    public var finalDocumentDue: Day?
    public var finalDocumentOn: Day?
    public var findings: String
    public var recommendations: [Recommendation]
    /// The term of the object's answer: 10 working days after the final document.
    public var answerDue: Day?
    public var answeredOn: Day?
    public var hearingOn: Day?
    public var hearingPlace: String
    public var hearingAnnouncedOn: Day?
    public var version: Int

    public init(id: UUID = UUID(), number: String, councilID: UUID, objectID: UUID, place: String, subject: String, plannedPeriod: String,
                status: Status = .planned, startedOn: Day? = nil, endedOn: Day? = nil, finalDocumentDue: Day? = nil, finalDocumentOn: Day? = nil,
                findings: String = "", recommendations: [Recommendation] = [], answerDue: Day? = nil, answeredOn: Day? = nil,
                hearingOn: Day? = nil, hearingPlace: String = "", hearingAnnouncedOn: Day? = nil, version: Int = 1) {
        self.id = id; self.number = number; self.councilID = councilID; self.objectID = objectID; self.place = place; self.subject = subject
        self.plannedPeriod = plannedPeriod; self.status = status; self.startedOn = startedOn; self.endedOn = endedOn
        self.finalDocumentDue = finalDocumentDue; self.finalDocumentOn = finalDocumentOn; self.findings = findings
        self.recommendations = recommendations; self.answerDue = answerDue; self.answeredOn = answeredOn; self.hearingOn = hearingOn
        self.hearingPlace = hearingPlace; self.hearingAnnouncedOn = hearingAnnouncedOn; self.version = version
    }

    /// The council's scope: its place and the council; public from the final document on.
    public var scope: Scope { Scope(organizationID: councilID, regionCode: place, isPublic: status != .planned && status != .inProgress) }

    /// The object's scope, for its answer.
    public var objectScope: Scope { Scope(organizationID: objectID, regionCode: place, isPublic: scope.isPublic) }
}

/// The terms of public control, in working days of the one calendar.
public struct PublicControlTerms: Sendable, Hashable {
    public var finalDocumentDays = 7
    public var answerDays = 10
    public var hearingNoticeDays = 3
    public init() {}
    public static let standard = PublicControlTerms()
}

/// What a council (or the object, for `answer`) does to a case.
public enum PublicControlStep: Sendable {
    case start
    case finish
    /// The final document: findings and one recommendation per line.
    case finalDocument(findings: String, recommendations: [String])
    /// The object's answer: accepted or rejected, with a reason, per recommendation.
    case answer([(accepted: Bool?, reason: String)])
    /// A public hearing, announced today.
    case hearing(on: Day, place: String)
    /// The council records what became of each recommendation.
    case track([PublicControlCase.Recommendation.State])
    case close

    public var allowedFrom: Set<PublicControlCase.Status> {
        switch self {
        case .start: [.planned]
        case .finish: [.inProgress]
        case .finalDocument: [.inProgress]
        case .answer: [.finalDocument]
        case .hearing: [.finalDocument, .answered]
        case .track: [.answered]
        case .close: [.answered]
        }
    }

    public var action: String {
        switch self {
        case .start: "start"
        case .finish: "finish"
        case .finalDocument: "finalDocument"
        case .answer: "answer"
        case .hearing: "hearing"
        case .track: "track"
        case .close: "close"
        }
    }
}

extension PublicControlCase {
    public func applying(_ step: PublicControlStep, today: Day, calendar: WorkingCalendar, terms: PublicControlTerms = .standard) throws -> PublicControlCase {
        guard step.allowedFrom.contains(status) else { throw DomainError.conflict(.errorTransition) }
        var after = self
        after.version += 1
        switch step {
        case .start:
            after.status = .inProgress
            after.startedOn = today
        case .finish:
            after.endedOn = today
            after.finalDocumentDue = calendar.adding(workingDays: terms.finalDocumentDays, to: today)
        case let .finalDocument(findings, recommendations):
            let findings = findings.trimmingCharacters(in: .whitespacesAndNewlines)
            let items = recommendations.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var errors: [FieldError] = []
            if findings.isEmpty { errors.append(FieldError("findings", .fieldRequired)) }
            if findings.count > 20_000 { errors.append(FieldError("findings", .fieldTooLong, ["max": "20000"])) }
            if items.isEmpty { errors.append(FieldError("recommendations", .fieldRequired)) }
            if items.count > 30 { errors.append(FieldError("recommendations", .appealTooManyPoints, ["max": "30"])) }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            let ended = endedOn ?? today
            after.endedOn = ended
            after.status = .finalDocument
            after.findings = findings
            after.recommendations = items.map { Recommendation(text: $0) }
            after.finalDocumentDue = after.finalDocumentDue ?? calendar.adding(workingDays: terms.finalDocumentDays, to: ended)
            after.finalDocumentOn = today
            after.answerDue = calendar.adding(workingDays: terms.answerDays, to: today)
        case let .answer(answers):
            guard answers.count == recommendations.count else { throw DomainError.invalid([FieldError("answers", .controlEveryRecommendation)]) }
            var errors: [FieldError] = []
            for (index, answer) in answers.enumerated() {
                let reason = answer.reason.trimmingCharacters(in: .whitespacesAndNewlines)
                if answer.accepted == nil { errors.append(FieldError("accepted\(index)", .controlEveryRecommendation)) }
                if reason.isEmpty { errors.append(FieldError("reason\(index)", .controlEveryRecommendation)) }
                after.recommendations[index].state = answer.accepted == true ? .accepted : .rejected
                after.recommendations[index].answer = reason
            }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            after.status = .answered
            after.answeredOn = today
        case let .hearing(day, place):
            let place = place.trimmingCharacters(in: .whitespacesAndNewlines)
            let earliest = calendar.adding(workingDays: terms.hearingNoticeDays, to: today)
            var errors: [FieldError] = []
            if day < earliest { errors.append(FieldError("hearingOn", .controlHearingNotice, ["date": earliest.dotted])) }
            if place.isEmpty { errors.append(FieldError("hearingPlace", .fieldRequired)) }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            after.hearingOn = day
            after.hearingPlace = place
            after.hearingAnnouncedOn = today
        case let .track(states):
            guard states.count == recommendations.count else { throw DomainError.invalid([FieldError("states", .controlEveryRecommendation)]) }
            for (index, state) in states.enumerated() { after.recommendations[index].state = state }
        case .close:
            guard after.recommendations.allSatisfy({ $0.state == .implemented || $0.state == .rejected }) else {
                throw DomainError.invalid([FieldError("states", .controlOpenRecommendations)])
            }
            after.status = .closed
        }
        return after
    }

    /// Late on `today`: the final document or the object's answer past its term.
    public func isLate(on today: Day) -> Bool {
        if status == .inProgress, let due = finalDocumentDue { return due < today }
        if status == .finalDocument, let due = answerDue { return due < today }
        return false
    }
}
