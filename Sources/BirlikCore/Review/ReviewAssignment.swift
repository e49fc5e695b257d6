import Foundation

/// One expert's review of one subject (S21: the Scientific-expert council's support of APK projects,
/// grant applications, award nominations; later encyclopedia articles and good practices). The reviewer
/// declares a conflict of interest, or its absence, before any content is shown; then scores each
/// criterion of the subject's ``ReviewForm``, with a confidence, by a due day counted in working days.
///
/// awaiting response → accepted | declined → (overdue) → received → complete | cancelled. "Overdue" is
/// not stored: it is an accepted or awaiting assignment past its day (``state(on:)``).
public struct ReviewAssignment: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case awaitingResponse, accepted, declined, received, complete, cancelled
    }

    /// What a page shows: the stored status, or overdue.
    public enum State: String, Sendable, Hashable, CaseIterable {
        case awaitingResponse, accepted, declined, overdue, received, complete, cancelled
        public var l10nKey: L10nKey { L10nKey(rawValue: "review.state.\(rawValue)")! }
    }

    /// The reviewer's declaration on conflicts of interest.
    public struct Declaration: Sendable, Hashable, Codable {
        /// `true` when the reviewer declared a conflict (and so declined).
        public var hasConflict: Bool
        public var statement: String
        public var on: Day

        public init(hasConflict: Bool, statement: String, on: Day) { self.hasConflict = hasConflict; self.statement = statement; self.on = on }
    }

    public var id: UUID
    /// The kind of subject (`grantApplication`) and its id.
    public var subjectKind: String
    public var subjectID: UUID
    /// The reviewer's account; the assignment is the reviewer's to see and act on.
    public var reviewerID: UUID
    public var reviewerName: String
    public var assignedOn: Day
    /// The day to accept or decline by.
    public var respondBy: Day
    /// The day to submit the scores by.
    public var dueOn: Day
    public var status: Status
    public var declaration: Declaration?
    /// Scores by criterion code.
    public var scores: [String: Int]
    /// How sure the reviewer is, 1 (little) … 5 (expert in the field).
    public var confidence: Int?
    public var comment: String
    public var submittedOn: Day?
    /// Why it was declined or cancelled.
    public var reason: String
    public var version: Int

    public init(id: UUID = UUID(), subjectKind: String, subjectID: UUID, reviewerID: UUID, reviewerName: String, assignedOn: Day, respondBy: Day,
                dueOn: Day, status: Status = .awaitingResponse, declaration: Declaration? = nil, scores: [String: Int] = [:], confidence: Int? = nil,
                comment: String = "", submittedOn: Day? = nil, reason: String = "", version: Int = 1) {
        self.id = id; self.subjectKind = subjectKind; self.subjectID = subjectID; self.reviewerID = reviewerID; self.reviewerName = reviewerName
        self.assignedOn = assignedOn; self.respondBy = respondBy; self.dueOn = dueOn; self.status = status; self.declaration = declaration
        self.scores = scores; self.confidence = confidence; self.comment = comment; self.submittedOn = submittedOn; self.reason = reason
        self.version = version
    }

    /// The reviewer's own: owned by the reviewer's account, never public.
    public var scope: Scope { Scope(organizationID: reviewerID, regionCode: RegionCode.republic, isPublic: false) }

    /// `true` while the reviewer may still see the content: after declaring no conflict, until cancelled.
    public var showsContent: Bool { [.accepted, .received, .complete].contains(status) }

    /// `true` when it counts towards the subject's reviews.
    public var isLive: Bool { [.awaitingResponse, .accepted, .received, .complete].contains(status) }

    public func state(on today: Day) -> State {
        switch status {
        case .awaitingResponse: respondBy < today ? .overdue : .awaitingResponse
        case .accepted: dueOn < today ? .overdue : .accepted
        case .declined: .declined
        case .received: .received
        case .complete: .complete
        case .cancelled: .cancelled
        }
    }
}

/// What is done to an assignment: the reviewer responds and submits; whoever runs the review completes
/// or cancels it.
public enum ReviewStep: Sendable, Hashable {
    /// The declaration: no conflict (accept) or a conflict, described (which declines).
    case respond(hasConflict: Bool, statement: String)
    case decline(reason: String)
    case submit(scores: [String: Int], confidence: Int?, comment: String)
    case complete
    case cancel(reason: String)

    public var action: String {
        switch self {
        case .respond(true, _): "declareConflict"
        case .respond(false, _): "accept"
        case .decline: "decline"
        case .submit: "submit"
        case .complete: "complete"
        case .cancel: "cancel"
        }
    }

    /// `true` for the reviewer's own steps.
    public var isReviewers: Bool {
        switch self {
        case .respond, .decline, .submit: true
        case .complete, .cancel: false
        }
    }
}

extension ReviewAssignment {
    public func applying(_ step: ReviewStep, form: ReviewForm, today: Day) throws -> ReviewAssignment {
        var next = self
        next.version += 1
        switch step {
        case let .respond(hasConflict, statement):
            guard status == .awaitingResponse else { throw DomainError.conflict(.errorTransition) }
            let statement = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            if hasConflict, statement.count < 5 { throw DomainError.invalid([FieldError("statement", .reviewConflictStatement)]) }
            if statement.count > 2000 { throw DomainError.invalid([FieldError("statement", .fieldTooLong, ["max": "2000"])]) }
            next.declaration = Declaration(hasConflict: hasConflict, statement: statement, on: today)
            next.status = hasConflict ? .declined : .accepted
            if hasConflict { next.reason = statement }
        case let .decline(reason):
            guard status == .awaitingResponse else { throw DomainError.conflict(.errorTransition) }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard reason.count >= 5 else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
            next.status = .declined
            next.reason = String(reason.prefix(2000))
        case let .submit(scores, confidence, comment):
            guard status == .accepted else { throw DomainError.conflict(.errorTransition) }
            var errors: [FieldError] = []
            for criterion in form.criteria {
                guard let score = scores[criterion.code] else { errors.append(FieldError("score-\(criterion.code)", .reviewScoreMissing)); continue }
                if !(0...criterion.maxScore).contains(score) {
                    errors.append(FieldError("score-\(criterion.code)", .reviewScoreRange, ["max": String(criterion.maxScore)]))
                }
            }
            if confidence == nil || !(1...5).contains(confidence!) { errors.append(FieldError("confidence", .reviewConfidenceRange)) }
            let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
            if comment.count < 20 { errors.append(FieldError("comment", .reviewCommentShort, ["min": "20"])) }
            if comment.count > 10_000 { errors.append(FieldError("comment", .fieldTooLong, ["max": "10000"])) }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            next.scores = scores.filter { code, _ in form.criteria.contains { $0.code == code } }
            next.confidence = confidence
            next.comment = comment
            next.submittedOn = today
            next.status = .received
        case .complete:
            guard status == .received else { throw DomainError.conflict(.errorTransition) }
            next.status = .complete
        case let .cancel(reason):
            guard [.awaitingResponse, .accepted].contains(status) else { throw DomainError.conflict(.errorTransition) }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard reason.count >= 5 else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
            next.status = .cancelled
            next.reason = String(reason.prefix(2000))
        }
        return next
    }
}
