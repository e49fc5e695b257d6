import BirlikCore
import BirlikDocuments

/// The map of Kazakhstan's regions shaded by how many organisations each has (S11), with the same
/// figures as a table.
enum MapPage {
    struct Model {
        var regions: [Region]
        var counts: [String: Int]
        var type: OrganizationType?
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let topLevel = model.regions.filter { $0.kind == .region || $0.kind == .city }
        var entries: [String: ChoroplethMap.Entry] = [:]
        for region in topLevel {
            entries[region.code] = ChoroplethMap.Entry(
                label: "\(l10n.text(region.name)): \(l10n.number(model.counts[region.code] ?? 0))", value: model.counts[region.code] ?? 0,
                link: SiteURL.directory.with([("region", region.code), ("type", model.type?.rawValue)]))
        }
        let map = ChoroplethMap(title: l10n(.mapTitle), legendTitle: l10n(.mapLegend)).render(entries)
        let typeFilter = el("form", ["method": "get", "action": SiteURL.map.path, "class": "inline-filter"],
            Form.select("type", label: l10n(.directoryType),
                        options: OrganizationType.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                        selected: model.type?.rawValue ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.directoryAny)),
            el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply))))
        let sorted = topLevel.sorted { (model.counts[$0.code] ?? 0, $1.code) > (model.counts[$1.code] ?? 0, $0.code) }
        let table = el("table", ["class": "data compact"],
            el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text(l10n(.columnRegion))),
                                el("th", ["scope": "col", "class": "number"], .text(l10n(.mapLegend))))),
            el("tbody", [:], sorted.map { region in
                el("tr", [:],
                   el("td", [:], el("a", ["href": entries[region.code]?.link], .text(l10n.text(region.name)))),
                   el("td", ["class": "number"], .text(l10n.number(model.counts[region.code] ?? 0))))
            }))
        return Layout.page(title: l10n(.mapTitle), crumbs: [Layout.Crumb(label: l10n(.navMap), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.mapTitle))),
                               el("p", ["class": "lead"], .text(l10n(.mapLead))),
                               typeFilter,
                               el("div", ["class": "map-layout"],
                                  el("figure", ["class": "map"], map, el("figcaption", ["class": "muted"], .text(l10n(.mapAttribution)))),
                                  el("div", ["class": "map-table"], table)),
                           ]))
    }
}
