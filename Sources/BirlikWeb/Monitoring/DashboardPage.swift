import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// The monitoring and control dashboard: the two rates and progress with their definitions, by
/// territory (map, bar chart, ranking), by direction and task, by executor; overdue reports and
/// instructions. The Secretariat sees the republic, a coordinator the region and its districts, an
/// executor its own organisation. Every figure links to the rows behind it; every table exports.
enum DashboardPage {
    struct Model {
        var year: Int?
        var regionCode: String?
        var years: [Int]
        var total: Rates
        /// Territory rows: a region (or, inside a region, a district) with its figures.
        var territories: [(Region, Rates)]
        var nodes: [(StrategyNode, DashboardQueries.NodeFigures)]
        var executors: [(code: String, name: String, rates: Rates)]
        var overdue: [ReportQueries.Obligation]
        var overdueInstructions: [Instruction]
        /// Obligations of agreements with partners abroad past their day (S20).
        var overdueObligations: [(agreement: Agreement, obligation: Obligation)]
        var executorNames: [UUID: String]
        var regions: [Region]
        var showsRegionFilter: Bool
        var today: Day
    }

    static func link(_ model: Model, extra: [(String, String?)]) -> String {
        SiteURL.dashboard.with([("year", model.year.map(String.init)), ("region", model.regionCode)] + extra)
    }

