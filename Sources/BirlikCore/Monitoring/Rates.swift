import Foundation

/// The control figures of a set of reports, defined once (docs/monitoring.md) and shown with their
/// definitions on every dashboard.
public struct Rates: Sendable, Hashable, Codable {
    /// Reports expected by the reference day: one per measure, executor and period whose due day has
    /// passed, and any report already submitted or accepted ahead of its due day.
    public var expected: Int
    /// Expected reports that are accepted.
    public var accepted: Int
    /// Expected reports first submitted on or before their due day.
    public var onTime: Int
    /// Expected reports not submitted (not started, draft or returned) — overdue.
    public var overdue: Int
    /// The sum of the execution scores of accepted lead-executor reports (executed 1, partly 0.5,
    /// in progress 0.25, not executed 0) and the number of lead-executor reports expected.
    public var scoreSum: Double
    public var leadExpected: Int

    public init(expected: Int = 0, accepted: Int = 0, onTime: Int = 0, overdue: Int = 0, scoreSum: Double = 0, leadExpected: Int = 0) {
        self.expected = expected; self.accepted = accepted; self.onTime = onTime; self.overdue = overdue
        self.scoreSum = scoreSum; self.leadExpected = leadExpected
    }

    /// Reporting rate: accepted ÷ expected (nil when nothing is expected yet).
    public var reportingRate: Double? { expected == 0 ? nil : Double(accepted) / Double(expected) }
    /// Timeliness: submitted by the due day ÷ expected.
    public var timeliness: Double? { expected == 0 ? nil : Double(onTime) / Double(expected) }
    /// Progress: the mean execution score of the lead executors' expected reports (unaccepted count 0).
    public var progress: Double? { leadExpected == 0 ? nil : scoreSum / Double(leadExpected) }

    public static func + (lhs: Rates, rhs: Rates) -> Rates {
        Rates(expected: lhs.expected + rhs.expected, accepted: lhs.accepted + rhs.accepted, onTime: lhs.onTime + rhs.onTime,
              overdue: lhs.overdue + rhs.overdue, scoreSum: lhs.scoreSum + rhs.scoreSum, leadExpected: lhs.leadExpected + rhs.leadExpected)
    }

    /// A share as a whole percentage, as pages print it.
    public static func percent(_ value: Double?) -> String {
        value.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
    }
}
