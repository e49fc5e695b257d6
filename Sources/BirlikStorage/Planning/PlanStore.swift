import BirlikCore
import FluentKit
import Foundation

/// The write side of action plans: headers, approval, amendment and closing. Approving a version
/// creates the report rows its measures expect.
public enum PlanStore {
    public static func create(_ draft: PlanDraft, actor: Actor, on db: any Database, now: Date) async throws -> Plan {
        try Access.require(actor, .create, .plan, in: Scope(organizationID: nil, regionCode: draft.regionCode, isPublic: false))
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let plan = try draft.validated(id: UUID(), regions: try await regionCodes(on: audit.db))
            if try await PlanRecord.query(on: audit.db).filter(\.$code == plan.code).count() > 0 {
                throw DomainError.conflict(.errorDuplicateCode)
            }
            try await PlanRecord(plan).create(on: audit.db)
            try await audit.record("create", "plan", id: plan.id.uuidString, before: Nothing?.none, after: plan)
            return plan
        }
    }

    /// Changes a draft plan's header.
    public static func update(id: UUID, _ draft: PlanDraft, actor: Actor, on db: any Database, now: Date) async throws -> Plan {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await PlanRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.plan
            try Access.require(actor, .view, .plan, in: before.scope)
            try Access.require(actor, .update, .plan, in: before.scope)
            guard draft.version == before.version else { throw DomainError.staleVersion }
            guard before.status == .draft else { throw DomainError.conflict(.errorPlanNotDraft) }
            let after = try draft.validated(id: id, regions: try await regionCodes(on: audit.db), existing: before)
            try Access.require(actor, .update, .plan, in: after.scope)
            if after.code != before.code, try await PlanRecord.query(on: audit.db).filter(\.$code == after.code).count() > 0 {
                throw DomainError.conflict(.errorDuplicateCode)
            }
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("update", "plan", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    /// Approves, amends or closes a plan. `version` is the record version the user saw.
    public static func transition(id: UUID, _ transition: PlanTransition, version: Int, actor: Actor, on db: any Database,
                                  now: Date) async throws -> Plan {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await PlanRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.plan
            try Access.require(actor, .view, .plan, in: before.scope)
            try Access.require(actor, .approve, .plan, in: before.scope)
            guard version == before.version else { throw DomainError.staleVersion }
            guard let status = transition.next(from: before.status, planVersion: before.planVersion) else {
                throw DomainError.conflict(.errorTransition)
            }
            var after = before
            after.status = status
            after.version += 1
            let measures = try await MeasureRecord.query(on: audit.db).filter(\.$planID == id).all().map(\.measure)
            switch transition {
            case .approve:
                guard !measures.isEmpty else { throw DomainError.conflict(.errorPlanEmpty) }
                after.approvedAt = now
                after.approvedBy = actor.displayName
                try await PlanVersionRecord(plan: after, measures: measures, at: now, by: actor.displayName).create(on: audit.db)
                try await syncReports(plan: after, measures: measures, on: audit.db)
            case .amend:
                after.planVersion += 1
            case .close:
                break
            }
            record.apply(after)
            try await record.update(on: audit.db)
            for measure in measures {
                try await MeasureEventRecord(measureID: measure.id, reportID: nil, at: now, actorName: actor.displayName,
                                             action: "plan.\(transition.rawValue)", periodCode: nil, executorID: nil,
                                             comment: "v\(after.planVersion)").create(on: audit.db)
            }
            try await audit.record(transition.rawValue, "plan", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    /// Makes the report rows match the approved measures: one per measure × executor × period; rows
    /// nobody has touched are removed when their measure or executor no longer expects them.
    static func syncReports(plan: Plan, measures: [Measure], on db: any Database) async throws {
        let existing = try await ReportRecord.query(on: db).filter(\.$planID == plan.id).all()
        var byKey: [String: ReportRecord] = [:]
        for row in existing { byKey["\(row.measureID)|\(row.executorID)|\(row.periodCode)"] = row }
        let places = try await OrganizationQueries.labels(ids: measures.flatMap(\.executors), on: db).mapValues(\.regionCode)
        var expected = Set<String>()
        var fresh: [ReportRecord] = []
        for measure in measures {
            for period in measure.periods(in: plan.years) {
                for executor in measure.executors {
                    let key = "\(measure.id)|\(executor)|\(period.code)"
                    expected.insert(key)
                    if let row = byKey[key] {
                        if row.isLead != (executor == measure.executorID) {
                            row.isLead = executor == measure.executorID
                            try await row.update(on: db)
                        }
                    } else {
                        fresh.append(ReportRecord(Report(measureID: measure.id, planID: plan.id, regionCode: plan.regionCode,
                                                         executorID: executor, executorRegion: places[executor] ?? plan.regionCode,
                                                         isLead: executor == measure.executorID, period: period)))
                    }
                }
            }
        }
        for chunk in stride(from: 0, to: fresh.count, by: 500) {
            try await Array(fresh[chunk..<min(chunk + 500, fresh.count)]).create(on: db)
        }
        let stale = existing.filter { !expected.contains("\($0.measureID)|\($0.executorID)|\($0.periodCode)") && $0.status == ReportStatus.notStarted.rawValue }
        if !stale.isEmpty {
            try await ReportRecord.query(on: db).filter(\.$id ~~ stale.compactMap(\.id)).delete()
        }
    }

    static func regionCodes(on db: any Database) async throws -> Set<String> {
        Set(try await RegionRecord.query(on: db).all(\.$id))
    }
}
