import BirlikCore
import BirlikDocuments
import BirlikStorage

extension DirectoryPage {
    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let regionOptions = model.regions.filter { $0.kind != .republic }.map { region in
            (value: region.code, label: (region.kind == .district ? "— " : "") + l10n.text(region.name))
        }
        let typeOptions = KazakhCollation.sorted(OrganizationType.allCases.map { (value: $0.rawValue, label: l10n($0.l10nKey)) }, by: \.label)
        let groupOptions = model.ethnicGroups.map { (value: $0.code, label: l10n.text($0.name)) }
        let none = Form.Errors()
        let filters = el("form", ["method": "get", "action": SiteURL.directory.path, "class": "filters", "role": "search",
                                  "aria-label": l10n(.directoryFilters)],
            Form.text("q", label: l10n(.directorySearch), value: model.query.text, errors: none, l10n: l10n, type: "search",
                      hint: l10n(.directorySearchHint)),
            Form.select("region", label: l10n(.directoryRegion), options: regionOptions, selected: model.query.regionCode ?? "",
                        errors: none, l10n: l10n, anyLabel: l10n(.directoryAny)),
            Form.select("type", label: l10n(.directoryType), options: typeOptions, selected: model.query.type?.rawValue ?? "",
                        errors: none, l10n: l10n, anyLabel: l10n(.directoryAny)),
            Form.select("group", label: l10n(.directoryEthnicGroup), options: groupOptions, selected: model.query.ethnicGroup ?? "",
                        errors: none, l10n: l10n, anyLabel: l10n(.directoryAny)),
            el("div", ["class": "filter-actions"],
               el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply))),
               el("a", ["href": SiteURL.directory.path, "class": "button secondary"], .text(l10n(.directoryReset)))))
        let header = el("tr", [:],
            SortableHeader.view(l10n(.columnName), column: "name", current: model.query.sort.rawValue, descending: model.query.descending,
                                link: { model.link(sort: $0, descending: $1) }, l10n: l10n),
            SortableHeader.view(l10n(.columnType), column: "type", current: model.query.sort.rawValue, descending: model.query.descending,
                                link: { model.link(sort: $0, descending: $1) }, l10n: l10n),
            SortableHeader.view(l10n(.columnRegion), column: "region", current: model.query.sort.rawValue, descending: model.query.descending,
                                link: { model.link(sort: $0, descending: $1) }, l10n: l10n),
            el("th", ["scope": "col"], .text(l10n(.columnLanguages))))
        let rows = model.results.items.map { organization in
            el("tr", [:],
               el("td", [:], OrganizationBadges.name(organization, l10n: l10n, link: true)),
               el("td", [:], .text(l10n(organization.type.l10nKey))),
               el("td", [:], .text(l10n.text(model.regionName(organization.regionCode)))),
               el("td", [:], .text(organization.languages.map { $0.rawValue.uppercased() }.joined(separator: " · "))))
        }
        let table: HTMLNode = model.results.items.isEmpty
            ? el("p", ["class": "empty"], .text(l10n(.directoryEmpty)))
            : el("div", ["class": "table-wrap"],
                 el("table", ["class": "data"],
                    el("caption", ["class": "visually-hidden"], .text(l10n(.directoryTitle))),
                    el("thead", [:], header), el("tbody", [:], rows)))
        return Layout.page(title: l10n(.directoryTitle), crumbs: [Layout.Crumb(label: l10n(.navDirectory), url: nil)],
                           context: context, wide: true, content: .group([
            el("div", ["class": "page-heading"],
               el("h1", [:], .text(l10n(.directoryTitle))),
               model.canCreate ? el("a", ["class": "button", "href": SiteURL.organizationNew.path], .text(l10n(.directoryCreate))) : .empty),
            el("p", ["class": "lead"], .text(l10n(.directoryLead))),
            el("div", ["class": "directory"],
               el("aside", ["class": "directory-filters"], filters),
               el("section", ["class": "directory-results", "aria-live": "polite"],
                  el("div", ["class": "results-heading"],
                     el("p", ["class": "result-count"], .text(l10n(.directoryResults, ["count": l10n.number(model.results.total)]))),
                     el("a", ["href": model.link(url: .directoryCSV), "download": ""], .text(l10n(.directoryExportCSV)))),
                  table,
                  Pager.view(model.results, link: { model.link(page: $0) }, l10n: l10n))),
        ]))
    }
}

/// An organisation's name with its badges: demo, not public, translation missing.
enum OrganizationBadges {
    static func name(_ organization: Organization, l10n: Localizer, link: Bool) -> HTMLNode {
        let name = l10n.text(organization.name)
        let title: HTMLNode = link ? el("a", ["href": SiteURL.organization(code: organization.code).path], .text(name)) : .text(name)
        return .group([title, badges(organization, l10n: l10n)])
    }

    /// The badges alone: translation missing, demo, not public.
    static func badges(_ organization: Organization, l10n: Localizer) -> HTMLNode {
        .group([
            l10n.isFallback(organization.name)
                ? el("span", ["class": "badge translation", "title": l10n(.orgShownInOtherLanguage)],
                     .text(l10n(.orgMissingTranslations, ["languages": l10n.language.rawValue.uppercased()]))) : .empty,
            organization.isDemo ? el("span", ["class": "badge demo", "title": l10n(.orgDemoHint)], .text(l10n(.orgDemo))) : .empty,
            organization.isPublic ? .empty : el("span", ["class": "badge private"], .text(l10n(.orgNotPublic))),
        ])
    }
}
