import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Reading plans and measures, filtered by `Access`.
public enum PlanQueries {
    /// The plans `actor` may see: the national plan first, then regions by code.
    public static func list(actor: Actor, on db: any Database) async throws -> [Plan] {
        try await PlanRecord.query(on: db).visible(to: actor).sort(\.$regionCode).sort(\.$startYear).sort(\.$code).all().map(\.plan)
    }

    public static func find(code: String, actor: Actor, on db: any Database) async throws -> Plan {
        guard let plan = try await PlanRecord.query(on: db).filter(\.$code == code.lowercased()).first()?.plan else { throw DomainError.notFound }
        return try visible(plan, actor: actor)
    }

    public static func find(id: UUID, actor: Actor, on db: any Database) async throws -> Plan {
        guard let plan = try await PlanRecord.find(id, on: db)?.plan else { throw DomainError.notFound }
        return try visible(plan, actor: actor)
    }

    static func visible(_ plan: Plan, actor: Actor) throws -> Plan {
        switch Access.check(actor, .view, .plan, in: plan.scope) {
        case .allowed: return plan
        case .needsSignIn: throw DomainError.signInRequired
        case .forbidden: throw DomainError.notFound
        }
    }

    /// What `actor` is to be shown of a plan whose next version is being drafted: the version in force (the
    /// last approved snapshot) to whoever may not see drafts; `nil` when the plan itself is what they see.
    public static func versionInForce(_ plan: Plan, actor: Actor, on db: any Database) async throws -> PlanVersionRecord? {
        guard plan.isUnderAmendment,
              Access.check(actor, .view, .plan, in: Scope(organizationID: nil, regionCode: plan.regionCode, isPublic: false)) != .allowed else { return nil }
        return try await PlanVersionRecord.query(on: db).filter(\.$planID == plan.id).sort(\.$planVersion, .descending).first()
    }

