import BirlikCore
import FluentKit
import Foundation

/// The write side of the report workflow: the executor saves and submits; the coordinator (regional
/// plans) or the Secretariat (the national plan) accepts, returns, un-accepts, or allows late entry.
/// Every step is checked, versioned, put on the measure's timeline and audited.
public enum ReportStore {
    /// The executor's save (`submit == false`) or submission.
    public static func enter(id: UUID, _ draft: ReportDraft, submit: Bool, actor: Actor, on db: any Database,
                             now: Date) async throws -> Report {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let (record, before, plan, measure) = try await load(id, actor: actor, on: audit.db)
            try Access.require(actor, .update, .report, in: before.scope)
            guard plan.status == .approved || plan.status == .amended else { throw DomainError.conflict(.errorPlanNotInForce) }
            let transition: ReportTransition = submit ? .submit : .save
            guard let status = transition.next(from: before.status) else { throw DomainError.conflict(.errorReportLocked) }
            guard draft.version == before.version else { throw DomainError.staleVersion }
            guard before.acceptsEntry(today: Day(now)) else { throw DomainError.conflict(.errorDeadlinePassed) }
            let (execution, narrative, actuals) = try draft.validated(indicators: measure.indicators, submitting: submit)
            var after = before
            after.status = status
            after.execution = execution
            after.narrative = narrative
            after.actuals = actuals
            after.version += 1
            if submit {
                after.submittedAt = now
                after.firstSubmittedAt = before.firstSubmittedAt ?? now
            }
            record.apply(after)
            try await record.update(on: audit.db)
            if submit {
                try await event(after, "report.submit", comment: nil, actor: actor, now: now, on: audit.db)
                try await Notifications.notify(coordinatorOf: plan, kind: "submitted", key: .notifySubmitted,
                                               arguments: ["measure": measure.code, "period": "@period:\(after.periodCode)"],
                                               link: "/reports/\(id.uuidString)", dedupe: "submitted:\(id):\(after.version)", now: now, on: audit.db)
            }
            try await audit.record(transition.rawValue, "report", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    /// A coordinator's decision: accept, return with a comment, un-accept with a reason, or allow late
    /// entry until a day. `version` is the record version the coordinator saw.
    public static func decide(id: UUID, _ transition: ReportTransition, comment: String = "", lateEntryUntil: Day? = nil,
                              version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Report {
        precondition(transition.action == .approve, "executor steps go through enter")
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let (record, before, plan, measure) = try await load(id, actor: actor, on: audit.db)
            try Access.require(actor, .approve, .report, in: before.decisionScope(transition, plan: plan))
            guard version == before.version else { throw DomainError.staleVersion }
            guard let status = transition.next(from: before.status) else { throw DomainError.conflict(.errorTransition) }
            let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
            if [.returnForCorrection, .unaccept].contains(transition), comment.isEmpty {
                throw DomainError.invalid([FieldError("comment", .errorCommentRequired)])
            }
            if comment.count > 5000 { throw DomainError.invalid([FieldError("comment", .fieldTooLong, ["max": "5000"])]) }
            var after = before
            after.status = status
            after.version += 1
            switch transition {
            case .accept:
                after.acceptedAt = now
                after.returnComment = nil
            case .returnForCorrection:
                after.returnComment = comment
                try await Notifications.notify(organization: before.executorID, kind: "returned", key: .notifyReturned,
                                               arguments: ["measure": measure.code, "period": "@period:\(before.periodCode)", "comment": comment],
                                               link: "/reports/\(id.uuidString)", dedupe: "returned:\(id):\(after.version)", now: now, on: audit.db)
            case .unaccept:
                after.acceptedAt = nil
            case .grantLateEntry:
                guard let until = lateEntryUntil, until >= Day(now) else {
                    throw DomainError.invalid([FieldError("lateEntryUntil", .fieldDate)])
                }
                after.lateEntryUntil = until
            case .save, .submit:
                break
            }
            record.apply(after)
            try await record.update(on: audit.db)
            try await event(after, "report.\(transition.rawValue)", comment: comment.isEmpty ? lateEntryUntil?.dotted : comment,
                            actor: actor, now: now, on: audit.db)
            try await audit.record(transition.rawValue, "report", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    /// Attaches a typed file to a report the executor may still edit; the bytes are stored once, under
    /// their SHA-256. The caller checks an Office container's content first (off the event loop).
    public static func attach(id: UUID, data: Data, fileName: String, files: FileStore, actor: Actor, on db: any Database,
                              now: Date) async throws -> Attachment {
        let kind = try Attachment.kind(of: data, fileName: fileName)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let (_, report, plan, _) = try await load(id, actor: actor, on: audit.db)
            try Access.require(actor, .update, .report, in: report.scope)
            guard plan.status == .approved || plan.status == .amended else { throw DomainError.conflict(.errorPlanNotInForce) }
            guard report.status.isOpenForEntry else { throw DomainError.conflict(.errorReportLocked) }
            // The same entry window as the narrative: after the due day only with a late-entry exception.
            guard report.acceptsEntry(today: Day(now)) else { throw DomainError.conflict(.errorDeadlinePassed) }
            let address = try await files.store(data, mediaType: kind.mediaType, originalName: Attachment.safeName(fileName), on: audit.db, now: now)
            let attachment = Attachment(sha256: address.sha256, fileName: Attachment.safeName(fileName), mediaType: kind.mediaType,
                                        size: data.count, addedAt: now, addedBy: actor.displayName)
            if try await ReportAttachmentRecord.query(on: audit.db).filter(\.$reportID == id).filter(\.$sha256 == address.sha256).count() == 0 {
                try await ReportAttachmentRecord(reportID: id, attachment).create(on: audit.db)
                try await audit.record("attach", "report", id: id.uuidString, before: Nothing?.none, after: attachment)
            }
            return attachment
        }
    }

    /// Removes an attached file from a report that is still the executor's to fill (the file itself stays
    /// in the content-addressed store, where other records may use it).
    public static func detach(id: UUID, sha256: String, actor: Actor, on db: any Database, now: Date) async throws {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let (_, report, plan, _) = try await load(id, actor: actor, on: audit.db)
            try Access.require(actor, .update, .report, in: report.scope)
            guard plan.status == .approved || plan.status == .amended else { throw DomainError.conflict(.errorPlanNotInForce) }
            guard report.status.isOpenForEntry else { throw DomainError.conflict(.errorReportLocked) }
            guard let record = try await ReportAttachmentRecord.query(on: audit.db).filter(\.$reportID == id).filter(\.$sha256 == sha256).first() else {
                throw DomainError.notFound
            }
            let attachment = record.attachment
            try await record.delete(on: audit.db)
            try await audit.record("detach", "report", id: id.uuidString, before: attachment, after: Nothing?.none)
        }
    }

    static func load(_ id: UUID, actor: Actor, on db: any Database) async throws -> (ReportRecord, Report, Plan, Measure) {
        guard let record = try await ReportRecord.find(id, on: db) else { throw DomainError.notFound }
        let report = record.report
        switch Access.check(actor, .view, .report, in: report.scope) {
        case .allowed: break
        case .needsSignIn: throw DomainError.signInRequired
        case .forbidden: throw DomainError.notFound
        }
        guard let plan = try await PlanRecord.find(report.planID, on: db)?.plan,
              let measure = try await MeasureRecord.find(report.measureID, on: db)?.measure else { throw DomainError.notFound }
        return (record, report, plan, measure)
    }

    static func event(_ report: Report, _ action: String, comment: String?, actor: Actor, now: Date, on db: any Database) async throws {
        try await MeasureEventRecord(measureID: report.measureID, reportID: report.id, at: now, actorName: actor.displayName,
                                     action: action, periodCode: report.periodCode, executorID: report.executorID,
                                     comment: comment).create(on: db)
    }
}
