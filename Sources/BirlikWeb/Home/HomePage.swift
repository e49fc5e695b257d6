import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The front page: what Birlik is, the registry at a glance by kind of organisation.
enum HomePage {
    struct Model {
        var countsByType: [OrganizationType: Int]
        var regionCount: Int
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let total = model.countsByType.values.reduce(0, +)
        let stats: [(L10nKey, Int)] = [
            (.homeStatOrganizations, total),
            (.homeStatRegions, model.regionCount),
            (.homeStatAssociations, model.countsByType[.ethnoculturalAssociation] ?? 0),
            (.homeStatTypes, model.countsByType.count),
        ]
        let types = model.countsByType.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
        return Layout.page(title: l10n(.homeTitle), context: context, content: .group([
            el("section", ["class": "hero"],
               el("h1", [:], .text(l10n(.homeTitle))),
               el("p", ["class": "lead"], .text(l10n(.homeLead))),
               el("p", [:], el("a", ["class": "button", "href": SiteURL.directory.path], .text(l10n(.homeOpenDirectory))))),
            el("ul", ["class": "stats"], stats.map { key, value in
                el("li", [:], el("span", ["class": "stat-value"], .text(l10n.number(value))), el("span", ["class": "stat-label"], .text(l10n(key))))
            }),
            el("section", ["aria-labelledby": "by-type"],
               el("h2", ["id": "by-type"], .text(l10n(.homeByType))),
               el("ul", ["class": "type-grid"], types.map { type, count in
                   el("li", [:], el("a", ["href": SiteURL.directory.with([("type", type.rawValue)])],
                                    el("span", ["class": "type-name"], .text(l10n(type.l10nKey))),
                                    el("span", ["class": "type-count"], .text(l10n.number(count)))))
               })),
        ]))
    }

    static func handle(_ request: Request) async throws -> Response {
        let model = Model(countsByType: try await OrganizationQueries.countsByType(actor: request.actor, on: request.db),
                          regionCount: try await request.regions().filter { $0.kind == .region || $0.kind == .city }.count)
        return html(view(model, PageContext(request)))
    }
}
