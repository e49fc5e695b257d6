import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// The public register of mediators with the lookup by certificate number, and the Secretariat's form.
enum MediatorsPage {
    static func view(_ mediators: [Mediator], lookup: String?, found: Mediator?, organizations: [UUID: String], canEdit: Bool, _ context: PageContext) -> String {
        let l10n = context.l10n
        let languages = { (codes: [String]) in codes.map { code in L10nKey(rawValue: "mediation.language.\(code)").map { l10n($0) } ?? code }.joined(separator: ", ") }
        let lookupResult: HTMLNode = lookup.map { number in
            found.map { mediator in
                el("section", ["class": "notice", "id": "lookup-result", "role": "status"],
                   el("p", [:], el("strong", [:], .text(mediator.fullName))),
                   el("p", [:], .text("\(l10n(.mediatorCertificate)) \(mediator.certificateNumber) · \(l10n(mediator.kind.l10nKey)) · \(l10n(mediator.status.l10nKey))")),
                   el("p", [:], .text(languages(mediator.languages))))
            } ?? el("p", ["class": "notice warning", "id": "lookup-result", "role": "status"], .text(l10n(.mediatorNotFound, ["number": number])))
        } ?? .empty
        let rows = mediators.map { mediator in
            el("tr", [:], el("td", [:], .text(mediator.fullName)),
               el("td", [:], Certificate.looksLikeCode(mediator.certificateNumber)
                  ? el("a", ["href": SiteURL.certificate(code: mediator.certificateNumber).path], .text(mediator.certificateNumber)) : .text(mediator.certificateNumber)),
               el("td", [:], .text(l10n(mediator.kind.l10nKey))), el("td", [:], .text(languages(mediator.languages))),
               el("td", [:], .text(mediator.specialisations.map { l10n($0.l10nKey) }.joined(separator: ", "))),
               el("td", [:], .text(EarlyWarningPage.regionName(mediator.place, l10n))),
               el("td", [:], .text(l10n(mediator.status.l10nKey))),
               canEdit ? el("td", [:], .text(mediator.ties.compactMap { organizations[$0] }.joined(separator: "; ")),
                            el("form", ["method": "post", "action": SiteURL.mediatorStatus(id: mediator.id.uuidString).path, "class": "inline"], Layout.csrfField(context),
                               el("input", ["type": "hidden", "name": "version", "value": String(mediator.version)]),
                               el("input", ["type": "hidden", "name": "status", "value": mediator.status == .active ? "suspended" : "active"]),
                               el("button", ["type": "submit", "class": "button secondary small"],
                                  .text(l10n(mediator.status == .active ? .mediatorSuspend : .mediatorReinstate))))) : .empty)
        }
        return Layout.page(title: l10n(.mediatorsTitle), crumbs: [Layout.Crumb(label: l10n(.mediatorsTitle), url: nil)], context: context, wide: true, content: .group([
            el("h1", [:], .text(l10n(.mediatorsTitle))),
            el("p", ["class": "lead"], .text(l10n(.mediatorsLead))),
            el("form", ["method": "get", "action": SiteURL.mediators.path, "class": "inline-filter", "id": "lookup"],
               Form.text("certificate", label: l10n(.mediatorCertificate), value: lookup ?? "", errors: Form.Errors(), l10n: l10n),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.mediatorLookup)))),
            lookupResult,
            el("p", ["class": "actions"],
               canEdit ? el("a", ["class": "button", "href": SiteURL.mediatorNew.path], .text(l10n(.mediatorNew))) : .empty, " ",
               el("a", ["class": "button secondary", "href": SiteURL.mediationStatistics.path], .text(l10n(.mediationStatisticsTitle)))),
            el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "mediators"],
               el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.appealName))), el("th", [:], .text(l10n(.mediatorCertificate))),
                                   el("th", [:], .text(l10n(.mediatorKind))), el("th", [:], .text(l10n(.mediatorLanguages))),
                                   el("th", [:], .text(l10n(.mediatorSpecialisations))), el("th", [:], .text(l10n(.appealPlace))),
                                   el("th", [:], .text(l10n(.appealStatus))), canEdit ? el("th", [:], .text(l10n(.mediatorTies))) : .empty)),
               el("tbody", [:], rows))),
        ]))
    }

    static func form(_ form: MediationController.MediatorForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = ["fullName": l10n(.appealName), "certificateNumber": l10n(.mediatorCertificate), "kind": l10n(.mediatorKind),
                      "languages": l10n(.mediatorLanguages), "specialisations": l10n(.mediatorSpecialisations), "place": l10n(.appealPlace),
                      "accountEmail": l10n(.mediatorAccount), "organizationCode": l10n(.mediatorOrganization), "ties": l10n(.mediatorTies)]
        return Layout.page(title: l10n(.mediatorNew), crumbs: [Layout.Crumb(label: l10n(.mediatorsTitle), url: SiteURL.mediators.path),
                                                              Layout.Crumb(label: l10n(.mediatorNew), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.mediatorNew))),
            Form.summary(errors, labels: labels, l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.mediatorNew.path, "id": "mediator-form"], Layout.csrfField(context),
               Form.text("fullName", label: labels["fullName"]!, value: form.fullName ?? "", errors: errors, l10n: l10n, required: true),
               Form.text("certificateNumber", label: labels["certificateNumber"]!, value: form.certificateNumber ?? "", errors: errors, l10n: l10n, required: true),
               Form.select("kind", label: labels["kind"]!, options: Mediator.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }, selected: form.kind ?? "",
                           errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
               Form.checkboxes("languages", legend: labels["languages"]!, options: Mediator.languageCodes.map { code in
                   (code, L10nKey(rawValue: "mediation.language.\(code)").map { l10n($0) } ?? code) }, checked: Set(form.languages ?? []), errors: errors, l10n: l10n),
               Form.checkboxes("specialisations", legend: labels["specialisations"]!, options: DisputeType.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                               checked: Set(form.specialisations ?? []), errors: errors, l10n: l10n),
               Form.select("place", label: labels["place"]!, options: ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }.map { ($0.code, l10n.text($0.name)) },
                           selected: form.place ?? "", errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
               Form.text("organizationCode", label: labels["organizationCode"]!, value: form.organizationCode ?? "", errors: errors, l10n: l10n, hint: l10n(.orgCode)),
               Form.textArea("ties", label: labels["ties"]!, value: form.ties ?? "", errors: errors, l10n: l10n, hint: l10n(.mediatorTiesHint)),
               Form.text("accountEmail", label: labels["accountEmail"]!, value: form.accountEmail ?? "", errors: errors, l10n: l10n, type: "email",
                         hint: l10n(.mediatorAccountHint)),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.reportActionSave)))),
        ]))
    }
}
