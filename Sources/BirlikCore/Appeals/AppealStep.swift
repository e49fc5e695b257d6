import Foundation

/// One recorded step of an appeal. The status page, the applicant's notices, the staff pages and the API
/// all render these rows, so they can never disagree: an appeal's status is its last event's.
public struct AppealEvent: Sendable, Hashable, Codable {
    public var appealID: UUID
    /// 1 for the registration, then one more per step.
    public var sequence: Int
    public var at: Date
    /// The status the step led to.
    public var status: Appeal.Status
    /// The reason of an extension, the body it was forwarded to, the grounds of a challenge, a closing note.
    public var note: String
    /// The deadline after the step.
    public var dueOn: Day?
    /// Who took the step (a staff member's name, or the applicant).
    public var actor: String

    public init(appealID: UUID, sequence: Int, at: Date, status: Appeal.Status, note: String, dueOn: Day?, actor: String) {
        self.appealID = appealID; self.sequence = sequence; self.at = at; self.status = status
        self.note = note; self.dueOn = dueOn; self.actor = actor
    }

    /// The notice the applicant reads for this step ("Your appeal was accepted; the answer is due by …").
    public var noticeKey: L10nKey { L10nKey(rawValue: "appeal.notice.\(status.rawValue)")! }

    /// The notice's arguments.
    public var noticeArguments: [String: String] {
        ["date": dueOn?.dotted ?? "", "note": note]
    }
}

/// What staff (or, to challenge an answer, the applicant) do to an appeal.
public enum AppealStep: Sendable {
    case accept
    /// Outside the council's remit: sent to the body that decides it.
    case forward(body: String)
    case startReview
    /// A later deadline by a reasoned decision.
    case extend(until: Day, reason: String)
    /// One outcome and answer per point raised, in order.
    case answer([(outcome: Appeal.Outcome?, text: String)])
    /// The applicant challenges the answer.
    case challenge(grounds: String)
    case close(note: String)

    /// The status the step leads to.
    public var status: Appeal.Status {
        switch self {
        case .accept: .accepted
        case .forward: .forwarded
        case .startReview: .inReview
        case .extend: .extended
        case .answer: .answered
        case .challenge: .appealed
        case .close: .closed
        }
    }

    /// The statuses the step may start from.
    public var allowedFrom: Set<Appeal.Status> {
        switch self {
        case .accept: [.registered]
        case .forward: [.registered, .accepted]
        case .startReview: [.accepted]
        case .extend: [.accepted, .inReview, .extended]
        case .answer: [.accepted, .inReview, .extended]
        case .challenge: [.answered]
        case .close: [.answered, .appealed]
        }
    }
}

extension Appeal {
    /// The appeal after `step` on `today`, and the note its event records; throws when the step is not
    /// allowed from the current status or its values break a rule.
    public func applying(_ step: AppealStep, today: Day, calendar: WorkingCalendar, terms: AppealTerms) throws -> (appeal: Appeal, note: String) {
        guard step.allowedFrom.contains(status) else { throw DomainError.conflict(.errorTransition) }
        var after = self
        after.status = step.status
        after.version += 1
        var note = ""
        switch step {
        case .accept, .startReview:
            break
        case let .forward(body):
            let body = body.trimmingCharacters(in: .whitespacesAndNewlines)
            if body.isEmpty { throw DomainError.invalid([FieldError("body", .fieldRequired)]) }
            if body.count > 500 { throw DomainError.invalid([FieldError("body", .fieldTooLong, ["max": "500"])]) }
            after.forwardedTo = body
            after.dueOn = calendar.adding(workingDays: terms.forwardDays, to: registeredOn)
            after.answeredOn = today
            after.workingDaysTaken = max(0, calendar.workingDays(from: registeredOn, to: today))
            note = body
        case let .extend(until, reason):
            var errors: [FieldError] = []
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if reason.isEmpty { errors.append(FieldError("reason", .appealExtensionReason)) }
            if reason.count > 2000 { errors.append(FieldError("reason", .fieldTooLong, ["max": "2000"])) }
            let limit = terms.limit(registeredOn: registeredOn)
            if until <= dueOn { errors.append(FieldError("until", .appealExtensionLater, ["date": dueOn.dotted])) }
            if until > limit { errors.append(FieldError("until", .appealExtensionLimit, ["date": limit.dotted])) }
            if !calendar.isWorkingDay(until) { errors.append(FieldError("until", .appealNotWorkingDay)) }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            after.dueOn = until
            after.extensionCount += 1
            note = reason
        case let .answer(answers):
            guard answers.count == points.count else { throw DomainError.invalid([FieldError("points", .appealEveryPoint)]) }
            var errors: [FieldError] = []
            for (index, answer) in answers.enumerated() {
                let text = answer.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if answer.outcome == nil { errors.append(FieldError("outcome\(index)", .appealEveryPoint)) }
                if text.isEmpty { errors.append(FieldError("answer\(index)", .appealEveryPoint)) }
                if text.count > 10_000 { errors.append(FieldError("answer\(index)", .fieldTooLong, ["max": "10000"])) }
                after.points[index].outcome = answer.outcome
                after.points[index].answer = text
            }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            let outcome = Appeal.Outcome.overall(after.points.compactMap(\.outcome))
            after.outcome = outcome
            after.answeredOn = today
            after.workingDaysTaken = max(0, calendar.workingDays(from: registeredOn, to: today))
            note = outcome.rawValue
        case let .challenge(grounds), let .close(grounds):
            let text = grounds.trimmingCharacters(in: .whitespacesAndNewlines)
            if case .challenge = step, text.isEmpty { throw DomainError.invalid([FieldError("grounds", .fieldRequired)]) }
            if text.count > 5000 { throw DomainError.invalid([FieldError(step.status == .appealed ? "grounds" : "note", .fieldTooLong, ["max": "5000"])]) }
            note = text
        }
        return (after, note)
    }

    /// Answered or forwarded by the deadline in force at the time.
    public var wasOnTime: Bool? {
        guard let answeredOn else { return nil }
        return answeredOn <= dueOn
    }
}
