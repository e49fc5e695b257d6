import Foundation

/// A step in an event's course. Every step a calendar program must see raises the event's `sequence`.
public enum EventStep: Sendable, Hashable {
    case confirm
    /// Put off without a new date yet.
    case postpone(reason: String)
    /// Moved to new times.
    case reschedule(startsAt: Date, endsAt: Date)
    case cancel(reason: String)
    /// Marked as having taken place (on or after its start).
    case hold
    /// The organiser's report (again to amend it).
    case report(EventReport)

    public var name: String {
        switch self {
        case .confirm: "confirm"
        case .postpone: "postpone"
        case .reschedule: "reschedule"
        case .cancel: "cancel"
        case .hold: "hold"
        case .report: "report"
        }
    }
}

extension Event {
    /// The steps open from the current status.
    public var availableSteps: [String] {
        switch status {
        case .planned: ["confirm", "postpone", "reschedule", "cancel", "hold"]
        case .confirmed, .rescheduled: ["postpone", "reschedule", "cancel", "hold"]
        case .postponed: ["reschedule", "cancel"]
        case .held, .reported: ["report"]
        case .cancelled: []
        }
    }

    /// The event after `step`, or the reason it cannot be taken.
    public func applying(_ step: EventStep, now: Date) throws -> Event {
        guard availableSteps.contains(step.name) else { throw DomainError.conflict(.errorTransition) }
        var after = self
        switch step {
        case .confirm:
            after.status = .confirmed
        case let .postpone(reason):
            after.status = .postponed
            after.cancellationReason = try Self.reason(reason)
        case let .reschedule(startsAt, endsAt):
            guard endsAt > startsAt else { throw DomainError.invalid([FieldError("endsAt", .eventsEndsBeforeStart)]) }
            guard startsAt > now else { throw DomainError.invalid([FieldError("startsAt", .eventsStartsInPast)]) }
            after.status = .rescheduled; after.startsAt = startsAt; after.endsAt = endsAt; after.cancellationReason = nil
        case let .cancel(reason):
            after.status = .cancelled
            after.cancellationReason = try Self.reason(reason)
        case .hold:
            guard now >= startsAt else { throw DomainError.conflict(.eventsNotStarted) }
            after.status = .held
        case let .report(report):
            after.status = .reported
            after.report = report
        }
        if case .report = step {} else { after.sequence += 1 }
        after.updatedAt = now
        after.version += 1
        return after
    }

    static func reason(_ text: String) throws -> String {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
        guard reason.count <= 1_000 else { throw DomainError.invalid([FieldError("reason", .fieldTooLong, ["max": "1000"])]) }
        return reason
    }
}

/// What the organiser types for the report; `validated` names every problem at once.
public struct EventReportDraft: Sendable, Hashable {
    public var women = ""
    public var men = ""
    /// One link per line.
    public var mediaLinks = ""
    public var note = ""

    public init(women: String = "", men: String = "", mediaLinks: String = "", note: String = "") {
        self.women = women; self.men = men; self.mediaLinks = mediaLinks; self.note = note
    }

    public func validated(keeping photos: [Attachment], on day: Day) throws -> EventReport {
        var errors: [FieldError] = []
        let women = Int(self.women.trimmingCharacters(in: .whitespaces)), men = Int(self.men.trimmingCharacters(in: .whitespaces))
        if women == nil || women! < 0 || women! > 10_000_000 { errors.append(FieldError("women", .fieldNumberRange, ["min": "0", "max": "10000000"])) }
        if men == nil || men! < 0 || men! > 10_000_000 { errors.append(FieldError("men", .fieldNumberRange, ["min": "0", "max": "10000000"])) }
        let links = mediaLinks.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let bad = links.filter { link in
            guard let url = URL(string: link), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else { return true }
            return false
        }
        if !bad.isEmpty { errors.append(FieldError("mediaLinks", .eventsBadLink, ["links": bad.joined(separator: ", ")])) }
        if links.count > 50 { errors.append(FieldError("mediaLinks", .fieldTooLong, ["max": "50"])) }
        let note = self.note.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 5_000 { errors.append(FieldError("note", .fieldTooLong, ["max": "5000"])) }
        guard errors.isEmpty, let women, let men else { throw DomainError.invalid(errors) }
        return EventReport(women: women, men: men, mediaLinks: links, photos: photos, note: note, reportedOn: day)
    }
}
