import Foundation

/// Where a plan is in its life: drafted, approved (the first version), amended (a later version in
/// force), closed. An amendment reopens an approved plan as a draft of its next version.
public enum PlanStatus: String, Codable, Sendable, CaseIterable {
    case draft, approved, amended, closed

    public var l10nKey: L10nKey { L10nKey(rawValue: "plan.status.\(rawValue)")! }
    /// Approved, amended and closed plans are public; drafts are not.
    public var isInForce: Bool { self != .draft }
}

/// An action plan implementing a Concept: the national plan (region `KZ`, approved for the Government)
/// or a region's plan (approved by the chair of the region's assembly).
public struct Plan: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var code: String
    public var title: LocalizedText
    /// `KZ` for the national plan, a region's code otherwise.
    public var regionCode: String
    /// The Concept the plan implements (`C1` or `C2`).
    public var conceptCode: String
    public var startYear: Int
    public var endYear: Int
    public var status: PlanStatus
    /// The plan's version: 1 when first approved, +1 with every amendment.
    public var planVersion: Int
    public var approvedAt: Date?
    public var approvedBy: String?
    public var isDemo: Bool
    /// The record version, for optimistic locking.
    public var version: Int

    public init(id: UUID = UUID(), code: String, title: LocalizedText, regionCode: String, conceptCode: String,
                startYear: Int, endYear: Int, status: PlanStatus = .draft, planVersion: Int = 1,
                approvedAt: Date? = nil, approvedBy: String? = nil, isDemo: Bool = false, version: Int = 1) {
        self.id = id; self.code = code; self.title = title; self.regionCode = regionCode; self.conceptCode = conceptCode
        self.startYear = startYear; self.endYear = endYear; self.status = status; self.planVersion = planVersion
        self.approvedAt = approvedAt; self.approvedBy = approvedBy; self.isDemo = isDemo; self.version = version
    }

    public var isNational: Bool { regionCode == RegionCode.republic }
    public var years: ClosedRange<Int> { startYear...max(startYear, endYear) }
    /// A draft of the next version of a plan that was approved: the version in force stays public meanwhile.
    public var isUnderAmendment: Bool { status == .draft && planVersion > 1 }
    public var scope: Scope { Scope(organizationID: nil, regionCode: regionCode, isPublic: status.isInForce || isUnderAmendment) }
}

/// A change of a plan's status, with the rules of which change may follow which.
public enum PlanTransition: String, Sendable, CaseIterable {
    case approve, amend, close

    public var l10nKey: L10nKey { L10nKey(rawValue: "plan.action.\(rawValue)")! }

    /// The status after the transition, or `nil` when it cannot be made from `status`.
    public func next(from status: PlanStatus, planVersion: Int) -> PlanStatus? {
        switch (self, status) {
        case (.approve, .draft): planVersion > 1 ? .amended : .approved
        case (.amend, .approved), (.amend, .amended): .draft
        case (.close, .approved), (.close, .amended): .closed
        default: nil
        }
    }
}
