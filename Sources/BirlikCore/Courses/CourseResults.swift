import Foundation

/// The results of courses in a place (S13): how many enrolled, finished, passed and dropped out, the
/// entry → exit level matrix of those who finished a state-language course, and the hours taught per
/// level gained. Counted from the learners' records, each learner once.
public struct CourseResults: Sendable, Hashable {
    /// A learner as the results count them: status, levels and the course's hours.
    public struct Row: Sendable, Hashable {
        public var status: Enrolment.Status
        public var entryLevel: LanguageLevel?
        public var exitLevel: LanguageLevel?
        public var isStateLanguage: Bool
        public var hours: Int
        /// How many learners share these values.
        public var count: Int

        public init(status: Enrolment.Status, entryLevel: LanguageLevel?, exitLevel: LanguageLevel?, isStateLanguage: Bool, hours: Int, count: Int = 1) {
            self.status = status; self.entryLevel = entryLevel; self.exitLevel = exitLevel; self.isStateLanguage = isStateLanguage; self.hours = hours
            self.count = count
        }
    }

    /// Holding a seat or finished (the waiting list is not enrolled).
    public var enrolled = 0
    public var studying = 0
    public var completed = 0
    public var notPassed = 0
    public var droppedOut = 0
    public var waiting = 0
    /// `matrix[entry][exit]`: every learner who finished a state-language course, passed or not; `nil` is
    /// "no level" (a beginner who came with none, or left with none).
    public var matrix: [LanguageLevel?: [LanguageLevel?: Int]] = [:]
    /// Levels gained by those who finished, and the course hours they took.
    public var levelsGained = 0
    public var hoursOfFinished = 0

    public init() {}

    public init(_ rows: [Row]) {
        for row in rows {
            let n = row.count
            switch row.status {
            case .waitlisted: waiting += n; continue
            case .enrolled: studying += n
            case .completed: completed += n
            case .notPassed: notPassed += n
            case .droppedOut: droppedOut += n
            }
            enrolled += n
            guard row.isStateLanguage, row.status == .completed || row.status == .notPassed else { continue }
            matrix[row.entryLevel, default: [:]][row.exitLevel, default: 0] += n
            levelsGained += n * max(0, (row.exitLevel?.rank ?? 0) - (row.entryLevel?.rank ?? 0))
            hoursOfFinished += n * row.hours
        }
    }

    /// Course hours per level gained (`nil` before any level is gained).
    public var hoursPerLevel: Double? { levelsGained == 0 ? nil : Double(hoursOfFinished) / Double(levelsGained) }

    /// The rows of the matrix that have learners: "no level" first, then A1…C1.
    public var entryLevels: [LanguageLevel?] { ([nil] + LanguageLevel.allCases.map(Optional.some)).filter { matrix[$0] != nil } }

    /// The columns: A1…C1, with "no level" first when someone left with none.
    public var exitLevels: [LanguageLevel?] {
        (matrix.values.contains { $0[nil] != nil } ? [nil] : []) + LanguageLevel.allCases.map(Optional.some)
    }
}
