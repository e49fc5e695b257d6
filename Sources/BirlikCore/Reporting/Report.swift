import Foundation

/// Where an executor's report for one measure and period is in its workflow.
public enum ReportStatus: String, Codable, Sendable, CaseIterable {
    /// Expected, nothing entered yet.
    case notStarted
    case draft
    case submitted
    /// Sent back by the coordinator with a comment; the executor corrects and resubmits.
    case returned
    /// Accepted and locked.
    case accepted

    public var l10nKey: L10nKey { L10nKey(rawValue: "report.status.\(rawValue)")! }
    /// The executor may still edit the report.
    public var isOpenForEntry: Bool { self == .notStarted || self == .draft || self == .returned }
}

/// What the executor says was done.
public enum ExecutionStatus: String, Codable, Sendable, CaseIterable {
    case executed, partlyExecuted, notExecuted, inProgress

    public var l10nKey: L10nKey { L10nKey(rawValue: "report.execution.\(rawValue)")! }

    /// The share of the measure's period this status counts as done (docs/monitoring.md).
    public var score: Double {
        switch self {
        case .executed: 1
        case .partlyExecuted: 0.5
        case .inProgress: 0.25
        case .notExecuted: 0
        }
    }
}

/// One executor's report on one measure for one period.
public struct Report: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var measureID: UUID
    public var planID: UUID
    /// The plan's region: regional coordinators accept reports of their region's plans.
    public var regionCode: String
    public var executorID: UUID
    /// The executor's place: a regional coordinator reviews the reports of executors in the region,
    /// on the national plan too, before the Secretariat accepts them.
    public var executorRegion: String
    /// `true` for the responsible executor, `false` for a co-executor.
    public var isLead: Bool
    public var periodCode: String
    public var periodYear: Int
    public var due: Day
    public var status: ReportStatus
    public var execution: ExecutionStatus?
    public var narrative: LocalizedText
    /// Indicator actuals, by the indicator's position in the measure.
    public var actuals: [Int: Double]
    public var submittedAt: Date?
    /// The first submission: timeliness counts it against the due day.
    public var firstSubmittedAt: Date?
    public var acceptedAt: Date?
    public var returnComment: String?
    /// Entry after the due day is allowed until this day, when a coordinator granted it.
    public var lateEntryUntil: Day?
    public var version: Int

    public init(id: UUID = UUID(), measureID: UUID, planID: UUID, regionCode: String, executorID: UUID, executorRegion: String, isLead: Bool,
                period: ReportingPeriod, status: ReportStatus = .notStarted, execution: ExecutionStatus? = nil,
                narrative: LocalizedText = LocalizedText(), actuals: [Int: Double] = [:], submittedAt: Date? = nil,
                firstSubmittedAt: Date? = nil, acceptedAt: Date? = nil, returnComment: String? = nil,
                lateEntryUntil: Day? = nil, version: Int = 1) {
        self.id = id; self.measureID = measureID; self.planID = planID; self.regionCode = regionCode
        self.executorID = executorID; self.executorRegion = executorRegion; self.isLead = isLead; self.periodCode = period.code; self.periodYear = period.year
        self.due = period.due; self.status = status; self.execution = execution; self.narrative = narrative
        self.actuals = actuals; self.submittedAt = submittedAt; self.firstSubmittedAt = firstSubmittedAt
        self.acceptedAt = acceptedAt; self.returnComment = returnComment; self.lateEntryUntil = lateEntryUntil
        self.version = version
    }

    /// The permission scope: the executor's report within the plan's region; public once accepted.
    /// The report's place is its plan's region, or for the national plan the executor's place, so that
    /// a region's coordinator sees every report made in the region.
    public var scope: Scope {
        Scope(organizationID: executorID, regionCode: regionCode == RegionCode.republic ? executorRegion : regionCode,
              isPublic: status == .accepted)
    }

    /// The scope a decision is checked in: the plan's, except that returning a national-plan report for
    /// correction is also the executor's regional coordinator's to do.
    public func decisionScope(_ transition: ReportTransition, plan: Plan) -> Scope {
        if transition == .returnForCorrection, plan.isNational, executorRegion != RegionCode.republic {
            return Scope(organizationID: nil, regionCode: executorRegion, isPublic: false)
        }
        return plan.scope
    }

    /// Past its due day and not yet submitted.
    public func isOverdue(today: Day) -> Bool { status.isOpenForEntry && today > due }

    /// Whether the executor may enter data today: before the due day, or within a granted late-entry window.
    public func acceptsEntry(today: Day) -> Bool {
        guard status.isOpenForEntry else { return false }
        if today <= due { return true }
        if status == .returned { return true }
        return lateEntryUntil.map { today <= $0 } ?? false
    }
}

/// A step of the report workflow.
public enum ReportTransition: String, Sendable, CaseIterable {
    case save, submit, accept, returnForCorrection = "return", unaccept, grantLateEntry = "late-entry"

    public var l10nKey: L10nKey { L10nKey(rawValue: "report.action.\(rawValue)")! }

    /// Who acts: the executor (`.update`) or the coordinator (`.approve`).
    public var action: Action {
        switch self {
        case .save, .submit: .update
        case .accept, .returnForCorrection, .unaccept, .grantLateEntry: .approve
        }
    }

    /// The status after the step, or `nil` when it cannot be taken from `status`.
    public func next(from status: ReportStatus) -> ReportStatus? {
        switch (self, status) {
        case (.save, .notStarted), (.save, .draft): .draft
        case (.save, .returned): .returned
        case (.submit, .notStarted), (.submit, .draft), (.submit, .returned): .submitted
        case (.accept, .submitted): .accepted
        case (.returnForCorrection, .submitted): .returned
        case (.unaccept, .accepted): .submitted
        case (.grantLateEntry, let current) where current.isOpenForEntry: current
        default: nil
        }
    }
}
