import BirlikCore
import BirlikDocuments
import BirlikStorage

/// An organisation's public profile; internal details for those whose scope covers it.
enum OrganizationPage {
    struct Model {
        var organization: Organization
        var region: Region?
        var parent: Organization?
        var children: [Organization]
        var people: [Person]
        var ethnicGroups: [EthnicGroup]
        /// The viewer's scope covers the organisation: personal contacts and the internal note are shown.
        var showsInternal: Bool
        var canEdit: Bool
        var canDelete: Bool
        var canSeeHistory: Bool
        /// The add-a-person form's values and errors, after a submission that failed.
        var personDraft = PersonDraft()
        var personErrors = Form.Errors()
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let organization = model.organization
        var facts: [(String, HTMLNode)] = [
            (l10n(.orgType), .text(l10n(organization.type.l10nKey))),
            (l10n(.orgRegion), .text(model.region.map { l10n.text($0.name) } ?? organization.regionCode)),
        ]
        if let parent = model.parent {
            facts.append((l10n(.orgParent), el("a", ["href": SiteURL.organization(code: parent.code).path], .text(l10n.text(parent.name)))))
        }
        facts.append((l10n(.orgLanguages), .text(organization.languages.map { l10n(languageKey($0)) }.joined(separator: ", "))))
        if !organization.ethnicGroups.isEmpty {
            let names = organization.ethnicGroups.map { code in model.ethnicGroups.first { $0.code == code }.map { l10n.text($0.name) } ?? code }
            facts.append((l10n(.orgEthnicGroups), .text(names.joined(separator: ", "))))
        }
        facts.append((l10n(.orgCode), el("code", [:], .text(organization.code))))
        if let bin = organization.bin { facts.append((l10n(.orgBin), el("code", [:], .text(bin)))) }
        let contacts = organization.contacts
        let contactRows: [(String, HTMLNode)] = [
            contacts.address.map { (l10n(.orgAddress), HTMLNode.text($0)) },
            contacts.phone.map { (l10n(.orgPhone), el("a", ["href": "tel:" + $0.filter { $0.isNumber || $0 == "+" }], .text($0))) },
            contacts.email.map { (l10n(.orgEmail), el("a", ["href": "mailto:" + $0], .text($0))) },
            contacts.website.map { (l10n(.orgWebsite), el("a", ["href": $0, "rel": "noopener"], .text($0))) },
        ].compactMap { $0 }
        let missing = organization.name.missing + organization.description.missing.filter { _ in !organization.description.isEmpty }
        let missingLanguages = Array(Set(missing)).sorted { $0.rawValue < $1.rawValue }
        let peopleTable: HTMLNode = model.people.isEmpty ? el("p", ["class": "muted"], .text(l10n(.orgNoPeople))) :
            el("table", ["class": "data"],
               el("thead", [:], el("tr", [:],
                  el("th", ["scope": "col"], .text(l10n(.orgFullName))),
                  el("th", ["scope": "col"], .text(l10n(.orgPosition))),
                  model.showsInternal ? el("th", ["scope": "col"], .text(l10n(.orgContacts))) : .empty,
                  model.canEdit ? el("td", [:]) : .empty)),
               el("tbody", [:], model.people.map { person in
                   el("tr", [:],
                      el("td", [:], .text(person.fullName)),
                      el("td", [:], .text(l10n.text(person.position))),
                      model.showsInternal ? el("td", [:], .text([person.email, person.phone].compactMap { $0 }.joined(separator: ", "))) : .empty,
                      model.canEdit ? el("td", [:], el("form", ["method": "post", "class": "inline",
                                                                "action": SiteURL.personDelete(code: organization.code, id: person.id.uuidString).path],
                          Layout.csrfField(context),
                          el("button", ["type": "submit", "class": "link", "aria-label": "\(l10n(.orgRemovePerson)): \(person.fullName)"],
                             .text(l10n(.orgRemovePerson))))) : .empty)
               }))
        let actions = el("div", ["class": "actions"],
            model.canEdit ? el("a", ["class": "button", "href": SiteURL.organizationEdit(code: organization.code).path], .text(l10n(.orgEdit))) : .empty,
            model.canSeeHistory ? el("a", ["class": "button secondary", "href": SiteURL.audit.with([("entity", organization.id.uuidString)])],
                                     .text(l10n(.orgHistory))) : .empty,
            model.canDelete ? el("form", ["method": "post", "action": SiteURL.organizationDelete(code: organization.code).path, "class": "inline"],
                                 Layout.csrfField(context),
                                 el("button", ["type": "submit", "class": "button danger", "title": l10n(.orgDeleteConfirm)], .text(l10n(.orgDelete)))) : .empty)
        let content: HTMLNode = .group([
            el("div", ["class": "page-heading"],
               el("h1", [:], .text(l10n.text(organization.name))),
               actions),
            el("p", ["class": "badges"], OrganizationBadges.badges(organization, l10n: l10n)),
            missingLanguages.isEmpty ? .empty : el("p", ["class": "translation-note"],
                .text(l10n(.orgMissingTranslations, ["languages": missingLanguages.map { l10n(languageKey($0)) }.joined(separator: ", ")]))),
            organization.description.isEmpty ? .empty : el("section", ["aria-labelledby": "about"],
                el("h2", ["id": "about", "class": "visually-hidden"], .text(l10n(.orgDescription))),
                el("p", ["class": "lead"], .text(l10n.text(organization.description)))),
            el("div", ["class": "profile"],
               el("section", ["aria-labelledby": "facts"],
                  el("h2", ["id": "facts", "class": "visually-hidden"], .text(l10n(.orgCode))),
                  el("dl", ["class": "facts"], facts.map { label, value in .group([el("dt", [:], .text(label)), el("dd", [:], value)]) })),
               el("section", ["aria-labelledby": "contacts"],
                  el("h2", ["id": "contacts"], .text(l10n(.orgContacts))),
                  contactRows.isEmpty ? el("p", ["class": "muted"], .text(l10n(.commonNone))) :
                    el("dl", ["class": "facts"], contactRows.map { label, value in .group([el("dt", [:], .text(label)), el("dd", [:], value)]) }))),
            model.showsInternal && organization.internalNote != nil
                ? el("section", ["class": "internal", "aria-labelledby": "internal"],
                     el("h2", ["id": "internal"], .text(l10n(.orgInternalNote))),
                     el("p", ["class": "hint"], .text(l10n(.orgInternalNoteHint))),
                     el("p", [:], .text(organization.internalNote ?? ""))) : .empty,
            el("section", ["aria-labelledby": "people"], el("h2", ["id": "people"], .text(l10n(.orgPeople))), peopleTable,
               model.canEdit ? personForm(model, context) : .empty),
            model.children.isEmpty ? .empty : el("section", ["aria-labelledby": "children"],
                el("h2", ["id": "children"], .text(l10n(.orgChildren))),
                el("ul", ["class": "link-list"], model.children.map { child in
                    el("li", [:], OrganizationBadges.name(child, l10n: l10n, link: true),
                       el("span", ["class": "muted"], .text(" · " + l10n(child.type.l10nKey))))
                })),
        ])
        return Layout.page(title: l10n.text(organization.name),
                           crumbs: [Layout.Crumb(label: l10n(.navDirectory), url: SiteURL.directory.path),
                                    Layout.Crumb(label: l10n.text(organization.name), url: nil)],
                           context: context, content: content)
    }

