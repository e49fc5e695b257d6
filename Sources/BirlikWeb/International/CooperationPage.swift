import BirlikCore
import BirlikDocuments
import Foundation

/// The cooperation pages: partners abroad and agreements (public once signed, never their
/// confidential clauses), alerts before agreements end and overdue obligations for the keepers, and an
/// agreement with its steps and obligations.
enum CooperationPage {
    static func crumbs(_ l10n: Localizer, _ last: String?) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.cooperationTitle), url: last == nil ? nil : SiteURL.cooperation.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    static func stateText(_ agreement: Agreement, today: Day, _ l10n: Localizer) -> String {
        let state = agreement.state(on: today)
        guard state == .expiring, let left = agreement.daysLeft(on: today) else { return l10n(state.l10nKey) }
        return l10n(state.l10nKey) + " · " + l10n(.cooperationDaysLeft, ["days": String(left)])
    }

    static func overview(partners: [Partner], agreements: [Agreement], today: Day, canKeep: Bool, partnerForm: CooperationController.PartnerForm,
                         errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let byID = Dictionary(uniqueKeysWithValues: partners.map { ($0.id, $0) })
        let expiring = agreements.filter { $0.state(on: today) == .expiring }
        let overdue = agreements.flatMap { agreement in agreement.obligations.filter { $0.isOverdue(on: today) }.map { (agreement, $0) } }
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(.cooperationTitle))),
            el("p", ["class": "lead"], .text(l10n(.cooperationLead))),
            Form.summary(errors, labels: partnerLabels(l10n), l10n: l10n),
        ]
        if !expiring.isEmpty {
            sections.append(el("div", ["class": "notice warning", "role": "status", "id": "expiring"],
                               el("p", [:], .text(l10n(.cooperationExpiringAlert))),
                               el("ul", [:], expiring.map { agreement in
                                   el("li", [:], el("a", ["href": SiteURL.cooperationAgreement(code: agreement.code).path], .text(agreement.title)),
                                      .text(" — " + l10n(.cooperationEndsOn, ["date": agreement.endsOn?.dotted ?? ""]) + " · "
                                            + l10n(.cooperationDaysLeft, ["days": String(agreement.daysLeft(on: today) ?? 0)])))
                               })))
        }
        if canKeep, !overdue.isEmpty {
            sections.append(el("h2", ["id": "overdue"], .text(l10n(.cooperationOverdue))))
            sections.append(Layout.table([l10n(.cooperationObligation), l10n(.cooperationDue), l10n(.cooperationAgreement)], overdue.map { agreement, obligation in
                [.text(obligation.text), .text(obligation.dueOn.dotted), el("a", ["href": SiteURL.cooperationAgreement(code: agreement.code).path], .text(agreement.code))]
            }, id: "overdue-obligations"))
        }
        sections.append(el("h2", [:], .text(l10n(.cooperationAgreements))))
        if canKeep { sections.append(el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.cooperationAgreementNew.path], .text(l10n(.cooperationNewAgreement))))) }
        sections.append(agreements.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.cooperationNoAgreements))) :
            Layout.table([l10n(.cooperationAgreement), l10n(.cooperationKind), l10n(.cooperationPartners), l10n(.cooperationSignedOn), l10n(.cooperationEndsOnLabel),
                          l10n(.grantsStatus)], agreements.map { agreement in
                [el("a", ["href": SiteURL.cooperationAgreement(code: agreement.code).path], .text(agreement.title)), .text(l10n(agreement.kind.l10nKey)),
                 .text(agreement.partnerIDs.compactMap { byID[$0]?.name }.joined(separator: "; ")), .text(agreement.signedOn?.dotted ?? "—"),
                 .text(agreement.endsOn?.dotted ?? l10n(.cooperationOpenEnded)), .text(stateText(agreement, today: today, l10n))]
            }, id: "agreements"))
        sections.append(el("h2", [:], .text(l10n(.cooperationPartners))))
        sections.append(partners.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.cooperationNoPartners))) :
            el("ul", ["class": "partner-list"], partners.map { partner in
                el("li", ["id": partner.code],
                   el("a", ["href": SiteURL.cooperationPartner(code: partner.code).path], el("strong", [:], .text(partner.name))),
                   el("p", ["class": "muted"], .text([l10n(partner.kind.l10nKey), partner.country, partner.identifier, partner.active ? "" : l10n(.cooperationInactive)]
                        .filter { !$0.isEmpty }.joined(separator: " · "))),
                   partner.website.isEmpty ? .empty : el("p", [:], el("a", ["href": partner.website, "rel": "noopener"], .text(partner.website))),
                   partner.languageCourses.isEmpty ? .empty : el("p", [:], .text(l10n(.cooperationLanguageCourses) + ": " + partner.languageCourses)),
                   partner.events.isEmpty ? .empty : el("p", [:], .text(l10n(.cooperationEvents) + ": " + partner.events)))
            }))
        if canKeep {
            sections.append(el("form", ["method": "post", "action": SiteURL.cooperationPartners.path, "id": "partner-form", "class": "step-form"],
                Layout.csrfField(context), el("h3", [:], .text(l10n(.cooperationAddPartner))), .group(partnerFields(partnerForm, errors: errors, l10n)),
                el("button", ["type": "submit", "class": "button"], .text(l10n(.cooperationAddPartner)))))
        }
        return Layout.page(title: l10n(.cooperationTitle), crumbs: crumbs(l10n, nil), context: context, content: .group(sections))
    }

    static func partnerFields(_ form: CooperationController.PartnerForm, errors: Form.Errors, _ l10n: Localizer) -> [HTMLNode] {
        let labels = partnerLabels(l10n)
        return [
            Form.select("kind", label: labels["kind"]!, options: Partner.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }, selected: form.kind ?? "",
                        errors: errors, l10n: l10n, required: true),
            Form.text("name", label: labels["name"]!, value: form.name ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("country", label: labels["country"]!, value: form.country ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.cooperationCountryHint)),
            Form.text("identifier", label: labels["identifier"]!, value: form.identifier ?? "", errors: errors, l10n: l10n, hint: l10n(.cooperationOrgIDHint)),
            Form.text("website", label: labels["website"]!, value: form.website ?? "", errors: errors, l10n: l10n, type: "url"),
            Form.textArea("languageCourses", label: labels["languageCourses"]!, value: form.languageCourses ?? "", errors: errors, l10n: l10n),
            Form.textArea("events", label: labels["events"]!, value: form.events ?? "", errors: errors, l10n: l10n),
        ]
    }

    /// A partner: what the register says of it, the agreements with it, and (for its keepers) the edit form
    /// where it is also made inactive (then no longer public).
    static func partner(_ partner: Partner, agreements: [Agreement], today: Day, canEdit: Bool, form: CooperationController.PartnerForm,
                        errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = partnerLabels(l10n)
        var sections: [HTMLNode] = [
            el("h1", [:], .text(partner.name)),
            el("p", ["class": "muted"], .text(partner.code)),
            Form.summary(errors, labels: labels, l10n: l10n),
            Layout.facts([(labels["kind"]!, l10n(partner.kind.l10nKey)), (labels["country"]!, partner.country), (labels["identifier"]!, partner.identifier),
                          (labels["website"]!, partner.website), (labels["languageCourses"]!, partner.languageCourses), (labels["events"]!, partner.events),
                          (l10n(.grantsStatus), partner.active ? "" : l10n(.cooperationInactive))].filter { !$0.1.isEmpty }, id: "partner-facts"),
            el("h2", [:], .text(l10n(.cooperationAgreements))),
            agreements.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.cooperationNoAgreements))) :
                el("ul", [:], agreements.map { agreement in
                    el("li", [:], el("a", ["href": SiteURL.cooperationAgreement(code: agreement.code).path], .text(agreement.title)),
                       .text(" · " + stateText(agreement, today: today, l10n)))
                }),
        ]
        if canEdit {
            sections.append(el("form", ["method": "post", "action": SiteURL.cooperationPartner(code: partner.code).path, "id": "partner-form", "class": "step-form"],
                               Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(form.version ?? partner.version)]),
                               el("h3", [:], .text(l10n(.cooperationEditPartner))), .group(partnerFields(form, errors: errors, l10n)),
                               Form.checkbox("active", label: l10n(.cooperationActive), checked: form.active ?? partner.active),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.newsSave)))))
        }
        return Layout.page(title: partner.name, crumbs: crumbs(l10n, partner.code), context: context, content: .group(sections))
    }

    static func partnerLabels(_ l10n: Localizer) -> [String: String] {
        ["kind": l10n(.cooperationPartnerKind), "name": l10n(.cooperationPartnerName), "country": l10n(.cooperationCountryLabel),
         "identifier": l10n(.cooperationIdentifier), "website": l10n(.cooperationWebsite), "languageCourses": l10n(.cooperationLanguageCourses),
         "events": l10n(.cooperationEvents)]
    }

    static func agreementLabels(_ l10n: Localizer) -> [String: String] {
        ["kind": l10n(.cooperationKind), "title": l10n(.cooperationAgreementTitle), "summary": l10n(.cooperationSummary),
         "confidential": l10n(.cooperationConfidential), "partners": l10n(.cooperationPartnerCodes), "region": l10n(.appealPlace),
         "endsOn": l10n(.cooperationEndsOnLabel), "until": l10n(.cooperationNewEnd), "renewal": l10n(.cooperationRenewal), "signedOn": l10n(.cooperationSignedOn), "place": l10n(.cooperationPlace),
         "signatories": l10n(.cooperationSignatories), "startsOn": l10n(.cooperationStartsOn), "reason": l10n(.eventsReason), "text": l10n(.cooperationObligation),
         "dueOn": l10n(.cooperationDue), "measureCode": l10n(.cooperationMeasure), "eventCode": l10n(.cooperationEvent), "obligation": l10n(.cooperationObligation),
         "step": l10n(.grantsStatus)]
    }

    static func agreementFields(_ form: CooperationController.AgreementForm, errors: Form.Errors, _ l10n: Localizer) -> [HTMLNode] {
        let labels = agreementLabels(l10n)
        return [
            Form.select("kind", label: labels["kind"]!, options: Agreement.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }, selected: form.kind ?? "",
                        errors: errors, l10n: l10n, required: true),
            Form.text("title", label: labels["title"]!, value: form.title ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("partners", label: labels["partners"]!, value: form.partners ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.cooperationPartnerCodesHint)),
            Form.textArea("summary", label: labels["summary"]!, value: form.summary ?? "", errors: errors, l10n: l10n, hint: l10n(.cooperationSummaryHint)),
            Form.textArea("confidential", label: labels["confidential"]!, value: form.confidential ?? "", errors: errors, l10n: l10n,
                          hint: l10n(.cooperationConfidentialHint)),
            Form.select("region", label: labels["region"]!, options: CoursesPage.regionOptions(l10n), selected: form.region ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("endsOn", label: labels["endsOn"]!, value: form.endsOn ?? "", errors: errors, l10n: l10n, type: "date"),
            Form.select("renewal", label: labels["renewal"]!, options: Agreement.Renewal.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                        selected: form.renewal ?? "", errors: errors, l10n: l10n, required: true),
        ]
    }

    static func agreementForm(_ form: CooperationController.AgreementForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.cooperationNewAgreement), crumbs: crumbs(l10n, l10n(.cooperationNewAgreement)), context: context, content: .group([
            el("h1", [:], .text(l10n(.cooperationNewAgreement))),
            Form.summary(errors, labels: agreementLabels(l10n), l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.cooperationAgreementNew.path, "id": "agreement-form"], Layout.csrfField(context),
               .group(agreementFields(form, errors: errors, l10n)), el("button", ["type": "submit", "class": "button"], .text(l10n(.newsSave)))),
        ]))
    }

    static func agreement(_ agreement: Agreement, partners: [Partner], keeper: LocalizedText?, today: Day, canEdit: Bool,
                          form: CooperationController.AgreementForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = agreementLabels(l10n)
        let state = agreement.state(on: today)
        var sections: [HTMLNode] = [
            el("h1", [:], .text(agreement.title)),
            el("p", ["class": "muted"], .text(agreement.code)),
            Form.summary(errors, labels: labels, l10n: l10n),
            state == .expiring ? el("p", ["class": "notice warning", "role": "status"], .text(l10n(.cooperationEndsSoon, ["date": agreement.endsOn?.dotted ?? "",
                                                                                                                       "days": String(agreement.daysLeft(on: today) ?? 0)]))) : .empty,
            agreement.summary.isEmpty ? .empty : el("p", ["class": "lead"], .text(agreement.summary)),
            Layout.facts([
                (labels["kind"]!, l10n(agreement.kind.l10nKey)), (l10n(.cooperationPartners), partners.map { "\($0.name) (\($0.country))" }.joined(separator: "; ")),
                (l10n(.cooperationKazakhSide), keeper.map { l10n.text($0) } ?? ""), (labels["signatories"]!, agreement.signatories),
                (labels["signedOn"]!, agreement.signedOn.map { "\($0.dotted), \(agreement.place)" } ?? ""), (labels["startsOn"]!, agreement.startsOn?.dotted ?? ""),
                (labels["endsOn"]!, agreement.endsOn?.dotted ?? l10n(.cooperationOpenEnded)), (labels["renewal"]!, l10n(agreement.renewal.l10nKey)),
                (l10n(.grantsStatus), stateText(agreement, today: today, l10n)), (labels["reason"]!, agreement.terminationReason ?? ""),
            ].filter { !$0.1.isEmpty }, id: "agreement-facts"),
        ]
        if canEdit, !agreement.confidential.isEmpty {
            sections.append(el("section", ["class": "confidential", "id": "confidential"], el("h2", [:], .text(labels["confidential"]!)),
                               el("p", ["class": "hint"], .text(l10n(.cooperationConfidentialHint))), el("p", [:], .text(agreement.confidential))))
        }
        sections.append(el("h2", [:], .text(l10n(.cooperationObligations))))
        sections.append(agreement.obligations.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.cooperationNoObligations))) :
            Layout.table([labels["text"]!, labels["dueOn"]!, l10n(.cooperationCarriedBy), l10n(.grantsStatus)], agreement.obligations.map { obligation in
                let carried: [HTMLNode] = [obligation.measureCode.isEmpty ? nil : HTMLNode.text(obligation.measureCode),
                                           obligation.eventCode.isEmpty ? nil : el("a", ["href": SiteURL.event(code: obligation.eventCode).path], .text(obligation.eventCode))].compactMap { $0 }
                let status: HTMLNode = obligation.doneOn.map { .text(l10n(.cooperationDoneOn, ["date": $0.dotted])) }
                    ?? (obligation.isOverdue(on: today) ? el("strong", ["class": "overdue"], .text(l10n(.cooperationOverdueOne))) : .text(l10n(.cooperationOpen)))
                return [.text(obligation.text), .text(obligation.dueOn.dotted), .group(carried), status]
            }, id: "obligations"))
        if canEdit {
            let v = agreement.version
            func step(_ name: String, _ title: String, _ fields: [HTMLNode]) -> HTMLNode {
                Form.caseStep(.cooperationAgreementStep(code: agreement.code), step: name, version: v, title: title, context, fields)
            }
            switch agreement.status {
            case .draft:
                sections.append(step("sign", l10n(.cooperationSign), [
                    Form.text("signedOn", label: labels["signedOn"]!, value: today.description, errors: errors, l10n: l10n, type: "date", required: true),
                    Form.text("place", label: labels["place"]!, value: "", errors: errors, l10n: l10n, required: true),
                    Form.textArea("signatories", label: labels["signatories"]!, value: "", errors: errors, l10n: l10n),
                ]))
            case .signed:
                sections.append(step("enterIntoForce", l10n(.cooperationEnterIntoForce), [
                    Form.text("startsOn", label: labels["startsOn"]!, value: today.description, errors: errors, l10n: l10n, type: "date", required: true),
                ]))
            case .inForce, .renewed:
                if agreement.renewal != .none, let ends = agreement.endsOn {
                    sections.append(step("renew", l10n(.cooperationRenew), [
                        Form.text("until", label: labels["until"]!, value: ends.adding(months: 12).description, errors: errors, l10n: l10n, type: "date", required: true),
                    ]))
                }
            case .terminated:
                break
            }
            if agreement.status != .terminated {
                sections.append(step("obligation", l10n(.cooperationAddObligation), [
                    Form.textArea("text", label: labels["text"]!, value: "", errors: errors, l10n: l10n),
                    Form.text("dueOn", label: labels["dueOn"]!, value: "", errors: errors, l10n: l10n, type: "date", required: true),
                    Form.text("measureCode", label: labels["measureCode"]!, value: "", errors: errors, l10n: l10n, hint: l10n(.cooperationMeasureHint)),
                    Form.text("eventCode", label: labels["eventCode"]!, value: "", errors: errors, l10n: l10n, hint: l10n(.cooperationEventHint)),
                ]))
                for obligation in agreement.obligations where obligation.doneOn == nil {
                    sections.append(Form.caseStep(.cooperationAgreementStep(code: agreement.code), step: "fulfil", version: v,
                                                  title: l10n(.cooperationFulfil, ["text": obligation.text]), key: obligation.id.uuidString.lowercased(), context,
                                                  [el("input", ["type": "hidden", "name": "obligation", "value": obligation.id.uuidString])]))
                }
                if agreement.status != .draft {
                    sections.append(step("terminate", l10n(.cooperationTerminate), [Form.textArea("reason", label: labels["reason"]!, value: "", errors: errors, l10n: l10n)]))
                }
                sections.append(el("form", ["method": "post", "action": SiteURL.cooperationAgreement(code: agreement.code).path, "id": "agreement-form", "class": "step-form"],
                                   Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(form.version ?? v)]),
                                   el("h3", [:], .text(l10n(.cooperationEdit))), .group(agreementFields(form, errors: errors, l10n)),
                                   el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.newsSave)))))
            }
        }
        return Layout.page(title: agreement.title, crumbs: crumbs(l10n, agreement.code), context: context, content: .group(sections))
    }
}
