import BirlikCore
import FluentKit
import Foundation

/// The public reports of the charity ledger: money in, money out by beneficiary category, the open
/// balance, the share disbursed and gifts in kind at their valuation, per campaign, organiser or region. Every ledger entry belongs to one
/// campaign, so a total over campaigns counts each entry once.
public enum CharityReport {
    public enum Grouping: String, Sendable, CaseIterable {
        case campaign, organizer, region
    }

    public struct Row: Sendable {
        /// A campaign's code, an organiser's id, or a place code.
        public var key: String
        public var campaigns: Int
        public var moneyIn: Money
        public var moneyOut: Money
        /// Gifts in kind at their valuation (not money in).
        public var inKind: Money = .zero
        /// Money out by the campaigns' beneficiary category.
        public var outByCategory: [String: Money]
        public var balance: Money { moneyIn - moneyOut }
        /// Money out as a share of money in, 0…1; `nil` with nothing in.
        public var shareDisbursed: Double? { moneyIn.tiyn > 0 ? Double(moneyOut.tiyn) / Double(moneyIn.tiyn) : nil }
    }

    /// The rows for `grouping`, largest money in first, and the total over all of them.
    public static func rows(by grouping: Grouping, on db: any Database) async throws -> (rows: [Row], total: Row) {
        let campaigns = try await CharityQueries.campaigns(on: db)
        var rows: [String: Row] = [:]
        var total = Row(key: "", campaigns: 0, moneyIn: .zero, moneyOut: .zero, outByCategory: [:])
        for figures in campaigns {
            let campaign = figures.campaign
            let key = switch grouping {
            case .campaign: campaign.code
            case .organizer: campaign.organizerID.uuidString
            case .region: campaign.region
            }
            for target in [key, nil] as [String?] {
                var row = target.flatMap { rows[$0] } ?? (target == nil ? total : Row(key: key, campaigns: 0, moneyIn: .zero, moneyOut: .zero, outByCategory: [:]))
                row.campaigns += 1
                row.moneyIn = row.moneyIn + figures.raised
                row.moneyOut = row.moneyOut + figures.spent
                row.inKind = row.inKind + figures.inKind
                if figures.spent != .zero { row.outByCategory[campaign.beneficiaryCategory, default: .zero] = row.outByCategory[campaign.beneficiaryCategory, default: .zero] + figures.spent }
                if let target { rows[target] = row } else { total = row }
            }
        }
        return (rows.values.sorted { ($0.moneyIn, $1.key) > ($1.moneyIn, $0.key) }, total)
    }
}
