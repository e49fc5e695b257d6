import BirlikCore
import BirlikCorpus
import BirlikDocuments
import Foundation

/// The corpus pages: the search form with its concordance, frequency lists, collocations and a document.
/// Kazakh text is shown in the script the user chose (Cyrillic or the 2021 Latin alphabet).
enum CorpusPage {
    struct Model {
        var request: CorpusRequest
        var documents: Int
        var tokens: Int
        var hits: CorpusHits?
        var lines: [ConcordanceLine] = []
        var errors: [FieldError] = []
    }

    struct DocumentModel: Sendable {
        var document: CorpusIndex.Document
        var sentences: [[(word: String, lemma: String, pos: String)]]
    }

    /// Corpus text in the user's script.
    static func shown(_ text: String, _ l10n: Localizer) -> String {
        l10n.script == .latin ? Transliteration.toLatin(text) : text
    }

    static func attributeName(_ attribute: String, _ l10n: Localizer) -> String {
        L10nKey(rawValue: "corpus.attr.\(attribute)").map { l10n($0) } ?? attribute
    }

    static func crumbs(_ l10n: Localizer, _ last: String? = nil) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.corpusTitle), url: last == nil ? nil : SiteURL.corpus.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    /// The search form, kept filled in.
    static func form(_ request: CorpusRequest, errors: Form.Errors, _ l10n: Localizer) -> HTMLNode {
        let sorts = CorpusResults.Sort.allCases.map { ($0.rawValue, l10n(L10nKey(rawValue: "corpus.sort.\($0.rawValue)") ?? .corpusSort)) }
        return el("form", ["method": "get", "action": SiteURL.corpus.path, "class": "filters", "id": "corpus-search"],
                  Form.text("q", label: l10n(.corpusWord), value: request.word, errors: errors, l10n: l10n, type: "search", lang: "kk"),
                  Form.text("cqp", label: l10n(.corpusCqp), value: request.cqp, errors: errors, l10n: l10n, hint: l10n(.corpusCqpHelp)),
                  Form.select("sort", label: l10n(.corpusSort), options: sorts, selected: request.sort.rawValue, errors: errors, l10n: l10n),
                  Form.text("context", label: l10n(.corpusContext), value: String(request.context), errors: errors, l10n: l10n, type: "number"),
                  Form.checkbox("sample", label: l10n(.corpusSample), checked: request.sample),
                  el("p", [:], el("button", ["type": "submit"], .text(l10n(.corpusSearch)))))
    }

    static func scriptSwitch(_ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        return el("p", ["class": "switch"],
                  el("a", ["href": SiteURL.script(.cyrillic).with([("back", context.currentURL)]), "aria-current": l10n.script == .cyrillic ? "true" : nil], .text(l10n(.scriptCyrillic))),
                  " · ",
                  el("a", ["href": SiteURL.script(.latin).with([("back", context.currentURL)]), "aria-current": l10n.script == .latin ? "true" : nil], .text(l10n(.scriptLatin))))
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let errors = Form.Errors(model.errors)
        var content: [HTMLNode] = [
            el("h1", [:], .text(l10n(.corpusTitle))),
            el("p", ["class": "lead"], .text(l10n(.corpusLead))),
            model.documents > 0 ? el("p", [:], .text(l10n(.corpusSize, ["documents": String(model.documents), "tokens": String(model.tokens)]))) : .empty,
            scriptSwitch(context),
            context.actor.isSignedIn && context.actor.role != .citizen
                ? el("p", ["class": "actions"], el("a", ["href": SiteURL.corpusSubmissions.path], .text(l10n(.corpusSubmissions)))) : .empty,
            Form.summary(errors, labels: ["cqp": l10n(.corpusCqp)], l10n: l10n),
            form(model.request, errors: errors, l10n),
        ]
        if let hits = model.hits {
            let query = model.request.parameters
            content.append(el("p", ["id": "corpus-count", "role": "status"], .text(l10n(.corpusHits, ["count": String(hits.total)])),
                              hits.stop == .resultLimit ? el("span", [:], " ", .text(l10n(.corpusResultLimit, ["count": String(hits.matches.count)]))) : .empty,
                              hits.stop == .timeLimit ? el("span", [:], " ", .text(l10n(.corpusTimeLimit))) : .empty))
            content.append(el("p", ["class": "actions"],
                              el("a", ["href": SiteURL.corpusFrequency.with(query)], .text(l10n(.corpusFrequency))), " · ",
                              el("a", ["href": SiteURL.corpusCollocations.with(query)], .text(l10n(.corpusCollocations))), " · ",
                              el("a", ["href": SiteURL.corpus.with(query + [("format", "csv")])], .text("CSV")), " · ",
                              el("a", ["href": SiteURL.corpus.with(query + [("format", "xlsx")])], .text("XLSX")),
                              el("code", ["class": "query"], .text(" " + hits.cqp))))
            if model.lines.isEmpty {
                content.append(el("p", [:], .text(l10n(.corpusNoHits))))
            } else {
                content.append(el("div", ["class": "table-wrap"], el("table", ["class": "data kwic", "id": "concordance", "lang": "kk"],
                    el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.corpusDocument))), el("th", ["class": "left"], .text(l10n(.corpusLeft))),
                                        el("th", [:], .text(l10n(.corpusMatch))), el("th", [:], .text(l10n(.corpusRight))))),
                    el("tbody", [:], model.lines.map { line in
                        el("tr", [:],
                           el("td", [:], el("a", ["href": SiteURL.corpusDocument(id: line.document).path], .text(line.document))),
                           el("td", ["class": "left"], .text(shown(line.left, l10n))),
                           el("td", ["class": "match"], el("strong", [:], .text(shown(line.match, l10n)))),
                           el("td", [:], .text(shown(line.right, l10n))))
                    }))))
                if !model.request.sample {
                    let page = model.request.page
                    let last = (hits.matches.count - 1) / max(1, model.request.perPage)
                    content.append(el("nav", ["class": "pager"],
                                      page > 0 ? el("a", ["href": SiteURL.corpus.with(query + [("page", String(page - 1))])], .text(l10n(.pagingPrevious))) : .empty, " ",
                                      page < last ? el("a", ["href": SiteURL.corpus.with(query + [("page", String(page + 1))]), "rel": "next"], .text(l10n(.pagingNext))) : .empty))
                }
            }
        }
        content.append(el("p", ["class": "hint"], .text(l10n(.corpusAttribution))))
        return Layout.page(title: l10n(.corpusTitle), crumbs: crumbs(l10n), context: context, wide: true, content: el("div", [:], content))
    }

    /// The concordance as a table file.
    static func export(_ model: Model, _ l10n: Localizer) -> TableExport {
        TableExport(name: "corpus-concordance",
                    header: [l10n(.corpusDocument), l10n(.corpusLeft), l10n(.corpusMatch), l10n(.corpusRight)],
                    rows: model.lines.map { [.text($0.document), .text(shown($0.left, l10n)), .text(shown($0.match, l10n)), .text(shown($0.right, l10n))] })
    }

    static func frequency(_ request: CorpusRequest, rows: [(value: String, count: Int)], _ context: PageContext) -> String {
        let l10n = context.l10n
        let query = request.parameters + [("by", request.by)]
        let options = CorpusQueries.countable.map { ($0, attributeName($0, l10n)) }
        let content = el("div", [:],
            el("h1", [:], .text(l10n(.corpusFrequency))),
            el("p", [:], el("code", [:], .text(request.cqp.isEmpty ? request.word : request.cqp))),
            el("form", ["method": "get", "action": SiteURL.corpusFrequency.path, "class": "filters"],
               el("input", ["type": "hidden", "name": "q", "value": request.word]), el("input", ["type": "hidden", "name": "cqp", "value": request.cqp]),
               Form.select("by", label: l10n(.corpusBy), options: options, selected: request.by, errors: Form.Errors(), l10n: l10n),
               el("button", ["type": "submit"], .text(l10n(.corpusSearch)))),
            el("p", ["class": "actions"], el("a", ["href": SiteURL.corpusFrequency.with(query + [("format", "csv")])], .text("CSV")), " · ",
               el("a", ["href": SiteURL.corpusFrequency.with(query + [("format", "xlsx")])], .text("XLSX"))),
            rows.isEmpty ? el("p", [:], .text(l10n(.corpusNoHits))) :
            el("table", ["class": "data", "id": "frequency", "lang": "kk"],
               el("thead", [:], el("tr", [:], el("th", [:], .text(attributeName(request.by, l10n))), el("th", ["class": "number"], .text(l10n(.corpusCount))))),
               el("tbody", [:], rows.map { row in
                   el("tr", [:], el("td", [:], .text(shown(row.value, l10n))), el("td", ["class": "number"], .text(String(row.count))))
               })))
        return Layout.page(title: l10n(.corpusFrequency), crumbs: crumbs(l10n, l10n(.corpusFrequency)), context: context, content: content)
    }

    static func collocations(_ request: CorpusRequest, attribute: String, left: Int, right: Int, rows: [CorpusResults.Collocate], _ context: PageContext) -> String {
        let l10n = context.l10n
        let query = request.parameters + [("by", attribute), ("left", String(left)), ("right", String(right))]
        func number(_ value: Double) -> String { String(format: "%.2f", value) }
        let content = el("div", [:],
            el("h1", [:], .text(l10n(.corpusCollocations))),
            el("p", [:], el("code", [:], .text(request.cqp.isEmpty ? request.word : request.cqp)), " — ",
               .text(l10n(.corpusWindow, ["left": String(left), "right": String(right)]))),
            el("p", ["class": "actions"], el("a", ["href": SiteURL.corpusCollocations.with(query + [("format", "csv")])], .text("CSV")), " · ",
               el("a", ["href": SiteURL.corpusCollocations.with(query + [("format", "xlsx")])], .text("XLSX"))),
            rows.isEmpty ? el("p", [:], .text(l10n(.corpusNoHits))) :
            el("table", ["class": "data", "id": "collocations", "lang": "kk"],
               el("thead", [:], el("tr", [:], el("th", [:], .text(attributeName(attribute, l10n))), el("th", ["class": "number"], .text(l10n(.corpusCooccurrences))),
                                   el("th", ["class": "number"], .text(l10n(.corpusCorpusFrequency))), el("th", ["class": "number"], "MI"),
                                   el("th", ["class": "number"], "t-score"), el("th", ["class": "number"], "logDice"))),
               el("tbody", [:], rows.map { row in
                   el("tr", [:], el("td", [:], .text(shown(row.value, l10n))), el("td", ["class": "number"], .text(String(row.cooccurrences))),
                      el("td", ["class": "number"], .text(String(row.frequency))), el("td", ["class": "number"], .text(number(row.mutualInformation))),
                      el("td", ["class": "number"], .text(number(row.tScore))), el("td", ["class": "number"], .text(number(row.logDice))))
               })))
        return Layout.page(title: l10n(.corpusCollocations), crumbs: crumbs(l10n, l10n(.corpusCollocations)), context: context, content: content)
    }

    static func document(_ model: DocumentModel, _ context: PageContext) -> String {
        let l10n = context.l10n
        let metadata = model.document.metadata
        let title = metadata["title"] ?? model.document.id
        let fields = ["author", "year", "genre", "source", "licence"].compactMap { key in
            metadata[key].map { el("div", [:], el("dt", [:], .text(attributeName(key, l10n))), el("dd", [:], .text($0))) }
        }
        let text = model.sentences.map { sentence in
            el("p", ["lang": "kk"], sentence.map { token in
                el("span", ["title": "\(shown(token.lemma, l10n)) · \(token.pos)"], .text(shown(token.word, l10n) + " "))
            })
        }
        let content = el("div", [:], el("h1", [:], .text(l10n(.corpusDocumentTitle, ["title": shown(title, l10n)]))),
                         scriptSwitch(context), el("dl", ["class": "facts"], fields), el("article", ["id": "document-text"], text))
        return Layout.page(title: title, crumbs: crumbs(l10n, title), context: context, content: content)
    }
}
