import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The "Kazakhstan Encyclopedia" (S16): search by any inflected form in either script, an article's
/// approved text in the reader's language (editors may ask for the draft), its history and diffs, the
/// editors' revisions and the Secretariat's approval, and the approved text in the API.
enum EncyclopediaController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.encyclopedia, use: index)
        routes.get(.articleNew, use: newArticle)
        routes.post(.articleNew, use: create)
        routes.get(.article(slug: ""), use: show)
        routes.get(.articleHistory(slug: ""), use: history)
        routes.get(.articleDiff(slug: ""), use: diff)
        routes.post(.articleRevise(slug: ""), use: revise)
        routes.post(.articleApprove(slug: ""), use: approve)
        routes.get(.apiArticle(slug: ""), use: api)
    }

    static func canEdit(_ actor: Actor) -> Bool { Access.check(actor, .update, .article, in: Article.scope) == .allowed }
    static func canApprove(_ actor: Actor) -> Bool { Access.check(actor, .approve, .article, in: Article.scope) == .allowed }

    static func requireEditor(_ request: Request) throws {
        guard canEdit(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
    }

    static func index(_ request: Request) async throws -> Response {
        let query = request.queryText("q") ?? ""
        let hits = query.isEmpty ? [] : try await EncyclopediaQueries.search(query, on: request.db)
        let recent = query.isEmpty ? try await EncyclopediaQueries.search("", limit: 30, on: request.db) : []
        return html(EncyclopediaPage.index(query: query, hits: hits, recent: recent, canEdit: canEdit(request.actor), PageContext(request)))
    }

    struct ArticleForm: Content {
        var slug: String?
        var language: String?
        var title: String?
        var text: String?
        var comment: String?
        var parent: String?

        var draft: ArticleDraft { ArticleDraft(slug: slug ?? "", language: language ?? "", title: title ?? "", text: text ?? "", comment: comment ?? "") }
    }

    static func newArticle(_ request: Request) async throws -> Response {
        try requireEditor(request)
        return html(EncyclopediaPage.newForm(ArticleForm(language: request.l10n.language.rawValue), errors: Form.Errors(), PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        try requireEditor(request)
        try request.requireCSRF()
        let form = try request.content.decode(ArticleForm.self)
        do {
            let (article, _) = try await EncyclopediaStore.create(form.draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.article(slug: article.slug).with([("draft", "1"), ("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(EncyclopediaPage.newForm(form, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func show(_ request: Request) async throws -> Response {
        try await page(request, form: nil, errors: Form.Errors(), status: .ok)
    }

    /// The article as a reader sees it, or for an editor who asks (`draft=1`) the newest revision of the language.
    static func page(_ request: Request, form: ArticleForm?, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let slug = request.parameters.get("slug") ?? "", editor = canEdit(request.actor), language = request.l10n.language
        if !editor {
            // A reader needs the approved revision only, not the history.
            let (article, shown) = try await EncyclopediaQueries.approved(slug: slug, for: language, on: request.db)
            let model = EncyclopediaPage.ArticleModel(article: article, shown: shown, latest: nil, isDraftView: false, editor: false, approver: false,
                                                      form: ArticleForm(language: shown.language.rawValue, title: shown.title, text: shown.text, parent: nil))
            return html(EncyclopediaPage.article(model, errors: errors, PageContext(request)), status: status)
        }
        let (article, revisions) = try await EncyclopediaQueries.article(slug: slug, on: request.db)
        let wantsDraft = editor && request.queryText("draft") == "1"
        let newest = { (language: Language) in revisions.filter { $0.language == language }.max { $0.number < $1.number } }
        let shown = wantsDraft ? newest(language) ?? revisions.first : EncyclopediaQueries.approved(article, revisions, for: language)
        guard let shown else { throw DomainError.notFound }
        // The editor continues the language shown, from its newest revision.
        let latest = newest(shown.language)
        let model = EncyclopediaPage.ArticleModel(article: article, shown: shown, latest: latest, isDraftView: wantsDraft, editor: editor,
                                                  approver: canApprove(request.actor),
                                                  form: form ?? ArticleForm(language: shown.language.rawValue, title: latest?.title ?? shown.title,
                                                                            text: latest?.text ?? shown.text, parent: latest?.id.uuidString))
        return html(EncyclopediaPage.article(model, errors: errors, PageContext(request)), status: status)
    }

    static func history(_ request: Request) async throws -> Response {
        let (article, revisions) = try await EncyclopediaQueries.article(slug: request.parameters.get("slug") ?? "", on: request.db)
        // Readers see the approved and superseded revisions; editors the drafts too.
        let visible = canEdit(request.actor) ? revisions : revisions.filter { $0.status != .draft }
        guard !visible.isEmpty else { throw DomainError.notFound }
        return html(EncyclopediaPage.history(article, visible, PageContext(request)))
    }

    static func diff(_ request: Request) async throws -> Response {
        let (article, revisions) = try await EncyclopediaQueries.article(slug: request.parameters.get("slug") ?? "", on: request.db)
        let visible = canEdit(request.actor) ? revisions : revisions.filter { $0.status != .draft }
        guard let to = visible.first(where: { $0.id.uuidString == request.queryText("to") }) else { throw DomainError.notFound }
        let from = visible.first { $0.id == to.parentID }
        return html(EncyclopediaPage.diff(article, from: from, to: to, PageContext(request)))
    }

    static func revise(_ request: Request) async throws -> Response {
        try requireEditor(request)
        try request.requireCSRF()
        let form = try request.content.decode(ArticleForm.self)
        let (article, _) = try await EncyclopediaQueries.article(slug: request.parameters.get("slug") ?? "", on: request.db)
        do {
            _ = try await EncyclopediaStore.revise(article.id, form.draft, parent: form.parent.flatMap(UUID.init(uuidString:)), actor: request.actor,
                                                   on: request.db, now: request.now)
            return request.redirect(to: SiteURL.article(slug: article.slug).with([("draft", "1"), ("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, form: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func approve(_ request: Request) async throws -> Response {
        guard canApprove(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let (article, revisions) = try await EncyclopediaQueries.article(slug: request.parameters.get("slug") ?? "", on: request.db)
        guard let id = (try? request.content.get(String.self, at: "revision")).flatMap(UUID.init(uuidString:)),
              revisions.contains(where: { $0.id == id }) else { throw DomainError.notFound }
        _ = try await EncyclopediaStore.approve(id, actor: request.actor, on: request.db, now: request.now)
        return request.redirect(to: SiteURL.article(slug: article.slug).with([("notice", "saved")]), redirectType: .normal)
    }

    /// The approved text of each language (never a draft), as JSON.
    static func api(_ request: Request) async throws -> Response {
        let (article, revisions) = try await EncyclopediaQueries.article(slug: request.parameters.get("slug") ?? "", on: request.db)
        struct Text: Content { var language: String; var title: String; var text: String; var revision: Int; var hash: String; var approvedRevision: String }
        struct Body: Content { var slug: String; var texts: [Text] }
        let texts = Language.allCases.compactMap { language -> Text? in
            guard let id = article.approved[language], let revision = revisions.first(where: { $0.id == id }) else { return nil }
            return Text(language: language.rawValue, title: revision.title, text: revision.text, revision: revision.number, hash: revision.hash,
                        approvedRevision: revision.id.uuidString)
        }
        guard !texts.isEmpty else { throw DomainError.notFound }
        return try await Body(slug: article.slug, texts: texts).encodeResponse(for: request)
    }
}
