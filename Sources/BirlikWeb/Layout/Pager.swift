import BirlikCore
import BirlikDocuments
import BirlikStorage

/// The pager under a table: previous, "page N of M", next; links keep the other query parameters.
enum Pager {
    static func view<Item>(_ page: Page<Item>, link: (Int) -> String, l10n: Localizer) -> HTMLNode {
        guard page.pageCount > 1 else { return .empty }
        return el("nav", ["class": "pager", "aria-label": l10n(.pagingLabel)],
                  page.page > 1 ? el("a", ["href": link(page.page - 1), "rel": "prev"], .text("← " + l10n(.pagingPrevious))) : .empty,
                  el("span", ["class": "pager-status"], .text(l10n(.pagingPage, ["page": l10n.number(page.page), "pages": l10n.number(page.pageCount)]))),
                  page.page < page.pageCount ? el("a", ["href": link(page.page + 1), "rel": "next"], .text(l10n(.pagingNext) + " →")) : .empty)
    }
}

/// A column header that sorts the table by itself, showing the current direction to screen readers.
enum SortableHeader {
    static func view(_ label: String, column: String, current: String, descending: Bool, link: (String, Bool) -> String,
                     l10n: Localizer) -> HTMLNode {
        let isCurrent = column == current
        let nextDescending = isCurrent ? !descending : false
        return el("th", ["scope": "col", "aria-sort": isCurrent ? (descending ? "descending" : "ascending") : nil],
                  el("a", ["href": link(column, nextDescending), "title": l10n(.columnSortBy, ["column": label])],
                     .text(label), isCurrent ? el("span", ["aria-hidden": "true"], .text(descending ? " ▼" : " ▲")) : .empty))
    }
}
