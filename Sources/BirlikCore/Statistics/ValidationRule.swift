import Foundation

/// A rule between values of the same place and period (a DHIS2 "validation rule"): the ethnic
/// groups of a region add up to its population, agreements never exceed cases, this year stays
/// within a factor of last year. Rules run on entry, on import and as a report of violations.
public struct ValidationRule: Sendable, Hashable, Identifiable {
    /// One side of a comparison: an element's total, or the sum of its breakdowns.
    public struct Side: Sendable, Hashable {
        public var element: String
        /// `true` to add up every breakdown of the element; `false` for the undivided total.
        public var sumOfBreakdowns: Bool

        public init(_ element: String, sumOfBreakdowns: Bool = false) {
            self.element = element
            self.sumOfBreakdowns = sumOfBreakdowns
        }
    }

    public enum Kind: Sendable, Hashable {
        /// `left` equals `right` within `tolerance` (a share of `right`, 0.005 = 0.5 %).
        case equal(Side, Side, tolerance: Double)
        /// `left` is at most `right`.
        case atMost(Side, Side)
        /// The value is within `factor` of the same period a year earlier (both ways).
        case yearOverYear(Side, factor: Double)
    }

    public var code: String
    /// The catalog key of the rule's wording.
    public var l10nKey: L10nKey
    public var kind: Kind
    public var id: String { code }

    public init(code: String, l10nKey: L10nKey, kind: Kind) {
        self.code = code
        self.l10nKey = l10nKey
        self.kind = kind
    }

    /// The elements the rule reads.
    public var elements: Set<String> {
        switch kind {
        case let .equal(left, right, _), let .atMost(left, right): [left.element, right.element]
        case let .yearOverYear(side, _): [side.element]
        }
    }

    /// Looks values up for a rule: `(element, sumOfBreakdowns, place, period) -> value`.
    public typealias Lookup = (Side, String, Period) -> Double?

    /// The outcome of checking a rule at one place and period; `nil` when it holds or cannot be checked
    /// (a side has no value).
    public func violation(place: String, period: Period, _ value: Lookup) -> Violation? {
        switch kind {
        case let .equal(left, right, tolerance):
            guard let l = value(left, place, period), let r = value(right, place, period) else { return nil }
            return abs(l - r) <= abs(r) * tolerance ? nil : Violation(rule: code, place: place, period: period, left: l, right: r)
        case let .atMost(left, right):
            guard let l = value(left, place, period), let r = value(right, place, period) else { return nil }
            return l <= r ? nil : Violation(rule: code, place: place, period: period, left: l, right: r)
        case let .yearOverYear(side, factor):
            guard let earlier = period.yearBefore, let now = value(side, place, period), let before = value(side, place, earlier),
                  before > 0 || now > 0 else { return nil }
            let ratio = before == 0 ? Double.infinity : now / before
            return ratio <= factor && ratio >= 1 / factor ? nil : Violation(rule: code, place: place, period: period, left: now, right: before)
        }
    }

    /// The rules Birlik ships with.
    public static let shipped: [ValidationRule] = [
        ValidationRule(code: "population-groups-total", l10nKey: .ruleGroupsAddUp,
                       kind: .equal(Side("population.ethnicity", sumOfBreakdowns: true), Side("population"), tolerance: 0.005)),
        ValidationRule(code: "census-groups-within-total", l10nKey: .ruleCensusGroupsWithin,
                       kind: .atMost(Side("census.population.ethnicity", sumOfBreakdowns: true), Side("census.population"))),
        ValidationRule(code: "agreements-within-cases", l10nKey: .ruleAgreementsWithinCases,
                       kind: .atMost(Side("mediation.agreements"), Side("mediation.cases"))),
        ValidationRule(code: "graduates-within-learners", l10nKey: .ruleGraduatesWithinLearners,
                       kind: .atMost(Side("language.graduates"), Side("language.learners", sumOfBreakdowns: true))),
        ValidationRule(code: "associations-year-over-year", l10nKey: .ruleAssociationsYearOverYear,
                       kind: .yearOverYear(Side("associations.count"), factor: 1.5)),
        ValidationRule(code: "participants-year-over-year", l10nKey: .ruleParticipantsYearOverYear,
                       kind: .yearOverYear(Side("events.participants", sumOfBreakdowns: true), factor: 5)),
    ]
}

/// A rule that does not hold at a place and period, with the two sides' values.
public struct Violation: Sendable, Hashable, Codable {
    public var rule: String
    public var place: String
    public var period: Period
    public var left: Double
    public var right: Double
}
