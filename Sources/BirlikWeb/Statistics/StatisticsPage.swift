import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation
import Vapor

/// The analytics page of the statistical database: a pivot with totals, a chart and the map of the
/// regions, all from the URL's choices, each exportable as CSV and XLSX.
enum StatisticsPage {
    struct Model {
        var table: PivotTable
        var element: DataElement
        var chart: SeriesChart.Kind
        var years: [Int]
        var canEnter: Bool
    }

    static func label(_ dimension: PivotRequest.Dimension, _ key: String, _ l10n: Localizer) -> String {
        switch dimension {
        case .element: StatisticsCatalog.shared.element(key).map { l10n.text($0.name) } ?? key
        case .period: Period(key)?.label(l10n) ?? key
        case .place: ReferenceData.regions.first { $0.code == key }.map { l10n.text($0.name) } ?? key
        case .category: Disaggregation.label(key, l10n)
        }
    }

    /// Rows the chart draws at most (the table shows them all).
    static let chartSeries = 8

    static func number(_ value: Double, _ l10n: Localizer) -> String {
        value.rounded() == value && abs(value) < 1e15 ? l10n.number(Int(value)) : String(format: "%.1f", value)
    }

    /// The table as a file, exactly as the page shows it.
    static func export(_ model: Model, l10n: Localizer) -> TableExport {
        let table = model.table
        let header = [l10n(table.request.rows.l10nKey)] + table.columnKeys.map { label(table.request.columns, $0, l10n) }
            + (table.hasTotals ? [l10n(.statisticsTotal)] : [])
        var rows: [[XLSXWriter.Cell]] = table.rowKeys.map { row in
            [.text(label(table.request.rows, row, l10n))] + table.columnKeys.map { column in table.cell(row, column).map { .number($0.value) } ?? .empty }
                + (table.hasTotals ? [table.rowTotal(row).map { .number($0.value) } ?? .empty] : [])
        }
        if table.hasTotals {
            rows.append([.text(l10n(.statisticsTotal))] + table.columnKeys.map { table.columnTotal($0).map { .number($0.value) } ?? .empty }
                        + [table.grandTotal.map { .number($0.value) } ?? .empty])
        }
        return TableExport(name: "statistics-\(model.element.code)", header: header, rows: rows)
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let table = model.table
        let request = table.request
        let query: [(String, String?)] = [("rows", request.rows.rawValue), ("columns", request.columns.rawValue), ("element", model.element.code),
                                          ("year", request.years.first.map(String.init)), ("native", request.nativePeriods ? "true" : nil),
                                          ("within", request.within), ("category", request.category), ("chart", model.chart.rawValue)]
        let dimensions = PivotRequest.Dimension.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }
        let controls = el("form", ["method": "get", "action": SiteURL.statistics.path, "class": "inline-filter pivot-controls"],
            Form.select("element", label: l10n(.statisticsElement), options: StatisticsCatalog.shared.elements.map { ($0.code, l10n.text($0.name)) },
                        selected: model.element.code, errors: Form.Errors(), l10n: l10n),
            Form.select("rows", label: l10n(.statisticsRows), options: dimensions, selected: request.rows.rawValue, errors: Form.Errors(), l10n: l10n),
            Form.select("columns", label: l10n(.statisticsColumns), options: dimensions, selected: request.columns.rawValue, errors: Form.Errors(), l10n: l10n),
            Form.select("year", label: l10n(.statisticsYear), options: model.years.map { (String($0), String($0)) },
                        selected: request.years.first.map(String.init) ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.statisticsAllYears)),
            Form.select("within", label: l10n(.statisticsPlace),
                        options: ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }.map { ($0.code, l10n.text($0.name)) },
                        selected: request.within ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.statisticsTotal)),
            model.element.dimensions.isEmpty ? .empty :
                Form.select("category", label: l10n(.statisticsCategory),
                            options: model.element.dimensions.flatMap { dimension in dimension.options.map { ("\(dimension.rawValue)=\($0.code)", l10n.text($0.name)) } },
                            selected: request.category ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.statisticsTotal)),
            Form.select("chart", label: l10n(.statisticsChart), options: SeriesChart.Kind.allCases.map { ($0.rawValue, l10n(L10nKey(rawValue: "statistics.chart.\($0.rawValue)")!)) },
                        selected: model.chart.rawValue, errors: Form.Errors(), l10n: l10n),
            model.element.periodKind == .year ? .empty : Form.checkbox("native", label: l10n(.periodKindMonth), checked: request.nativePeriods),
            el("button", ["type": "submit", "class": "button"], .text(l10n(.statisticsApply))))

        let header = el("tr", [:], el("th", ["scope": "col"], .text(l10n(request.rows.l10nKey))),
                        .group(table.columnKeys.map { el("th", ["scope": "col", "class": "number"], .text(label(request.columns, $0, l10n))) }),
                        table.hasTotals ? el("th", ["scope": "col", "class": "number"], .text(l10n(.statisticsTotal))) : .empty)
        var bodyRows = table.rowKeys.map { row in
            el("tr", [:], el("th", ["scope": "row"], .text(label(request.rows, row, l10n))),
               .group(table.columnKeys.map { column in el("td", ["class": "number"], .text(table.cell(row, column).map { number($0.value, l10n) } ?? "–")) }),
               table.hasTotals ? el("td", ["class": "number total"], .text(table.rowTotal(row).map { number($0.value, l10n) } ?? "–")) : .empty)
        }
        if table.hasTotals {
            bodyRows.append(el("tr", ["class": "total"], el("th", ["scope": "row"], .text(l10n(.statisticsTotal))),
                               .group(table.columnKeys.map { el("td", ["class": "number"], .text(table.columnTotal($0).map { number($0.value, l10n) } ?? "–")) }),
                               el("td", ["class": "number"], .text(table.grandTotal.map { number($0.value, l10n) } ?? "–"))))
        }
        let series = table.rowKeys.prefix(chartSeries).map { row in
            SeriesChart.Series(name: label(request.rows, row, l10n), values: table.columnKeys.map { table.cell(row, $0)?.value })
        }
        // A chart never piles up what does not add up, and says when it shows only part of the table.
        let unstacked = model.chart == .stacked && !table.rowsAddUp
        var notes: [HTMLNode] = []
        if unstacked { notes.append(el("p", ["class": "notice chart-note"], .text(l10n(.statisticsChartNotStacked, ["rows": l10n(request.rows.l10nKey)])))) }
        if table.rowKeys.count > chartSeries {
            notes.append(el("p", ["class": "notice chart-note"],
                            .text(l10n(.statisticsChartPartial, ["shown": l10n.number(chartSeries), "total": l10n.number(table.rowKeys.count)]))))
        }
        let chart = table.isEmpty ? HTMLNode.empty : el("figure", ["class": "chart"],
            SeriesChart(title: l10n.text(model.element.name), kind: unstacked ? .bar : model.chart)
                .render(categories: table.columnKeys.map { label(request.columns, $0, l10n) }, series: Array(series)),
            notes.isEmpty ? .empty : el("figcaption", [:], .group(notes)))
        let map = mapFigure(model, l10n)
        let sourceNote: HTMLNode = model.element.source == "census"
            ? el("p", ["class": "source"], .text(l10n(.statisticsSource, ["source": l10n(.valueSourceCensus)])))
            : model.element.source == "survey" ? el("p", ["class": "source"], .text(l10n(.statisticsSource, ["source": l10n(.valueSourceSurvey)]))) : .empty
        let exportQuery = query
        return Layout.page(title: l10n(.statisticsTitle), crumbs: [Layout.Crumb(label: l10n(.navStatistics), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.statisticsTitle))),
                               el("p", ["class": "lead"], .text(l10n(.statisticsLead))),
                               model.canEnter ? el("p", ["class": "actions"],
                                                   el("a", ["class": "button", "href": SiteURL.statisticsEntry.path], .text(l10n(.statisticsEntry))), " ",
                                                   el("a", ["class": "button", "href": SiteURL.statisticsImport.path], .text(l10n(.statisticsImport))), " ",
                                                   el("a", ["class": "button secondary", "href": SiteURL.statisticsValidation.path], .text(l10n(.statisticsValidation))), " ",
                                                   el("a", ["class": "button secondary", "href": SiteURL.statisticsApproval.path], .text(l10n(.statisticsApproval)))) : .empty,
                               controls,
                               el("h2", [:], .text(l10n.text(model.element.name))),
                               sourceNote,
                               model.element.level == .republic ? el("p", ["class": "notice"], .text(l10n(.statisticsRepublicOnly))) : .empty,
                               model.element.source == nil ? el("p", ["class": "hint"], .text(l10n(.statisticsDemoNote))) : .empty,
                               table.isEmpty ? el("p", [:], .text(l10n(.statisticsNoData))) :
                                   el("div", ["class": "table-wrap"], el("table", ["class": "data pivot", "id": "pivot"], el("thead", [:], header), el("tbody", [:], bodyRows))),
                               el("p", ["class": "export"],
                                  el("a", ["href": SiteURL.statistics.with(exportQuery + [("export", "xlsx")])], .text("XLSX")), " · ",
                                  el("a", ["href": SiteURL.statistics.with(exportQuery + [("export", "csv")])], .text("CSV")), " · ",
                                  el("a", ["href": SiteURL.apiData.with([("element", model.element.code), ("period", request.years.first.map(String.init)),
                                                                        ("place", request.within)])], .text(l10n(.statisticsOpenData))), " · ",
                                  el("a", ["href": SiteURL.statistics.with(query)], .text(l10n(.statisticsLink)))),
                               chart,
                               map,
                           ]))
    }

    /// The choropleth of the regions for the latest column, when places are on the rows.
    static func mapFigure(_ model: Model, _ l10n: Localizer) -> HTMLNode {
        let table = model.table
        guard table.request.rows == .place, table.request.within == nil, model.element.level != .republic,
              let column = table.columnKeys.last else { return .empty }
        var entries: [String: ChoroplethMap.Entry] = [:]
        for row in table.rowKeys {
            guard let cell = table.cell(row, column) else { continue }
            entries[row] = ChoroplethMap.Entry(label: "\(label(.place, row, l10n)): \(number(cell.value, l10n))", value: Int(exactly: cell.value.rounded()) ?? 0,
                                               link: SiteURL.statistics.with([("element", model.element.code), ("within", row), ("rows", "period"), ("columns", "category")]))
        }
        let title = "\(l10n.text(model.element.name)), \(label(table.request.columns, column, l10n))"
        return el("figure", ["class": "map", "id": "statistics-map"], el("figcaption", [:], .text(l10n(.statisticsMap) + ": " + title)),
                  ChoroplethMap(title: title, legendTitle: l10n(L10nKey(rawValue: "unit.\(model.element.unit)") ?? .statisticsValue)).render(entries))
    }
}
