import BirlikCore
import FluentKit
import Foundation

/// **The** expert-review engine (S21) in storage: assignments written, stepped and read here for every
/// kind of subject; each use (grant applications and awards, good practices; the encyclopedia later) names its
/// subject kind and its ``ReviewForm``.
public enum ReviewStore {
    /// The form a kind of subject is reviewed on.
    public static func form(for subjectKind: String) -> ReviewForm {
        switch subjectKind {
        case GoodPractice.reviewSubject: .practices
        default: .grants
        }
    }

    /// Writes a new assignment inside an audited change and tells the reviewer's organisation.
    static func assign(_ assignment: ReviewAssignment, audit: AuditWriter) async throws -> ReviewAssignment {
        try await ReviewAssignmentRecord(assignment).create(on: audit.db)
        try await audit.record("assign", "reviewAssignment", id: assignment.id.uuidString, before: Nothing?.none, after: Audited(assignment))
        if let organization = try await UserRecord.find(assignment.reviewerID, on: audit.db)?.organizationID {
            try await Notifications.notify(organization: organization, kind: "review", key: .reviewNotifyAssigned,
                                           arguments: ["date": assignment.respondBy.dotted], link: "/reviews/\(assignment.id.uuidString)",
                                           dedupe: "review:assigned:\(assignment.id.uuidString)", now: audit.now, on: audit.db)
        }
        return assignment
    }

    /// A step on an assignment opened at `version`: the reviewer's own in the reviewer's scope, completing
    /// and cancelling by whoever runs the review.
    public static func apply(_ step: ReviewStep, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> ReviewAssignment {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let before = try await find(id, actor: actor, on: audit.db)
            try Access.require(actor, step.isReviewers ? .update : .approve, .reviewAssignment, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            return try await write(step, to: before, actor: actor, today: Day(now), audit: audit)
        }
    }

    /// Applies and writes a step inside a change already open (the grant operator's steps complete and
    /// cancel assignments with the application's).
    static func write(_ step: ReviewStep, to before: ReviewAssignment, actor: Actor, today: Day, audit: AuditWriter) async throws -> ReviewAssignment {
        guard let record = try await ReviewAssignmentRecord.find(before.id, on: audit.db) else { throw DomainError.notFound }
        let after = try before.applying(step, form: form(for: before.subjectKind), today: today)
        record.apply(after)
        try await record.update(on: audit.db)
        try await audit.record(step.action, "reviewAssignment", id: before.id.uuidString, before: Audited(before), after: Audited(after))
        return after
    }

    /// An assignment the actor may see, or not found.
    public static func find(_ id: UUID, actor: Actor, on db: any Database) async throws -> ReviewAssignment {
        guard let value = try await ReviewAssignmentRecord.find(id, on: db)?.value,
              Access.check(actor, .view, .reviewAssignment, in: value.scope) == .allowed else {
            throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        return value
    }

    /// The actor's assignments (every assignment for the Secretariat), newest first.
    public static func visible(to actor: Actor, on db: any Database) async throws -> [ReviewAssignment] {
        try await ReviewAssignmentRecord.query(on: db).visible(to: actor).sort(\.$dueOn, .descending).limit(500).all().compactMap(\.value)
    }

    /// Every assignment of a subject, in the order they were made (not scoped: callers check the subject).
    public static func assignments(of subjectID: UUID, on db: any Database) async throws -> [ReviewAssignment] {
        try await ReviewAssignmentRecord.query(on: db).filter(\.$subjectID == subjectID).all().compactMap(\.value)
            .sorted { ($0.assignedOn, $0.id.uuidString) < ($1.assignedOn, $1.id.uuidString) }
    }

    /// Reminders from the working-day calendar: once when a response or the scores are due within
    /// `days` working days, once when overdue; to the reviewer's organisation. Runs with the scheduled reminders.
    @discardableResult
    public static func remind(days: Int = 2, now: Date, on db: any Database) async throws -> Int {
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        let today = Day(now)
        let horizon = calendar.adding(workingDays: days, to: today)
        return try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            let rows = try await ReviewAssignmentRecord.query(on: audit.db)
                .filter(\.$status ~~ [ReviewAssignment.Status.awaitingResponse.rawValue, ReviewAssignment.Status.accepted.rawValue]).all()
            var written = 0
            for row in rows {
                guard let value = row.value else { continue }
                let due = value.status == .awaitingResponse ? value.respondBy : value.dueOn
                guard due <= horizon, let organization = try await UserRecord.find(value.reviewerID, on: audit.db)?.organizationID else { continue }
                let over = due < today
                let dedupe = "review:\(over ? "over" : "soon"):\(value.status.rawValue):\(value.id.uuidString):\(due)"
                if try await Notifications.notify(organization: organization, kind: over ? "overdue" : "due",
                                                  key: over ? .reviewNotifyOverdue : .reviewNotifyDueSoon, arguments: ["date": due.dotted],
                                                  link: "/reviews/\(value.id.uuidString)", dedupe: dedupe, now: now, on: audit.db) { written += 1 }
            }
            if written > 0 { try await audit.record("remind", "reviewAssignment", id: today.description, before: Nothing?.none, after: ["written": written]) }
            return written
        }
    }

    /// An assignment as the audit log keeps it: the facts and the scores' total, not the comment.
    struct Audited: Encodable, Sendable {
        var subject: String, reviewer: String, status: String, respondBy: String, dueOn: String, conflict: Bool?, total: Double?, confidence: Int?, version: Int
        init(_ value: ReviewAssignment) {
            subject = value.subjectKind + ":" + value.subjectID.uuidString; reviewer = value.reviewerID.uuidString; status = value.status.rawValue
            respondBy = value.respondBy.description; dueOn = value.dueOn.description; conflict = value.declaration?.hasConflict
            total = ReviewStore.form(for: value.subjectKind).total(value.scores); confidence = value.confidence; version = value.version
        }
    }
}
