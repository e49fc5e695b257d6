import BirlikCore
import FluentKit
import Foundation

/// The write side of measures: added, changed and removed only while their plan is a draft (a new
/// plan, or an amendment of an approved one).
public enum MeasureStore {
    public static func create(planID: UUID, _ draft: MeasureDraft, actor: Actor, on db: any Database, now: Date) async throws -> Measure {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
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

    public static func update(id: UUID, _ draft: MeasureDraft, actor: Actor, on db: any Database, now: Date) async throws -> Measure {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
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
            try await saveTasks(after, on: audit.db)
            try await audit.record("update", "measure", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    /// Imports measures into a draft plan, all or nothing: a measure whose number exists is replaced,
    /// others are added. Problems come back as `row:field` field errors, every row checked.
    public static func importRows(planID: UUID, _ rows: [(row: Int, draft: MeasureDraft)], actor: Actor, on db: any Database, now: Date) async throws -> Int {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let plan = try await editablePlan(planID, actor: actor, on: audit.db)
            let existing = Dictionary(try await MeasureRecord.query(on: audit.db).filter(\.$planID == planID).all().map { ($0.code, $0) },
                                      uniquingKeysWith: { first, _ in first })
            let codes = rows.flatMap { row in
                ([row.draft.executorCode] + row.draft.coExecutorCodes.split(separator: ",").map(String.init))
                    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            }
            let ids = try await OrganizationQueries.ids(codes: codes, on: audit.db)
            var problems: [FieldError] = []
            var measures: [Measure] = []
            var seen = Set<String>()
            for (row, draft) in rows {
                do {
                    let previous = existing[draft.code.trimmingCharacters(in: .whitespaces)]
                    var draft = draft
                    draft.version = previous?.version ?? 0
                    let measure = try draft.validated(id: previous?.id ?? UUID(), plan: plan, organizations: { ids[$0] })
                    if !seen.insert(measure.code).inserted { problems.append(FieldError("\(row):code", .fieldDuplicateMeasure, ["row": "\(row)"])) }
                    measures.append(measure)
                } catch let DomainError.invalid(errors) {
                    problems += errors.map { FieldError("\(row):\($0.field)", $0.key, $0.arguments.merging(["row": "\(row)"]) { first, _ in first }) }
                }
            }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            for measure in measures {
                if let record = existing[measure.code] {
                    let before = record.measure
                    record.apply(measure)
                    try await record.update(on: audit.db)
                    try await audit.record("update", "measure", id: measure.id.uuidString, before: before, after: measure)
                } else {
                    try await MeasureRecord(measure).create(on: audit.db)
                    try await audit.record("create", "measure", id: measure.id.uuidString, before: Nothing?.none, after: measure)
                }
                try await saveTasks(measure, on: audit.db)
            }
            return measures.count
        }
    }

    /// Removes a measure of a draft plan that has no reports entered.
    public static func delete(id: UUID, actor: Actor, on db: any Database, now: Date) async throws {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await MeasureRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.measure
            _ = try await editablePlan(before.planID, actor: actor, on: audit.db)
            let entered = try await ReportRecord.query(on: audit.db).filter(\.$measureID == id)
                .filter(\.$status != ReportStatus.notStarted.rawValue).count()
            guard entered == 0 else { throw DomainError.conflict(.errorMeasureHasReports) }
            try await ReportRecord.query(on: audit.db).filter(\.$measureID == id).delete()
            try await MeasureEventRecord.query(on: audit.db).filter(\.$measureID == id).delete()
            try await MeasureTaskRecord.query(on: audit.db).filter(\.$measureID == id).delete()
            try await MeasureNodeRecord.query(on: audit.db).filter(\.$measureID == id).delete()
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

    /// Writes which strategy nodes a measure serves (replacing what was there).
    static func saveTasks(_ measure: Measure, on db: any Database) async throws {
        try await MeasureTaskRecord.query(on: db).filter(\.$measureID == measure.id).delete()
        try await MeasureNodeRecord.query(on: db).filter(\.$measureID == measure.id).delete()
        for code in Set(measure.taskCodes) {
            try await MeasureTaskRecord(measureID: measure.id, planID: measure.planID, taskCode: code).create(on: db)
        }
        try await MeasureNodeRecord.rows(for: measure.id, taskCodes: measure.taskCodes).create(on: db)
    }
}
