import BirlikCore
import FluentKit
import Foundation

/// Reading reports, timelines and obligations, filtered by `Access`.
public enum ReportQueries {
    public static func find(id: UUID, actor: Actor, on db: any Database) async throws -> Report {
        guard let report = try await ReportRecord.find(id, on: db)?.report else { throw DomainError.notFound }
        switch Access.check(actor, .view, .report, in: report.scope) {
        case .allowed: return report
        case .needsSignIn: throw DomainError.signInRequired
        case .forbidden: throw DomainError.notFound
        }
    }

    /// The files attached to a report (the caller has checked that the report is visible).
    public static func attachments(of reportID: UUID, on db: any Database) async throws -> [Attachment] {
        try await ReportAttachmentRecord.query(on: db).filter(\.$reportID == reportID).sort(\.$addedAt).sort(\.$fileName).all().map(\.attachment)
    }

    /// A measure's reports that `actor` may see, by period then executor.
    public static func reports(of measureID: UUID, actor: Actor, on db: any Database) async throws -> [Report] {
        try await ReportRecord.query(on: db).filter(\.$measureID == measureID).visible(to: actor)
            .sort(\.$dueDate).sort(\.$isLead, .descending).all().map(\.report)
    }

    /// One step of a measure's timeline.
    public struct Event: Sendable {
        public var at: Date
        public var actorName: String
        public var action: String
        public var periodCode: String?
        public var executorID: UUID?
        public var reportID: UUID?
        public var comment: String?
    }

    /// A measure's timeline, oldest first; steps of reports `actor` may not see are left out.
    public static func timeline(of measureID: UUID, actor: Actor, on db: any Database) async throws -> [Event] {
        let visible = Set(try await reports(of: measureID, actor: actor, on: db).map(\.id))
        return try await MeasureEventRecord.query(on: db).filter(\.$measureID == measureID).sort(\.$at).all().compactMap { row in
            if let report = row.reportID, !visible.contains(report) { return nil }
            return Event(at: row.at, actorName: row.actorName, action: row.action, periodCode: row.periodCode,
                         executorID: row.executorID, reportID: row.reportID, comment: row.comment)
        }
    }

    /// An open report with what an executor needs to act on it.
    public struct Obligation: Sendable {
        public var report: Report
        public var measure: Measure
        public var plan: Plan
    }

    /// What an organisation owes: its open reports of plans in force, due within `horizonDays` or
    /// overdue, earliest first.
    public static func obligations(of organization: UUID, today: Day, horizonDays: Int = 120, limit: Int = 200,
                                   on db: any Database) async throws -> [Obligation] {
        let open = [ReportStatus.notStarted, .draft, .returned].map(\.rawValue)
        let horizon = Calendar(identifier: .gregorian).date(byAdding: .day, value: horizonDays, to: today.end) ?? today.end
        let rows = try await ReportRecord.query(on: db).filter(\.$executorID == organization).filter(\.$status ~~ open)
            .filter(\.$dueDate <= Day(horizon).description).sort(\.$dueDate).limit(limit).all().map(\.report)
        return try await withContext(rows, on: db).filter { $0.plan.status == .approved || $0.plan.status == .amended }
    }

    /// Submitted reports waiting for `actor`'s decision, oldest first.
    public static func awaitingDecision(actor: Actor, limit: Int = 200, on db: any Database) async throws -> [Obligation] {
        guard Access.visibility(actor, .report) != .nothing, actor.isSignedIn else { return [] }
        let rows = try await ReportRecord.query(on: db).filter(\.$status == ReportStatus.submitted.rawValue).visible(to: actor)
            .sort(\.$submittedAt).limit(limit).all().map(\.report)
        return try await withContext(rows, on: db).filter { row in
            Access.check(actor, .approve, .report, in: row.report.decisionScope(.returnForCorrection, plan: row.plan)) == .allowed
        }
    }

    /// Reports with their measures and plans, read in two queries, in the reports' order.
    static func withContext(_ rows: [Report], on db: any Database) async throws -> [Obligation] {
        let measures = try await MeasureRecord.query(on: db).filter(\.$id ~~ Array(Set(rows.map(\.measureID)))).all().map(\.measure)
        let plans = try await PlanRecord.query(on: db).filter(\.$id ~~ Array(Set(rows.map(\.planID)))).all().map(\.plan)
        let measureByID = Dictionary(uniqueKeysWithValues: measures.map { ($0.id, $0) })
        let planByID = Dictionary(uniqueKeysWithValues: plans.map { ($0.id, $0) })
        return rows.compactMap { report in
            guard let measure = measureByID[report.measureID], let plan = planByID[report.planID] else { return nil }
            return Obligation(report: report, measure: measure, plan: plan)
        }
    }
}

extension ReportQueries {
    /// Open reports past their due day that `actor` may see, earliest first, by executors within
    /// `regionCode` when given.
    public static func overdue(regionCode: String?, year: Int?, actor: Actor, today: Day, limit: Int = 100,
                               on db: any Database) async throws -> [Obligation] {
        let open = [ReportStatus.notStarted, .draft, .returned].map(\.rawValue)
        let query = ReportRecord.query(on: db).filter(\.$status ~~ open).filter(\.$dueDate < today.description).visible(to: actor)
        if let regionCode, regionCode != RegionCode.republic {
            query.filter("executor_region", within: regionCode)
        }
        if let year { query.filter(\.$periodYear == year) }
        let rows = try await query.sort(\.$dueDate).limit(limit).all().map(\.report)
        return try await withContext(rows, on: db)
    }
}
