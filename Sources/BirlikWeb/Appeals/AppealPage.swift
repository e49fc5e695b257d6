import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// The recorded steps of an appeal as notices: the applicant's page and the staff's page both show
/// exactly this list, so what one reads the other reads.
enum AppealTimeline {
    static func render(_ events: [AppealEvent], _ l10n: Localizer, staff: Bool) -> HTMLNode {
        el("ol", ["class": "timeline", "id": "appeal-timeline"], events.map { event in
            el("li", [:],
               el("time", ["datetime": Day(event.at).description], .text(Day(event.at).dotted)), " ",
               el("strong", [:], .text(l10n(event.status.l10nKey))), el("br", [:]),
               .text(l10n(event.noticeKey, noticeArguments(event, l10n))),
               staff && !event.actor.isEmpty ? el("span", ["class": "muted"], .text(" · " + l10n.argument(event.actor))) : .empty)
        })
    }

    /// The answer's outcome is stored as its code; the notice names it in the reader's language.
    static func noticeArguments(_ event: AppealEvent, _ l10n: Localizer) -> [String: String] {
        var arguments = event.noticeArguments
        if event.status == .answered, let outcome = Appeal.Outcome(rawValue: event.note) { arguments["note"] = l10n(outcome.l10nKey) }
        return arguments
    }

    /// Each point raised with its outcome and answer.
    static func answers(_ appeal: Appeal, _ l10n: Localizer) -> HTMLNode {
        guard appeal.outcome != nil else { return .empty }
        return el("section", ["id": "appeal-answer"],
                  el("h2", [:], .text(l10n(.appealAnswer) + ": " + l10n(appeal.outcome?.l10nKey ?? .appealAnswer))),
                  el("ol", ["class": "points"], appeal.points.map { point in
                      el("li", [:], el("p", [:], el("strong", [:], .text(point.request))),
                         el("p", [:], .text(point.outcome.map { l10n($0.l10nKey) } ?? ""), .text(": "), .text(point.answer)))
                  }))
    }
}

/// The applicant's page: the receipt (number, link, deadline), every notice, the answer and, once
/// answered, the challenge form.
enum AppealStatusPage {
    /// How the applicant came: by the secret link (shown again, with its QR code, and an offer to follow
    /// the appeal in the account of whoever is signed in), or through the account that follows it.
    enum Entry {
        case link(token: String, absolute: String, follow: Follow)
        case account(id: UUID)

        enum Follow { case offered, following, hidden }

        var challengeURL: String {
            switch self {
            case let .link(token, _, _): SiteURL.appealChallenge(token: token).path
            case let .account(id): SiteURL.appealMineChallenge(id: id.uuidString).path
            }
        }
    }

