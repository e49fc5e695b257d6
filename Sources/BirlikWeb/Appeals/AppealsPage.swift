import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// The way in for the public (file an appeal, follow it, the statistics) and the staff's register.
enum AppealsPage {
    static func landing(terms: AppealTerms, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.appealsTitle), crumbs: [Layout.Crumb(label: l10n(.appealsTitle), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.appealsTitle))),
            el("p", ["class": "lead"], .text(l10n(.appealsLead))),
            el("p", ["class": "actions"],
               el("a", ["class": "button", "href": SiteURL.appealNew.path], .text(l10n(.appealsNew))), " ",
               el("a", ["class": "button secondary", "href": SiteURL.appealStatistics.path], .text(l10n(.appealsStatistics))), " ",
               el("a", ["class": "button secondary", "href": SiteURL.appealAnswers.path], .text(l10n(.appealsAnswers))),
               context.actor.isSignedIn ? .group([" ", el("a", ["class": "button secondary", "id": "my-appeals", "href": SiteURL.appealsMine.path],
                                                         .text(l10n(.appealsMine)))]) : .empty),
            el("h2", [:], .text(l10n(.appealsHow))),
            el("ol", ["class": "steps"],
               el("li", [:], .text(l10n(.appealsHowRegister))),
               el("li", [:], .text(l10n(.appealsHowTerm, ["days": String(terms.answerDays), "forward": String(terms.forwardDays)]))),
               el("li", [:], .text(l10n(.appealsHowExtend, ["months": String(terms.maximumMonths)]))),
               el("li", [:], .text(l10n(.appealsHowAnswer)))),
            el("p", [:], .text(l10n(.appealsAnonymousNote))),
            el("p", [:], el("a", ["href": SiteURL.workingCalendar.path], .text(l10n(.calendarTitle))), " · ",
               el("a", ["href": SiteURL.mediators.path], .text(l10n(.mediatorsTitle))), " · ",
               el("a", ["href": SiteURL.publicControl.path], .text(l10n(.navControl)))),
        ]))
    }

    static func answers(_ answers: [AppealQueries.PublishedAnswer], _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.appealsAnswers), crumbs: [Layout.Crumb(label: l10n(.appealsTitle), url: SiteURL.appeals.path),
                                                                 Layout.Crumb(label: l10n(.appealsAnswers), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.appealsAnswers))),
            el("p", ["class": "lead"], .text(l10n(.appealsAnswersLead))),
            answers.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.appealsNone))) :
            el("ol", ["class": "published-answers", "id": "published-answers"], answers.map { answer in
                el("li", [:],
                   el("h2", [:], .text("\(answer.number) · \(l10n(answer.category.l10nKey)) · \(EarlyWarningPage.regionName(answer.place, l10n))")),
                   el("p", ["class": "muted"], .text("\(answer.answeredOn.dotted) · \(l10n(answer.outcome.l10nKey))")),
                   el("ol", [:], answer.answers.map { item in
                       el("li", [:], .text((item.outcome.map { l10n($0.l10nKey) + ": " } ?? "") + item.answer))
                   }))
            }),
        ]))
    }

    /// The appeals the signed-in account follows, each opening without its link.
    static func mine(_ rows: [AppealQueries.Row], today: Day, _ context: PageContext) -> String {
        let l10n = context.l10n
        let body: HTMLNode = rows.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.appealsMineEmpty))) :
            el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "my-appeals"],
                el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.appealNumber))), el("th", [:], .text(l10n(.appealRegistered))),
                                    el("th", [:], .text(l10n(.appealCategory))), el("th", [:], .text(l10n(.appealStatus))),
                                    el("th", [:], .text(l10n(.appealDue))))),
                el("tbody", [:], rows.map { row in
                    el("tr", [:],
                       el("td", [:], el("a", ["href": SiteURL.appealMine(id: row.id.uuidString).path], .text(row.number))),
                       el("td", [:], .text(row.registeredOn.dotted)),
                       el("td", [:], .text(l10n(row.category.l10nKey))),
                       el("td", [:], .text(l10n(row.status.l10nKey))),
                       el("td", [:], .text(row.status.isOpen ? row.dueOn.dotted : "–")))
                })))
        return Layout.page(title: l10n(.appealsMine), crumbs: [Layout.Crumb(label: l10n(.appealsTitle), url: SiteURL.appeals.path),
                                                              Layout.Crumb(label: l10n(.appealsMine), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.appealsMine))),
            el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.appealNew.path], .text(l10n(.appealsNew)))),
            body,
        ]))
    }

    static func list(_ rows: [AppealQueries.Row], councils: [UUID: String], status: Appeal.Status?, overdue: Bool, region: String?, today: Day,
                     _ context: PageContext) -> String {
        let l10n = context.l10n
        let filters = el("form", ["method": "get", "action": SiteURL.appeals.path, "class": "inline-filter"],
            Form.select("status", label: l10n(.appealStatus), options: Appeal.Status.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                        selected: status?.rawValue ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.directoryAny)),
            Form.select("region", label: l10n(.appealPlace), options: ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }.map { ($0.code, l10n.text($0.name)) },
                        selected: region ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.directoryAny)),
            Form.checkbox("overdue", label: l10n(.appealsOverdueOnly), checked: overdue),
            el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply))))
        let body: HTMLNode = rows.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.appealsNone))) :
            el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "appeals"],
                el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.appealNumber))), el("th", [:], .text(l10n(.appealRegistered))),
                                    el("th", [:], .text(l10n(.appealPlace))), el("th", [:], .text(l10n(.appealCategory))),
                                    el("th", [:], .text(l10n(.appealCouncil))), el("th", [:], .text(l10n(.appealStatus))),
                                    el("th", [:], .text(l10n(.appealDue))))),
                el("tbody", [:], rows.map { row in
                    el("tr", ["class": row.isOverdue(on: today) ? "overdue" : nil],
                       el("td", [:], el("a", ["href": SiteURL.appeal(id: row.id.uuidString).path], .text(row.number))),
                       el("td", [:], .text(row.registeredOn.dotted)),
                       el("td", [:], .text(EarlyWarningPage.regionName(row.place, l10n))),
                       el("td", [:], .text(l10n(row.category.l10nKey))),
                       el("td", [:], .text(councils[row.organizationID] ?? "")),
                       el("td", [:], .text(l10n(row.status.l10nKey))),
                       el("td", [:], .text(row.status.isOpen ? row.dueOn.dotted : "–"),
                          row.isOverdue(on: today) ? el("span", ["class": "badge late"], .text(" " + l10n(.appealOverdue))) : .empty))
                })))
        return Layout.page(title: l10n(.appealsTitle), crumbs: [Layout.Crumb(label: l10n(.appealsTitle), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.appealsTitle))),
                               el("p", ["class": "actions"],
                                  el("a", ["class": "button", "href": SiteURL.appealNew.path], .text(l10n(.appealsRegisterOral))), " ",
                                  el("a", ["class": "button secondary", "href": SiteURL.appealStatistics.path], .text(l10n(.appealsStatistics))), " ",
                                  el("a", ["class": "button secondary", "href": SiteURL.workingCalendar.path], .text(l10n(.calendarTitle))), " ",
                                  el("a", ["class": "button secondary", "href": SiteURL.publicControl.path], .text(l10n(.navControl)))),
                               filters,
                               el("p", ["class": "muted"], .text(l10n(.appealsShown, ["count": l10n.number(rows.count)]))),
                               body,
                           ]))
    }
}

