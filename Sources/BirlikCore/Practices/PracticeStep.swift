import Foundation

/// What is done to a practice: the author submits it; the Secretariat, on the experts' reviews, verifies
/// it or asks for more evidence, publishes and archives it, and checks translations.
public enum PracticeStep: Sendable, Hashable {
    case submit
    case verify
    case askEvidence(note: String)
    case publish
    case archive(reason: String)
    case checkTranslation(Language)

    public var action: String {
        switch self {
        case .submit: "submit"
        case .verify: "verify"
        case .askEvidence: "askEvidence"
        case .publish: "publish"
        case .archive: "archive"
        case .checkTranslation: "checkTranslation"
        }
    }

    /// `true` for the author's own step.
    public var isAuthors: Bool { self == .submit }
}

extension GoodPractice {
    /// The practice after a step taken on `today`, or why not. Whether the reviews allow a verdict is the
    /// store's to check (it reads them).
    public func applying(_ step: PracticeStep, today: Day, now: Date) throws -> GoodPractice {
        var after = self
        func reason(_ text: String) throws -> String {
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count >= 5 else { throw DomainError.invalid([FieldError("note", .fieldRequired)]) }
            guard text.count <= 2000 else { throw DomainError.invalid([FieldError("note", .fieldTooLong, ["max": "2000"])]) }
            return text
        }
        switch (step, status) {
        case (.submit, .draft), (.submit, .needsEvidence):
            guard PracticeCompleteness(self).canSubmit else { throw DomainError.conflict(.practiceIncomplete) }
            after.status = .submitted
        case (.verify, .expertReview):
            after.status = .verified; after.decisionNote = ""
        case let (.askEvidence(note), .expertReview), let (.askEvidence(note), .submitted):
            after.status = .needsEvidence; after.decisionNote = try reason(note)
        case (.publish, .verified):
            after.status = .published; after.publishedOn = today
        case let (.archive(note), .published):
            after.status = .archived; after.decisionNote = try reason(note)
        case let (.checkTranslation(language), current) where current != .archived:
            guard translationStatus(language) == .draft else { throw DomainError.conflict(.errorTransition) }
            after.translations[language]?.checked = true
        default:
            throw DomainError.conflict(.errorTransition)
        }
        after.updatedAt = now; after.version += 1
        return after
    }
}
