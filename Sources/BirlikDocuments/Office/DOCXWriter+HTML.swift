import Foundation

extension DOCXWriter {
    /// The same blocks as a print-ready HTML page in ``PrintStyle``, so that one document model gives both
    /// the Word file and (printed by a browser) the PDF: the two can never say different things.
    public func printableHTML() -> String {
        var body: [HTMLNode] = []
        var bullets: [HTMLNode] = []
        func flushBullets() {
            if !bullets.isEmpty { body.append(el("ul", ["class": "bullets"], bullets)); bullets = [] }
        }
        for block in blocks {
            if case let .bullet(text) = block { bullets.append(el("li", [:], .text(text))); continue }
            flushBullets()
            switch block {
            case let .title(text): body.append(el("h1", [:], .text(text)))
            case let .heading(text, level): body.append(el("h\(min(max(level, 1), 3) + 1)", [:], .text(text)))
            case let .paragraph(text): body.append(el("p", [:], .text(text)))
            case let .emphasis(text): body.append(el("p", [:], el("em", [:], .text(text))))
            case .bullet: break
            case let .table(header, rows, widths):
                let total = max(widths.reduce(0, +), 1)
                body.append(el("table", [:],
                               el("colgroup", [:], widths.map { el("col", ["style": "width: \($0 * 100 / total)%"]) }),
                               el("thead", [:], el("tr", [:], header.map { el("th", ["scope": "col"], .text($0)) })),
                               el("tbody", [:], rows.map { row in el("tr", [:], row.map { el("td", [:], .text($0)) }) })))
            case .pageBreak: body.append(el("div", ["class": "page-break"]))
            }
        }
        flushBullets()
        let page = el("html", ["lang": language],
                      el("head", [:], el("meta", ["charset": "utf-8"]), el("title", [:], .text(title)), el("style", [:], .text(PrintStyle.css))),
                      el("body", [:], body))
        return "<!DOCTYPE html>" + page.render()
    }
}
