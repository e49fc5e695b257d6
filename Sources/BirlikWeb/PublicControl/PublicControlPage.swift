import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// Public control pages: the plan and the cases, one case with its terms, recommendations and steps.
enum PublicControlPage {
    static func list(_ cases: [PublicControlCase], addressed: [PublicControlCase], names: [UUID: String], canPlan: Bool, today: Day, _ context: PageContext) -> String {
        let l10n = context.l10n
        func table(_ cases: [PublicControlCase], id: String) -> HTMLNode {
            el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": id],
               el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.appealNumber))), el("th", [:], .text(l10n(.controlCouncil))),
                                   el("th", [:], .text(l10n(.controlObject))), el("th", [:], .text(l10n(.controlSubject))),
                                   el("th", [:], .text(l10n(.controlPeriod))), el("th", [:], .text(l10n(.appealStatus))))),
               el("tbody", [:], cases.map { value in
                   el("tr", ["class": value.isLate(on: today) ? "overdue" : nil],
                      el("td", [:], el("a", ["href": SiteURL.publicControlCase(id: value.id.uuidString).path], .text(value.number))),
                      el("td", [:], .text(names[value.councilID] ?? "")), el("td", [:], .text(names[value.objectID] ?? "")),
                      el("td", [:], .text(value.subject)), el("td", [:], .text(value.plannedPeriod)),
                      el("td", [:], .text(l10n(value.status.l10nKey)), value.isLate(on: today) ? el("span", ["class": "badge late"], .text(" " + l10n(.appealOverdue))) : .empty))
               })))
        }
        return Layout.page(title: l10n(.controlTitle), crumbs: [Layout.Crumb(label: l10n(.controlTitle), url: nil)], context: context, wide: true, content: .group([
            el("h1", [:], .text(l10n(.controlTitle))),
            el("p", ["class": "lead"], .text(l10n(.controlLead))),
            canPlan ? el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.publicControlNew.path], .text(l10n(.controlPlan)))) : .empty,
            addressed.isEmpty ? .empty : .group([el("h2", [:], .text(l10n(.controlAddressed))), table(addressed, id: "addressed")]),
            cases.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.controlNone))) : table(cases, id: "control-cases"),
        ]))
    }

    static func form(_ form: PublicControlController.PlanForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = ["councilCode": l10n(.controlCouncil), "objectCode": l10n(.controlObject), "subject": l10n(.controlSubject), "period": l10n(.controlPeriod)]
        return Layout.page(title: l10n(.controlPlan), crumbs: [Layout.Crumb(label: l10n(.controlTitle), url: SiteURL.publicControl.path),
                                                              Layout.Crumb(label: l10n(.controlPlan), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.controlPlan))),
            Form.summary(errors, labels: labels, l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.publicControlNew.path, "id": "control-form"], Layout.csrfField(context),
               Form.text("councilCode", label: labels["councilCode"]!, value: form.councilCode ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.orgCode)),
               Form.text("objectCode", label: labels["objectCode"]!, value: form.objectCode ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.orgCode)),
               Form.textArea("subject", label: labels["subject"]!, value: form.subject ?? "", errors: errors, l10n: l10n),
               Form.text("period", label: labels["period"]!, value: form.period ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.controlPeriodHint)),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.controlPlan)))),
        ]))
    }

    static func stepForm(_ value: PublicControlCase, _ step: String, _ title: String, _ context: PageContext, _ fields: HTMLNode...) -> HTMLNode {
        Form.caseStep(.publicControlStep(id: value.id.uuidString), step: step, version: value.version, title: title, context, fields)
    }

    static func show(_ value: PublicControlCase, names: [UUID: String], canAct: Bool, canAnswer: Bool, today: Day, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let facts: [(L10nKey, String)] = [
            (.appealStatus, l10n(value.status.l10nKey)), (.controlCouncil, names[value.councilID] ?? ""), (.controlObject, names[value.objectID] ?? ""),
            (.controlSubject, value.subject), (.controlPeriod, value.plannedPeriod), (.controlStarted, value.startedOn?.dotted ?? "–"),
            (.controlFinalDue, value.finalDocumentDue?.dotted ?? "–"), (.controlFinalOn, value.finalDocumentOn?.dotted ?? "–"),
            (.controlAnswerDue, value.answerDue?.dotted ?? "–"), (.controlAnsweredOn, value.answeredOn?.dotted ?? "–"),
            (.controlHearing, value.hearingOn.map { "\($0.dotted), \(value.hearingPlace)" } ?? "–"),
        ]
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(.controlCaseTitle, ["number": value.number]))),
            el("dl", ["class": "facts"], .group(facts.map { key, text in .group([el("dt", [:], .text(l10n(key))), el("dd", [:], .text(text))]) })),
            value.findings.isEmpty ? .empty : .group([el("h2", [:], .text(l10n(.controlFindings))), el("p", ["class": "appeal-text"], .text(value.findings))]),
            value.recommendations.isEmpty ? .empty : .group([el("h2", [:], .text(l10n(.controlRecommendations))),
                el("ol", ["class": "points", "id": "recommendations"], value.recommendations.map { item in
                    el("li", [:], el("p", [:], el("strong", [:], .text(item.text))),
                       el("p", [:], .text(l10n(item.state.l10nKey) + (item.answer.isEmpty ? "" : ": " + item.answer))))
                })]),
            Form.summary(errors, labels: ["findings": l10n(.controlFindings), "recommendations": l10n(.controlRecommendations),
                                          "hearingOn": l10n(.controlHearing), "hearingPlace": l10n(.controlHearingPlace)], l10n: l10n),
        ]
        var forms: [HTMLNode] = []
        func allowed(_ step: PublicControlStep) -> Bool { step.allowedFrom.contains(value.status) }
        if canAct {
            if allowed(.start) { forms.append(stepForm(value, "start", l10n(.controlStepStart), context)) }
            if allowed(.finish), value.endedOn == nil { forms.append(stepForm(value, "finish", l10n(.controlStepFinish), context)) }
            if allowed(.finalDocument(findings: "", recommendations: [])) {
                forms.append(stepForm(value, "finalDocument", l10n(.controlStepFinal), context,
                                      Form.textArea("findings", label: l10n(.controlFindings), value: "", errors: errors, l10n: l10n),
                                      Form.textArea("recommendations", label: l10n(.controlRecommendations), value: "", errors: errors, l10n: l10n,
                                                    hint: l10n(.controlRecommendationsHint))))
            }
            if allowed(.hearing(on: today, place: "")) {
                forms.append(stepForm(value, "hearing", l10n(.controlStepHearing), context,
                                      Form.text("hearingOn", label: l10n(.controlHearing), value: "", errors: errors, l10n: l10n, type: "date", required: true),
                                      Form.text("hearingPlace", label: l10n(.controlHearingPlace), value: "", errors: errors, l10n: l10n, required: true)))
            }
            if allowed(.track([])) {
                forms.append(stepForm(value, "track", l10n(.controlStepTrack), context, .group(value.recommendations.enumerated().map { index, item in
                    Form.select("state\(index)", label: "\(index + 1). \(item.text.prefix(200))",
                                options: PublicControlCase.Recommendation.State.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                                selected: item.state.rawValue, errors: errors, l10n: l10n)
                })))
                forms.append(stepForm(value, "close", l10n(.controlStepClose), context))
            }
        }
        if canAnswer, allowed(.answer([])) {
            forms.append(stepForm(value, "answer", l10n(.controlStepAnswer), context, .group(value.recommendations.enumerated().map { index, item in
                el("fieldset", ["class": "field point"], el("legend", [:], .text("\(index + 1). \(item.text.prefix(300))")),
                   Form.select("accepted\(index)", label: l10n(.controlDecision), options: [("yes", l10n(.controlRecommendationAccepted)), ("no", l10n(.controlRecommendationRejected))],
                               selected: "", errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
                   Form.textArea("reason\(index)", label: l10n(.controlReason), value: "", errors: errors, l10n: l10n))
            })))
        }
        if !forms.isEmpty { sections.append(el("section", ["class": "appeal-actions", "id": "control-actions"], el("h2", [:], .text(l10n(.appealActions))), .group(forms))) }
        return Layout.page(title: l10n(.controlCaseTitle, ["number": value.number]),
                           crumbs: [Layout.Crumb(label: l10n(.controlTitle), url: SiteURL.publicControl.path), Layout.Crumb(label: value.number, url: nil)],
                           context: context, content: .group(sections))
    }
}
