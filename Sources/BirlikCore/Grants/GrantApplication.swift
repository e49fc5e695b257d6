import Foundation

/// An NGO's application for a lot of a grant call (S10), from draft to a closed grant:
///
/// draft → submitted → (compliance check, ≤ 10 working days) → returned for revision | expert review
/// (≤ 15 working days) → commission → awarded | rejected (or withdrawn by the applicant on the way) →
/// contracted → implementation (tranches scheduled → approved → paid through the ledger) → interim and
/// final reports on the use of the grant → closed.
public struct GrantApplication: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, submitted, returned, expertReview, commission, awarded, rejected, withdrawn, contracted, implementation, closed
        public var l10nKey: L10nKey { L10nKey(rawValue: "grants.status.\(rawValue)")! }
    }

    /// A commission member's vote.
    public struct Vote: Sendable, Hashable, Codable {
        public enum Choice: String, Sendable, Hashable, Codable, CaseIterable {
            case inFavour, against, abstain
            public var l10nKey: L10nKey { L10nKey(rawValue: "grants.vote.\(rawValue)")! }
        }
        public var member: String
        public var choice: Choice
        public init(member: String, choice: Choice) { self.member = member; self.choice = choice }
    }

    /// The commission's decision, as its public minutes record it.
    public struct Decision: Sendable, Hashable, Codable {
        public var minutes: String
        public var on: Day
        public var votes: [Vote]
        public var awarded: Bool
        public var amount: Money
        /// The experts' mean score when it decided.
        public var meanScore: Double?
    }

    /// A part of the grant paid on its own.
    public struct Tranche: Sendable, Hashable, Codable {
        public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
            case scheduled, approved, paid
            public var l10nKey: L10nKey { L10nKey(rawValue: "grants.tranche.\(rawValue)")! }
        }
        public var amount: Money
        public var dueOn: Day
        public var status: Status
        public var approvedBy: String
        public var paidOn: Day?
        /// The ledger entry that paid it.
        public var entryID: UUID?

        public init(amount: Money, dueOn: Day, status: Status = .scheduled, approvedBy: String = "", paidOn: Day? = nil, entryID: UUID? = nil) {
            self.amount = amount; self.dueOn = dueOn; self.status = status; self.approvedBy = approvedBy; self.paidOn = paidOn; self.entryID = entryID
        }
    }

    /// A report on the use of the grant.
    public struct UseReport: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
            case interim, final
            public var l10nKey: L10nKey { L10nKey(rawValue: "grants.report.\(rawValue)")! }
        }
        public var kind: Kind
        public var text: String
        public var on: Day
    }

    /// A file attached by the applicant (stored content-addressed).
    public struct File: Sendable, Hashable, Codable {
        public var name: String
        public var sha256: String
        public init(name: String, sha256: String) { self.name = name; self.sha256 = sha256 }
    }

    public var id: UUID
    /// `GA-YYYY-NNNN`.
    public var number: String
    public var callID: UUID
    public var lotID: UUID
    public var applicantID: UUID
    /// The applicant's place (its scope).
    public var region: String
    /// The application's language: Kazakh or Russian.
    public var language: Language
    public var title: String
    public var summary: String
    public var budget: Money
    public var budgetNotes: String
    public var files: [File]
    public var status: Status
    public var submittedOn: Day?
    public var complianceDue: Day?
    public var note: String
    public var admittedOn: Day?
    public var reviewDue: Day?
    public var decision: Decision?
    public var contractNumber: String
    public var tranches: [Tranche]
    public var reports: [UseReport]
    public var closedOn: Day?
    public var version: Int

    public init(id: UUID = UUID(), number: String, callID: UUID, lotID: UUID, applicantID: UUID, region: String, language: Language, title: String,
                summary: String, budget: Money, budgetNotes: String, files: [File] = [], status: Status = .draft, version: Int = 1) {
        self.id = id; self.number = number; self.callID = callID; self.lotID = lotID; self.applicantID = applicantID; self.region = region
        self.language = language; self.title = title; self.summary = summary; self.budget = budget; self.budgetNotes = budgetNotes
        self.files = files; self.status = status; note = ""; contractNumber = ""; tranches = []; reports = []; self.version = version
    }

    /// The applicant's: never public as such (the minutes and the open data publish what is public).
    public var scope: Scope { Scope(organizationID: applicantID, regionCode: region, isPublic: false) }

    /// What the grant paid so far.
    public var paid: Money { tranches.filter { $0.status == .paid }.reduce(.zero) { $0 + $1.amount } }

    /// Past a term on `today`: the compliance check or the expert review.
    public func isLate(on today: Day) -> Bool {
        if status == .submitted, let due = complianceDue { return due < today }
        if status == .expertReview, let due = reviewDue { return due < today }
        return false
    }

    /// The applicant may still change it.
    public var isEditable: Bool { status == .draft || status == .returned }

    /// A winner of a nomination whose share of the prize is not set yet.
    public var awaitsShare: Bool {
        guard status == .awarded, let decision else { return false }
        return decision.awarded && decision.amount == .zero
    }
}

