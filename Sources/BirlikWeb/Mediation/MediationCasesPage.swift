import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// Mediation cases: the list, the intake form, one case with its steps, and the anonymised statistics.
enum MediationCasesPage {
    static func languageName(_ code: String, _ l10n: Localizer) -> String {
        L10nKey(rawValue: "mediation.language.\(code)").map { l10n($0) } ?? code
    }

    static func list(_ rows: [MediationQueries.Row], canOpen: Bool, today: Day, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.mediationTitle), crumbs: [Layout.Crumb(label: l10n(.mediationTitle), url: nil)], context: context, wide: true, content: .group([
            el("h1", [:], .text(l10n(.mediationTitle))),
            el("p", ["class": "actions"],
               canOpen ? el("a", ["class": "button", "href": SiteURL.mediationCaseNew.path], .text(l10n(.mediationOpen))) : .empty, " ",
               el("a", ["class": "button secondary", "href": SiteURL.mediators.path], .text(l10n(.mediatorsTitle))), " ",
               el("a", ["class": "button secondary", "href": SiteURL.mediationStatistics.path], .text(l10n(.mediationStatisticsTitle)))),
            rows.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.mediationNone))) :
            el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "mediation-cases"],
               el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.appealNumber))), el("th", [:], .text(l10n(.appealRegistered))),
                                   el("th", [:], .text(l10n(.appealPlace))), el("th", [:], .text(l10n(.mediationDispute))),
                                   el("th", [:], .text(l10n(.appealStatus))), el("th", [:], .text(l10n(.mediationTermEnds))))),
               el("tbody", [:], rows.map { row in
                   let late = row.termEndsOn.map { $0 < today && row.status == .contracted } ?? false
                   return el("tr", ["class": late ? "overdue" : nil],
                             el("td", [:], el("a", ["href": SiteURL.mediationCase(id: row.id.uuidString).path], .text(row.number))),
                             el("td", [:], .text(row.receivedOn.dotted)), el("td", [:], .text(EarlyWarningPage.regionName(row.place, l10n))),
                             el("td", [:], .text(l10n(row.disputeType.l10nKey) + (row.isInterethnic ? " · " + l10n(.mediationInterethnic) : ""))),
                             el("td", [:], .text(l10n(row.status.l10nKey))),
                             el("td", [:], .text(row.termEndsOn?.dotted ?? "–"), late ? el("span", ["class": "badge late"], .text(" " + l10n(.appealOverdue))) : .empty))
               }))),
        ]))
    }

    static func intake(_ intake: MediationStore.Intake, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = ["place": l10n(.appealPlace), "disputeType": l10n(.mediationDispute), "languages": l10n(.mediatorLanguages),
                      "parties": l10n(.mediationParties), "summary": l10n(.mediationSummary)]
        let origin = intake.originID.map { "\(intake.originKind.rawValue):\($0.uuidString)" } ?? ""
        return Layout.page(title: l10n(.mediationOpen), crumbs: [Layout.Crumb(label: l10n(.mediationTitle), url: SiteURL.mediationCases.path),
                                                                Layout.Crumb(label: l10n(.mediationOpen), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.mediationOpen))),
            intake.originID == nil ? .empty : el("p", ["class": "notice", "id": "origin"], .text(l10n(.mediationFrom, ["origin": l10n(originKey(intake.originKind))]))),
            Form.summary(errors, labels: labels, l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.mediationCaseNew.path, "id": "intake-form"], Layout.csrfField(context),
               el("input", ["type": "hidden", "name": "origin", "value": origin]),
               Form.select("place", label: labels["place"]!, options: AppealsController.places.map { ($0.code, l10n.text($0.name)) }, selected: intake.place,
                           errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
               Form.select("disputeType", label: labels["disputeType"]!, options: DisputeType.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                           selected: intake.disputeType, errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
               Form.checkbox("interethnic", label: l10n(.mediationInterethnic), checked: intake.isInterethnic),
               Form.checkboxes("languages", legend: labels["languages"]!, options: Mediator.languageCodes.map { ($0, languageName($0, l10n)) },
                               checked: Set(intake.languages), errors: errors, l10n: l10n),
               Form.textArea("parties", label: labels["parties"]!, value: intake.parties, errors: errors, l10n: l10n, hint: l10n(.mediationPartiesHint)),
               Form.textArea("summary", label: labels["summary"]!, value: intake.summary, errors: errors, l10n: l10n),
               el("p", ["class": "hint"], .text(l10n(.mediationConfidentialHint))),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.mediationOpen)))),
        ]))
    }

    /// "Open a mediation case" on an alert, a signal or an appeal, for those who may open one there.
    static func openButton(origin: String, _ context: PageContext) -> HTMLNode {
        guard MediationController.canOpen(context.actor) else { return .empty }
        return el("p", ["class": "actions"], el("a", ["class": "button secondary", "id": "open-mediation", "href": SiteURL.mediationCaseNew.with([("origin", origin)])],
                                               .text(context.l10n(.mediationOpen))))
    }

    static func originKey(_ kind: MediationCase.OriginKind) -> L10nKey {
        switch kind {
        case .alert: .mediationOriginAlert
        case .signal: .mediationOriginSignal
        case .appeal: .mediationOriginAppeal
        case .direct: .mediationOriginDirect
        }
    }

    struct Model {
        var value: MediationCase
        var opened: Bool
        var mediator: Mediator?
        var candidates: [(Mediator, [ConflictOfInterest])]
        var canSupervise: Bool
        var canMediate: Bool
        var today: Day
    }

    static func show(_ model: Model, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let value = model.value
        var facts: [(L10nKey, String)] = [
            (.appealStatus, l10n(value.status.l10nKey)), (.appealRegistered, value.receivedOn.dotted),
            (.appealPlace, EarlyWarningPage.regionName(value.place, l10n)),
            (.mediationDispute, l10n(value.disputeType.l10nKey) + (value.isInterethnic ? " · " + l10n(.mediationInterethnic) : "")),
            (.mediatorLanguages, value.languages.map { languageName($0, l10n) }.joined(separator: ", ")),
            (.mediationOrigin, l10n(originKey(value.originKind))),
            (.mediationMediator, model.mediator.map { "\($0.fullName) (\($0.certificateNumber))" } ?? "–"),
            (.mediationTermEnds, value.termEndsOn?.dotted ?? "–"), (.mediationSessions, l10n.number(value.sessionCount)),
        ]
        if !value.note.isEmpty { facts.append((.calendarNote, value.note)) }
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(.mediationCaseTitle, ["number": value.number]))),
            el("dl", ["class": "facts"], .group(facts.map { key, text in .group([el("dt", [:], .text(l10n(key))), el("dd", [:], .text(text))]) })),
            originLink(value, l10n),
            Form.summary(errors, labels: ["mediator": l10n(.mediationMediator), "override": l10n(.mediationOverride), "note": l10n(.calendarNote),
                                          "termDays": l10n(.mediationTermDays), "date": l10n(.calendarDay), "outcome": l10n(.mediationSessionOutcome),
                                          "agreement": l10n(.mediationAgreementTerms), "reason": l10n(.mediationBreakGlassReasonLabel)], l10n: l10n),
        ]
        if model.opened {
            sections.append(el("section", ["class": "confidential", "id": "confidential"],
                el("h2", [:], .text(l10n(.mediationConfidential))),
                el("h3", [:], .text(l10n(.mediationParties))),
                el("ul", [:], value.confidential.parties.map(party)),
                el("h3", [:], .text(l10n(.mediationSummary))), el("p", [:], .text(value.confidential.summary)),
                value.confidential.sessions.isEmpty ? .empty : el("h3", [:], .text(l10n(.mediationSessions))),
                el("ol", [:], value.confidential.sessions.map { el("li", [:], .text("\($0.date.dotted): \($0.outcome)")) }),
                value.confidential.agreement.isEmpty ? .empty : .group([el("h3", [:], .text(l10n(.mediationAgreementTerms))),
                                                                        el("p", ["class": "appeal-text"], .text(value.confidential.agreement))]),
                value.agreementSHA256.isEmpty ? .empty : el("p", [:],
                    el("a", ["class": "button secondary", "href": SiteURL.mediationAgreement(id: value.id.uuidString).path], .text(l10n(.mediationAgreementDownload))), .text(" "),
                    el("a", ["class": "button secondary", "href": SiteURL.mediationAgreementPDF(id: value.id.uuidString).path], .text(l10n(.mediationAgreementPdf))),
                    el("br", [:]), el("small", ["class": "muted"], .text(l10n(.mediationAgreementHash, ["format": "DOCX", "hash": value.agreementSHA256]))),
                    value.agreementPDFSHA256.isEmpty ? .empty : .group([el("br", [:]), el("small", ["class": "muted"], .text(l10n(.mediationAgreementHash, ["format": "PDF", "hash": value.agreementPDFSHA256])))]))))
            sections += steps(model, errors: errors, context)
        } else {
            sections.append(el("form", ["method": "post", "action": SiteURL.mediationBreakGlass(id: value.id.uuidString).path, "id": "break-glass", "class": "step-form"],
                               Layout.csrfField(context), el("h2", [:], .text(l10n(.mediationBreakGlass))),
                               el("p", [:], .text(l10n(.mediationBreakGlassLead))),
                               Form.textArea("reason", label: l10n(.mediationBreakGlassReasonLabel), value: "", errors: errors, l10n: l10n),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.mediationBreakGlass)))))
            if model.canSupervise { sections += steps(model, errors: errors, context) }
        }
        return Layout.page(title: l10n(.mediationCaseTitle, ["number": value.number]),
                           crumbs: [Layout.Crumb(label: l10n(.mediationTitle), url: SiteURL.mediationCases.path), Layout.Crumb(label: value.number, url: nil)],
                           context: context, content: .group(sections))
    }

    /// A party with what is known of them: IIN, phone, address (shown only inside the opened part).
    static func party(_ party: MediationCase.Party) -> HTMLNode {
        let contacts = [party.iin, party.phone, party.address].filter { !$0.isEmpty }
        return el("li", [:], .text(party.name), contacts.isEmpty ? .empty : el("small", ["class": "muted"], .text(" — " + contacts.joined(separator: " · "))))
    }

    static func originLink(_ value: MediationCase, _ l10n: Localizer) -> HTMLNode {
        guard let id = value.originID?.uuidString else { return .empty }
        let url: String? = switch value.originKind {
        case .signal: SiteURL.signal(id: id).path
        case .alert: SiteURL.alert(id: id).path
        case .appeal: SiteURL.appeal(id: id).path
        case .direct: nil
        }
        return url.map { el("p", [:], el("a", ["href": $0, "id": "origin-link"], .text(l10n(originKey(value.originKind))))) } ?? .empty
    }

    static func form(_ value: MediationCase, step: String, title: String, _ context: PageContext, _ fields: HTMLNode...) -> HTMLNode {
        Form.caseStep(.mediationStep(id: value.id.uuidString), step: step, version: value.version, title: title, context, fields)
    }

    static func steps(_ model: Model, errors: Form.Errors, _ context: PageContext) -> [HTMLNode] {
        let l10n = context.l10n
        let value = model.value
        func allowed(_ step: MediationStep) -> Bool { step.allowedFrom.contains(value.status) }
        let note = { (label: L10nKey) in Form.textArea("note", label: l10n(label), value: "", errors: errors, l10n: l10n) }
        var forms: [HTMLNode] = []
        if model.canSupervise {
            if allowed(.screen) { forms.append(form(value, step: "screen", title: l10n(.mediationStepScreen), context)) }
            if allowed(.consultationOnly(note: "")) { forms.append(form(value, step: "consultationOnly", title: l10n(.mediationStepConsultation), context, note(.calendarNote))) }
            if allowed(.inadmissible(reason: "")) { forms.append(form(value, step: "inadmissible", title: l10n(.mediationStepInadmissible), context, note(.calendarNote))) }
            if allowed(.assign(Mediator(fullName: "", certificateNumber: "", kind: .professional, languages: [], specialisations: [], place: "", organizationID: nil),
                               account: nil, override: "")), model.opened {
                let options = model.candidates.map { mediator, conflicts in
                    (mediator.id.uuidString, "\(mediator.fullName) · \(mediator.languages.map { languageName($0, l10n) }.joined(separator: ", "))"
                        + (conflicts.isEmpty ? "" : " · ⚠ " + l10n(.mediationConflictShort)))
                }
                forms.append(form(value, step: "assign", title: l10n(.mediationStepAssign), context,
                                  Form.select("mediator", label: l10n(.mediationMediator), options: options, selected: "", errors: errors, l10n: l10n,
                                              required: true, anyLabel: l10n(.formChoose)),
                                  Form.textArea("override", label: l10n(.mediationOverride), value: "", errors: errors, l10n: l10n, hint: l10n(.mediationOverrideHint))))
            }
            if allowed(.followUp(note: "")) { forms.append(form(value, step: "followUp", title: l10n(.mediationStepFollowUp), context, note(.calendarNote))) }
            if allowed(.close(note: "")) { forms.append(form(value, step: "close", title: l10n(.mediationStepClose), context, note(.calendarNote))) }
            if allowed(.reopen(reason: "")) { forms.append(form(value, step: "reopen", title: l10n(.mediationStepReopen), context, note(.calendarNote))) }
        }
        if model.canMediate, model.opened {
            if allowed(.signContract(termDays: 30)) {
                forms.append(form(value, step: "signContract", title: l10n(.mediationStepContract), context,
                                  Form.text("termDays", label: l10n(.mediationTermDays), value: "30", errors: errors, l10n: l10n, type: "number", required: true)))
            }
            if allowed(.session(model.today, outcome: "")) {
                forms.append(form(value, step: "session", title: l10n(.mediationStepSession), context,
                                  Form.text("date", label: l10n(.calendarDay), value: model.today.description, errors: errors, l10n: l10n, type: "date", required: true),
                                  Form.textArea("outcome", label: l10n(.mediationSessionOutcome), value: "", errors: errors, l10n: l10n)))
                forms.append(form(value, step: "agreement", title: l10n(.mediationStepAgreement), context,
                                  Form.textArea("agreement", label: l10n(.mediationAgreementTerms), value: "", errors: errors, l10n: l10n,
                                                hint: l10n(.mediationAgreementHint))))
                forms.append(form(value, step: "end", title: l10n(.mediationStepEnd), context, note(.calendarNote)))
            }
        }
        return forms.isEmpty ? [] : [el("section", ["class": "appeal-actions", "id": "mediation-actions"], el("h2", [:], .text(l10n(.appealActions))), .group(forms))]
    }

    static func statistics(_ cells: [MediationQueries.Cell], year: Int, _ context: PageContext) -> String {
        let l10n = context.l10n
        let dash = "–"
        return Layout.page(title: l10n(.mediationStatisticsTitle), crumbs: [Layout.Crumb(label: l10n(.mediationStatisticsTitle), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.mediationStatisticsTitle))),
            el("p", ["class": "lead"], .text(l10n(.mediationStatisticsLead, ["min": String(MediationQueries.smallestCell), "year": String(year)]))),
            cells.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.appealStatsNone))) :
            el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "mediation-statistics"],
               el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.appealPlace))), el("th", [:], .text(l10n(.mediationDispute))),
                                   el("th", ["class": "number"], .text(l10n(.mediationCases))), el("th", ["class": "number"], .text(l10n(.mediationInterethnic))),
                                   el("th", ["class": "number"], .text(l10n(.mediationAgreements))), el("th", ["class": "number"], .text(l10n(.mediationMedianDays))))),
               el("tbody", [:], cells.map { cell in
                   el("tr", [:], el("th", ["scope": "row"], .text(EarlyWarningPage.regionName(cell.region, l10n))),
                      el("td", [:], .text(DisputeType(rawValue: cell.disputeType).map { l10n($0.l10nKey) } ?? cell.disputeType)),
                      el("td", ["class": "number"], .text(cell.cases.map(l10n.number) ?? l10n(.mediationSuppressed, ["min": String(MediationQueries.smallestCell)]))),
                      el("td", ["class": "number"], .text(cell.interethnic.map(l10n.number) ?? dash)),
                      el("td", ["class": "number"], .text(cell.agreements.map(l10n.number) ?? dash)),
                      el("td", ["class": "number"], .text(cell.medianDays.map(l10n.number) ?? dash)))
               }))),
        ]))
    }
}
