import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation
import Vapor

/// The public statistics of appeals: for the year, per region (ranked where a region has at least five
/// appeals), per council and per category; the same figures as CSV and from the API.
enum AppealStatisticsPage {
    struct Model {
        var year: Int
        var years: [Int]
        var total: AppealQueries.Figures?
        var regions: [AppealQueries.Figures]
        var councils: [AppealQueries.Figures]
        var categories: [AppealQueries.Figures]
        /// Council names by id, in the reader's language.
        var councilNames: [String: String]
    }

    static func model(year: Int, _ request: Request) async throws -> Model {
        let db = request.db, today = request.today
        let councils = try await AppealQueries.statistics(.council, year: year, today: today, on: db)
        let labels = try await OrganizationQueries.labels(ids: councils.compactMap { UUID(uuidString: $0.key) }, on: db)
        var names: [String: String] = [:]
        for (id, label) in labels { names[id.uuidString] = request.l10n.text(label.name) }
        var years = try await AppealQueries.years(on: db)
        if !years.contains(year) { years.append(year); years.sort(by: >) }
        return Model(year: year, years: years, total: try await AppealQueries.total(year: year, today: today, on: db),
                     regions: ranked(try await AppealQueries.statistics(.region, year: year, today: today, on: db)),
                     councils: ranked(councils) { names[$0] ?? $0 }, categories: try await AppealQueries.statistics(.category, year: year, today: today, on: db),
                     councilNames: names)
    }

    /// Cells with rates first, best on-time share first; the small cells after them, unranked; ties and the
    /// small cells in the order of `name` (a council's name, not its random id).
    static func ranked(_ cells: [AppealQueries.Figures], name: (String) -> String = { $0 }) -> [AppealQueries.Figures] {
        let byName = cells.sorted { name($0.key) < name($1.key) }
        return byName.filter(\.rated).sorted { ($0.onTimeShare ?? 0) > ($1.onTimeShare ?? 0) } + byName.filter { !$0.rated }
    }

    static func name(_ cell: AppealQueries.Figures, dimension: AppealQueries.Dimension, _ model: Model, _ l10n: Localizer) -> String {
        switch dimension {
        case .region: EarlyWarningPage.regionName(cell.key, l10n)
        case .council: model.councilNames[cell.key] ?? cell.key
        case .category: Appeal.Category(rawValue: cell.key).map { l10n($0.l10nKey) } ?? cell.key
        }
    }

    static func percent(_ share: Double?, _ l10n: Localizer) -> String {
        share.map { l10n.number(Int(($0 * 100).rounded())) + " %" } ?? "–"
    }

    static func columns(_ l10n: Localizer) -> [String] {
        [l10n(.appealStatsReceived), l10n(.appealStatsFinished), l10n(.appealStatsOnTime), l10n(.appealStatsOverdue),
         l10n(.appealStatsMedian), l10n(.appealStatsP90), l10n(.appealStatsExtended), l10n(.appealStatsSatisfied)]
    }

    static func figures(_ cell: AppealQueries.Figures, _ l10n: Localizer) -> [String] {
        [l10n.number(cell.received), l10n.number(cell.finished), percent(cell.onTimeShare, l10n), l10n.number(cell.overdue),
         cell.rated ? cell.medianDays.map(l10n.number) ?? "–" : "–", cell.rated ? cell.p90Days.map(l10n.number) ?? "–" : "–",
         percent(cell.extendedShare, l10n), percent(cell.satisfiedShare, l10n)]
    }

    static func section(_ title: L10nKey, _ cells: [AppealQueries.Figures], dimension: AppealQueries.Dimension, ranked: Bool, _ model: Model,
                        _ l10n: Localizer) -> HTMLNode {
        var rank = 0
        return el("section", ["id": "by-\(dimension.rawValue)"], el("h2", [:], .text(l10n(title))),
                  cells.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.appealStatsNone))) :
                  el("div", ["class": "table-wrap"], el("table", ["class": "data"],
                     el("thead", [:], el("tr", [:], ranked ? el("th", [:], .text(l10n(.appealStatsRank))) : .empty,
                                         el("th", [:], .text(l10n(dimension == .category ? .appealCategory : dimension == .council ? .appealCouncil : .appealPlace))),
                                         .group(columns(l10n).map { el("th", ["class": "number"], .text($0)) }))),
                     el("tbody", [:], cells.map { cell in
                         if cell.rated { rank += 1 }
                         return el("tr", [:], ranked ? el("td", ["class": "number"], .text(cell.rated ? String(rank) : "–")) : .empty,
                                   el("th", ["scope": "row"], .text(name(cell, dimension: dimension, model, l10n))),
                                   .group(figures(cell, l10n).map { el("td", ["class": "number"], .text($0)) }))
                     }))))
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let yearForm = el("form", ["method": "get", "action": SiteURL.appealStatistics.path, "class": "inline-filter"],
                          Form.select("year", label: l10n(.appealStatsYear), options: model.years.map { (String($0), String($0)) }, selected: String(model.year),
                                      errors: Form.Errors(), l10n: l10n),
                          el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply))))
        let total: HTMLNode = model.total.map { total in
            el("dl", ["class": "facts", "id": "appeal-totals"], .group(zip(columns(l10n), figures(total, l10n)).map { label, value in
                .group([el("dt", [:], .text(label)), el("dd", [:], .text(value))])
            }))
        } ?? el("p", ["class": "empty-state"], .text(l10n(.appealStatsNone)))
        return Layout.page(title: l10n(.appealsStatistics), crumbs: [Layout.Crumb(label: l10n(.appealsTitle), url: SiteURL.appeals.path),
                                                                    Layout.Crumb(label: l10n(.appealsStatistics), url: nil)],
                           context: context, wide: true, content: .group([
                               el("h1", [:], .text(l10n(.appealsStatistics))),
                               el("p", ["class": "lead"], .text(l10n(.appealStatsLead, ["min": String(AppealQueries.smallestCell)]))),
                               yearForm,
                               el("p", [:], el("a", ["href": SiteURL.appealStatisticsCSV.with([("year", String(model.year))])], .text(l10n(.appealStatsCSV)))),
                               total,
                               section(.appealStatsByRegion, model.regions, dimension: .region, ranked: true, model, l10n),
                               section(.appealStatsByCouncil, model.councils, dimension: .council, ranked: true, model, l10n),
                               section(.appealStatsByCategory, model.categories, dimension: .category, ranked: false, model, l10n),
                           ]))
    }

    /// Every cell of the three tables, one per line, for Excel.
    static func table(_ model: Model, _ l10n: Localizer) -> TableExport {
        var rows: [[XLSXWriter.Cell]] = []
        for (dimension, cells) in [(AppealQueries.Dimension.region, model.regions), (.council, model.councils), (.category, model.categories)] {
            for cell in cells {
                rows.append([.text(String(model.year)), .text(l10n(dimension == .region ? .appealPlace : dimension == .council ? .appealCouncil : .appealCategory)),
                             .text(name(cell, dimension: dimension, model, l10n))] + figures(cell, l10n).map { .text($0) })
            }
        }
        return TableExport(name: "appeals-\(model.year)", header: [l10n(.appealStatsYear), l10n(.appealStatsDimension), l10n(.appealStatsCell)] + columns(l10n),
                           rows: rows)
    }
}