/// The appeal form: the public's (no account needed) and the operator's, who also writes down oral
/// appeals into a protocol and appeals that came through eOtinish.
enum AppealFormPage {
    static func view(_ draft: AppealDraft, errors: Form.Errors, isOperator: Bool, _ context: PageContext) -> String {
        let l10n = context.l10n
        let places = AppealsController.places.map { ($0.code, $0.kind == .district ? "— " + l10n.text($0.name) : l10n.text($0.name)) }
        return Layout.page(title: l10n(.appealsNew), crumbs: [Layout.Crumb(label: l10n(.appealsTitle), url: SiteURL.appeals.path),
                                                             Layout.Crumb(label: l10n(.appealsNew), url: nil)], context: context,
                           content: .group([
                               el("h1", [:], .text(l10n(.appealsNew))),
                               el("p", ["class": "lead"], .text(l10n(.appealFormLead))),
                               Form.summary(errors, labels: labels(l10n), l10n: l10n),
                               el("form", ["method": "post", "action": SiteURL.appealNew.path, "id": "appeal-form"], Layout.csrfField(context),
                                  isOperator ? el("fieldset", ["class": "field"], el("legend", [:], .text(l10n(.appealChannel))),
                                                  Form.select("channel", label: l10n(.appealChannel), options: Appeal.Channel.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                                                              selected: draft.channel, errors: errors, l10n: l10n, required: true),
                                                  Form.text("reference", label: l10n(.appealReference), value: draft.reference, errors: errors, l10n: l10n,
                                                            hint: l10n(.appealReferenceHint))) : .empty,
                                  el("fieldset", ["class": "field"], el("legend", [:], .text(l10n(.appealApplicant))),
                                     Form.text("name", label: l10n(.appealName), value: draft.name, errors: errors, l10n: l10n, hint: l10n(.appealNameHint),
                                               autocomplete: "name"),
                                     Form.text("email", label: l10n(.orgEmail), value: draft.email, errors: errors, l10n: l10n, type: "email", autocomplete: "email"),
                                     Form.text("phone", label: l10n(.orgPhone), value: draft.phone, errors: errors, l10n: l10n, type: "tel", autocomplete: "tel"),
                                     Form.text("address", label: l10n(.orgAddress), value: draft.address, errors: errors, l10n: l10n, autocomplete: "address-line1")),
                                  Form.select("place", label: l10n(.appealPlace), options: places, selected: draft.place, errors: errors, l10n: l10n,
                                              required: true, anyLabel: l10n(.formChoose)),
                                  Form.select("category", label: l10n(.appealCategory), options: Appeal.Category.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                                              selected: draft.category, errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
                                  Form.textArea("text", label: l10n(.appealText), value: draft.text, errors: errors, l10n: l10n),
                                  Form.textArea("points", label: l10n(.appealPoints), value: draft.points, errors: errors, l10n: l10n, hint: l10n(.appealPointsHint)),
                                  Form.checkbox("mayPublish", label: l10n(.appealMayPublish), checked: draft.mayPublish),
                                  el("p", ["class": "hint"], .text(l10n(.appealPrivacy))),
                                  el("button", ["type": "submit", "class": "button"], .text(l10n(.appealSend)))),
                           ]))
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        ["name": l10n(.appealName), "email": l10n(.orgEmail), "phone": l10n(.orgPhone), "address": l10n(.orgAddress), "place": l10n(.appealPlace),
         "category": l10n(.appealCategory), "text": l10n(.appealText), "points": l10n(.appealPoints), "channel": l10n(.appealChannel),
         "reference": l10n(.appealReference), "grounds": l10n(.appealChallengeGrounds), "body": l10n(.appealForwardBody), "until": l10n(.appealExtendUntil),
         "reason": l10n(.appealExtendReason), "note": l10n(.appealCloseNote)]
    }
}
