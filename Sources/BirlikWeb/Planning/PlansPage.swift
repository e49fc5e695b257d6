import Foundation
import BirlikCore
import BirlikDocuments
import BirlikStorage

/// The action plans a user may see: the national plans and the regions' plans, with their status,
/// years and figures.
enum PlansPage {
    struct Model {
        var plans: [Plan]
        var measureCounts: [UUID: Int]
        var figures: [String: Rates]?
        var regions: [String: Region]
        var canCreate: Bool
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let rows = model.plans.map { plan -> HTMLNode in
            el("tr", [:],
               el("td", [:], el("a", ["href": SiteURL.plan(code: plan.code).path], .text(l10n.text(plan.title))),
                  plan.isDemo ? el("span", ["class": "badge demo"], .text(l10n(.badgeDemo))) : .empty),
               el("td", [:], .text(model.regions[plan.regionCode].map { l10n.text($0.name) } ?? plan.regionCode)),
               el("td", [:], .text("\(plan.startYear)–\(plan.endYear)")),
               el("td", [:], Figures.badge(plan.status, l10n), .text(" v\(plan.planVersion)")),
               el("td", ["class": "number"], .text(l10n.number(model.measureCounts[plan.id] ?? 0))),
               .group(model.figures == nil ? [] : Figures.cells(model.figures?[plan.id.uuidString], l10n)))
        }
        return Layout.page(title: l10n(.plansTitle), crumbs: [Layout.Crumb(label: l10n(.navPlans), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.plansTitle))),
                               el("p", ["class": "lead"], .text(l10n(.plansLead))),
                               model.canCreate ? el("p", ["class": "actions"],
                                                    el("a", ["class": "button", "href": SiteURL.planNew.path], .text(l10n(.plansCreate))))
                                   : .empty,
                               model.plans.isEmpty ? el("p", [:], .text(l10n(.plansEmpty))) :
                               el("div", ["class": "table-wrap"], el("table", ["class": "data"],
                                  el("thead", [:], el("tr", [:],
                                     el("th", ["scope": "col"], .text(l10n(.columnName))),
                                     el("th", ["scope": "col"], .text(l10n(.columnRegion))),
                                     el("th", ["scope": "col"], .text(l10n(.planYears))),
                                     el("th", ["scope": "col"], .text(l10n(.planStatus))),
                                     el("th", ["scope": "col", "class": "number"], .text(l10n(.planMeasures))),
                                     .group(model.figures == nil ? [] : Figures.headers(l10n)))),
                                  el("tbody", [:], rows))),
                           ]))
    }
}
