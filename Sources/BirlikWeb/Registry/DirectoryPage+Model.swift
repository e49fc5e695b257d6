import BirlikCore
import BirlikStorage

/// The directory of organisations (S1, S11): filters, search, sorting, paging.
enum DirectoryPage {
    struct Model {
        var query: DirectoryQuery
        var results: Page<Organization>
        var regions: [Region]
        var ethnicGroups: [EthnicGroup]
        var canCreate: Bool

        func regionName(_ code: String) -> LocalizedText {
            regions.first { $0.code == code }?.name ?? LocalizedText(kk: code)
        }

        /// The directory URL with this model's filters, overridden by `changes`.
        func link(page: Int? = nil, sort: String? = nil, descending: Bool? = nil, url: SiteURL = .directory) -> String {
            let sortValue = sort ?? query.sort.rawValue
            let descendingValue = descending ?? query.descending
            return url.with([
                ("q", query.text), ("region", query.regionCode), ("type", query.type?.rawValue), ("group", query.ethnicGroup),
                ("sort", sortValue == "name" ? nil : sortValue), ("desc", descendingValue ? "1" : nil),
                ("page", (page ?? 1) > 1 ? String(page ?? 1) : nil),
            ])
        }
    }
}