/// The terms of the grant procedure, in working days of the one calendar.
public struct GrantTerms: Sendable, Hashable {
    public var complianceDays = 10
    public var reviewDays = 15
    public init() {}
    public static let standard = GrantTerms()
}

/// What is done to an application. The applicant submits, withdraws and reports; the grant operator
/// does the rest.
public enum GrantStep: Sendable, Hashable {
    case submit
    case returnForRevision(note: String)
    case admit
    case withdraw(reason: String)
    case toCommission
    case decide(minutes: String, votes: [GrantApplication.Vote], amount: String)
    case contract(number: String, tranches: [(amount: String, dueOn: String)])
    case approveTranche(Int, by: String)
    case payTranche(Int)
    case report(GrantApplication.UseReport.Kind, text: String)
    case close

    public static func == (lhs: GrantStep, rhs: GrantStep) -> Bool { lhs.action == rhs.action }
    public func hash(into hasher: inout Hasher) { hasher.combine(action) }

    public var action: String {
        switch self {
        case .submit: "submit"
        case .returnForRevision: "return"
        case .admit: "admit"
        case .withdraw: "withdraw"
        case .toCommission: "toCommission"
        case .decide: "decide"
        case .contract: "contract"
        case .approveTranche: "approveTranche"
        case .payTranche: "payTranche"
        case .report: "report"
        case .close: "close"
        }
    }

    /// The applicant's own steps; the others are the grant operator's.
    public var isApplicants: Bool {
        switch self {
        case .submit, .withdraw, .report: true
        default: false
        }
    }

    var allowedFrom: Set<GrantApplication.Status> {
        switch self {
        case .submit: [.draft, .returned]
        case .returnForRevision, .admit: [.submitted]
        case .withdraw: [.draft, .submitted, .returned, .expertReview, .commission]
        case .toCommission: [.expertReview]
        case .decide: [.commission]
        case .contract: [.awarded]
        case .approveTranche, .payTranche: [.contracted, .implementation]
        case .report, .close: [.implementation]
        }
    }
}

extension GrantApplication {
    /// The application after `step` on `today`; `lotBudget` caps the amounts.
    /// An application to an award's nomination (`nomination`) is decided without an amount: the prize is
    /// split between the winners when the nomination is finalised.
    public func applying(_ step: GrantStep, today: Day, calendar: WorkingCalendar, lotBudget: Money, meanScore: Double? = nil,
                         nomination: Bool = false, terms: GrantTerms = .standard) throws -> GrantApplication {
        guard step.allowedFrom.contains(status) else { throw DomainError.conflict(.errorTransition) }
        var next = self
        next.version += 1
        switch step {
        case .submit:
            try GrantApplicationDraft.check(title: title, summary: summary, budget: budget, lotBudget: lotBudget)
            next.status = .submitted
            next.submittedOn = today
            next.complianceDue = calendar.adding(workingDays: terms.complianceDays, to: today)
            next.note = ""
        case let .returnForRevision(note):
            let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
            guard note.count >= 5 else { throw DomainError.invalid([FieldError("note", .fieldRequired)]) }
            next.status = .returned
            next.note = String(note.prefix(5000))
        case .admit:
            next.status = .expertReview
            next.admittedOn = today
            next.reviewDue = calendar.adding(workingDays: terms.reviewDays, to: today)
        case let .withdraw(reason):
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard reason.count >= 5 else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
            next.status = .withdrawn
            next.note = String(reason.prefix(2000))
        case .toCommission:
            next.status = .commission
        case let .decide(minutes, votes, amountText):
            var errors: [FieldError] = []
            let minutes = minutes.trimmingCharacters(in: .whitespacesAndNewlines)
            if minutes.isEmpty { errors.append(FieldError("minutes", .fieldRequired)) }
            let votes = votes.map { GrantApplication.Vote(member: $0.member.trimmingCharacters(in: .whitespacesAndNewlines), choice: $0.choice) }.filter { !$0.member.isEmpty }
            if votes.count < 3 { errors.append(FieldError("votes", .grantsVotesNeeded, ["min": "3"])) }
            if Set(votes.map { $0.member.lowercased() }).count != votes.count { errors.append(FieldError("votes", .grantsVotesTwice)) }
            let inFavour = votes.filter { $0.choice == .inFavour }.count, against = votes.filter { $0.choice == .against }.count
            let awarded = inFavour > against
            var amount = Money.zero
            if awarded, !nomination {
                if let value = Money(tenge: amountText), value > .zero, value <= budget, value <= lotBudget { amount = value } else {
                    errors.append(FieldError("amount", .grantsAmountRange, ["max": min(budget, lotBudget).description]))
                }
            }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            next.decision = Decision(minutes: minutes, on: today, votes: votes, awarded: awarded, amount: amount, meanScore: meanScore)
            next.status = awarded ? .awarded : .rejected
        case let .contract(number, tranches):
            guard let decision, decision.amount > .zero else { throw DomainError.conflict(.grantsNominationNotFinal) }
            var errors: [FieldError] = []
            let number = number.trimmingCharacters(in: .whitespacesAndNewlines)
            if number.isEmpty { errors.append(FieldError("contractNumber", .fieldRequired)) }
            var parsed: [Tranche] = []
            for (index, line) in tranches.enumerated() where !(line.amount.isEmpty && line.dueOn.isEmpty) {
                let amount = Money(tenge: line.amount), due = Day(line.dueOn)
                if amount == nil || amount! <= .zero { errors.append(FieldError("trancheAmount\(index)", .fieldMoney)) }
                if due == nil { errors.append(FieldError("trancheDue\(index)", .fieldDate)) } else if due! < today {
                    errors.append(FieldError("trancheDue\(index)", .grantsTrancheInPast))
                }
                if let amount, let due { parsed.append(Tranche(amount: amount, dueOn: due)) }
            }
            if parsed.isEmpty && errors.isEmpty { errors.append(FieldError("trancheAmount0", .fieldRequired)) }
            let total = parsed.reduce(Money.zero) { $0 + $1.amount }
            if errors.isEmpty, total != decision.amount {
                errors.append(FieldError("trancheAmount0", .grantsTranchesSum, ["amount": decision.amount.description, "sum": total.description]))
            }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            next.contractNumber = number
            next.tranches = parsed.sorted { $0.dueOn < $1.dueOn }
            next.status = .contracted
        case let .approveTranche(index, name):
            guard tranches.indices.contains(index), tranches[index].status == .scheduled else { throw DomainError.conflict(.errorTransition) }
            next.tranches[index].status = .approved
            next.tranches[index].approvedBy = name
        case let .payTranche(index):
            guard tranches.indices.contains(index), tranches[index].status == .approved else { throw DomainError.conflict(.errorTransition) }
            next.tranches[index].status = .paid
            next.tranches[index].paidOn = today
            next.status = .implementation
        case let .report(kind, text):
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.count < 50 { throw DomainError.invalid([FieldError("text", .grantsReportShort, ["min": "50"])]) }
            if kind == .final, tranches.contains(where: { $0.status != .paid }) { throw DomainError.conflict(.grantsFinalBeforePaid) }
            next.reports.append(UseReport(kind: kind, text: String(text.prefix(20_000)), on: today))
        case .close:
            guard reports.contains(where: { $0.kind == .final }) else { throw DomainError.conflict(.grantsCloseWithoutFinal) }
            next.status = .closed
            next.closedOn = today
        }
        return next
    }
}

