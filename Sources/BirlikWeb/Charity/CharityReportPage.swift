import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

extension CharityPage {
    /// The public report: one row per campaign, organiser or region, and the total.
    static func report(_ rows: [CharityReport.Row], total: CharityReport.Row, labels: [String: String], by grouping: CharityReport.Grouping,
                       _ context: PageContext) -> String {
        let l10n = context.l10n
        let categories = BeneficiaryCategory.allCases.filter { total.outByCategory[$0.rawValue] != nil }
        let key: (CharityReport.Grouping) -> L10nKey = { switch $0 { case .campaign: .charityReportByCampaign; case .organizer: .charityReportByOrganizer; case .region: .charityReportByRegion } }
        let header = [l10n(key(grouping)), l10n(.charityReportCampaigns), l10n(.charityRaised), l10n(.charitySpent), l10n(.charityBalance),
                      l10n(.charityReportShare)] + (total.inKind == .zero ? [] : [l10n(.charityInKindValued)]) + categories.map { l10n(.charityReportOutTo, ["category": l10n($0.l10nKey)]) }
        let line = { (row: CharityReport.Row, name: HTMLNode) -> [HTMLNode] in
            [name, .text(l10n.number(row.campaigns)), .text(row.moneyIn.description), .text(row.moneyOut.description), .text(row.balance.description),
             .text(row.shareDisbursed.map { l10n.decimal($0 * 100, digits: 1) + " %" } ?? "—")]
                + (total.inKind == .zero ? [] : [.text(row.inKind.description)]) + categories.map { .text((row.outByCategory[$0.rawValue] ?? .zero).description) }
        }
        var body = rows.map { row in
            line(row, grouping == .campaign ? el("a", ["href": SiteURL.campaign(code: row.key).path], .text(labels[row.key] ?? row.key)) : .text(labels[row.key] ?? row.key))
        }
        body.append(line(total, el("strong", [:], .text(l10n(.charityReportTotal)))))
        return Layout.page(title: l10n(.charityReportTitle), crumbs: [Layout.Crumb(label: l10n(.charityTitle), url: SiteURL.charity.path),
                                                                     Layout.Crumb(label: l10n(.charityReportTitle), url: nil)], context: context, wide: true, content: .group([
            el("h1", [:], .text(l10n(.charityReportTitle))),
            el("p", ["class": "lead"], .text(l10n(.charityReportLead))),
            el("nav", ["class": "tabs", "aria-label": l10n(.charityReportTitle)], el("ul", [:], CharityReport.Grouping.allCases.map { option in
                el("li", [:], el("a", ["href": SiteURL.charityReport.with([("by", option.rawValue)]), "aria-current": option == grouping ? "page" : nil],
                                 .text(l10n(key(option)))))
            })),
            Layout.table(header, body, id: "charity-report"),
            el("p", [:], .text(l10n(.grantsOpenData) + ": "),
               el("a", ["href": SiteURL.charityReportCSV.with([("by", grouping.rawValue)])], .text("CSV")), .text(" · "),
               el("a", ["href": SiteURL.apiCharityReport.with([("by", grouping.rawValue)])], .text("JSON"))),
        ]))
    }
}