    static func entryBlock(_ entry: Entry, _ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        switch entry {
        case let .link(token, link, follow):
            let following: HTMLNode = switch follow {
            case .hidden: .empty
            case .following: el("p", ["class": "notice", "id": "appeal-followed"], el("a", ["href": SiteURL.appealsMine.path], .text(l10n(.appealFollowed))))
            case .offered: el("form", ["method": "post", "action": SiteURL.appealFollow(token: token).path, "id": "follow-form"], Layout.csrfField(context),
                              el("p", ["class": "hint"], .text(l10n(.appealFollowHint))),
                              el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.appealFollow))))
            }
            return .group([
                el("p", ["class": "hint"], .text(l10n(.appealKeepLink))),
                el("p", ["class": "status-link"], el("a", ["href": SiteURL.appealStatus(token: token).path, "rel": "noreferrer"], .text(link))),
                QRCode(text: link).map { el("figure", ["class": "qr-code", "id": "status-qr"], $0.svg(label: l10n(.appealQrLabel)),
                                            el("figcaption", [:], .text(l10n(.appealQrLabel)))) } ?? .empty,
                el("p", ["class": "print-hint"], .text(l10n(.appealPrintHint))),
                following,
            ])
        case .account:
            return el("p", ["class": "notice", "id": "appeal-followed"], el("a", ["href": SiteURL.appealsMine.path], .text(l10n(.appealFollowed))))
        }
    }

    static func view(_ appeal: Appeal, events: [AppealEvent], entry: Entry, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let crumbs = switch entry {
        case .link: [Layout.Crumb(label: l10n(.appealsTitle), url: SiteURL.appeals.path), Layout.Crumb(label: appeal.number, url: nil)]
        case .account: [Layout.Crumb(label: l10n(.appealsMine), url: SiteURL.appealsMine.path), Layout.Crumb(label: appeal.number, url: nil)]
        }
        return Layout.page(title: l10n(.appealStatusTitle, ["number": appeal.number]),
                           crumbs: crumbs,
                           context: context, content: .group([
                               el("h1", [:], .text(l10n(.appealStatusTitle, ["number": appeal.number]))),
                               el("section", ["class": "receipt", "id": "receipt"],
                                  el("dl", ["class": "facts"],
                                     el("dt", [:], .text(l10n(.appealNumber))), el("dd", ["id": "appeal-number"], .text(appeal.number)),
                                     el("dt", [:], .text(l10n(.appealRegistered))), el("dd", [:], .text(appeal.registeredOn.dotted)),
                                     el("dt", [:], .text(l10n(.appealStatus))), el("dd", ["id": "appeal-status"], .text(l10n(appeal.status.l10nKey))),
                                     appeal.status.isOpen ? .group([el("dt", [:], .text(l10n(.appealDue))), el("dd", ["id": "appeal-due"], .text(appeal.dueOn.dotted))]) : .empty,
                                     el("dt", [:], .text(l10n(.appealCategory))), el("dd", [:], .text(l10n(appeal.category.l10nKey)))),
                                  entryBlock(entry, context)),
                               el("h2", [:], .text(l10n(.appealNotices))),
                               AppealTimeline.render(events, l10n, staff: false),
                               AppealTimeline.answers(appeal, l10n),
                               Form.summary(errors, labels: AppealFormPage.labels(l10n), l10n: l10n),
                               appeal.status == .answered
                                ? el("form", ["method": "post", "action": entry.challengeURL, "id": "challenge-form"], Layout.csrfField(context),
                                     el("h2", [:], .text(l10n(.appealChallenge))),
                                     Form.textArea("grounds", label: l10n(.appealChallengeGrounds), value: "", errors: errors, l10n: l10n),
                                     el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.appealChallenge))))
                                : .empty,
                           ]))
    }
}

/// One appeal for the staff who handle it: what was asked, by whom, the notices so far, and the steps
/// the current status allows.
enum AppealPage {
    struct Model {
        var appeal: Appeal
        var events: [AppealEvent]
        var council: String
        var canAct: Bool
        var canRaiseSignal: Bool
        var today: Day
        var workingDaysLeft: Int
        var latestExtension: Day
    }