    /// How many measures each plan has: one grouped count, no measure rows read.
    public static func measureCounts(on db: any Database) async throws -> [UUID: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var counts: [UUID: Int] = [:]
        for row in try await sql.raw("SELECT plan_id, CAST(COUNT(*) AS BIGINT) AS n FROM measures GROUP BY plan_id").all() {
            counts[try row.decode(column: "plan_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// A plan's measures in number order.
    public static func measures(of planID: UUID, on db: any Database) async throws -> [Measure] {
        try await MeasureRecord.query(on: db).filter(\.$planID == planID).sort(\.$sortKey).all().map(\.measure)
    }

    /// A measure with its plan, when `actor` may see the plan.
    public static func measure(id: UUID, actor: Actor, on db: any Database) async throws -> (Measure, Plan) {
        guard let measure = try await MeasureRecord.find(id, on: db)?.measure else { throw DomainError.notFound }
        return (measure, try await find(id: measure.planID, actor: actor, on: db))
    }

    /// Filters of the measures list and API.
    public struct MeasureFilter: Sendable {
        public var planID: UUID?
        public var executorID: UUID?
        public var regionCode: String?
        public var taskCode: String?
        public init(planID: UUID? = nil, executorID: UUID? = nil, regionCode: String? = nil, taskCode: String? = nil) {
            self.planID = planID; self.executorID = executorID; self.regionCode = regionCode; self.taskCode = taskCode
        }
    }

    /// Measures of the visible plans matching `filter` (the executor matches the responsible or a co-executor).
    public static func measures(_ filter: MeasureFilter, actor: Actor, limit: Int = 1000, on db: any Database) async throws -> [(Measure, Plan)] {
        var plans = try await list(actor: actor, on: db)
        if let planID = filter.planID { plans = plans.filter { $0.id == planID } }
        if let region = filter.regionCode, !region.isEmpty { plans = plans.filter { RegionCode.isWithin($0.regionCode, region) } }
        // Of a plan whose next version is being drafted, whoever may not see drafts gets the version in force.
        var inForce: [UUID: PlanSnapshot] = [:]
        for plan in plans where plan.isUnderAmendment {
            if let snapshot = try await versionInForce(plan, actor: actor, on: db)?.content { inForce[plan.id] = snapshot }
        }
        let byID = Dictionary(uniqueKeysWithValues: plans.filter { inForce[$0.id] == nil }.map { ($0.id, $0) })
        guard !byID.isEmpty || !inForce.isEmpty else { return [] }
        let fromSnapshots = inForce.values.flatMap { snapshot in
            snapshot.measures.filter { measure in
                (filter.taskCode.map { $0.isEmpty || measure.taskCodes.contains($0) } ?? true)
                    && (filter.executorID.map { measure.executors.contains($0) } ?? true)
            }.map { ($0, snapshot.plan) }
        }
        guard !byID.isEmpty else { return ordered(fromSnapshots, plans: plans, limit: limit) }
        // In the plans' own order (as the plans list shows them), then each plan's measures in order.
        let query = MeasureRecord.query(on: db).filter(\.$planID ~~ Array(byID.keys))
            .join(PlanRecord.self, on: \MeasureRecord.$planID == \PlanRecord.$id)
            .sort(PlanRecord.self, \.$regionCode).sort(PlanRecord.self, \.$startYear).sort(PlanRecord.self, \.$code).sort(\.$sortKey)
        if let task = filter.taskCode, !task.isEmpty { query.filter("task_codes", containsLiterally: "|\(task)|") }
        if let executor = filter.executorID {
            query.group(.or) { group in
                group.filter(\.$executorID == executor)
                group.filter(\.$coExecutorIDs, .contains(inverse: false, .anywhere), executor.uuidString)
            }
        }
        let current = try await query.limit(limit).all().compactMap { row in
            let measure = row.measure
            return byID[measure.planID].map { (measure, $0) }
        }
        return fromSnapshots.isEmpty ? current : ordered(current + fromSnapshots, plans: plans, limit: limit)
    }

    /// Measures in the order of their plans in `plans`, each plan's in the order given.
    static func ordered(_ rows: [(Measure, Plan)], plans: [Plan], limit: Int) -> [(Measure, Plan)] {
        let position = Dictionary(uniqueKeysWithValues: plans.enumerated().map { ($1.id, $0) })
        return Array(rows.enumerated().sorted { left, right in
            let (a, b) = (position[left.element.1.id] ?? 0, position[right.element.1.id] ?? 0)
            return a != b ? a < b : left.offset < right.offset
        }.map(\.element).prefix(limit))
    }

    /// The approved versions of a plan, newest first.
    public static func versions(of planID: UUID, on db: any Database) async throws -> [PlanVersionRecord] {
        try await PlanVersionRecord.query(on: db).filter(\.$planID == planID).sort(\.$planVersion, .descending).all()
    }

    /// How two versions of a plan differ, measure by measure (by number).
    public struct Comparison: Sendable {
        public var added: [Measure]
        public var removed: [Measure]
        public var changed: [(before: Measure, after: Measure, fields: [String])]
    }

    public static func compare(_ old: PlanSnapshot, _ new: PlanSnapshot) -> Comparison {
        let before = Dictionary(old.measures.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.measures.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var changed: [(Measure, Measure, [String])] = []
        for measure in new.measures {
            guard let previous = before[measure.code] else { continue }
            var fields: [String] = []
            if previous.title != measure.title { fields.append("title") }
            if previous.taskCodes != measure.taskCodes { fields.append("tasks") }
            if previous.executors != measure.executors { fields.append("executors") }
            if previous.completionForm != measure.completionForm { fields.append("completionForm") }
            if previous.deadline != measure.deadline { fields.append("deadline") }
            if previous.budgetSource != measure.budgetSource || previous.amount != measure.amount { fields.append("budget") }
            if previous.expectedResult != measure.expectedResult { fields.append("expectedResult") }
            if previous.indicators != measure.indicators { fields.append("indicators") }
            if !fields.isEmpty { changed.append((previous, measure, fields)) }
        }
        return Comparison(added: new.measures.filter { before[$0.code] == nil }, removed: old.measures.filter { after[$0.code] == nil },
                          changed: changed)
    }
}