/// What the applicant types.
public struct GrantApplicationDraft: Sendable, Hashable {
    public var lotCode = ""
    public var language = ""
    public var title = ""
    public var summary = ""
    public var budget = ""
    public var budgetNotes = ""

    public init(lotCode: String = "", language: String = "", title: String = "", summary: String = "", budget: String = "", budgetNotes: String = "") {
        self.lotCode = lotCode; self.language = language; self.title = title; self.summary = summary; self.budget = budget; self.budgetNotes = budgetNotes
    }

    /// Checks the fields against the lot's budget; the language is Kazakh or Russian.
    public func validated(lotBudget: Money?) throws -> (language: Language, title: String, summary: String, budget: Money, notes: String) {
        var errors: [FieldError] = []
        if lotBudget == nil { errors.append(FieldError("lotCode", .fieldChooseValue)) }
        let language = Language(rawValue: self.language)
        if language == nil || language == .en { errors.append(FieldError("language", .grantsLanguage)) }
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let summary = self.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        let notes = budgetNotes.trimmingCharacters(in: .whitespacesAndNewlines)
        let budget = Money(tenge: self.budget)
        do { try Self.check(title: title, summary: summary, budget: budget, lotBudget: lotBudget) } catch let DomainError.invalid(problems) { errors += problems }
        if notes.count > 10_000 { errors.append(FieldError("budgetNotes", .fieldTooLong, ["max": "10000"])) }
        guard errors.isEmpty, let language, let budget else { throw DomainError.invalid(errors) }
        return (language, title, summary, budget, notes)
    }

    static func check(title: String, summary: String, budget: Money?, lotBudget: Money?) throws {
        var errors: [FieldError] = []
        if title.isEmpty { errors.append(FieldError("title", .fieldRequired)) } else if title.count > 300 { errors.append(FieldError("title", .fieldTooLong, ["max": "300"])) }
        if summary.count < 100 { errors.append(FieldError("summary", .grantsSummaryShort, ["min": "100"])) }
        if summary.count > 20_000 { errors.append(FieldError("summary", .fieldTooLong, ["max": "20000"])) }
        if budget == nil || budget! <= .zero { errors.append(FieldError("budget", .fieldMoney)) } else if let lotBudget, budget! > lotBudget {
            errors.append(FieldError("budget", .grantsOverLot, ["max": lotBudget.description]))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
    }
}
