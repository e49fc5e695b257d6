import Foundation

/// The risk index of a region for a month, from its signals and its survey figure. The formula is
/// written once here, printed on the early-warning page and explained in docs/early-warning.md:
///
///     S = Σ severity of the month's signals (verified × 1, reported and not yet verified × 0.5, rejected × 0)
///     B = mean of S over the 6 months before (the rolling baseline)
///     spike = S ÷ max(B, 1)
///     R = min(100, 4·S + 15·max(0, spike − 1) + 0.25·(100 − G))
///
/// where G is the latest share of people rating interethnic relations as good in the region (the
/// survey indicator; the term is left out when there is no survey figure).
public struct RiskIndex: Sendable, Hashable, Codable {
    public var place: String
    public var month: Period
    /// Weighted severity of the month's signals.
    public var load: Double
    /// Mean weighted severity of the six months before.
    public var baseline: Double
    /// The month's load against the baseline.
    public var spike: Double
    /// The latest survey share used, when any.
    public var survey: Double?
    public var value: Double

    public static let baselineMonths = 6
    public static let formula = "R = min(100, 4·S + 15·max(0, S ÷ max(B, 1) − 1) + 0.25·(100 − G))"

    /// The weight a signal carries in S.
    public static func weight(_ signal: Signal.Status) -> Double {
        switch signal {
        case .verified: 1
        case .reported: 0.5
        case .rejected: 0
        }
    }

    /// The index for `month`, from the monthly loads (month → S, missing months count as 0) and the survey share.
    public static func compute(place: String, month: Period, loads: [Period: Double], survey: Double?) -> RiskIndex {
        let load = loads[month] ?? 0
        var earlier: [Double] = []
        var cursor = month
        for _ in 0..<baselineMonths {
            cursor = cursor.previous
            earlier.append(loads[cursor] ?? 0)
        }
        let baseline = earlier.reduce(0, +) / Double(baselineMonths)
        let spike = load / max(baseline, 1)
        let surveyTerm = survey.map { 0.25 * (100 - min(100, max(0, $0))) } ?? 0
        let value = min(100, 4 * load + 15 * max(0, spike - 1) + surveyTerm)
        return RiskIndex(place: place, month: month, load: load, baseline: baseline, spike: spike, survey: survey, value: (value * 10).rounded() / 10)
    }

    /// The band the index falls in.
    public enum Level: String, Sendable, CaseIterable {
        case low, moderate, high, critical
        public var l10nKey: L10nKey { L10nKey(rawValue: "risk.level.\(rawValue)")! }
    }

    public var level: Level {
        switch value {
        case ..<25: .low
        case ..<50: .moderate
        case ..<75: .high
        default: .critical
        }
    }
}

/// A rule that raises an alert for a region and month: the risk index over a threshold, or the
/// month's signals spiking against the baseline.
public struct AlertRule: Sendable, Hashable, Identifiable {
    public enum Kind: Sendable, Hashable {
        /// The risk index reaches `threshold`.
        case riskAtLeast(Double)
        /// S reaches `factor` × the baseline and at least `minimum`.
        case spike(factor: Double, minimum: Double)
    }

    public var code: String
    public var kind: Kind
    public var l10nKey: L10nKey { L10nKey(rawValue: "alertRule.\(code)")! }
    public var id: String { code }

    /// `true` when the rule fires for `index`.
    public func fires(_ index: RiskIndex) -> Bool {
        switch kind {
        case let .riskAtLeast(threshold): index.value >= threshold
        case let .spike(factor, minimum): index.load >= minimum && index.load >= factor * index.baseline
        }
    }

    public static let shipped: [AlertRule] = [
        AlertRule(code: "risk-high", kind: .riskAtLeast(50)),
        AlertRule(code: "signal-spike", kind: .spike(factor: 3, minimum: 8)),
    ]
}

/// An alert raised by a rule, and the response task it opens: assigned to an organisation, with a
/// deadline, closed with an outcome.
public struct Alert: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case open, assigned, closed
        public var l10nKey: L10nKey { L10nKey(rawValue: "alert.status.\(rawValue)")! }
    }

    public var id: UUID
    public var rule: String
    /// The region (top level) the alert is for.
    public var place: String
    public var month: Period
    public var riskValue: Double
    public var load: Double
    public var baseline: Double
    public var raisedAt: Date
    public var status: Status
    public var responsibleID: UUID?
    public var task: String
    public var deadline: Day?
    public var outcome: String
    public var version: Int

    public init(id: UUID, rule: String, place: String, month: Period, riskValue: Double, load: Double, baseline: Double, raisedAt: Date,
                status: Status = .open, responsibleID: UUID? = nil, task: String = "", deadline: Day? = nil, outcome: String = "", version: Int = 1) {
        self.id = id; self.rule = rule; self.place = place; self.month = month; self.riskValue = riskValue; self.load = load
        self.baseline = baseline; self.raisedAt = raisedAt; self.status = status; self.responsibleID = responsibleID; self.task = task
        self.deadline = deadline; self.outcome = outcome; self.version = version
    }

    public var scope: Scope { Scope(organizationID: responsibleID, regionCode: place, isPublic: false) }
}
