import Foundation
import BirlikCore
import BirlikDocuments
import BirlikStorage

/// Measures across the visible plans, filtered by strategy node, executor, region or plan: where every
/// figure of the dashboards and the strategy tree leads.
enum MeasuresPage {
    struct Model {
        var rows: [(Measure, Plan)]
        var figures: [String: Rates]?
        var executors: [UUID: (code: String, name: LocalizedText, regionCode: String)]
        var taskCode: String?
        var executorCode: String?
        var regionCode: String?
        var regions: [Region]
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let node = model.taskCode.flatMap { StrategyTree.shared.node($0) }
        let filters = el("form", ["method": "get", "action": SiteURL.measures.path, "class": "filters"],
            Form.text("task", label: l10n(.measureTasks), value: model.taskCode ?? "", errors: Form.Errors(), l10n: l10n, hint: "C2.D3"),
            Form.text("executor", label: l10n(.reportExecutor), value: model.executorCode ?? "", errors: Form.Errors(), l10n: l10n, hint: l10n(.measureExecutorHint)),
            Form.select("region", label: l10n(.columnRegion), options: model.regions.filter { $0.kind != .district }.map { ($0.code, l10n.text($0.name)) },
                        selected: model.regionCode ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.directoryAny)),
            el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply))))
        let rows = model.rows.map { measure, plan -> HTMLNode in
            el("tr", [:],
               el("td", [:], el("a", ["href": SiteURL.plan(code: plan.code).path], .text(plan.code))),
               el("td", [:], .text(measure.code)),
               el("td", [:], el("a", ["href": SiteURL.measure(id: measure.id.uuidString).path], .text(l10n.text(measure.title)))),
               el("td", [:], .text(model.executors[measure.executorID].map { l10n.text($0.name) } ?? "—")),
               el("td", [:], .text(Figures.deadline(measure.deadline, l10n))),
               .group(model.figures == nil ? [] : Figures.cells(model.figures?[measure.id.uuidString], l10n)))
        }
        return Layout.page(title: l10n(.measuresTitle), crumbs: [Layout.Crumb(label: l10n(.navPlans), url: SiteURL.plans.path),
                                                                 Layout.Crumb(label: l10n(.measuresTitle), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.measuresTitle))),
                               node.map { el("p", ["class": "lead"], el("span", ["class": "code"], .text($0.code)), .text(" " + l10n.text($0.text))) } ?? .empty,
                               filters,
                               el("p", ["role": "status"], .text(l10n(.directoryResults, ["count": l10n.number(model.rows.count)]))),
                               el("div", ["class": "table-wrap"], el("table", ["class": "data"],
                                  el("thead", [:], el("tr", [:],
                                     el("th", ["scope": "col"], .text(l10n(.navPlans))), el("th", ["scope": "col"], .text("№")),
                                     el("th", ["scope": "col"], .text(l10n(.measureTitle))), el("th", ["scope": "col"], .text(l10n(.measureExecutor))),
                                     el("th", ["scope": "col"], .text(l10n(.measureDeadline))),
                                     .group(model.figures == nil ? [] : Figures.headers(l10n)))),
                                  el("tbody", [:], rows))),
                           ]))
    }
}

/// Two approved versions of a plan side by side: measures added, removed and changed.
enum PlanVersionsPage {
    struct Model {
        var plan: Plan
        var from: Int
        var to: Int
        var comparison: PlanQueries.Comparison
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let fieldKeys: [String: L10nKey] = ["title": .measureTitle, "tasks": .measureTasks, "executors": .measureExecutors,
                                            "completionForm": .measureCompletionForm, "deadline": .measureDeadline,
                                            "budget": .measureBudgetSource, "expectedResult": .measureExpected, "indicators": .measureIndicator]
        func list(_ measures: [Measure]) -> HTMLNode {
            measures.isEmpty ? el("p", ["class": "muted"], .text("—"))
                : el("ul", [:], measures.map { el("li", [:], .text("\($0.code). \(l10n.text($0.title))")) })
        }
        let title = l10n(.planVersionsCompare, ["from": "v\(model.from)", "to": "v\(model.to)"])
        return Layout.page(title: title, crumbs: [Layout.Crumb(label: l10n(.navPlans), url: SiteURL.plans.path),
                                                  Layout.Crumb(label: model.plan.code, url: SiteURL.plan(code: model.plan.code).path),
                                                  Layout.Crumb(label: title, url: nil)], context: context,
                           content: .group([
                               el("h1", [:], .text(title)),
                               el("h2", [:], .text(l10n(.planVersionsAdded))), list(model.comparison.added),
                               el("h2", [:], .text(l10n(.planVersionsRemoved))), list(model.comparison.removed),
                               el("h2", [:], .text(l10n(.planVersionsChanged))),
                               model.comparison.changed.isEmpty ? el("p", ["class": "muted"], .text("—")) :
                               el("table", ["class": "data"],
                                  el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text("№")),
                                                      el("th", ["scope": "col"], .text(l10n(.planVersionsWhat))),
                                                      el("th", ["scope": "col"], .text("v\(model.from)")), el("th", ["scope": "col"], .text("v\(model.to)")))),
                                  el("tbody", [:], model.comparison.changed.map { before, after, fields in
                                      el("tr", [:], el("td", [:], .text(after.code)),
                                         el("td", [:], .text(fields.compactMap { fieldKeys[$0].map { l10n($0) } }.joined(separator: ", "))),
                                         el("td", [:], .text(l10n.text(before.title) + " · " + Figures.deadline(before.deadline, l10n) + " · " + Figures.tenge(before.amount, l10n))),
                                         el("td", [:], .text(l10n.text(after.title) + " · " + Figures.deadline(after.deadline, l10n) + " · " + Figures.tenge(after.amount, l10n))))
                                  })),
                           ]))
    }
}
