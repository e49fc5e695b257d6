import Foundation

/// The criteria a kind of subject is scored on, each with a weight and a top score: one form per use of
/// the review engine (grant applications, award nominations, …).
public struct ReviewForm: Sendable, Hashable, Codable {
    /// One criterion.
    public struct Criterion: Sendable, Hashable, Codable {
        public var code: String
        public var name: LocalizedText
        public var weight: Int
        public var maxScore: Int

        public init(code: String, name: LocalizedText, weight: Int, maxScore: Int) {
            self.code = code; self.name = name; self.weight = weight; self.maxScore = maxScore
        }
    }

    public var criteria: [Criterion]
    /// Two reviewers' totals further apart than this (points of 100) are flagged to the commission.
    public var disagreementPoints: Double
    /// Working days to accept or decline.
    public var respondDays: Int
    /// Reviews that must be received before the subject goes on.
    public var reviewsNeeded: Int

    public init(criteria: [Criterion], disagreementPoints: Double = 20, respondDays: Int = 3, reviewsNeeded: Int = 2) {
        self.criteria = criteria; self.disagreementPoints = disagreementPoints; self.respondDays = respondDays; self.reviewsNeeded = reviewsNeeded
    }

    /// A reviewer's total on 0…100: each criterion's share of its top score, weighted.
    public func total(_ scores: [String: Int]) -> Double? {
        let weights = criteria.reduce(0) { $0 + $1.weight }
        guard weights > 0, criteria.allSatisfy({ scores[$0.code] != nil }) else { return nil }
        let sum = criteria.reduce(0.0) { sum, criterion in
            sum + Double(scores[criterion.code] ?? 0) / Double(max(criterion.maxScore, 1)) * Double(criterion.weight)
        }
        return (sum / Double(weights) * 1000).rounded() / 10
    }

    /// The form for grant applications to the state social order and grants for NGOs: relevance to the
    /// lot, quality of the method, the budget's justification, the applicant's capacity, sustainability.
    public static let grants = ReviewForm(criteria: [
        Criterion(code: "relevance", name: LocalizedText(kk: "Лоттың мақсатына сәйкестігі", ru: "Соответствие целям лота", en: "Relevance to the lot"), weight: 3, maxScore: 10),
        Criterion(code: "method", name: LocalizedText(kk: "Әдістің сапасы", ru: "Качество методики", en: "Quality of the method"), weight: 3, maxScore: 10),
        Criterion(code: "budget", name: LocalizedText(kk: "Бюджеттің негіздемесі", ru: "Обоснованность бюджета", en: "Budget justification"), weight: 2, maxScore: 10),
        Criterion(code: "capacity", name: LocalizedText(kk: "Өтініш берушінің әлеуеті", ru: "Потенциал заявителя", en: "Applicant's capacity"), weight: 1, maxScore: 10),
        Criterion(code: "sustainability", name: LocalizedText(kk: "Нәтиженің тұрақтылығы", ru: "Устойчивость результатов", en: "Sustainability of results"), weight: 1, maxScore: 10),
    ])

    /// The form for practices of the base of good practices (S19): is the problem real, does the evidence
    /// show the outcome, can another region repeat it, at what cost, does it last. One expert's review
    /// suffices; the Secretariat may ask more.
    public static let practices = ReviewForm(criteria: [
        Criterion(code: "relevance", name: LocalizedText(kk: "Мәселенің өзектілігі", ru: "Актуальность проблемы", en: "Relevance of the problem"), weight: 2, maxScore: 10),
        Criterion(code: "evidence", name: LocalizedText(kk: "Нәтиженің дәлелденуі", ru: "Доказанность результата", en: "Evidence of the outcome"), weight: 3, maxScore: 10),
        Criterion(code: "replicability", name: LocalizedText(kk: "Басқа өңірде қайталау мүмкіндігі", ru: "Воспроизводимость в другом регионе", en: "Replicability in another region"), weight: 3, maxScore: 10),
        Criterion(code: "cost", name: LocalizedText(kk: "Шығынның орындылығы", ru: "Обоснованность затрат", en: "Reasonable cost"), weight: 1, maxScore: 10),
        Criterion(code: "sustainability", name: LocalizedText(kk: "Нәтиженің тұрақтылығы", ru: "Устойчивость результатов", en: "Sustainability of results"), weight: 1, maxScore: 10),
    ], reviewsNeeded: 1)
}

/// The received reviews of one subject, put together for the commission.
public struct ReviewSummary: Sendable, Hashable {
    /// One reviewer's total, labelled by position ("Expert 1"), never by name where it is shown to others.
    public struct Row: Sendable, Hashable {
        public var assignmentID: UUID
        public var total: Double
        public var confidence: Int
        public var scores: [String: Int]
    }

    public var rows: [Row]
    /// The mean of the totals, `nil` with none received.
    public var mean: Double?
    /// The highest total less the lowest.
    public var spread: Double
    /// `true` when the spread is over the form's limit: the commission is told.
    public var disagreement: Bool

    public init(_ assignments: [ReviewAssignment], form: ReviewForm) {
        rows = assignments.filter { $0.status == .received || $0.status == .complete }
            .sorted { ($0.submittedOn ?? $0.assignedOn, $0.id.uuidString) < ($1.submittedOn ?? $1.assignedOn, $1.id.uuidString) }
            .compactMap { assignment in
                form.total(assignment.scores).map { Row(assignmentID: assignment.id, total: $0, confidence: assignment.confidence ?? 0, scores: assignment.scores) }
            }
        let totals = rows.map(\.total)
        mean = totals.isEmpty ? nil : (totals.reduce(0, +) / Double(totals.count) * 10).rounded() / 10
        spread = (totals.max() ?? 0) - (totals.min() ?? 0)
        disagreement = totals.count >= 2 && spread > form.disagreementPoints
    }

    /// Subjects ranked by mean score, best first; equal means share a rank (1, 2, 2, 4), unscored last.
    public static func ranking<ID: Hashable>(_ summaries: [(id: ID, summary: ReviewSummary)]) -> [(id: ID, rank: Int?, mean: Double?)] {
        ranking(means: summaries.map { ($0.id, $0.summary.mean) })
    }

    /// The same ranking over means already taken (a decision keeps the mean it was made on).
    public static func ranking<ID: Hashable>(means: [(id: ID, mean: Double?)]) -> [(id: ID, rank: Int?, mean: Double?)] {
        let scored = means.compactMap { item in item.mean.map { (id: item.id, mean: $0) } }.sorted { $0.mean > $1.mean }
        var result: [(id: ID, rank: Int?, mean: Double?)] = []
        for (index, item) in scored.enumerated() {
            let rank = index > 0 && scored[index - 1].mean == item.mean ? result[index - 1].rank : index + 1
            result.append((item.id, rank, item.mean))
        }
        return result + means.filter { $0.mean == nil }.map { ($0.id, nil, nil) }
    }
}
