import BirlikCore
import FluentKit
import Foundation

/// A row of `reports`: one executor's report on one measure for one period. Rows are created when a
/// plan is approved, one per measure × executor × period, so that "expected" is a count of rows.
public final class ReportRecord: Model, @unchecked Sendable {
    public static let schema = "reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "measure_id") public var measureID: UUID
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "region_code") public var regionCode: String
    @Field(key: "executor_id") public var executorID: UUID
    /// The executor's place, for the figures by territory.
    @Field(key: "executor_region") public var executorRegion: String
    @Field(key: "is_lead") public var isLead: Bool
    @Field(key: "period_code") public var periodCode: String
    @Field(key: "period_year") public var periodYear: Int
    /// `YYYY-MM-DD`: text order is date order on every database.
    @Field(key: "due_date") public var dueDate: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "execution") public var execution: String?
    /// The execution score once accepted (0 until then), summed by the dashboards.
    @Field(key: "score") public var score: Double
    /// 1 when first submitted by the due day.
    @Field(key: "on_time") public var onTime: Int
    @OptionalField(key: "narrative_kk") public var narrativeKK: String?
    @OptionalField(key: "narrative_ru") public var narrativeRU: String?
    @Field(key: "actuals") public var actuals: String
    @OptionalField(key: "submitted_at") public var submittedAt: Date?
    @OptionalField(key: "first_submitted_at") public var firstSubmittedAt: Date?
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?
    @OptionalField(key: "return_comment") public var returnComment: String?
    @OptionalField(key: "late_entry_until") public var lateEntryUntil: String?
    @Field(key: "version") public var version: Int

    public init() {}

    public init(_ report: Report) {
        id = report.id
        apply(report)
    }

    public func apply(_ report: Report) {
        measureID = report.measureID
        planID = report.planID
        regionCode = report.regionCode
        executorID = report.executorID
        executorRegion = report.executorRegion
        isLead = report.isLead
        periodCode = report.periodCode
        periodYear = report.periodYear
        dueDate = report.due.description
        status = report.status.rawValue
        execution = report.execution?.rawValue
        score = report.status == .accepted ? report.execution?.score ?? 0 : 0
        onTime = report.firstSubmittedAt.map { $0 <= report.due.end ? 1 : 0 } ?? 0
        narrativeKK = report.narrative.kk
        narrativeRU = report.narrative.ru
        actuals = JSONColumn.encode(report.actuals)
        submittedAt = report.submittedAt
        firstSubmittedAt = report.firstSubmittedAt
        acceptedAt = report.acceptedAt
        returnComment = report.returnComment
        lateEntryUntil = report.lateEntryUntil?.description
        version = report.version
    }

    public var report: Report {
        let due = Day(dueDate) ?? Day(year: periodYear, month: 12, day: 31)
        var report = Report(id: id ?? UUID(), measureID: measureID, planID: planID, regionCode: regionCode, executorID: executorID,
                            executorRegion: executorRegion, isLead: isLead, period: ReportingPeriod(year: periodYear, part: 0, parts: 1, due: due),
                            status: ReportStatus(rawValue: status) ?? .notStarted, execution: execution.flatMap(ExecutionStatus.init),
                            narrative: LocalizedText(kk: narrativeKK, ru: narrativeRU),
                            actuals: JSONColumn.decode([Int: Double].self, actuals, default: [:]), submittedAt: submittedAt,
                            firstSubmittedAt: firstSubmittedAt, acceptedAt: acceptedAt, returnComment: returnComment,
                            lateEntryUntil: lateEntryUntil.flatMap(Day.init), version: version)
        report.periodCode = periodCode
        report.periodYear = periodYear
        return report
    }
}

/// A row of `measure_events`: one step of a measure's timeline (plan approval, a report's transition,
/// a decision), read by the measure page.
public final class MeasureEventRecord: Model, @unchecked Sendable {
    public static let schema = "measure_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "measure_id") public var measureID: UUID
    @OptionalField(key: "report_id") public var reportID: UUID?
    @Field(key: "at") public var at: Date
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "action") public var action: String
    @OptionalField(key: "period_code") public var periodCode: String?
    @OptionalField(key: "executor_id") public var executorID: UUID?
    @OptionalField(key: "comment") public var comment: String?

    public init() {}

    init(measureID: UUID, reportID: UUID?, at: Date, actorName: String, action: String, periodCode: String?,
         executorID: UUID?, comment: String?) {
        id = UUID()
        self.measureID = measureID; self.reportID = reportID; self.at = at; self.actorName = actorName
        self.action = action; self.periodCode = periodCode; self.executorID = executorID; self.comment = comment
    }
}

/// A row of `notifications`: an in-app message to the users of an organisation.
public final class NotificationRecord: Model, @unchecked Sendable {
    public static let schema = "notifications"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "kind") public var kind: String
    /// The catalog key of the message and its arguments (JSON).
    @Field(key: "message_key") public var messageKey: String
    @Field(key: "arguments") public var arguments: String
    @Field(key: "link") public var link: String
    /// Makes a reminder idempotent: one per report and kind (`due:<report>`).
    @Field(key: "dedupe_key") public var dedupeKey: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?

    public init() {}

    init(organizationID: UUID, kind: String, messageKey: L10nKey, arguments: [String: String], link: String, dedupeKey: String, at: Date) {
        id = UUID()
        self.organizationID = organizationID; self.kind = kind; self.messageKey = messageKey.rawValue
        self.arguments = JSONColumn.encode(arguments); self.link = link; self.dedupeKey = dedupeKey; createdAt = at
    }
}
