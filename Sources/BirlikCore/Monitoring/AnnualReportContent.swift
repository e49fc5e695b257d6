import Foundation

/// What the annual report to the Head of State says about a year, composed from the data and
/// rendered as DOCX, HTML and PDF in any of the three languages.
public struct AnnualReportContent: Sendable {
    /// A measure as the report lists it.
    public struct MeasureLine: Sendable {
        public var planCode: String
        public var code: String
        public var title: LocalizedText
        public var executor: LocalizedText
        /// The responsible executor's latest accepted execution status in the year, if any.
        public var execution: ExecutionStatus?
        public var rates: Rates
        /// The latest accepted narrative of the year.
        public var narrative: LocalizedText
        /// Indicator name, unit, target and actual for the year.
        public var indicators: [(name: LocalizedText, unit: String, target: Double?, actual: Double?)]

        public init(planCode: String, code: String, title: LocalizedText, executor: LocalizedText, execution: ExecutionStatus?, rates: Rates,
                    narrative: LocalizedText, indicators: [(name: LocalizedText, unit: String, target: Double?, actual: Double?)]) {
            self.planCode = planCode; self.code = code; self.title = title; self.executor = executor; self.execution = execution
            self.rates = rates; self.narrative = narrative; self.indicators = indicators
        }
    }

    /// A direction or task of a Concept with the measures that served it in the year.
    public struct Section: Sendable {
        public var node: StrategyNode
        public var rates: Rates
        public var progress: Double?
        public var measures: [MeasureLine]

        public init(node: StrategyNode, rates: Rates, progress: Double?, measures: [MeasureLine]) {
            self.node = node; self.rates = rates; self.progress = progress; self.measures = measures
        }
    }

    /// A region's figures.
    public struct RegionLine: Sendable {
        public var code: String
        public var name: LocalizedText
        public var rates: Rates

        public init(code: String, name: LocalizedText, rates: Rates) {
            self.code = code; self.name = name; self.rates = rates
        }
    }

    public var year: Int
    public var asOf: Day
    public var total: Rates
    public var planCount: Int
    public var measureCount: Int
    public var instructionsExecuted: Int
    public var instructionsOnControl: Int
    public var sections: [Section]
    public var regions: [RegionLine]
    public var notExecuted: [MeasureLine]
    public var overdueInstructions: [Instruction]
    /// Names of the organisations the overdue instructions name.
    public var instructionExecutors: [UUID: LocalizedText]

    public init(year: Int, asOf: Day, total: Rates, planCount: Int, measureCount: Int, instructionsExecuted: Int, instructionsOnControl: Int,
                sections: [Section], regions: [RegionLine], notExecuted: [MeasureLine], overdueInstructions: [Instruction],
                instructionExecutors: [UUID: LocalizedText]) {
        self.year = year; self.asOf = asOf; self.total = total; self.planCount = planCount; self.measureCount = measureCount
        self.instructionsExecuted = instructionsExecuted; self.instructionsOnControl = instructionsOnControl; self.sections = sections
        self.regions = regions; self.notExecuted = notExecuted; self.overdueInstructions = overdueInstructions
        self.instructionExecutors = instructionExecutors
    }
}
