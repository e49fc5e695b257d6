import Foundation

/// How the result of a measure is delivered (the "completion form" column of a plan).
public enum CompletionForm: String, Codable, Sendable, CaseIterable {
    case infoToSecretariat, infoToAdministration, infoToGovernment, legalAct, eventHeld, report, publication, proposals

    public var l10nKey: L10nKey { L10nKey(rawValue: "measure.form.\(rawValue)")! }
}

/// Where the money of a measure comes from.
public enum BudgetSource: String, Codable, Sendable, CaseIterable {
    case republican, local, other, notRequired

    public var l10nKey: L10nKey { L10nKey(rawValue: "measure.budget.\(rawValue)")! }
}

/// How often a measure reports.
public enum Periodicity: String, Codable, Sendable, CaseIterable {
    case annually, semiannually, quarterly

    public var l10nKey: L10nKey { L10nKey(rawValue: "measure.periodicity.\(rawValue)")! }
    /// Periods in a year.
    public var partsPerYear: Int {
        switch self {
        case .annually: 1
        case .semiannually: 2
        case .quarterly: 4
        }
    }
}

/// When a measure is due: once, on a date, or periodically, with reports due on a day of the month
/// after each period ends.
public enum Deadline: Codable, Sendable, Hashable {
    case date(Day)
    case periodic(Periodicity, dueDay: Int)
}

/// A measurable indicator of a measure: a baseline and a target per year.
public struct Indicator: Codable, Sendable, Hashable {
    public var name: LocalizedText
    public var unit: String
    public var baseline: Double
    public var targets: [Int: Double]

    public init(name: LocalizedText, unit: String, baseline: Double, targets: [Int: Double]) {
        self.name = name; self.unit = unit; self.baseline = baseline; self.targets = targets
    }
}

/// One measure of an action plan.
public struct Measure: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var planID: UUID
    /// The measure's number in its plan (`1`, `2.3`).
    public var code: String
    public var title: LocalizedText
    /// The strategy-tree nodes the measure serves.
    public var taskCodes: [String]
    public var executorID: UUID
    public var coExecutorIDs: [UUID]
    public var completionForm: CompletionForm
    public var deadline: Deadline
    public var budgetSource: BudgetSource
    /// Expected cost in tenge (0 when none).
    public var amount: Int64
    public var expectedResult: LocalizedText
    public var indicators: [Indicator]
    /// Its weight when progress is rolled up to tasks, directions and plans.
    public var weight: Int
    public var version: Int

    public init(id: UUID = UUID(), planID: UUID, code: String, title: LocalizedText, taskCodes: [String], executorID: UUID,
                coExecutorIDs: [UUID] = [], completionForm: CompletionForm, deadline: Deadline, budgetSource: BudgetSource,
                amount: Int64 = 0, expectedResult: LocalizedText = LocalizedText(), indicators: [Indicator] = [],
                weight: Int = 1, version: Int = 1) {
        self.id = id; self.planID = planID; self.code = code; self.title = title; self.taskCodes = taskCodes
        self.executorID = executorID; self.coExecutorIDs = coExecutorIDs; self.completionForm = completionForm
        self.deadline = deadline; self.budgetSource = budgetSource; self.amount = amount
        self.expectedResult = expectedResult; self.indicators = indicators; self.weight = weight; self.version = version
    }

    /// The responsible executor, then the co-executors: each reports on its own.
    public var executors: [UUID] { [executorID] + coExecutorIDs.filter { $0 != executorID } }

    /// The reporting periods of the measure within `years`.
    public func periods(in years: ClosedRange<Int>) -> [ReportingPeriod] {
        switch deadline {
        case let .date(day):
            return [ReportingPeriod(year: day.year, part: 0, parts: 1, due: day)]
        case let .periodic(periodicity, dueDay):
            return years.flatMap { year in
                (1...periodicity.partsPerYear).map { ReportingPeriod(year: year, part: $0, parts: periodicity.partsPerYear, dueDay: dueDay) }
            }
        }
    }
}
