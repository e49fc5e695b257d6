import BirlikCore
import FluentKit
import Foundation

/// A row of `signals`.
public final class SignalRecord: Model, @unchecked Sendable {
    public static let schema = "signals"

    @ID(key: .id) public var id: UUID?
    @Field(key: "date") public var date: String
    @Field(key: "month") public var month: String
    @Field(key: "place") public var place: String
    @Field(key: "region") public var region: String
    @Field(key: "kind") public var kind: String
    @Field(key: "groups") public var groups: String
    @Field(key: "severity") public var severity: Int
    @Field(key: "source") public var source: String
    @Field(key: "summary") public var summary: String
    @Field(key: "status") public var status: String
    @Field(key: "review_note") public var reviewNote: String
    @OptionalField(key: "responsible_id") public var responsibleID: UUID?
    @Field(key: "measures") public var measures: String
    @OptionalField(key: "deadline") public var deadline: String?
    @Field(key: "outcome") public var outcome: String
    @Field(key: "reported_by") public var reportedBy: String
    @OptionalField(key: "reporter_organization_id") public var reporterOrganizationID: UUID?
    @Field(key: "is_demo") public var isDemo: Bool
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ signal: Signal) {
        id = signal.id
        apply(signal)
    }

    func apply(_ signal: Signal) {
        date = signal.date.description
        month = signal.month.description
        place = signal.place
        region = RegionCode.topLevel(signal.place) ?? signal.place
        kind = signal.kind.rawValue
        groups = signal.groups.joined(separator: ",")
        severity = signal.severity
        source = signal.source.rawValue
        summary = signal.summary
        status = signal.status.rawValue
        reviewNote = signal.reviewNote
        responsibleID = signal.responsibleID
        measures = signal.measures
        deadline = signal.deadline?.description
        outcome = signal.outcome
        reportedBy = signal.reportedBy
        reporterOrganizationID = signal.reporterOrganizationID
        isDemo = signal.isDemo
        version = signal.version
    }

    var signal: Signal {
        Signal(id: id ?? UUID(), date: Day(date) ?? Day(year: 1970, month: 1, day: 1), place: place, kind: Signal.Kind(rawValue: kind) ?? .other,
               groups: groups.split(separator: ",").map(String.init), severity: severity, source: Signal.Source(rawValue: source) ?? .other,
               summary: summary, status: Signal.Status(rawValue: status) ?? .reported, reviewNote: reviewNote, responsibleID: responsibleID,
               measures: measures, deadline: deadline.flatMap(Day.init), outcome: outcome, reportedBy: reportedBy,
               reporterOrganizationID: reporterOrganizationID, isDemo: isDemo, version: version)
    }
}

/// A row of `alerts`.
public final class AlertRecord: Model, @unchecked Sendable {
    public static let schema = "alerts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "rule") public var rule: String
    @Field(key: "place") public var place: String
    @Field(key: "month") public var month: String
    @Field(key: "risk_value") public var riskValue: Double
    @Field(key: "load") public var load: Double
    @Field(key: "baseline") public var baseline: Double
    @Field(key: "raised_at") public var raisedAt: Date
    @Field(key: "status") public var status: String
    @OptionalField(key: "responsible_id") public var responsibleID: UUID?
    @Field(key: "task") public var task: String
    @OptionalField(key: "deadline") public var deadline: String?
    @Field(key: "outcome") public var outcome: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ alert: Alert) {
        id = alert.id
        apply(alert)
    }

    func apply(_ alert: Alert) {
        rule = alert.rule; place = alert.place; month = alert.month.description; riskValue = alert.riskValue; load = alert.load
        baseline = alert.baseline; raisedAt = alert.raisedAt; status = alert.status.rawValue; responsibleID = alert.responsibleID
        task = alert.task; deadline = alert.deadline?.description; outcome = alert.outcome; version = alert.version
    }

    var alert: Alert {
        Alert(id: id ?? UUID(), rule: rule, place: place, month: Period(month) ?? Period(kind: .month, year: 1990, index: 1)!, riskValue: riskValue,
              load: load, baseline: baseline, raisedAt: raisedAt, status: Alert.Status(rawValue: status) ?? .open, responsibleID: responsibleID,
              task: task, deadline: deadline.flatMap(Day.init), outcome: outcome, version: version)
    }
}
