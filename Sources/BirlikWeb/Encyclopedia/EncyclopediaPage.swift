import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The encyclopedia's pages: search, an article, its history, a diff, the editor's forms.
enum EncyclopediaPage {
    static func crumbs(_ l10n: Localizer, _ last: String?) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.encyclopediaTitle), url: last == nil ? nil : SiteURL.encyclopedia.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    static func hitList(_ hits: [EncyclopediaQueries.Hit], id: String, _ l10n: Localizer) -> HTMLNode {
        el("ul", ["class": "article-list", "id": id], hits.map { hit in
            el("li", [:], el("a", ["href": SiteURL.article(slug: hit.slug).path, "lang": NewsPage.langTag(hit.language, l10n)], .text(l10n.inScript(hit.title, hit.language))),
               hit.language == l10n.language ? .empty : el("span", ["class": "muted"], .text(" · " + NewsPage.langName(hit.language, l10n))))
        })
    }

    static func index(query: String, hits: [EncyclopediaQueries.Hit], recent: [EncyclopediaQueries.Hit], canEdit: Bool, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.encyclopediaTitle), crumbs: crumbs(l10n, nil), context: context, content: .group([
            el("h1", [:], .text(l10n(.encyclopediaTitle))),
            el("p", ["class": "lead"], .text(l10n(.encyclopediaLead))),
            canEdit ? el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.articleNew.path], .text(l10n(.encyclopediaNew)))) : .empty,
            el("form", ["method": "get", "action": SiteURL.encyclopedia.path, "role": "search", "class": "filters", "id": "article-search"],
               Form.text("q", label: l10n(.encyclopediaSearch), value: query, errors: Form.Errors(), l10n: l10n, type: "search", hint: l10n(.encyclopediaSearchHint)),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.encyclopediaFind)))),
            query.isEmpty ? .group([el("h2", [:], .text(l10n(.encyclopediaRecent))),
                                    recent.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.encyclopediaNone))) : hitList(recent, id: "recent", l10n)])
                : .group([el("h2", [:], .text(l10n(.encyclopediaFound, ["count": String(hits.count), "query": query]))),
                          hits.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.encyclopediaNothingFound))) : hitList(hits, id: "hits", l10n)]),
        ]))
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        ["slug": l10n(.encyclopediaSlugLabel), "language": l10n(.encyclopediaLanguage), "title": l10n(.eventsEventTitle), "text": l10n(.newsBody),
         "comment": l10n(.encyclopediaComment)]
    }

    static func fields(_ form: EncyclopediaController.ArticleForm, errors: Form.Errors, withSlug: Bool, _ l10n: Localizer) -> [HTMLNode] {
        let labels = labels(l10n)
        return (withSlug ? [Form.text("slug", label: labels["slug"]!, value: form.slug ?? "", errors: errors, l10n: l10n, hint: l10n(.encyclopediaSlugHint))] : []) + [
            Form.select("language", label: labels["language"]!, options: Language.allCases.map { ($0.rawValue, NewsPage.langName($0, l10n)) },
                        selected: form.language ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("title", label: labels["title"]!, value: form.title ?? "", errors: errors, l10n: l10n, required: true),
            Form.textArea("text", label: labels["text"]!, value: form.text ?? "", errors: errors, l10n: l10n),
            Form.text("comment", label: labels["comment"]!, value: form.comment ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.encyclopediaCommentHint)),
        ]
    }

    static func newForm(_ form: EncyclopediaController.ArticleForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.encyclopediaNew), crumbs: crumbs(l10n, l10n(.encyclopediaNew)), context: context, content: .group([
            el("h1", [:], .text(l10n(.encyclopediaNew))),
            Form.summary(errors, labels: labels(l10n), l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.articleNew.path, "id": "article-form"], Layout.csrfField(context),
               .group(fields(form, errors: errors, withSlug: true, l10n)), el("button", ["type": "submit", "class": "button"], .text(l10n(.encyclopediaSaveRevision)))),
        ]))
    }

    struct ArticleModel {
        var article: Article
        var shown: ArticleRevision
        var latest: ArticleRevision?
        var isDraftView: Bool
        var editor: Bool
        var approver: Bool
        var form: EncyclopediaController.ArticleForm
    }

    static func article(_ model: ArticleModel, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let shown = model.shown
        var sections: [HTMLNode] = [
            el("article", ["lang": NewsPage.langTag(shown.language, l10n), "id": "article"],
               el("h1", [:], .text(l10n.inScript(shown.title, shown.language))),
               .group(shown.text.components(separatedBy: "\n\n").map { el("p", ["class": "prose"], .text(l10n.inScript($0, shown.language))) })),
            el("p", ["class": "muted", "id": "article-revision"],
               .text(l10n(.encyclopediaRevisionLine, ["number": String(shown.number), "status": l10n(shown.status.l10nKey), "date": Day(shown.createdAt).dotted,
                                                      "author": shown.author])), .text(" · "),
               el("a", ["href": SiteURL.articleHistory(slug: model.article.slug).path], .text(l10n(.encyclopediaHistory)))),
            shown.language == l10n.language ? .empty : el("p", ["class": "hint"], .text(l10n(.newsShownIn, ["language": NewsPage.langName(shown.language, l10n)]))),
        ]
        if model.editor {
            sections.append(el("h2", [:], .text(l10n(.newsEditing))))
            if !model.isDraftView, let latest = model.latest, latest.status == .draft {
                sections.append(el("p", ["class": "notice"], .text(l10n(.encyclopediaDraftWaiting)), .text(" "),
                                   el("a", ["href": SiteURL.article(slug: model.article.slug).with([("draft", "1")])], .text(l10n(.encyclopediaSeeDraft)))))
            }
            if model.approver, shown.status == .draft {
                sections.append(el("form", ["method": "post", "action": SiteURL.articleApprove(slug: model.article.slug).path, "id": "approve-form", "class": "step-form"],
                                   Layout.csrfField(context), el("input", ["type": "hidden", "name": "revision", "value": shown.id.uuidString]),
                                   el("p", ["class": "hint"], .text(l10n(.encyclopediaApproveHint))),
                                   el("button", ["type": "submit", "class": "button"], .text(l10n(.encyclopediaApprove)))))
            }
            sections.append(el("form", ["method": "post", "action": SiteURL.articleRevise(slug: model.article.slug).path, "id": "revise-form", "class": "step-form"],
                               Layout.csrfField(context), el("input", ["type": "hidden", "name": "parent", "value": model.form.parent ?? ""]),
                               el("h3", [:], .text(l10n(.encyclopediaRevise))), Form.summary(errors, labels: labels(l10n), l10n: l10n),
                               .group(fields(model.form, errors: errors, withSlug: false, l10n)),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.encyclopediaSaveRevision)))))
        }
        return Layout.page(title: l10n.inScript(shown.title, shown.language), crumbs: crumbs(l10n, l10n.inScript(shown.title, shown.language)), context: context,
                           content: .group(sections))
    }

    static func history(_ article: Article, _ revisions: [ArticleRevision], _ context: PageContext) -> String {
        let l10n = context.l10n
        let rows: [[HTMLNode]] = revisions.map { revision in
            [.text(revision.language.rawValue.uppercased() + " · " + String(revision.number)), .text("\(Day(revision.createdAt).dotted) \(EventTime.clock(revision.createdAt))"),
             .text(revision.author), .text(revision.comment), .text(l10n(revision.status.l10nKey)),
             el("code", ["class": "hash", "title": revision.hash], .text(String(revision.hash.prefix(10)) + "…")),
             revision.parentID == nil ? .text("—") : el("a", ["href": SiteURL.articleDiff(slug: article.slug).with([("to", revision.id.uuidString)])], .text(l10n(.encyclopediaDiff)))]
        }
        return Layout.page(title: l10n(.encyclopediaHistory), crumbs: crumbs(l10n, article.slug), context: context, wide: true, content: .group([
            el("h1", [:], .text(l10n(.encyclopediaHistory) + " · " + article.slug)),
            Layout.table([l10n(.openDataVersion), l10n(.eventsWhen), l10n(.encyclopediaAuthor), l10n(.encyclopediaComment), l10n(.grantsStatus), "SHA-256",
                          l10n(.encyclopediaDiff)], rows, id: "revisions"),
        ]))
    }

    static func diff(_ article: Article, from: ArticleRevision?, to: ArticleRevision, _ context: PageContext) -> String {
        let l10n = context.l10n
        let lines = LineDiff.lines(from: (from.map { $0.title + "\n" + $0.text }) ?? "", to: to.title + "\n" + to.text)
        return Layout.page(title: l10n(.encyclopediaDiff), crumbs: crumbs(l10n, article.slug), context: context, content: .group([
            el("h1", [:], .text(l10n(.encyclopediaDiff))),
            el("p", ["class": "muted"], .text("\(to.language.rawValue.uppercased()) · \(from.map { String($0.number) } ?? "—") → \(to.number) · \(to.comment)")),
            el("ol", ["class": "diff", "id": "diff", "lang": to.language.rawValue], lines.map { line in
                switch line {
                case let .same(text): el("li", ["class": "same"], .text(text))
                case let .added(text): el("li", ["class": "added"], el("span", ["class": "visually-hidden"], .text(l10n(.encyclopediaAdded) + ": ")), .text(text))
                case let .removed(text): el("li", ["class": "removed"], el("span", ["class": "visually-hidden"], .text(l10n(.encyclopediaRemoved) + ": ")), .text(text))
                }
            }),
        ]))
    }
}
