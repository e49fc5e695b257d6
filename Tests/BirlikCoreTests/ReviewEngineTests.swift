import Foundation
import Testing
@testable import BirlikCore

/// The one review engine: the declaration before content, the scores' weighted total, disagreement,
/// ranking with ties, and overdue as a state of the calendar's day.
@Suite("The expert-review engine")
struct ReviewEngineTests {
    let today = Day(year: 2026, month: 11, day: 27)

    func assignment(status: ReviewAssignment.Status = .awaitingResponse) -> ReviewAssignment {
        ReviewAssignment(subjectKind: "grantApplication", subjectID: UUID(), reviewerID: UUID(), reviewerName: "A", assignedOn: today,
                         respondBy: today.adding(days: 3), dueOn: today.adding(days: 20), status: status)
    }

    @Test("Content only after declaring no conflict; a conflict declines with its statement; scores need every criterion in range")
    func declarationThenScores() throws {
        let form = ReviewForm.grants
        let fresh = assignment()
        #expect(!fresh.showsContent)
        #expect(throws: DomainError.self) { try fresh.applying(.respond(hasConflict: true, statement: ""), form: form, today: today) }
        let conflicted = try fresh.applying(.respond(hasConflict: true, statement: "Board member of the applicant"), form: form, today: today)
        #expect(conflicted.status == .declined && conflicted.declaration?.hasConflict == true && !conflicted.showsContent)
        let accepted = try fresh.applying(.respond(hasConflict: false, statement: ""), form: form, today: today)
        #expect(accepted.status == .accepted && accepted.showsContent)
        #expect(throws: DomainError.self) {
            try accepted.applying(.submit(scores: ["relevance": 11], confidence: 3, comment: String(repeating: "x", count: 30)), form: form, today: today)
        }
        let all = Dictionary(uniqueKeysWithValues: form.criteria.map { ($0.code, $0.maxScore) })
        let received = try accepted.applying(.submit(scores: all, confidence: 5, comment: String(repeating: "x", count: 30)), form: form, today: today)
        #expect(received.status == .received && form.total(received.scores) == 100)
        #expect(throws: DomainError.self) { try received.applying(.cancel(reason: "late reviewer"), form: form, today: today) }
    }

    @Test("Weighted totals, the mean, disagreement over 20 points, ranks shared by equal means, overdue by the day")
    func summaryAndRanking() {
        let form = ReviewForm.grants
        let scores = { (value: Int) in Dictionary(uniqueKeysWithValues: form.criteria.map { ($0.code, value) }) }
        var high = assignment(status: .received); high.scores = scores(9); high.confidence = 4; high.submittedOn = today
        var low = assignment(status: .received); low.scores = scores(5); low.confidence = 3; low.submittedOn = today
        var near = assignment(status: .received); near.scores = scores(8); near.confidence = 5; near.submittedOn = today
        let split = ReviewSummary([high, low, assignment()], form: form)
        #expect(split.rows.count == 2 && split.mean == 70 && split.spread == 40 && split.disagreement)
        let agreed = ReviewSummary([high, near], form: form)
        #expect(agreed.mean == 85 && !agreed.disagreement)
        let ranked = ReviewSummary.ranking([("a", split), ("b", agreed), ("c", ReviewSummary([high, low], form: form)), ("d", ReviewSummary([], form: form))])
        #expect(ranked.map(\.id) == ["b", "a", "c", "d"] && ranked.map(\.rank) == [1, 2, 2, nil])
        #expect(assignment().state(on: today.adding(days: 4)) == .overdue && assignment().state(on: today.adding(days: 3)) == .awaitingResponse)
    }

    @Test("A grant application's terms in working days, the commission's majority, tranches that add up to the award")
    func grantSteps() throws {
        let calendar = WorkingCalendar(entries: [])
        var application = GrantApplication(number: "GA-1", callID: UUID(), lotID: UUID(), applicantID: UUID(), region: "KZ-75", language: .kk,
                                           title: "T", summary: String(repeating: "s", count: 120), budget: Money(tiyn: 500_000_00), budgetNotes: "")
        application = try application.applying(.submit, today: today, calendar: calendar, lotBudget: Money(tiyn: 600_000_00))
        #expect(application.complianceDue == calendar.adding(workingDays: 10, to: today))
        #expect(throws: DomainError.self) { try application.applying(.toCommission, today: today, calendar: calendar, lotBudget: .zero) }
        application = try application.applying(.admit, today: today, calendar: calendar, lotBudget: .zero)
        application = try application.applying(.toCommission, today: today, calendar: calendar, lotBudget: .zero)
        let votes = [GrantApplication.Vote(member: "A", choice: .inFavour), .init(member: "B", choice: .against), .init(member: "C", choice: .abstain)]
        let tied = try application.applying(.decide(minutes: "1", votes: votes, amount: "400000"), today: today, calendar: calendar, lotBudget: Money(tiyn: 600_000_00))
        #expect(tied.status == .rejected && tied.decision?.amount == .zero)
        let won = try application.applying(.decide(minutes: "1", votes: votes.map { .init(member: $0.member, choice: $0.member == "B" ? .inFavour : $0.choice) },
                                                   amount: "400000"), today: today, calendar: calendar, lotBudget: Money(tiyn: 600_000_00))
        #expect(won.status == .awarded && won.decision?.amount == Money(tiyn: 400_000_00))
        #expect(throws: DomainError.self) {
            try won.applying(.contract(number: "C", tranches: [("300000", today.adding(days: 1).description)]), today: today, calendar: calendar, lotBudget: .zero)
        }
        let contracted = try won.applying(.contract(number: "C", tranches: [("300000", today.adding(days: 1).description), ("100000", today.adding(days: 30).description)]),
                                          today: today, calendar: calendar, lotBudget: .zero)
        #expect(contracted.tranches.count == 2)
        #expect(throws: DomainError.self) { try contracted.applying(.payTranche(0), today: today, calendar: calendar, lotBudget: .zero) }
    }

    @Test("A prize split equally: whole tiyn, the first shares carry the remainder, the shares add up to the prize")
    func equalSplit() {
        #expect(Money(tiyn: 100_000_001).splitEqually(2) == [Money(tiyn: 50_000_001), Money(tiyn: 50_000_000)])
        let shares = Money(tiyn: 1_000).splitEqually(7)
        #expect(shares.reduce(Money.zero, +) == Money(tiyn: 1_000) && Set(shares.map(\.tiyn)) == [143, 142] && shares.filter { $0.tiyn == 143 }.count == 6)
        #expect(Money(tiyn: 5).splitEqually(0).isEmpty)
    }
}