    static func view(_ model: Model, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let appeal = model.appeal
        let overdue = appeal.isOverdue(on: model.today)
        let facts: [(L10nKey, HTMLNode)] = [
            (.appealStatus, .text(l10n(appeal.status.l10nKey))),
            (.appealRegistered, .text(appeal.registeredOn.dotted + " · " + l10n(appeal.channel.l10nKey) + (appeal.reference.isEmpty ? "" : " · " + appeal.reference))),
            (.appealDue, appeal.status.isOpen
                ? .group([.text(appeal.dueOn.dotted + " · "),
                          overdue ? el("strong", ["class": "late"], .text(l10n(.appealOverdue)))
                                  : .text(l10n(.appealWorkingDaysLeft, ["count": l10n.number(model.workingDaysLeft)]))])
                : .text("–")),
            (.appealPlace, .text(EarlyWarningPage.regionName(appeal.place, l10n))),
            (.appealCategory, .text(l10n(appeal.category.l10nKey))),
            (.appealCouncil, .text(model.council)),
            (.appealName, .text(appeal.applicant.name)),
            (.orgEmail, .text(appeal.applicant.email)),
            (.orgPhone, .text(appeal.applicant.phone)),
            (.orgAddress, .text(appeal.applicant.address)),
            (.appealPublishConsent, .text(l10n(appeal.mayPublish ? .commonYes : .commonNo))),
            (.appealForwardBody, .text(appeal.forwardedTo)),
        ]
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(.appealTitle, ["number": appeal.number]))),
            el("dl", ["class": "facts"], .group(facts.filter { key, _ in key != .appealForwardBody || !appeal.forwardedTo.isEmpty }.map { key, value in
                .group([el("dt", [:], .text(l10n(key))), el("dd", [:], value)])
            })),
            el("h2", [:], .text(l10n(.appealText))),
            el("p", ["class": "appeal-text", "lang": appeal.language.htmlTag], .text(appeal.text)),
            appeal.signalID.map { el("p", [:], el("a", ["href": SiteURL.signal(id: $0.uuidString).path], .text(l10n(.appealSignalRaised)))) } ?? .empty,
            MediationCasesPage.openButton(origin: "appeal:\(appeal.id.uuidString)", context),
            Access.check(context.actor, .create, .instruction, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false)) == .allowed
                ? el("p", ["class": "actions"], el("a", ["class": "button secondary", "id": "make-instruction",
                                                          "href": SiteURL.instructionNew.with([("appeal", appeal.id.uuidString)])], .text(l10n(.appealMakeInstruction))))
                : .empty,
            el("h2", [:], .text(l10n(.appealNotices))),
            AppealTimeline.render(model.events, l10n, staff: true),
            AppealTimeline.answers(appeal, l10n),
            Form.summary(errors, labels: AppealFormPage.labels(l10n), l10n: l10n),
        ]
        if model.canAct { sections += actions(model, errors: errors, context) }
        return Layout.page(title: l10n(.appealTitle, ["number": appeal.number]),
                           crumbs: [Layout.Crumb(label: l10n(.appealsTitle), url: SiteURL.appeals.path), Layout.Crumb(label: appeal.number, url: nil)],
                           context: context, content: .group(sections))
    }

    static func stepForm(_ appeal: Appeal, step: String, title: String, button: String, _ context: PageContext, _ fields: HTMLNode...) -> HTMLNode {
        Form.caseStep(.appealStep(id: appeal.id.uuidString), step: step, version: appeal.version, title: title, button: button, context, fields)
    }

    static func actions(_ model: Model, errors: Form.Errors, _ context: PageContext) -> [HTMLNode] {
        let l10n = context.l10n
        let appeal = model.appeal
        var forms: [HTMLNode] = []
        func allowed(_ step: AppealStep) -> Bool { step.allowedFrom.contains(appeal.status) }
        if allowed(.accept) {
            forms.append(stepForm(appeal, step: "accept", title: l10n(.appealStepAccept), button: l10n(.appealStepAccept), context))
        }
        if allowed(.startReview) {
            forms.append(stepForm(appeal, step: "startReview", title: l10n(.appealStepStartReview), button: l10n(.appealStepStartReview), context))
        }
        if allowed(.answer([])) {
            forms.append(stepForm(appeal, step: "answer", title: l10n(.appealStepAnswer), button: l10n(.appealStepAnswer), context,
                .group(appeal.points.enumerated().map { index, point in
                    el("fieldset", ["class": "field point"], el("legend", [:], .text("\(index + 1). \(point.request.prefix(300))")),
                       Form.select("outcome\(index)", label: l10n(.appealOutcome), options: Appeal.Outcome.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                                   selected: point.outcome?.rawValue ?? "", errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
                       Form.textArea("answer\(index)", label: l10n(.appealAnswer), value: point.answer, errors: errors, l10n: l10n))
                })))
        }
        if allowed(.extend(until: appeal.dueOn, reason: "")) {
            forms.append(stepForm(appeal, step: "extend", title: l10n(.appealStepExtend), button: l10n(.appealStepExtend), context,
                Form.text("until", label: l10n(.appealExtendUntil), value: "", errors: errors, l10n: l10n, type: "date", required: true,
                          hint: l10n(.appealExtendHint, ["date": model.latestExtension.dotted])),
                Form.textArea("reason", label: l10n(.appealExtendReason), value: "", errors: errors, l10n: l10n)))
        }
        if allowed(.forward(body: "")) {
            forms.append(stepForm(appeal, step: "forward", title: l10n(.appealStepForward), button: l10n(.appealStepForward), context,
                Form.text("body", label: l10n(.appealForwardBody), value: appeal.forwardedTo, errors: errors, l10n: l10n, required: true)))
        }
        if allowed(.close(note: "")) {
            forms.append(stepForm(appeal, step: "close", title: l10n(.appealStepClose), button: l10n(.appealStepClose), context,
                Form.textArea("note", label: l10n(.appealCloseNote), value: "", errors: errors, l10n: l10n)))
        }
        if model.canRaiseSignal {
            forms.append(el("form", ["method": "post", "action": SiteURL.appealSignal(id: appeal.id.uuidString).path, "id": "raise-signal", "class": "step-form"],
                            Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(appeal.version)]),
                            el("h3", [:], .text(l10n(.appealRaiseSignal))), el("p", ["class": "hint"], .text(l10n(.appealRaiseSignalHint))),
                            el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.appealRaiseSignal)))))
        }
        return forms.isEmpty ? [] : [el("section", ["class": "appeal-actions", "id": "appeal-actions"], el("h2", [:], .text(l10n(.appealActions))), .group(forms))]
    }
}
