import Foundation

/// One line of the charity ledger (S8): an amount moved from one account to another, typed as the
/// international aid standard (IATI) types transactions. Entries are never changed: a mistake is
/// corrected by a reversing entry. Each entry is a leaf of the ledger's Merkle tree log, hashed over its
/// canonical bytes.
public struct LedgerEntry: Sendable, Hashable, Codable {
    /// IATI transaction types (codes 1, 11, 2, 3, 4).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case incomingFunds, incomingCommitment, outgoingCommitment, disbursement, expenditure

        public var iatiCode: String {
            switch self {
            case .incomingFunds: "1"
            case .outgoingCommitment: "2"
            case .disbursement: "3"
            case .expenditure: "4"
            case .incomingCommitment: "11"
            }
        }

        public var l10nKey: L10nKey { L10nKey(rawValue: "ledger.kind.\(rawValue)")! }
    }

    /// The leaf's position in the log, from 0.
    public var index: Int
    public var id: UUID
    public var campaignID: UUID
    public var kind: Kind
    /// Double entry: the account debited and the account credited (see ``LedgerAccount``).
    public var debit: String
    public var credit: String
    public var amount: Money
    public var day: Day
    /// The receipt or disbursement this entry records (its number), or empty.
    public var reference: String
    /// The entry this one reverses, or `nil`.
    public var reverses: UUID?
    /// What anyone may read about it (a donor's public name, a purpose); never personal data.
    public var memo: String
    public var recordedAt: Date

    public init(index: Int, id: UUID = UUID(), campaignID: UUID, kind: Kind, debit: String, credit: String, amount: Money, day: Day,
                reference: String, reverses: UUID? = nil, memo: String, recordedAt: Date) {
        self.index = index; self.id = id; self.campaignID = campaignID; self.kind = kind; self.debit = debit; self.credit = credit
        self.amount = amount; self.day = day; self.reference = reference; self.reverses = reverses; self.memo = memo; self.recordedAt = recordedAt
    }

    /// The bytes the leaf hash covers: every field, in a fixed order, one per line; an instant to the
    /// millisecond, so that a database that stores less precision still gives the same bytes.
    public var canonicalBytes: Data {
        let milliseconds = Int64((recordedAt.timeIntervalSince1970 * 1000).rounded())
        let lines = ["birlik-ledger-v1", String(index), id.uuidString.lowercased(), campaignID.uuidString.lowercased(), kind.rawValue,
                     debit, credit, String(amount.tiyn), day.description, reference, reverses?.uuidString.lowercased() ?? "", memo, String(milliseconds)]
        return Data(lines.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n").utf8)
    }

    public var leafHash: Data { MerkleTree.leafHash(canonicalBytes) }

    /// `true` for a gift in kind (or its reversal): goods valued, no cash.
    public var isInKind: Bool { debit == LedgerAccount.inKind(campaignID) || credit == LedgerAccount.inKind(campaignID) }

    /// The signed effect on the campaign's cash: money in is positive, money out negative, commitments and
    /// gifts in kind nothing.
    public var cashEffect: Money {
        switch kind {
        case .incomingFunds: debit == LedgerAccount.cash(campaignID) ? amount : credit == LedgerAccount.cash(campaignID) ? -amount : .zero
        case .disbursement, .expenditure: credit == LedgerAccount.cash(campaignID) ? -amount : amount
        case .incomingCommitment, .outgoingCommitment: .zero
        }
    }
}

/// The ledger's accounts, named by text so that a new kind of account needs no schema change.
public enum LedgerAccount {
    /// The money a campaign holds.
    public static func cash(_ campaign: UUID) -> String { "campaign:\(campaign.uuidString.lowercased()):cash" }
    /// The goods and services a campaign received in kind, at their valuation.
    public static func inKind(_ campaign: UUID) -> String { "campaign:\(campaign.uuidString.lowercased()):in-kind" }
    /// Where donations come from: the donors, as a group (their names stay out of the ledger).
    public static let donors = "donors"
    /// Paid to beneficiaries of a category.
    public static func beneficiaries(_ category: String) -> String { "beneficiaries:\(category)" }
    /// Spent on the campaign's own costs.
    public static let expenses = "expenses"
    /// The state budget, from which the grant fund is allotted (S10).
    public static let stateBudget = "state-budget"
    /// Paid to an NGO under a grant, by the NGO's BIN.
    public static func grantee(_ bin: String) -> String { "grantees:\(bin)" }
    /// Promised, not yet moved.
    public static let commitments = "commitments"
}
