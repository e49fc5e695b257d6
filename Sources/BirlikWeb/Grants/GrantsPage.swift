import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The pages of the grant plan: the plan and its calls, a lot, a call with its applications, the
/// commission's public minutes.
enum GrantsPage {
    static func crumbs(_ l10n: Localizer, _ last: String?) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.grantsTitle), url: last == nil ? nil : SiteURL.grants.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    static func overview(lots: [GrantLot], calls: [GrantCall], mine: [GrantApplication], isOperator: Bool, today: Day, _ context: PageContext) -> String {
        let l10n = context.l10n
        let lotRows: [[HTMLNode]] = lots.map { lot in
            [el("a", ["href": SiteURL.grantLot(code: lot.code).path, "class": "code-link"], .text(lot.code)), .text(lot.title),
             .text(EarlyWarningPage.regionName(lot.region, l10n)), .text(lot.budget.description),
             .text(l10n(.grantsMonths, ["count": String(lot.termMonths)])), .text(l10n(lot.status.l10nKey))]
        }
        let callRows: [[HTMLNode]] = calls.map { call in
            [el("a", ["href": SiteURL.grantCall(code: call.code).path, "class": "code-link"], .text(call.code)), .text(call.title),
             .text("\(call.opensOn.dotted) – \(call.closesOn.dotted)"), .text(l10n(call.phase(on: today).l10nKey)),
             el("a", ["href": SiteURL.grantMinutes(code: call.code).path], .text(l10n(.grantsMinutes)))]
        }
        return Layout.page(title: l10n(.grantsTitle), crumbs: crumbs(l10n, nil), context: context, content: .group([
            el("h1", [:], .text(l10n(.grantsTitle))),
            el("p", ["class": "lead"], .text(l10n(.grantsLead))),
            isOperator ? el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.grantLotNew.path], .text(l10n(.grantsNewLot))), .text(" "),
                            el("a", ["class": "button secondary", "href": SiteURL.grantCallNew.path], .text(l10n(.grantsNewCall))), .text(" "),
                            el("a", ["class": "button secondary", "href": SiteURL.reviews.path], .text(l10n(.reviewsTitle)))) : .empty,
            mine.isEmpty ? .empty : .group([
                el("h2", [:], .text(l10n(.grantsMine))),
                Layout.table([l10n(.grantsNumber), l10n(.grantsProjectTitle), l10n(.grantsStatus)], mine.map { application in
                    [el("a", ["href": SiteURL.grantApplication(id: application.id.uuidString).path, "class": "code-link"], .text(application.number)),
                     .text(application.title), .text(l10n(application.status.l10nKey))]
                }, id: "my-applications"),
            ]),
            el("h2", [:], .text(l10n(.grantsCalls))),
            calls.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.grantsNoCalls))) :
                Layout.table([l10n(.grantsCode), l10n(.grantsCallTitle), l10n(.grantsWindow), l10n(.grantsStatus), l10n(.grantsMinutes)], callRows, id: "calls"),
            el("h2", [:], .text(l10n(.grantsPlan))),
            lots.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.grantsNoLots))) :
                Layout.table([l10n(.grantsCode), l10n(.grantsLotTitle), l10n(.appealPlace), l10n(.grantsBudget), l10n(.grantsTerm), l10n(.grantsStatus)], lotRows, id: "lots"),
            el("h2", [:], .text(l10n(.grantsOpenData))),
            el("p", [:], .text(l10n(.grantsOpenDataLead)), .text(" "),
               el("a", ["href": SiteURL.grants360JSON.path], .text("JSON")), .text(" · "),
               el("a", ["href": SiteURL.grants360CSV.path], .text("CSV"))),
        ]))
    }

    static func lotLabels(_ l10n: Localizer) -> [String: String] {
        ["title": l10n(.grantsLotTitle), "justification": l10n(.grantsJustification), "termsOfReference": l10n(.grantsTermsOfReference),
         "budget": l10n(.grantsBudget), "termMonths": l10n(.grantsTermMonthsLabel), "region": l10n(.appealPlace), "measureCodes": l10n(.grantsMeasures),
         "lots": l10n(.grantsLots), "opensOn": l10n(.grantsOpensOn), "closesOn": l10n(.grantsClosesOn), "winners": l10n(.grantsWinners)]
    }

    static func lotFields(_ form: GrantsController.LotForm, errors: Form.Errors, _ l10n: Localizer) -> [HTMLNode] {
        let labels = lotLabels(l10n)
        return [
            Form.text("title", label: labels["title"]!, value: form.title ?? "", errors: errors, l10n: l10n, required: true),
            Form.textArea("justification", label: labels["justification"]!, value: form.justification ?? "", errors: errors, l10n: l10n,
                          hint: l10n(.grantsJustificationHint)),
            Form.textArea("termsOfReference", label: labels["termsOfReference"]!, value: form.termsOfReference ?? "", errors: errors, l10n: l10n),
            Form.text("budget", label: labels["budget"]!, value: form.budget ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.charityAmountHint)),
            Form.text("termMonths", label: labels["termMonths"]!, value: form.termMonths ?? "", errors: errors, l10n: l10n, type: "number", required: true),
            Form.select("region", label: labels["region"]!, options: ReferenceData.regions.filter { $0.kind != .district }.map { ($0.code, l10n.text($0.name)) },
                        selected: form.region ?? "", errors: errors, l10n: l10n, required: true),
            Form.textArea("measureCodes", label: labels["measureCodes"]!, value: form.measureCodes ?? "", errors: errors, l10n: l10n,
                          hint: l10n(.grantsMeasuresHint)),
            Form.text("winners", label: labels["winners"]!, value: form.winners ?? "", errors: errors, l10n: l10n, type: "number", hint: l10n(.grantsWinnersHint)),
        ]
    }

    static func lotForm(_ form: GrantsController.LotForm, code: String?, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.grantsNewLot), crumbs: crumbs(l10n, l10n(.grantsNewLot)), context: context, content: .group([
            el("h1", [:], .text(l10n(.grantsNewLot))),
            Form.summary(errors, labels: lotLabels(l10n), l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.grantLotNew.path, "id": "lot-form"], Layout.csrfField(context),
               .group(lotFields(form, errors: errors, l10n)),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.grantsSaveLot)))),
        ]))
    }

    static func lot(_ lot: GrantLot, measures: [MeasureReferences.MeasureLink], canEdit: Bool, form: GrantsController.LotForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = lotLabels(l10n)
        var sections: [HTMLNode] = [
            el("h1", [:], .text(lot.title)),
            el("p", ["class": "muted"], .text("\(lot.code) · \(l10n(lot.status.l10nKey))" + (lot.publishedOn.map { " · \($0.dotted)" } ?? ""))),
            Form.summary(errors, labels: labels, l10n: l10n),
            Layout.facts([(labels["budget"]!, lot.budget.description), (l10n(.grantsTerm), l10n(.grantsMonths, ["count": String(lot.termMonths)])),
                   (labels["region"]!, EarlyWarningPage.regionName(lot.region, l10n))]
                  + (lot.winners.map { [(l10n(.grantsNomination), l10n(.grantsNominationLine, ["count": String($0)]))] } ?? [])),
            el("h2", [:], .text(labels["justification"]!)), el("p", ["class": "prose"], .text(lot.justification)),
            el("h2", [:], .text(labels["termsOfReference"]!)), el("p", ["class": "prose"], .text(lot.termsOfReference)),
            el("h2", [:], .text(labels["measureCodes"]!)),
            el("ul", ["id": "lot-measures"], measures.map { measure in
                el("li", [:], el("a", ["href": SiteURL.measure(id: measure.id.uuidString).path], .text(measure.reference)), .text(" " + l10n.text(measure.title)))
            }),
        ]
        if canEdit {
            sections.append(el("form", ["method": "post", "action": SiteURL.grantLotPublish(code: lot.code).path, "id": "publish-form", "class": "step-form"],
                               Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(lot.version)]),
                               el("h3", [:], .text(l10n(.grantsPublishLot))), el("p", ["class": "hint"], .text(l10n(.grantsPublishHint))),
                               el("button", ["type": "submit", "class": "button"], .text(l10n(.grantsPublishLot)))))
            sections.append(el("form", ["method": "post", "action": SiteURL.grantLot(code: lot.code).path, "id": "lot-form", "class": "step-form"],
                               Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(form.version ?? lot.version)]),
                               el("h3", [:], .text(l10n(.grantsEditLot))), .group(lotFields(form, errors: errors, l10n)),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.grantsSaveLot)))))
        }
        return Layout.page(title: lot.title, crumbs: crumbs(l10n, lot.code), context: context, content: .group(sections))
    }

    static func callForm(_ form: GrantsController.CallForm, lots: [GrantLot], errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = lotLabels(l10n)
        return Layout.page(title: l10n(.grantsNewCall), crumbs: crumbs(l10n, l10n(.grantsNewCall)), context: context, content: .group([
            el("h1", [:], .text(l10n(.grantsNewCall))),
            Form.summary(errors, labels: labels.merging(["title": l10n(.grantsCallTitle)]) { $1 }, l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.grantCallNew.path, "id": "call-form"], Layout.csrfField(context),
               Form.text("title", label: l10n(.grantsCallTitle), value: form.title ?? "", errors: errors, l10n: l10n, required: true),
               Form.text("lots", label: labels["lots"]!, value: form.lots ?? "", errors: errors, l10n: l10n, required: true,
                         hint: l10n(.grantsLotsHint, ["codes": lots.map(\.code).joined(separator: ", ")])),
               Form.text("opensOn", label: labels["opensOn"]!, value: form.opensOn ?? "", errors: errors, l10n: l10n, type: "date", required: true),
               Form.text("closesOn", label: labels["closesOn"]!, value: form.closesOn ?? "", errors: errors, l10n: l10n, type: "date", required: true),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.grantsNewCall)))),
        ]))
    }

    struct CallModel {
        var call: GrantCall
        var lots: [GrantLot]
        var applications: [GrantApplication]
        var reviews: [UUID: ReviewSummary]
        var names: [UUID: String]
        var isOperator: Bool
        var canApply: Bool
        var form: GrantsController.ApplicationForm
        var today: Day
    }

    static func applicationLabels(_ l10n: Localizer) -> [String: String] {
        ["lotCode": l10n(.grantsLot), "language": l10n(.grantsLanguageLabel), "title": l10n(.grantsProjectTitle), "summary": l10n(.grantsSummary),
         "budget": l10n(.grantsBudget), "budgetNotes": l10n(.grantsBudgetNotes), "file": l10n(.importFile), "note": l10n(.grantsNote),
         "reason": l10n(.charityReverseReason), "reviewer": l10n(.reviewReviewer), "minutes": l10n(.grantsMinutesNumber), "votes": l10n(.grantsVotes),
         "amount": l10n(.grantsAmountAwarded), "contractNumber": l10n(.grantsContractNumber), "text": l10n(.grantsReportText), "kind": l10n(.grantsReportKind),
         "trancheAmount0": l10n(.grantsTranches), "trancheAmount1": l10n(.grantsTranches), "trancheAmount2": l10n(.grantsTranches),
         "trancheAmount3": l10n(.grantsTranches), "trancheDue0": l10n(.grantsTranches), "trancheDue1": l10n(.grantsTranches),
         "trancheDue2": l10n(.grantsTranches), "trancheDue3": l10n(.grantsTranches), "step": l10n(.grantsStatus)]
    }

    static func applicationFields(_ form: GrantsController.ApplicationForm, errors: Form.Errors, _ l10n: Localizer) -> [HTMLNode] {
        let labels = applicationLabels(l10n)
        return [
            Form.select("language", label: labels["language"]!, options: [("kk", l10n(.langKk)), ("ru", l10n(.langRu))], selected: form.language ?? "",
                        errors: errors, l10n: l10n, required: true),
            Form.text("title", label: labels["title"]!, value: form.title ?? "", errors: errors, l10n: l10n, required: true),
            Form.textArea("summary", label: labels["summary"]!, value: form.summary ?? "", errors: errors, l10n: l10n, hint: l10n(.grantsSummaryHint)),
            Form.text("budget", label: labels["budget"]!, value: form.budget ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.charityAmountHint)),
            Form.textArea("budgetNotes", label: labels["budgetNotes"]!, value: form.budgetNotes ?? "", errors: errors, l10n: l10n),
        ]
    }

    static func call(_ model: CallModel, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let call = model.call
        var sections: [HTMLNode] = [
            el("h1", [:], .text(call.title)),
            el("p", ["class": "muted"], .text("\(call.code) · \(l10n(call.phase(on: model.today).l10nKey))")),
            Layout.facts([(l10n(.grantsWindow), "\(call.opensOn.dotted) – \(call.closesOn.dotted)")]),
            el("h2", [:], .text(l10n(.grantsLots))),
            Layout.table([l10n(.grantsCode), l10n(.grantsLotTitle), l10n(.appealPlace), l10n(.grantsBudget)], model.lots.map { lot in
                [el("a", ["href": SiteURL.grantLot(code: lot.code).path, "class": "code-link"], .text(lot.code)), .text(lot.title),
                 .text(EarlyWarningPage.regionName(lot.region, l10n)), .text(lot.budget.description)]
            }, id: "call-lots"),
            el("p", [:], el("a", ["href": SiteURL.grantMinutes(code: call.code).path], .text(l10n(.grantsMinutes)))),
        ]
        if model.isOperator {
            sections += nominationForms(model, context)
            if !errors.isEmpty, !model.canApply { sections.append(Form.summary(errors, labels: applicationLabels(l10n), l10n: l10n)) }
        }
        if model.canApply {
            sections.append(el("form", ["method": "post", "action": SiteURL.grantApply(code: call.code).path, "id": "apply-form", "class": "step-form"],
                               Layout.csrfField(context), el("h2", [:], .text(l10n(.grantsApply))),
                               Form.summary(errors, labels: applicationLabels(l10n), l10n: l10n),
                               el("p", ["class": "hint"], .text(l10n(.grantsApplyHint))),
                               Form.select("lotCode", label: l10n(.grantsLot), options: model.lots.map { ($0.code, "\($0.code) · \($0.title)") },
                                           selected: model.form.lotCode ?? "", errors: errors, l10n: l10n, required: true),
                               .group(applicationFields(model.form, errors: errors, l10n)),
                               el("button", ["type": "submit", "class": "button"], .text(l10n(.grantsSaveDraft)))))
        } else if !errors.isEmpty, !model.isOperator {
            sections.append(Form.summary(errors, labels: applicationLabels(l10n), l10n: l10n))
        }
        if !model.applications.isEmpty {
            let ranking = Dictionary(uniqueKeysWithValues: ReviewSummary.ranking(model.applications.map { ($0.id, model.reviews[$0.id] ?? ReviewSummary([], form: .grants)) })
                .map { ($0.id, $0.rank) })
            var header = [l10n(.grantsNumber), l10n(.grantsApplicant), l10n(.grantsLot), l10n(.grantsProjectTitle), l10n(.grantsBudget), l10n(.grantsStatus)]
            if model.isOperator { header += [l10n(.reviewMean), l10n(.reviewRank)] }
            let lots = Dictionary(uniqueKeysWithValues: model.lots.map { ($0.id, $0.code) })
            sections.append(el("h2", [:], .text(l10n(.grantsApplications))))
            sections.append(Layout.table(header, model.applications.map { application in
                var row: [HTMLNode] = [
                    el("a", ["href": SiteURL.grantApplication(id: application.id.uuidString).path, "class": "code-link"], .text(application.number)),
                    .text(model.names[application.applicantID] ?? ""), .text(lots[application.lotID] ?? ""), .text(application.title),
                    .text(application.budget.description),
                    .group([.text(l10n(application.status.l10nKey)),
                            application.isLate(on: model.today) ? el("span", ["class": "badge status-overdue"], .text(" " + l10n(.grantsLate))) : .empty]),
                ]
                if model.isOperator {
                    let summary = model.reviews[application.id]
                    row.append(.group([.text(summary?.mean.map { l10n.decimal($0, digits: 1) } ?? "—"),
                                       summary?.disagreement == true ? el("span", ["class": "badge status-overdue"], .text(" " + l10n(.reviewDisagreement))) : .empty]))
                    row.append(.text((ranking[application.id] ?? nil).map(String.init) ?? "—"))
                }
                return row
            }, id: "applications"))
        }
        return Layout.page(title: call.title, crumbs: crumbs(l10n, call.code), context: context, wide: true, content: .group(sections))
    }

    /// For each nomination of the call whose winners are named but not yet given their shares: the form
    /// that splits the prize.
    static func nominationForms(_ model: CallModel, _ context: PageContext) -> [HTMLNode] {
        let l10n = context.l10n
        let waiting = Set(model.applications.filter(\.awaitsShare).map(\.lotID))
        return model.lots.filter { waiting.contains($0.id) }.map { lot in
            el("form", ["method": "post", "action": SiteURL.grantNominationFinalise(code: model.call.code, lot: lot.code).path,
                        "id": "finalise-\(lot.code)", "class": "step-form"], Layout.csrfField(context),
               el("h3", [:], .text(l10n(.grantsFinaliseNomination) + " · " + lot.code)),
               el("p", ["class": "hint"], .text(l10n(.grantsFinaliseHint, ["prize": lot.budget.description, "count": lot.winners.map(String.init) ?? ""]))),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.grantsFinaliseNomination))))
        }
    }

    static func minutes(_ call: GrantCall, lines: [GrantQueries.MinutesLine], _ context: PageContext) -> String {
        let l10n = context.l10n
        let rows: [[HTMLNode]] = lines.map { line in
            let decision = line.application.decision
            return [.text(line.lot?.code ?? ""), .text(line.rank.map(String.init) ?? "—"), .text(line.application.number),
                    .text(line.applicant.map { l10n.text($0.name) } ?? ""), .text(line.application.title),
                    .text(decision?.meanScore.map { l10n.decimal($0, digits: 1) } ?? "—"),
                    el("ul", ["class": "votes"], (decision?.votes ?? []).map { el("li", [:], .text("\($0.member): \(l10n($0.choice.l10nKey))")) }),
                    .text(decision.map { $0.awarded ? l10n(.grantsStatusAwarded) + " · " + $0.amount.description : l10n(.grantsStatusRejected) } ?? ""),
                    .text(decision.map { "\($0.minutes) · \($0.on.dotted)" } ?? "")]
        }
        return Layout.page(title: l10n(.grantsMinutes), crumbs: crumbs(l10n, l10n(.grantsMinutes)), context: context, wide: true, content: .group([
            el("h1", [:], .text(l10n(.grantsMinutes))),
            el("p", ["class": "lead"], .text("\(call.code) · \(call.title)")),
            el("p", [:], .text(l10n(.grantsMinutesLead))),
            lines.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.grantsNoDecisions))) :
                Layout.table([l10n(.grantsLot), l10n(.reviewRank), l10n(.grantsNumber), l10n(.grantsApplicant), l10n(.grantsProjectTitle), l10n(.reviewMean),
                       l10n(.grantsVotes), l10n(.grantsDecision), l10n(.grantsMinutesNumber)], rows, id: "minutes"),
        ]))
    }
}
