import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The ledger's public reports: per campaign, organiser or region (page, CSV, JSON), and a campaign's
/// entries as IATI transactions.
extension CharityController {
    static func grouping(_ request: Request) throws -> CharityReport.Grouping {
        guard let text = request.queryText("by") else { return .organizer }
        guard let grouping = CharityReport.Grouping(rawValue: text) else { throw DomainError.malformed("by must be campaign, organizer or region") }
        return grouping
    }

    /// A row's name in the reader's language.
    static func labels(_ rows: [CharityReport.Row], by grouping: CharityReport.Grouping, _ request: Request) async throws -> [String: String] {
        switch grouping {
        case .campaign:
            let titles = try await CharityQueries.campaigns(on: request.db).map { ($0.campaign.code, $0.campaign.title) }
            return Dictionary(titles) { first, _ in first }
        case .organizer:
            let names = try await CharityPage.names(rows.compactMap { UUID(uuidString: $0.key) }, request)
            return Dictionary(uniqueKeysWithValues: names.map { ($0.key.uuidString, $0.value) })
        case .region:
            return Dictionary(uniqueKeysWithValues: rows.map { ($0.key, EarlyWarningPage.regionName($0.key, request.l10n)) })
        }
    }

    static func report(_ request: Request) async throws -> Response {
        let grouping = try grouping(request)
        let report = try await CharityReport.rows(by: grouping, on: request.db)
        return html(CharityPage.report(report.rows, total: report.total, labels: try await labels(report.rows, by: grouping, request), by: grouping, PageContext(request)))
    }

    struct ReportItem: Content {
        var key: String
        var name: String
        var campaigns: Int
        var moneyInTiyn: Int64
        var moneyOutTiyn: Int64
        var balanceTiyn: Int64
        var shareDisbursed: Double?
        var inKindTiyn: Int64
        var outByCategoryTiyn: [String: Int64]

        init(_ row: CharityReport.Row, name: String) {
            key = row.key; self.name = name; campaigns = row.campaigns; moneyInTiyn = row.moneyIn.tiyn; moneyOutTiyn = row.moneyOut.tiyn
            balanceTiyn = row.balance.tiyn; shareDisbursed = row.shareDisbursed.map { ($0 * 10_000).rounded() / 10_000 }
            inKindTiyn = row.inKind.tiyn; outByCategoryTiyn = row.outByCategory.mapValues(\.tiyn)
        }
    }

    static func apiReport(_ request: Request) async throws -> Response {
        let grouping = try grouping(request)
        let report = try await CharityReport.rows(by: grouping, on: request.db)
        let labels = try await labels(report.rows, by: grouping, request)
        return try await ReportDocument(by: grouping.rawValue, rows: report.rows.map { ReportItem($0, name: labels[$0.key] ?? $0.key) },
                                        total: ReportItem(report.total, name: "")).encodeResponse(for: request)
    }

    struct ReportDocument: Content {
        var by: String
        var rows: [ReportItem]
        var total: ReportItem
    }

    static func reportCSV(_ request: Request) async throws -> Response {
        let grouping = try grouping(request)
        let report = try await CharityReport.rows(by: grouping, on: request.db)
        let labels = try await labels(report.rows, by: grouping, request)
        let categories = BeneficiaryCategory.allCases.map(\.rawValue)
        var csv = CSVWriter(header: ["key", "name", "campaigns", "money_in_kzt", "money_out_kzt", "balance_kzt", "share_disbursed", "in_kind_kzt"] + categories.map { "out_\($0)_kzt" })
        for row in report.rows + [report.total] {
            csv.append([row.key.isEmpty ? "total" : row.key, labels[row.key] ?? "", String(row.campaigns), tenge(row.moneyIn), tenge(row.moneyOut),
                        tenge(row.balance), row.shareDisbursed.map { String(format: "%.4f", $0) } ?? "", tenge(row.inKind)] + categories.map { tenge(row.outByCategory[$0] ?? .zero) })
        }
        let response = Response(status: .ok, body: .init(string: csv.output))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"birlik-charity-\(grouping.rawValue).csv\"")
        return response
    }

    /// An amount as a plain decimal number of tenge (`1250.50`), for files read by programs.
    static func tenge(_ money: Money) -> String {
        let sign = money.tiyn < 0 ? "-" : ""
        return sign + String(money.tiyn.magnitude / 100) + "." + String(format: "%02d", money.tiyn.magnitude % 100)
    }

    /// A campaign's entries in the IATI activity standard's transaction form (types 1, 2, 3, 4, 11).
    static func apiTransactions(_ request: Request) async throws -> Response {
        let figures = try await CharityQueries.campaign(code: request.parameters.get("campaign") ?? "", on: request.db)
        let entries = try await CharityQueries.entries(of: figures.campaign.id, limit: 100_000, on: request.db)
        let organizer = try await OrganizationRecord.find(figures.campaign.organizerID, on: request.db)?.organization
        let reference = organizer?.bin.map { "KZ-BIN-\($0)" } ?? "birlik-org-\(organizer?.code ?? "")"
        let activity = IATIActivity(identifier: "\(reference)-\(figures.campaign.code)", title: figures.campaign.title,
                                    reportingOrg: .init(ref: reference, narrative: organizer.map { request.l10n.text($0.name) } ?? ""),
                                    transactions: entries.reversed().map { item in
            let entry = item.entry
            return IATITransaction(ref: entry.reference, transactionType: .init(code: entry.kind.iatiCode), transactionDate: .init(isoDate: entry.day.description),
                                   value: .init(currency: "KZT", valueDate: entry.day.description, amount: Double(entry.amount.tiyn) / 100 * (entry.reverses == nil ? 1 : -1)),
                                   description: .init(narrative: entry.reverses == nil ? entry.memo : "reversal: " + entry.memo), leafIndex: entry.index)
        })
        return try await activity.encodeResponse(for: request)
    }

    struct IATIActivity: Content {
        struct Org: Content { var ref: String; var narrative: String }
        var identifier: String
        var title: String
        var reportingOrg: Org
        var transactions: [IATITransaction]

        enum CodingKeys: String, CodingKey {
            case identifier = "iati-identifier", title, reportingOrg = "reporting-org", transactions = "transaction"
        }
    }

    struct IATITransaction: Content {
        struct Code: Content { var code: String }
        struct Date: Content {
            var isoDate: String
            enum CodingKeys: String, CodingKey { case isoDate = "iso-date" }
        }
        struct Value: Content {
            var currency: String
            var valueDate: String
            var amount: Double
            enum CodingKeys: String, CodingKey { case currency, valueDate = "value-date", amount = "value" }
        }
        struct Narrative: Content { var narrative: String }
        var ref: String
        var transactionType: Code
        var transactionDate: Date
        var value: Value
        var description: Narrative
        var leafIndex: Int

        enum CodingKeys: String, CodingKey {
            case ref, transactionType = "transaction-type", transactionDate = "transaction-date", value, description, leafIndex = "birlik-leaf-index"
        }
    }
}