    static func exportLinks(_ table: String, _ model: Model, _ l10n: Localizer) -> HTMLNode {
        el("p", ["class": "export"], .text(l10n(.dashboardExport) + " "),
           el("a", ["href": link(model, extra: [("table", table), ("export", "xlsx")])], .text("XLSX")), .text(" · "),
           el("a", ["href": link(model, extra: [("table", table), ("export", "csv")])], .text("CSV")))
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let filters = el("form", ["method": "get", "action": SiteURL.dashboard.path, "class": "inline-filter"],
            Form.select("year", label: l10n(.dashboardYear), options: model.years.map { ("\($0)", "\($0)") }, selected: model.year.map(String.init) ?? "",
                        errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.dashboardAllYears)),
            model.showsRegionFilter ? Form.select("region", label: l10n(.columnRegion),
                                                  options: model.regions.filter { $0.kind == .region || $0.kind == .city }.map { ($0.code, l10n.text($0.name)) },
                                                  selected: model.regionCode ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.directoryAny)) : .empty,
            el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply))))
        let summary = el("div", ["class": "kpis"],
            kpi(l10n(.figuresReportingRate), Rates.percent(model.total.reportingRate), "\(l10n.number(model.total.accepted)) / \(l10n.number(model.total.expected))",
                l10n(.figuresReportingRateDefinition)),
            kpi(l10n(.figuresTimeliness), Rates.percent(model.total.timeliness), "\(l10n.number(model.total.onTime)) / \(l10n.number(model.total.expected))",
                l10n(.figuresTimelinessDefinition)),
            kpi(l10n(.figuresProgress), Rates.percent(model.total.progress), "", l10n(.figuresProgressDefinition)),
            kpi(l10n(.figuresOverdue), l10n.number(model.total.overdue), "", l10n(.dashboardOverdueDefinition)),
            kpi(l10n(.dashboardOverdueInstructions), l10n.number(model.overdueInstructions.count), "", l10n(.dashboardOverdueInstructionsDefinition)))
        var entries: [String: ChoroplethMap.Entry] = [:]
        for (region, rates) in model.territories where region.kind != .district {
            entries[region.code] = ChoroplethMap.Entry(label: "\(l10n.text(region.name)): \(Rates.percent(rates.reportingRate))", value: Int(((rates.reportingRate ?? 0) * 100).rounded()),
                                                       link: SiteURL.dashboard.with([("year", model.year.map(String.init)), ("region", region.code)]))
        }
        let ranked = model.territories.sorted { ($0.1.reportingRate ?? -1, $1.0.code) > ($1.1.reportingRate ?? -1, $0.0.code) }
        let territoryTable = el("table", ["class": "data"],
            el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text("#")), el("th", ["scope": "col"], .text(l10n(.columnRegion))),
                                .group(Figures.headers(l10n)))),
            el("tbody", [:], ranked.enumerated().map { index, row in
                el("tr", [:], el("td", [:], .text("\(index + 1)")),
                   el("td", [:], el("a", ["href": SiteURL.dashboard.with([("year", model.year.map(String.init)), ("region", row.0.code)])], .text(l10n.text(row.0.name)))),
                   .group(Figures.cells(row.1, l10n, link: SiteURL.measures.with([("region", row.0.code)]))))
            }))
        let chart = BarChart(title: l10n(.dashboardChartTitle)).render(ranked.map { region, rates in
            BarChart.Bar(label: l10n.text(region.name), value: rates.progress, link: SiteURL.measures.with([("region", region.code)]))
        })
        let map = model.showsRegionFilter && model.regionCode == nil
            ? el("figure", ["class": "map"], ChoroplethMap(title: l10n(.dashboardMapTitle), legendTitle: l10n(.dashboardMapLegend)).render(entries)) : HTMLNode.empty
        let nodesTable = el("table", ["class": "data"],
            el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text(l10n(.strategyKindTask))),
                                el("th", ["scope": "col", "class": "number"], .text(l10n(.planMeasures))), .group(Figures.headers(l10n)))),
            el("tbody", [:], model.nodes.map { node, figures in
                el("tr", ["class": "kind-\(node.kind.rawValue)"],
                   el("td", [:], el("a", ["href": SiteURL.strategy.path + "#" + node.code], el("span", ["class": "code"], .text(node.code))),
                      .text(" " + String(l10n.text(node.text).prefix(120)))),
                   el("td", ["class": "number"], el("a", ["href": SiteURL.measures.with([("task", node.code), ("region", model.regionCode)])],
                                                    .text(l10n.number(figures.measureCount)))),
                   .group(Figures.cells(figures.rates, l10n)))
            }))
        let executorsTable = el("table", ["class": "data"],
            el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text(l10n(.reportExecutor))), .group(Figures.headers(l10n)))),
            el("tbody", [:], model.executors.map { row in
                el("tr", [:], el("td", [:], el("a", ["href": SiteURL.measures.with([("executor", row.code)])], .text(row.name))),
                   .group(Figures.cells(row.rates, l10n)))
            }))
        let overdueTable = el("table", ["class": "data"],
            el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text(l10n(.reportDue))), el("th", ["scope": "col"], .text(l10n(.measureTitle))),
                                el("th", ["scope": "col"], .text(l10n(.reportPeriod))), el("th", ["scope": "col"], .text(l10n(.reportExecutor))),
                                el("th", ["scope": "col"], .text(l10n(.planStatus))))),
            el("tbody", [:], model.overdue.map { row in
                el("tr", [:], el("td", [:], .text(row.report.due.dotted)),
                   el("td", [:], el("a", ["href": SiteURL.report(id: row.report.id.uuidString).path], .text("\(row.plan.code) · \(row.measure.code). \(l10n.text(row.measure.title))"))),
                   el("td", [:], .text(ReportingPeriod.label(code: row.report.periodCode, l10n))), el("td", [:], .text(model.executorNames[row.report.executorID] ?? "—")),
                   el("td", [:], Figures.badge(row.report.status, overdue: true, l10n)))
            }))
        let instructions = el("ul", [:], model.overdueInstructions.map { instruction in
            el("li", [:], el("a", ["href": SiteURL.instruction(id: instruction.id.uuidString).path], .text("№ \(instruction.number)")),
               .text(" · \(instruction.deadline.dotted) · \(l10n.text(instruction.text).prefix(140))"))
        })
        let obligations = el("ul", [:], model.overdueObligations.map { item in
            el("li", [:], el("a", ["href": SiteURL.cooperationAgreement(code: item.agreement.code).path], .text(item.agreement.code)),
               .text(" · \(item.obligation.dueOn.dotted) · \(item.obligation.text.prefix(140))"))
        })
        let scopeName = model.regionCode.flatMap { code in model.regions.first { $0.code == code } }.map { l10n.text($0.name) } ?? l10n(.dashboardRepublic)
        return Layout.page(title: l10n(.dashboardTitle), crumbs: [Layout.Crumb(label: l10n(.navDashboard), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.dashboardTitle) + " · " + scopeName + (model.year.map { " · \($0)" } ?? ""))),
                               // The annual report to the Head of State is made from these figures, by whoever sees them all.
                               Access.visibility(context.actor, .report) == .everything
                                   ? el("p", ["class": "actions"], el("a", ["class": "button secondary", "href": SiteURL.annualReport.path], .text(l10n(.navAnnualReport))))
                                   : .empty,
                               el("p", ["class": "lead"], .text(l10n(.dashboardLead, ["date": model.today.dotted]))),
                               filters, summary,
                               el("details", ["class": "definitions-box"], el("summary", [:], .text(l10n(.figuresHowCounted))), Figures.definitions(l10n)),
                               model.overdueInstructions.isEmpty ? .empty : el("section", ["class": "alert-box"],
                                   el("h2", [:], .text(l10n(.dashboardOverdueInstructions))), instructions),
                               model.overdueObligations.isEmpty ? .empty : el("section", ["class": "alert-box", "id": "overdue-obligations"],
                                   el("h2", [:], .text(l10n(.dashboardOverdueObligations))), obligations),
                               el("section", [:], el("h2", [:], .text(l10n(.dashboardByTerritory))),
                                  map, el("div", ["class": "chart-wrap"], chart),
                                  exportLinks("territories", model, l10n), el("div", ["class": "table-wrap"], territoryTable)),
                               el("section", [:], el("h2", [:], .text(l10n(.dashboardByTask))), exportLinks("tasks", model, l10n),
                                  el("div", ["class": "table-wrap"], nodesTable)),
                               el("section", [:], el("h2", [:], .text(l10n(.dashboardByExecutor))), exportLinks("executors", model, l10n),
                                  el("div", ["class": "table-wrap"], executorsTable)),
                               el("section", [:], el("h2", [:], .text(l10n(.dashboardOverdueReports))), exportLinks("overdue", model, l10n),
                                  model.overdue.isEmpty ? el("p", ["class": "muted"], .text("—")) : el("div", ["class": "table-wrap"], overdueTable)),
                           ]))
    }

    static func kpi(_ label: String, _ value: String, _ detail: String, _ definition: String) -> HTMLNode {
        el("div", ["class": "kpi"],
           el("span", ["class": "kpi-label"], .text(label)),
           el("span", ["class": "kpi-value"], .text(value)),
           detail.isEmpty ? .empty : el("span", ["class": "kpi-detail"], .text(detail)),
           el("span", ["class": "kpi-definition"], .text(definition)))
    }
}
