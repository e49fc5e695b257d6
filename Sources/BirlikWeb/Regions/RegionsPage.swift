import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The region tree: the republic, its regions and cities, their districts, with organisation counts.
enum RegionsPage {
    struct Model {
        var regions: [Region]
        var counts: [String: Int]
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let kindKey: [Region.Kind: L10nKey] = [.republic: .regionsKindRepublic, .region: .regionsKindRegion,
                                               .city: .regionsKindCity, .district: .regionsKindDistrict]
        let topLevel = KazakhCollation.sorted(model.regions.filter { $0.kind == .region || $0.kind == .city }) { l10n.text($0.name) }
        let parents = Set(model.regions.compactMap(\.parent))
        let rows = topLevel.map { region -> HTMLNode in
            let districts = model.regions.filter { $0.parent == region.code }
            return el("tr", ["id": region.code],
                      el("th", ["scope": "row"], el("a", ["href": SiteURL.directory.with([("region", region.code)])], .text(l10n.text(region.name)))),
                      el("td", [:], .text(l10n(kindKey[region.kind] ?? .regionsKindRegion))),
                      el("td", [:], .text(l10n.text(region.center))),
                      el("td", ["class": "districts"], districts.isEmpty ? el("span", ["class": "muted"], .text("—"))
                         : el("ul", ["class": "inline-list"], districts.map { district in
                             el("li", [:], el("a", ["href": SiteURL.directory.with([("region", district.code)])], .text(l10n.text(district.name))))
                         })),
                      el("td", ["class": "number"], .text(l10n.number(model.counts[region.code] ?? 0))),
                      el("td", ["class": "nowrap"], el("code", [:], .text(region.code))))
        }
        return Layout.page(title: l10n(.regionsTitle), crumbs: [Layout.Crumb(label: l10n(.navRegions), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.regionsTitle))),
                               el("p", ["class": "lead"], .text(l10n(.regionsLead))),
                               el("div", ["class": "table-wrap"], el("table", ["class": "data"],
                                  el("thead", [:], el("tr", [:],
                                     el("th", ["scope": "col"], .text(l10n(.columnName))),
                                     el("th", ["scope": "col"], .text(l10n(.columnType))),
                                     el("th", ["scope": "col"], .text(l10n(.regionsCenter))),
                                     el("th", ["scope": "col"], .text(l10n(.regionsDistricts))),
                                     el("th", ["scope": "col", "class": "number"], .text(l10n(.regionsOrganizations))),
                                     el("th", ["scope": "col"], .text(l10n(.orgCode))))),
                                  el("tbody", [:], rows))),
                               // Why most regions show no districts: said once, under the table, not in every row.
                               topLevel.contains { !parents.contains($0.code) }
                                   ? el("p", ["class": "source"], .text("— " + l10n(.regionsNoDistricts))) : .empty,
                           ]))
    }

    static func handle(_ request: Request) async throws -> Response {
        let model = Model(regions: try await request.regions(),
                          counts: try await OrganizationQueries.countsByRegion(actor: request.actor, on: request.db))
        return html(view(model, PageContext(request)))
    }
}
