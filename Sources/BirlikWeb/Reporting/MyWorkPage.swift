import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// "What I owe and when": an executor's open reports by due day, a coordinator's reports waiting for
/// a decision, the instructions the user's organisation carries out, and notifications.
enum MyWorkPage {
    struct Model {
        var obligations: [ReportQueries.Obligation]
        var awaiting: [ReportQueries.Obligation]
        var instructions: [Instruction]
        var notifications: [Notifications.Item]
        var executors: [UUID: (code: String, name: LocalizedText, regionCode: String)]
        var today: Day
    }

    static func table(_ rows: [ReportQueries.Obligation], _ model: Model, _ l10n: Localizer) -> HTMLNode {
        el("div", ["class": "table-wrap"], el("table", ["class": "data"],
            el("thead", [:], el("tr", [:],
                el("th", ["scope": "col"], .text(l10n(.reportDue))), el("th", ["scope": "col"], .text(l10n(.measureTitle))),
                el("th", ["scope": "col"], .text(l10n(.reportPeriod))), el("th", ["scope": "col"], .text(l10n(.reportExecutor))),
                el("th", ["scope": "col"], .text(l10n(.planStatus))))),
            el("tbody", [:], rows.map { row in
                el("tr", [:],
                   el("td", [:], .text(row.report.due.dotted)),
                   el("td", [:], el("a", ["href": SiteURL.report(id: row.report.id.uuidString).path],
                                    .text("\(row.plan.code) · \(row.measure.code). \(l10n.text(row.measure.title))"))),
                   el("td", [:], .text(ReportingPeriod.label(code: row.report.periodCode, l10n))),
                   el("td", [:], .text(model.executors[row.report.executorID].map { l10n.text($0.name) } ?? "—")),
                   el("td", [:], Figures.badge(row.report.status, overdue: row.report.isOverdue(today: model.today), l10n)))
            })))
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.myWorkTitle), crumbs: [Layout.Crumb(label: l10n(.navMyWork), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.myWorkTitle))),
                               el("section", [:], el("h2", [:], .text(l10n(.myWorkOwed))),
                                  model.obligations.isEmpty ? el("p", ["class": "muted"], .text(l10n(.myWorkNothingOwed))) : table(model.obligations, model, l10n)),
                               model.awaiting.isEmpty ? .empty : el("section", [:], el("h2", [:], .text(l10n(.myWorkAwaiting))), table(model.awaiting, model, l10n)),
                               model.instructions.isEmpty ? .empty : el("section", [:], el("h2", [:], .text(l10n(.navInstructions))),
                                  el("ul", [:], model.instructions.map { instruction in
                                      el("li", [:], el("a", ["href": SiteURL.instruction(id: instruction.id.uuidString).path],
                                                       .text("№ \(instruction.number) · \(l10n.text(instruction.text).prefix(120))")),
                                         .text(" · " + instruction.deadline.dotted + " "),
                                         Figures.badge(instruction.status, overdue: instruction.isOverdue(today: model.today), l10n))
                                  })),
                               el("section", [:], el("h2", [:], .text(l10n(.myWorkNotifications))),
                                  model.notifications.isEmpty ? el("p", ["class": "muted"], .text(l10n(.myWorkNoNotifications))) :
                                  el("ul", ["class": "notifications"], model.notifications.map { item in
                                      el("li", ["class": item.isRead ? "read" : "unread"],
                                         el("time", [:], .text(Day(item.createdAt).dotted)), .text(" "),
                                         el("a", ["href": item.link], .text(l10n(item.key, item.arguments))))
                                  })),
                           ]))
    }
}
