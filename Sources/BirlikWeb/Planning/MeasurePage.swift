import Foundation
import BirlikCore
import BirlikDocuments
import BirlikStorage

/// One measure: what it is, whom it serves, its indicator's targets against the accepted actuals,
/// every report of every executor and period, and its timeline from the plan through each decision.
enum MeasurePage {
    struct Model {
        var measure: Measure
        var plan: Plan
        var reports: [Report]
        var timeline: [ReportQueries.Event]
        var executors: [UUID: (code: String, name: LocalizedText, regionCode: String)]
        var canEdit: Bool
        var today: Day
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let measure = model.measure
        let tree = StrategyTree.shared
        func name(_ id: UUID?) -> String { id.flatMap { model.executors[$0] }.map { l10n.text($0.name) } ?? "—" }
        let details = el("dl", ["class": "details"],
            el("dt", [:], .text(l10n(.measureTasks))),
            el("dd", [:], el("ul", [:], measure.taskCodes.map { code in
                el("li", [:], el("a", ["href": SiteURL.strategy.path + "#" + code], .text(code)), .text(" " + (tree.node(code).map { l10n.text($0.text) } ?? "")))
            })),
            el("dt", [:], .text(l10n(.measureExecutors))),
            el("dd", [:], .text(measure.executors.map(name).joined(separator: "; "))),
            el("dt", [:], .text(l10n(.measureCompletionForm))), el("dd", [:], .text(l10n(measure.completionForm.l10nKey))),
            el("dt", [:], .text(l10n(.measureDeadline))), el("dd", [:], .text(Figures.deadline(measure.deadline, l10n))),
            el("dt", [:], .text(l10n(.measureBudgetSource))), el("dd", [:], .text(l10n(measure.budgetSource.l10nKey) + " · " + Figures.tenge(measure.amount, l10n))),
            measure.expectedResult.isEmpty ? .empty : .group([el("dt", [:], .text(l10n(.measureExpected))), el("dd", [:], .text(l10n.text(measure.expectedResult)))]))
        let accepted = model.reports.filter { $0.status == .accepted && $0.isLead }
        let indicators = measure.indicators.enumerated().map { index, indicator -> HTMLNode in
            el("table", ["class": "data compact"],
               el("caption", [:], .text("\(l10n.text(indicator.name)) (\(l10n.text(IndicatorUnit.name(indicator.unit)))) · \(l10n(.measureIndicatorBaseline)): \(MeasureDraftFormat.number(indicator.baseline))")),
               el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text(l10n(.planYears))),
                                   el("th", ["scope": "col", "class": "number"], .text(l10n(.measureTarget))),
                                   el("th", ["scope": "col", "class": "number"], .text(l10n(.measureActual))))),
               el("tbody", [:], model.plan.years.map { year in
                   let actual = accepted.filter { $0.periodYear == year }.compactMap { $0.actuals[index] }.max()
                   return el("tr", [:], el("td", [:], .text("\(year)")),
                             el("td", ["class": "number"], .text(indicator.targets[year].map(MeasureDraftFormat.number) ?? "—")),
                             el("td", ["class": "number"], .text(actual.map(MeasureDraftFormat.number) ?? "—")))
               }))
        }
        let reports = el("table", ["class": "data"],
            el("thead", [:], el("tr", [:],
                el("th", ["scope": "col"], .text(l10n(.reportPeriod))), el("th", ["scope": "col"], .text(l10n(.reportExecutor))),
                el("th", ["scope": "col"], .text(l10n(.reportDue))), el("th", ["scope": "col"], .text(l10n(.planStatus))),
                el("th", ["scope": "col"], .text(l10n(.reportExecution))))),
            el("tbody", [:], model.reports.map { report in
                el("tr", [:],
                   el("td", [:], el("a", ["href": SiteURL.report(id: report.id.uuidString).path], .text(ReportingPeriod.label(code: report.periodCode, l10n)))),
                   el("td", [:], .text(name(report.executorID)), report.isLead ? .empty : el("span", ["class": "muted"], .text(" · " + l10n(.reportCoExecutor)))),
                   el("td", [:], .text(report.due.dotted)),
                   el("td", [:], Figures.badge(report.status, overdue: report.isOverdue(today: model.today), l10n)),
                   el("td", [:], .text(report.execution.map { l10n($0.l10nKey) } ?? "—")))
            }))
        let timeline = el("ol", ["class": "timeline"], model.timeline.map { event in
            let key = L10nKey(rawValue: "timeline.\(event.action)") ?? .timelineOther
            return el("li", [:],
                      el("time", ["datetime": ISO8601DateFormatter().string(from: event.at)], .text(Day(event.at).dotted)),
                      .text(" · " + l10n(key) + (event.periodCode.map { " · " + ReportingPeriod.label(code: $0, l10n) } ?? "") + (event.executorID == nil ? "" : " · " + name(event.executorID))
                            + " · " + event.actorName),
                      event.comment.map { el("blockquote", [:], .text($0)) } ?? .empty)
        })
        return Layout.page(title: l10n.text(measure.title), crumbs: [Layout.Crumb(label: l10n(.navPlans), url: SiteURL.plans.path),
                                                                     Layout.Crumb(label: model.plan.code, url: SiteURL.plan(code: model.plan.code).path),
                                                                     Layout.Crumb(label: measure.code, url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text("\(measure.code). \(l10n.text(measure.title))")),
                               model.canEdit ? el("div", ["class": "actions"],
                                                  el("a", ["class": "button secondary", "href": SiteURL.measureEdit(id: measure.id.uuidString).path], .text(l10n(.measureEdit))),
                                                  el("form", ["method": "post", "action": SiteURL.measureDelete(id: measure.id.uuidString).path, "class": "inline"],
                                                     Layout.csrfField(context), el("button", ["type": "submit", "class": "button danger"], .text(l10n(.measureDelete)))))
                                   : .empty,
                               details,
                               indicators.isEmpty ? .empty : el("section", [:], el("h2", [:], .text(l10n(.measureIndicator))), .group(indicators)),
                               el("section", [:], el("h2", [:], .text(l10n(.measureReports))),
                                  model.reports.isEmpty ? el("p", [:], .text(l10n(.measureNoReports))) : el("div", ["class": "table-wrap"], reports)),
                               el("section", [:], el("h2", [:], .text(l10n(.measureTimeline))), timeline),
                           ]))
    }
}

/// Numbers as plan tables print them: whole numbers without a decimal point.
enum MeasureDraftFormat {
    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.2f", value)
    }
}
