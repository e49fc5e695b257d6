import Foundation

/// Money paid out of a campaign to its beneficiaries (S8): drafted by the organiser's staff, submitted,
/// approved by two different people (neither the one who drafted it), then paid — which writes the
/// ledger's disbursement entry — or rejected or cancelled. The recipient's name is for staff only: the
/// public sees the purpose, the category and the amount.
public struct Disbursement: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, submitted, approved, paid, rejected, cancelled

        public var l10nKey: L10nKey { L10nKey(rawValue: "disbursement.status.\(rawValue)")! }
    }

    /// One person's approval.
    public struct Approval: Sendable, Hashable, Codable {
        public var userID: UUID
        public var name: String
        public var at: Date

        public init(userID: UUID, name: String, at: Date) { self.userID = userID; self.name = name; self.at = at }
    }

    public var id: UUID
    /// `D-YYYY-NNNN`.
    public var number: String
    public var campaignID: UUID
    public var amount: Money
    public var purpose: String
    /// Who receives it (staff only).
    public var recipient: String
    /// The act or invoice that supports it (its number, or the SHA-256 of a stored file).
    public var evidence: String
    public var status: Status
    public var draftedBy: UUID
    public var approvals: [Approval]
    public var note: String
    /// The ledger entry written when it was paid.
    public var entryID: UUID?
    public var version: Int

    public init(id: UUID = UUID(), number: String, campaignID: UUID, amount: Money, purpose: String, recipient: String, evidence: String,
                status: Status = .draft, draftedBy: UUID, approvals: [Approval] = [], note: String = "", entryID: UUID? = nil, version: Int = 1) {
        self.id = id; self.number = number; self.campaignID = campaignID; self.amount = amount; self.purpose = purpose; self.recipient = recipient
        self.evidence = evidence; self.status = status; self.draftedBy = draftedBy; self.approvals = approvals; self.note = note
        self.entryID = entryID; self.version = version
    }

    /// Approvals needed before a payment.
    public static let approvalsNeeded = 2

    public enum Step: Sendable, Hashable {
        case submit, approve, reject(reason: String), cancel(reason: String), pay
    }

    /// The disbursement after `step` by `user`; `balance` is what the campaign holds now.
    public func applying(_ step: Step, by user: UUID, name: String, balance: Money, now: Date) throws -> Disbursement {
        var next = self
        switch step {
        case .submit:
            guard status == .draft else { throw DomainError.conflict(.disbursementWrongState) }
            next.status = .submitted
        case .approve:
            guard status == .submitted else { throw DomainError.conflict(.disbursementWrongState) }
            guard user != draftedBy else { throw DomainError.conflict(.disbursementOwnDraft) }
            guard !approvals.contains(where: { $0.userID == user }) else { throw DomainError.conflict(.disbursementApprovedAlready) }
            next.approvals.append(Approval(userID: user, name: name, at: now))
            if next.approvals.count >= Self.approvalsNeeded { next.status = .approved }
        case let .reject(reason), let .cancel(reason):
            guard [.draft, .submitted, .approved].contains(status) else { throw DomainError.conflict(.disbursementWrongState) }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard reason.count >= 5 else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
            if case .reject = step {
                guard status != .draft else { throw DomainError.conflict(.disbursementWrongState) }
                next.status = .rejected
            } else {
                next.status = .cancelled
            }
            next.note = reason
        case .pay:
            guard status == .approved else { throw DomainError.conflict(.disbursementWrongState) }
            guard amount <= balance else { throw DomainError.conflict(.disbursementOverBalance) }
            next.status = .paid
        }
        next.version += 1
        return next
    }
}

/// What staff type to draft a disbursement.
public struct DisbursementDraft: Sendable, Hashable {
    public var amount = ""
    public var purpose = ""
    public var recipient = ""
    public var evidence = ""

    public init(amount: String = "", purpose: String = "", recipient: String = "", evidence: String = "") {
        self.amount = amount; self.purpose = purpose; self.recipient = recipient; self.evidence = evidence
    }

    public func validated() throws -> (amount: Money, purpose: String, recipient: String, evidence: String) {
        var errors: [FieldError] = []
        let amount = Money(tenge: self.amount)
        if amount == nil || amount! <= .zero { errors.append(FieldError("amount", .fieldMoney)) }
        let purpose = self.purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        if purpose.isEmpty { errors.append(FieldError("purpose", .fieldRequired)) }
        let recipient = self.recipient.trimmingCharacters(in: .whitespacesAndNewlines)
        if recipient.isEmpty { errors.append(FieldError("recipient", .fieldRequired)) }
        let evidence = self.evidence.trimmingCharacters(in: .whitespacesAndNewlines)
        if evidence.isEmpty { errors.append(FieldError("evidence", .disbursementEvidenceRequired)) }
        for (name, value, limit) in [("purpose", purpose, 2000), ("recipient", recipient, 300), ("evidence", evidence, 300)] where value.count > limit {
            errors.append(FieldError(name, .fieldTooLong, ["max": String(limit)]))
        }
        guard errors.isEmpty, let amount else { throw DomainError.invalid(errors) }
        return (amount, purpose, recipient, evidence)
    }
}
