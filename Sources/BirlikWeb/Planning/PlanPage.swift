import Foundation
import BirlikCore
import BirlikDocuments
import BirlikStorage

/// One action plan in the layout ministries use (№, measure, completion form, executors, deadline,
/// expected costs, source of funding), with its status actions, versions and figures per measure.
enum PlanPage {
    struct Model {
        var plan: Plan
        var measures: [Measure]
        var executors: [UUID: (code: String, name: LocalizedText, regionCode: String)]
        var figures: [String: Rates]?
        var total: Rates?
        var region: Region?
        var versions: [PlanVersionRecord]
        var transitions: [PlanTransition]
        var canEdit: Bool
        /// The plan is shown as its version in force while its next version is drafted.
        var showsVersionInForce: Bool = false
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let plan = model.plan
        let tree = StrategyTree.shared
        func executorNames(_ ids: [UUID]) -> HTMLNode {
            .group(ids.enumerated().map { index, id in
                let label = model.executors[id]
                return .group([index > 0 ? .text("; ") : .empty,
                               label.map { el("a", ["href": SiteURL.organization(code: $0.code).path], .text(l10n.text($0.name))) } ?? .text("—")])
            })
        }
        let rows = model.measures.map { measure -> HTMLNode in
            el("tr", ["id": "measure-\(measure.code)"],
               el("td", [:], .text(measure.code)),
               el("td", [:], el("a", ["href": SiteURL.measure(id: measure.id.uuidString).path], .text(l10n.text(measure.title))),
                  el("div", ["class": "muted tasks"], .group(measure.taskCodes.map { code in
                      el("a", ["href": SiteURL.strategy.path + "#" + code, "title": tree.node(code).map { l10n.text($0.text) } ?? code, "class": "task-code"], .text(code))
                  }))),
               el("td", [:], .text(l10n(measure.completionForm.l10nKey))),
               el("td", [:], executorNames(measure.executors)),
               el("td", [:], .text(Figures.deadline(measure.deadline, l10n))),
               el("td", ["class": "number"], .text(Figures.tenge(measure.amount, l10n))),
               el("td", [:], .text(l10n(measure.budgetSource.l10nKey))),
               .group(model.figures == nil ? [] : Figures.cells(model.figures?[measure.id.uuidString], l10n)))
        }
        let actions = el("div", ["class": "actions"],
            .group(model.transitions.map { transition in
                el("form", ["method": "post", "action": SiteURL.planStatus(code: plan.code).path, "class": "inline"],
                   Layout.csrfField(context),
                   el("input", ["type": "hidden", "name": "transition", "value": transition.rawValue]),
                   el("input", ["type": "hidden", "name": "version", "value": "\(plan.version)"]),
                   el("button", ["type": "submit", "class": transition == .approve ? "button" : "button secondary"], .text(l10n(transition.l10nKey))))
            }),
            model.canEdit ? el("a", ["class": "button secondary", "href": SiteURL.measureNew(plan: plan.code).path], .text(l10n(.measureAdd))) : .empty,
            model.canEdit ? el("a", ["class": "button secondary", "href": SiteURL.planEdit(code: plan.code).path], .text(l10n(.planEdit))) : .empty,
            model.canEdit ? el("a", ["class": "button secondary", "href": SiteURL.planImport(code: plan.code).path], .text(l10n(.plansImport))) : .empty,
            el("a", ["class": "button secondary", "href": SiteURL.planExport(code: plan.code).path], .text(l10n(.planExportXlsx))))
        let versions = model.versions.isEmpty ? HTMLNode.empty : el("section", [:],
            el("h2", [:], .text(l10n(.planVersionsTitle))),
            el("ul", [:], model.versions.map { version in
                el("li", [:], .text("v\(version.planVersion) · \(Day(version.approvedAt).dotted) · \(version.approvedBy)"),
                   version.planVersion > 1 ? .group([.text(" · "), el("a", ["href": SiteURL.planVersions(code: plan.code).with([("from", "\(version.planVersion - 1)"), ("to", "\(version.planVersion)")])],
                                                                       .text(l10n(.planCompare)))]) : .empty)
            }))
        return Layout.page(title: l10n.text(plan.title), crumbs: [Layout.Crumb(label: l10n(.navPlans), url: SiteURL.plans.path),
                                                                  Layout.Crumb(label: plan.code, url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n.text(plan.title))),
                               el("p", ["class": "meta"], Figures.badge(plan.status, l10n),
                                  .text(" v\(plan.planVersion) · \(model.region.map { l10n.text($0.name) } ?? plan.regionCode) · \(plan.startYear)–\(plan.endYear) · "),
                                  .text(tree.node(plan.conceptCode).map { l10n.text($0.text) } ?? plan.conceptCode),
                                  plan.approvedAt.map { .text(" · " + l10n(.planApprovedOn, ["date": Day($0).dotted, "by": plan.approvedBy ?? ""])) } ?? .empty),
                               model.showsVersionInForce ? el("p", ["class": "notice", "role": "note"], .text(l10n(.planAmendmentInProgress))) : .empty,
                               actions,
                               model.total.map { total in
                                   el("table", ["class": "data compact summary"], el("thead", [:], el("tr", [:], .group(Figures.headers(l10n)))),
                                      el("tbody", [:], el("tr", [:], .group(Figures.cells(total, l10n)))))
                               } ?? .empty,
                               model.measures.isEmpty ? el("p", [:], .text(l10n(.planNoMeasures))) :
                               el("div", ["class": "table-wrap"], el("table", ["class": "data plan-table"],
                                  el("thead", [:], el("tr", [:],
                                     el("th", ["scope": "col"], .text("№")),
                                     el("th", ["scope": "col"], .text(l10n(.measureTitle))),
                                     el("th", ["scope": "col"], .text(l10n(.measureCompletionForm))),
                                     el("th", ["scope": "col"], .text(l10n(.measureExecutors))),
                                     el("th", ["scope": "col"], .text(l10n(.measureDeadline))),
                                     el("th", ["scope": "col", "class": "number"], .text(l10n(.measureAmount))),
                                     el("th", ["scope": "col"], .text(l10n(.measureBudgetSource))),
                                     .group(model.figures == nil ? [] : Figures.headers(l10n)))),
                                  el("tbody", [:], rows))),
                               versions,
                           ]))
    }
}
