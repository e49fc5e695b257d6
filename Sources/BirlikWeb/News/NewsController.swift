import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The portal's news (S16): readers' list (by place and tag) and items in their language, an Atom feed,
/// and for editors the item's translations, tags and publication.
enum NewsController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.news, use: list)
        routes.get(.newsNew, use: newItem)
        routes.post(.newsNew, use: create)
        routes.get(.newsFeed, use: feed)
        routes.get(.newsItem(code: ""), use: show)
        routes.post(.newsItem(code: ""), use: update)
        routes.post(.newsStep(code: ""), use: step)
    }

    static func canEdit(_ actor: Actor) -> Bool {
        Access.check(actor, .create, .news, in: Scope(organizationID: nil, regionCode: actor.regionCode, isPublic: false)) == .allowed
    }

    /// The readers' filters: a place and a tag (`org:code`, `place:KZ-75`, `event:EV-…`); unknown ones refused.
    static func filters(_ request: Request) throws -> (region: String?, tag: String?) {
        let region = request.queryText("region")
        if let region, PlaceDirectory.shared.find(region) == nil { throw DomainError.invalid([FieldError("region", .importUnknownPlace)]) }
        let tag = request.queryText("tag")
        if let tag, !["org:", "place:", "event:"].contains(where: tag.hasPrefix) { throw DomainError.invalid([FieldError("tag", .fieldChooseValue)]) }
        return (region, tag)
    }

    static func list(_ request: Request) async throws -> Response {
        try await NewsStore.releaseDue(now: request.now, on: request.db)
        let (region, tag) = try filters(request)
        let items = try await NewsQueries.published(region: region, tag: tag, on: request.db)
        let mine = canEdit(request.actor) ? try await NewsQueries.editable(actor: request.actor, on: request.db) : []
        return html(NewsPage.list(items, editable: mine, region: region, tag: tag, canEdit: canEdit(request.actor),
                                  base: request.application.birlik.configuration.linkBase, PageContext(request)))
    }

    static func feed(_ request: Request) async throws -> Response {
        try await NewsStore.releaseDue(now: request.now, on: request.db)
        let (region, tag) = try filters(request)
        let items = try await NewsQueries.published(region: region, tag: tag, on: request.db)
        // A calendar or feed reader sends no cookies: the language and script come in the address.
        var l10n = request.l10n
        if let language = request.queryText("lang").flatMap(Language.init(rawValue:)) { l10n = Localizer(language, script: language == .kk && request.queryText("script") == "latin" ? .latin : .cyrillic) }
        let base = request.application.birlik.configuration.linkBase
        let entries = items.compactMap { item -> AtomFeed.Entry? in
            guard let text = item.text(for: l10n.language), let published = item.publishAt else { return nil }
            let shown = { (value: String) in l10n.inScript(value, text.language) }
            return AtomFeed.Entry(id: "urn:uuid:\(item.id.uuidString.lowercased())", title: shown(text.translation.title), published: published,
                                  updated: max(published, item.updatedAt), link: base + SiteURL.newsItem(code: item.code).path, summary: shown(text.translation.summary),
                                  content: shown(text.translation.body), language: NewsPage.langTag(text.language, l10n),
                                  categories: item.tags.places + item.tags.organizations + item.tags.events, author: l10n(.openDataPublisher))
        }
        let query: [(String, String?)] = [("region", region), ("tag", tag), ("lang", l10n.language.rawValue), ("script", l10n.script == .latin ? "latin" : nil)]
        let atom = AtomFeed(id: base + SiteURL.newsFeed.with(query), title: l10n(.newsTitle) + (region.map { " · " + EarlyWarningPage.regionName($0, l10n) } ?? ""),
                            selfLink: base + SiteURL.newsFeed.with(query), alternateLink: base + SiteURL.news.with([("region", region), ("tag", tag)]),
                            language: NewsPage.langTag(l10n.language, l10n), author: l10n(.openDataPublisher), entries: entries, fallbackUpdated: Date(timeIntervalSince1970: 0))
        let response = Response(status: .ok, body: .init(string: atom.rendered()))
        response.headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return response
    }

    // MARK: Editing

    struct ItemForm: Content {
        var region: String?
        var originalLanguage: String?
        var tags: String?
        var title_kk: String?, summary_kk: String?, body_kk: String?, status_kk: String?
        var title_ru: String?, summary_ru: String?, body_ru: String?, status_ru: String?
        var title_en: String?, summary_en: String?, body_en: String?, status_en: String?
        var version: Int?

        func field(_ name: String, _ language: Language) -> String {
            switch (name, language) {
            case ("title", .kk): title_kk ?? ""
            case ("summary", .kk): summary_kk ?? ""
            case ("body", .kk): body_kk ?? ""
            case ("status", .kk): status_kk ?? ""
            case ("title", .ru): title_ru ?? ""
            case ("summary", .ru): summary_ru ?? ""
            case ("body", .ru): body_ru ?? ""
            case ("status", .ru): status_ru ?? ""
            case ("title", .en): title_en ?? ""
            case ("summary", .en): summary_en ?? ""
            case ("body", .en): body_en ?? ""
            default: status_en ?? ""
            }
        }

        var draft: NewsDraft {
            var texts: [Language: (title: String, summary: String, body: String, status: String)] = [:]
            for language in Language.allCases {
                texts[language] = (field("title", language), field("summary", language), field("body", language), field("status", language))
            }
            return NewsDraft(region: region ?? "", originalLanguage: originalLanguage ?? "", texts: texts, tags: tags ?? "")
        }

        init(_ item: NewsItem) {
            region = item.region; originalLanguage = item.originalLanguage.rawValue
            tags = (item.tags.places + item.tags.organizations + item.tags.events).joined(separator: ", "); version = item.version
            let t = item.translations
            title_kk = t[.kk]?.title; summary_kk = t[.kk]?.summary; body_kk = t[.kk]?.body; status_kk = t[.kk]?.status.rawValue
            title_ru = t[.ru]?.title; summary_ru = t[.ru]?.summary; body_ru = t[.ru]?.body; status_ru = t[.ru]?.status.rawValue
            title_en = t[.en]?.title; summary_en = t[.en]?.summary; body_en = t[.en]?.body; status_en = t[.en]?.status.rawValue
        }

        init(region: String, originalLanguage: String) { self.region = region; self.originalLanguage = originalLanguage }
    }

    static func requireEditor(_ request: Request) throws {
        guard canEdit(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
    }

    static func newItem(_ request: Request) async throws -> Response {
        try requireEditor(request)
        return html(NewsPage.form(ItemForm(region: request.actor.regionCode, originalLanguage: request.l10n.language.rawValue), item: nil, errors: Form.Errors(),
                                  PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        try requireEditor(request)
        try request.requireCSRF()
        let form = try request.content.decode(ItemForm.self)
        do {
            let item = try await NewsStore.save(form.draft, id: nil, version: 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.newsItem(code: item.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(NewsPage.form(form, item: nil, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func item(_ request: Request) async throws -> NewsItem {
        try await NewsStore.releaseDue(now: request.now, on: request.db)
        return try await NewsQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
    }

    static func show(_ request: Request) async throws -> Response {
        let item = try await item(request)
        return try page(request, item, form: ItemForm(item), errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, _ item: NewsItem, form: ItemForm, errors: Form.Errors, status: HTTPResponseStatus) throws -> Response {
        let editor = Access.check(request.actor, .update, .news, in: item.scope) == .allowed
        // Readers need a ready text; an editor sees the item whatever its state.
        guard editor || item.text(for: request.l10n.language) != nil else { throw DomainError.notFound }
        return html(NewsPage.item(item, editor: editor, form: form, errors: errors, today: request.today, PageContext(request)), status: status)
    }

    static func update(_ request: Request) async throws -> Response {
        let item = try await item(request)
        guard Access.check(request.actor, .update, .news, in: item.scope) == .allowed else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(ItemForm.self)
        do {
            _ = try await NewsStore.save(form.draft, id: item.id, version: form.version ?? 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.newsItem(code: item.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try page(request, item, form: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct StepForm: Content {
        var step: String
        var version: Int
        var publishAt: String?
    }

    static func step(_ request: Request) async throws -> Response {
        let item = try await item(request)
        guard Access.check(request.actor, .publish, .news, in: item.scope) == .allowed else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        do {
            let step: NewsStore.Step
            switch form.step {
            case "publish": step = .publishNow
            case "withdraw": step = .withdraw
            case "schedule":
                guard let at = EventTime.parse(form.publishAt ?? "") else { throw DomainError.invalid([FieldError("publishAt", .eventsBadTime)]) }
                step = .schedule(at)
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            _ = try await NewsStore.apply(step, to: item.id, version: form.version, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.newsItem(code: item.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try page(request, item, form: ItemForm(item), errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }
}
