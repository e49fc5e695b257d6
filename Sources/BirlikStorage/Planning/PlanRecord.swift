import BirlikCore
import FluentKit
import Foundation

/// A row of `plans`: an action plan's header.
public final class PlanRecord: Model, @unchecked Sendable {
    public static let schema = "plans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "title_kk") public var titleKK: String
    @OptionalField(key: "title_ru") public var titleRU: String?
    @OptionalField(key: "title_en") public var titleEN: String?
    @Field(key: "region_code") public var regionCode: String
    @Field(key: "concept_code") public var conceptCode: String
    @Field(key: "start_year") public var startYear: Int
    @Field(key: "end_year") public var endYear: Int
    @Field(key: "status") public var status: String
    @Field(key: "plan_version") public var planVersion: Int
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    @OptionalField(key: "approved_by") public var approvedBy: String?
    @Field(key: "is_demo") public var isDemo: Bool
    @Field(key: "version") public var version: Int

    public init() {}

    public init(_ plan: Plan) {
        id = plan.id
        apply(plan)
    }

    public func apply(_ plan: Plan) {
        code = plan.code
        titleKK = plan.title.kk ?? plan.code
        titleRU = plan.title.ru
        titleEN = plan.title.en
        regionCode = plan.regionCode
        conceptCode = plan.conceptCode
        startYear = plan.startYear
        endYear = plan.endYear
        status = plan.status.rawValue
        planVersion = plan.planVersion
        approvedAt = plan.approvedAt
        approvedBy = plan.approvedBy
        isDemo = plan.isDemo
        version = plan.version
    }

    public var plan: Plan {
        Plan(id: id ?? UUID(), code: code, title: LocalizedText(kk: titleKK, ru: titleRU, en: titleEN), regionCode: regionCode,
             conceptCode: conceptCode, startYear: startYear, endYear: endYear, status: PlanStatus(rawValue: status) ?? .draft,
             planVersion: planVersion, approvedAt: approvedAt, approvedBy: approvedBy, isDemo: isDemo, version: version)
    }
}

/// A row of `plan_versions`: the plan and its measures as they stood when a version was approved.
public final class PlanVersionRecord: Model, @unchecked Sendable {
    public static let schema = "plan_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "plan_version") public var planVersion: Int
    @Field(key: "approved_at") public var approvedAt: Date
    @Field(key: "approved_by") public var approvedBy: String
    @Field(key: "snapshot") public var snapshot: String

    public init() {}

    init(plan: Plan, measures: [Measure], at: Date, by: String) {
        id = UUID()
        planID = plan.id
        planVersion = plan.planVersion
        approvedAt = at
        approvedBy = by
        snapshot = JSONColumn.encode(PlanSnapshot(plan: plan, measures: measures))
    }

    public var content: PlanSnapshot? {
        JSONColumn.decode(PlanSnapshot?.self, snapshot, default: nil)
    }
}

/// A plan and its measures at one approved version.
public struct PlanSnapshot: Codable, Sendable {
    public var plan: Plan
    public var measures: [Measure]
}
