import Foundation
import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The strategy tree of both Concepts (S2): every goal, task, direction, project, stage and expected
/// result in the original Kazakh wording with Birlik's translations, searchable, each node linked to
/// the measures that serve it and showing their progress.
enum StrategyPage {
    struct Model {
        var tree: StrategyTree
        var query: String
        var figures: [String: DashboardQueries.NodeFigures]?
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let search = el("form", ["method": "get", "action": SiteURL.strategy.path, "class": "inline-filter", "role": "search"],
                        Form.text("q", label: l10n(.strategySearch), value: model.query, errors: Form.Errors(), l10n: l10n,
                                  type: "search", hint: l10n(.strategySearchHint)),
                        el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply))))
        let body: HTMLNode
        if !model.query.isEmpty {
            let found = model.tree.search(model.query)
            body = .group([
                el("p", ["role": "status"], .text(l10n(.directoryResults, ["count": l10n.number(found.count)]))),
                el("ol", ["class": "strategy-results"], found.map { node in
                    el("li", [:],
                       el("p", ["class": "muted"], .text(model.tree.path(to: node.code).dropLast().map { l10n.text($0.text).prefix(60) }.joined(separator: " › "))),
                       item(node, model, l10n))
                }),
            ])
        } else {
            body = .group(model.tree.concepts.map { concept in
                el("section", ["class": "concept", "id": concept.code],
                   el("h2", [:], el("span", ["class": "code"], .text(concept.code)), .text(" " + l10n.text(concept.text))),
                   l10n.language == .kk ? .empty : el("p", ["class": "original", "lang": "kk"], .text(l10n.inScript(concept.text.kk ?? "", .kk))),
                   figuresLine(concept.code, model, l10n),
                   branch(concept.code, model, l10n, depth: 0))
            })
        }
        return Layout.page(title: l10n(.strategyTitle), crumbs: [Layout.Crumb(label: l10n(.navStrategy), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.strategyTitle))),
                               el("p", ["class": "lead"], .text(l10n(.strategyLead))),
                               search,
                               model.figures == nil ? .empty : el("details", ["class": "definitions-box"],
                                                                  el("summary", [:], .text(l10n(.figuresHowCounted))), Figures.definitions(l10n)),
                               body,
                           ]))
    }

    static func branch(_ code: String, _ model: Model, _ l10n: Localizer, depth: Int) -> HTMLNode {
        let children = model.tree.children(of: code)
        guard !children.isEmpty else { return .empty }
        return el("ol", ["class": "strategy-tree"], children.map { node in
            let grandchildren = model.tree.children(of: node.code)
            if grandchildren.isEmpty { return el("li", ["id": node.code], item(node, model, l10n)) }
            return el("li", ["id": node.code],
                      el("details", ["open": depth == 0 && node.kind != .group || node.kind == .direction ? "" : nil],
                         el("summary", [:], item(node, model, l10n)),
                         branch(node.code, model, l10n, depth: depth + 1)))
        })
    }

    static func item(_ node: StrategyNode, _ model: Model, _ l10n: Localizer) -> HTMLNode {
        el("div", ["class": "strategy-node kind-\(node.kind.rawValue)"],
           el("span", ["class": "code"], .text(node.code)),
           el("span", ["class": "badge"], .text(l10n(node.kind.l10nKey))),
           el("span", ["class": "node-text", "lang": l10n.language.htmlTag], .text(l10n.language == .kk ? l10n.inScript(node.text.kk ?? "", .kk) : l10n.text(node.text))),
           l10n.language == .kk ? .empty : el("span", ["class": "original", "lang": "kk", "title": l10n(.strategyOriginal)],
                                              .text(l10n.inScript(node.text.kk ?? "", .kk))),
           el("span", ["class": "muted source"], .text(l10n(.strategySource, ["seed": l10n(node.seed == "000" ? .strategySeedIdentity : .strategySeedAssembly), "line": "\(node.line)"]))),
           figuresLine(node.code, model, l10n))
    }

    static func figuresLine(_ code: String, _ model: Model, _ l10n: Localizer) -> HTMLNode {
        guard let figures = model.figures?[code] else { return .empty }
        return el("span", ["class": "node-figures"],
                  el("a", ["href": SiteURL.measures.with([("task", code)])], .text(l10n(.strategyMeasures, ["count": l10n.number(figures.measureCount)]))),
                  .text(" · "), Figures.bar(figures.progress, l10n),
                  .text(" · " + l10n(.figuresReportingRate) + " " + Rates.percent(figures.rates.reportingRate)))
    }

    static func handle(_ request: Request) async throws -> Response {
        let actor = request.actor
        let figures = MonitoringController.showsFigures(actor)
            ? try await DashboardQueries.byStrategyNode(DashboardQueries.Filter(asOf: request.today), actor: actor,
                                                   nodeCounts: request.application.birlik.nodeCounts, on: request.db) : nil
        let model = Model(tree: .shared, query: request.queryText("q") ?? "", figures: figures)
        return html(view(model, PageContext(request)))
    }
}