    /// The form that adds a person, shown to those who may edit the organisation.
    static func personForm(_ model: Model, _ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        let draft = model.personDraft
        let errors = model.personErrors
        let labels = ["fullName": l10n(.orgFullName), "positionKK": l10n(.orgPositionKK), "email": l10n(.orgEmail), "phone": l10n(.orgPhone)]
        return el("details", ["class": "add-person", "open": errors.isEmpty ? nil : ""],
                  el("summary", [:], .text(l10n(.orgAddPerson))),
                  el("form", ["method": "post", "action": SiteURL.organizationPeople(code: model.organization.code).path, "class": "stacked",
                              "novalidate": ""],
                     Layout.csrfField(context),
                     Form.summary(errors, labels: labels, l10n: l10n),
                     Form.text("fullName", label: labels["fullName"]!, value: draft.fullName, errors: errors, l10n: l10n, required: true),
                     Form.text("positionKK", label: labels["positionKK"]!, value: draft.positionKK, errors: errors, l10n: l10n, required: true, lang: "kk"),
                     Form.text("positionRU", label: l10n(.orgPositionRU), value: draft.positionRU, errors: errors, l10n: l10n, lang: "ru"),
                     Form.text("positionEN", label: l10n(.orgPositionEN), value: draft.positionEN, errors: errors, l10n: l10n, lang: "en"),
                     Form.text("email", label: labels["email"]!, value: draft.email, errors: errors, l10n: l10n, type: "email"),
                     Form.text("phone", label: labels["phone"]!, value: draft.phone, errors: errors, l10n: l10n, type: "tel"),
                     el("button", ["type": "submit", "class": "button"], .text(l10n(.orgAddPerson)))))
    }

    static func languageKey(_ language: Language) -> L10nKey {
        switch language {
        case .kk: .langNameKk
        case .ru: .langNameRu
        case .en: .langNameEn
        }
    }
}
