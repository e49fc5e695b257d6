import BirlikCore
import FluentKit
import Foundation

/// The write side of measures: added, changed and removed only while their plan is a draft (a new
/// plan, or an amendment of an approved one).
public enum MeasureStore {
    public static func create(planID: UUID, _ draft: MeasureDraft, actor: Actor, on db: any Database) async throws -> Measure {
        try await AuditLog.write(on: db, actor: actor) { audit in
            let plan = try await editablePlan(planID, actor: actor, on: audit.db)
            let measure = try await validate(draft, id: UUID(), plan: plan, on: audit.db)
            if try await MeasureRecord.query(on: audit.db).filter(\.$planID == planID).filter(\.$code == measure.code).count() > 0 {
                throw DomainError.invalid([FieldError("code", .fieldDuplicateMeasure)])
            }
            try await MeasureRecord(measure).create(on: audit.db)
            try await saveTasks(measure, on: audit.db)
            try await audit.record("create", "measure", id: measure.id.uuidString, before: Nothing?.none, after: measure)
            return measure
        }
    }

    public static func update(id: UUID, _ draft: MeasureDraft, actor: Actor, on db: any Database) async throws -> Measure {
        try await AuditLog.write(on: db, actor: actor) { audit in
            guard let record = try await MeasureRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.measure
            let plan = try await editablePlan(before.planID, actor: actor, on: audit.db)
            guard draft.version == before.version else { throw DomainError.staleVersion }
            let after = try await validate(draft, id: id, plan: plan, extraIndicators: Array(before.indicators.dropFirst()), on: audit.db)
            if after.code != before.code,
               try await MeasureRecord.query(on: audit.db).filter(\.$planID == plan.id).filter(\.$code == after.code).count() > 0 {
                throw DomainError.invalid([FieldError("code", .fieldDuplicateMeasure)])
            }
            record.apply(after)
            try await record.update(on: audit.db)
            try await MeasureTaskRecord.query(on: audit.db).filter(\.$measureID == id).delete()
            try await saveTasks(after, on: audit.db)
            try await audit.record("update", "measure", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    /// Removes a measure of a draft plan that has no reports entered.
    public static func delete(id: UUID, actor: Actor, on db: any Database) async throws {
        try await AuditLog.write(on: db, actor: actor) { audit in
            guard let record = try await MeasureRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.measure
            _ = try await editablePlan(before.planID, actor: actor, on: audit.db)
            let entered = try await ReportRecord.query(on: audit.db).filter(\.$measureID == id)
                .filter(\.$status != ReportStatus.notStarted.rawValue).count()
            guard entered == 0 else { throw DomainError.conflict(.errorMeasureHasReports) }
            try await ReportRecord.query(on: audit.db).filter(\.$measureID == id).delete()
            try await MeasureEventRecord.query(on: audit.db).filter(\.$measureID == id).delete()
            try await MeasureTaskRecord.query(on: audit.db).filter(\.$measureID == id).delete()
            try await record.delete(on: audit.db)
            try await audit.record("delete", "measure", id: id.uuidString, before: before, after: Nothing?.none)
        }
    }

    static func editablePlan(_ id: UUID, actor: Actor, on db: any Database) async throws -> Plan {
        guard let plan = try await PlanRecord.find(id, on: db)?.plan else { throw DomainError.notFound }
        try Access.require(actor, .view, .plan, in: plan.scope)
        try Access.require(actor, .update, .plan, in: plan.scope)
        guard plan.status == .draft else { throw DomainError.conflict(.errorPlanNotDraft) }
        return plan
    }

    static func validate(_ draft: MeasureDraft, id: UUID, plan: Plan, extraIndicators: [Indicator] = [],
                         on db: any Database) async throws -> Measure {
        let codes = ([draft.executorCode] + draft.coExecutorCodes.split(whereSeparator: { ",;\n".contains($0) }).map(String.init))
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.filter { !$0.isEmpty }
        let ids = try await OrganizationQueries.ids(codes: codes, on: db)
        return try draft.validated(id: id, plan: plan, organizations: { ids[$0] }, extraIndicators: extraIndicators)
    }

    static func saveTasks(_ measure: Measure, on db: any Database) async throws {
        for code in Set(measure.taskCodes) {
            try await MeasureTaskRecord(measureID: measure.id, planID: measure.planID, taskCode: code).create(on: db)
        }
    }
}
