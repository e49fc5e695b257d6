import BirlikCore
import BirlikDocuments

/// The form that creates or edits an organisation, with inline errors.
enum OrganizationFormPage {
    struct Model {
        var draft: OrganizationDraft
        /// `nil` for a new organisation.
        var existingCode: String?
        var errors: Form.Errors
        var regions: [Region]
        var ethnicGroups: [EthnicGroup]
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let draft = model.draft
        let errors = model.errors
        let title = l10n(model.existingCode == nil ? .orgCreateTitle : .orgEditTitle)
        let action = model.existingCode.map { SiteURL.organizationEdit(code: $0).path } ?? SiteURL.organizationNew.path
        let labels: [String: String] = [
            "code": l10n(.orgCode), "type": l10n(.orgType), "nameKK": l10n(.orgNameKK), "nameRU": l10n(.orgNameRU),
            "nameEN": l10n(.orgNameEN), "regionCode": l10n(.orgRegion), "parentCode": l10n(.orgParentCode),
            "email": l10n(.orgEmail), "bin": l10n(.orgBin), "website": l10n(.orgWebsite), "phone": l10n(.orgPhone),
            "languages": l10n(.orgLanguages), "ethnicGroups": l10n(.orgEthnicGroups),
        ]
        let form = el("form", ["method": "post", "action": action, "class": "stacked", "novalidate": ""],
            Layout.csrfField(context),
            el("input", ["type": "hidden", "name": "version", "value": String(draft.version)]),
            Form.summary(errors, labels: labels, l10n: l10n),
            el("fieldset", [:], el("legend", [:], .text(l10n(.orgType))),
               Form.select("type", label: labels["type"]!, options: OrganizationType.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                           selected: draft.type, errors: errors, l10n: l10n, required: true, anyLabel: "—"),
               Form.text("code", label: labels["code"]!, value: draft.code, errors: errors, l10n: l10n, required: true, hint: l10n(.orgCodeHint)),
               Form.select("regionCode", label: labels["regionCode"]!,
                           options: model.regions.map { ($0.code, ($0.kind == .district ? "— " : "") + l10n.text($0.name)) },
                           selected: draft.regionCode, errors: errors, l10n: l10n, required: true, anyLabel: "—"),
               Form.text("parentCode", label: labels["parentCode"]!, value: draft.parentCode, errors: errors, l10n: l10n)),
            el("fieldset", [:], el("legend", [:], .text(l10n(.columnName))),
               Form.text("nameKK", label: labels["nameKK"]!, value: draft.nameKK, errors: errors, l10n: l10n, required: true, lang: "kk"),
               Form.text("nameRU", label: labels["nameRU"]!, value: draft.nameRU, errors: errors, l10n: l10n, lang: "ru"),
               Form.text("nameEN", label: labels["nameEN"]!, value: draft.nameEN, errors: errors, l10n: l10n, lang: "en"),
               Form.textArea("descriptionKK", label: l10n(.orgDescriptionKK), value: draft.descriptionKK, errors: errors, l10n: l10n, lang: "kk"),
               Form.textArea("descriptionRU", label: l10n(.orgDescriptionRU), value: draft.descriptionRU, errors: errors, l10n: l10n, lang: "ru"),
               Form.textArea("descriptionEN", label: l10n(.orgDescriptionEN), value: draft.descriptionEN, errors: errors, l10n: l10n, lang: "en")),
            el("fieldset", [:], el("legend", [:], .text(l10n(.orgContacts))),
               Form.text("address", label: l10n(.orgAddress), value: draft.address, errors: errors, l10n: l10n),
               Form.text("phone", label: labels["phone"]!, value: draft.phone, errors: errors, l10n: l10n, type: "tel"),
               Form.text("email", label: labels["email"]!, value: draft.email, errors: errors, l10n: l10n, type: "email"),
               Form.text("website", label: labels["website"]!, value: draft.website, errors: errors, l10n: l10n, type: "url"),
               Form.text("bin", label: labels["bin"]!, value: draft.bin, errors: errors, l10n: l10n, hint: l10n(.orgBinHint))),
            Form.checkboxes("languages", legend: labels["languages"]!,
                            options: Language.allCases.map { ($0.rawValue, l10n(OrganizationPage.languageKey($0))) },
                            checked: Set(draft.languages), errors: errors, l10n: l10n),
            Form.checkboxes("ethnicGroups", legend: labels["ethnicGroups"]!,
                            options: model.ethnicGroups.map { ($0.code, l10n.text($0.name)) },
                            checked: Set(draft.ethnicGroups), errors: errors, l10n: l10n),
            Form.checkbox("isPublic", label: l10n(.orgIsPublic), checked: draft.isPublic),
            Form.textArea("internalNote", label: l10n(.orgInternalNote), value: draft.internalNote, errors: errors, l10n: l10n,
                          hint: l10n(.orgInternalNoteHint)),
            el("div", ["class": "actions"],
               el("button", ["type": "submit", "class": "button"], .text(l10n(.orgSave))),
               el("a", ["class": "button secondary", "href": model.existingCode.map { SiteURL.organization(code: $0).path } ?? SiteURL.directory.path],
                  .text(l10n(.orgCancel)))))
        return Layout.page(title: title, crumbs: [Layout.Crumb(label: l10n(.navDirectory), url: SiteURL.directory.path),
                                                  Layout.Crumb(label: title, url: nil)],
                           context: context, content: .group([el("h1", [:], .text(title)), form]))
    }
}
