import BirlikCore
import BirlikDocuments
import BirlikStorage
import FluentKit
import Vapor

/// The digital library (S16): the catalogue with its search, an item's page with its Dublin Core
/// description and file, the deposit and edit forms of an organisation's staff, and the curators' steps.
enum LibraryController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.library, use: catalogue)
        routes.get(.libraryNew, use: newItem)
        routes.on(.POST, SiteURL.libraryNew.pattern, body: .collect(maxSize: "12mb"), use: create)
        routes.get(.libraryItem(code: ""), use: show)
        routes.on(.POST, SiteURL.libraryItem(code: "").pattern, body: .collect(maxSize: "12mb"), use: update)
        routes.post(.libraryStep(code: ""), use: step)
        routes.get(.libraryFile(code: ""), use: file)
    }

    /// Whether the actor may deposit for its own organisation.
    static func canDeposit(_ actor: Actor) -> Bool {
        guard let organization = actor.organizationID else { return false }
        return Access.check(actor, .create, .libraryItem, in: Scope(organizationID: organization, regionCode: actor.regionCode, isPublic: false)) == .allowed
    }

    static func catalogue(_ request: Request) async throws -> Response {
        let query = request.queryText("q") ?? ""
        let collection = request.queryText("collection")
        if let collection, LibraryCollection.find(collection) == nil { throw DomainError.invalid([FieldError("collection", .fieldChooseValue)]) }
        let items = try await LibraryQueries.catalogue(query: query, collection: collection, actor: request.actor, on: request.db)
        let total = items.count < 100 ? items.count : try await LibraryQueries.catalogueCount(query: query, collection: collection, actor: request.actor, on: request.db)
        let counts = try await LibraryQueries.publishedCounts(on: request.db)
        let base = request.application.birlik.configuration.linkBase
        return html(LibraryPage.catalogue(items, total: total, query: query, collection: collection, counts: counts, canDeposit: canDeposit(request.actor),
                                          oaiURL: base + SiteURL.oai.path, PageContext(request)))
    }

    /// The deposit and edit form's fields; the file comes as a multipart part beside them.
    struct ItemForm: Content {
        var collection: String?
        var title_kk: String?
        var title_ru: String?
        var title_en: String?
        var creators: String?
        var subjects: String?
        var description: String?
        var publisher: String?
        var date: String?
        var type: String?
        var language: String?
        var rights: String?
        var source: String?
        var region: String?
        var version: Int?
        var file: File?

        var draft: LibraryItemDraft {
            var titles: [Language: String] = [:]
            for (language, text) in [(Language.kk, title_kk), (.ru, title_ru), (.en, title_en)] { if let text { titles[language] = text } }
            return LibraryItemDraft(collection: collection ?? "", titles: titles, creators: creators ?? "", subjects: subjects ?? "",
                                    description: description ?? "", publisher: publisher ?? "", date: date ?? "", type: type ?? "",
                                    language: language ?? "", rights: rights ?? "", source: source ?? "", region: region ?? "")
        }

        init(_ draft: LibraryItemDraft, version: Int? = nil) {
            collection = draft.collection; title_kk = draft.titles[.kk]; title_ru = draft.titles[.ru]; title_en = draft.titles[.en]
            creators = draft.creators; subjects = draft.subjects; description = draft.description; publisher = draft.publisher; date = draft.date
            type = draft.type; language = draft.language; rights = draft.rights; source = draft.source; region = draft.region; self.version = version
        }
    }

    /// The uploaded file with the text the search reads from it: a DOCX's or a text file's words (an Office
    /// file is opened within limits, on the thread pool); other kinds are described, not read.
    static func upload(_ form: ItemForm, _ request: Request) async throws -> LibraryStore.Upload? {
        guard let file = form.file, file.data.readableBytes > 0 else { return nil }
        let data = Data(buffer: file.data), name = file.filename
        let text = try await request.onThreadPool { () throws -> String in
            guard let mediaType = try? LibraryItem.mediaType(of: data, fileName: name) else { return "" }
            if mediaType.hasPrefix("application/vnd.openxmlformats") {
                do { _ = try OOXMLPackage.read(data, limit: 50 << 20) } catch { throw DomainError.invalid([FieldError("file", .attachmentBroken)]) }
            }
            guard mediaType.hasPrefix("text/plain") || name.lowercased().hasSuffix(".docx") else { return "" }
            return (try? CorpusText.read(data, fileName: name).text) ?? ""
        }
        return LibraryStore.Upload(data: data, fileName: name, text: text)
    }

    static func newItem(_ request: Request) async throws -> Response {
        guard canDeposit(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let draft = LibraryItemDraft(collection: "apk", type: LibraryItem.DCMIType.text.rawValue, language: request.l10n.language.rawValue,
                                     rights: "CC BY 4.0", region: request.actor.regionCode)
        return html(LibraryPage.form(ItemForm(draft), item: nil, errors: Form.Errors(), PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        guard canDeposit(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(ItemForm.self)
        do {
            let upload = try await upload(form, request)
            let item = try await LibraryStore.deposit(form.draft, upload: upload, files: request.application.birlik.files, actor: request.actor,
                                                      on: request.db, now: request.now)
            return request.redirect(to: SiteURL.libraryItem(code: item.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(LibraryPage.form(form, item: nil, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func item(_ request: Request) async throws -> LibraryItem {
        try await LibraryQueries.item(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
    }

    static func show(_ request: Request) async throws -> Response {
        try await page(request, try await item(request), form: nil, errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, _ item: LibraryItem, form: ItemForm?, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let organization = try await OrganizationQueries.labels(ids: [item.organizationID], on: request.db)[item.organizationID]?.name
        let canEdit = item.status != .withdrawn && Access.check(request.actor, .update, .libraryItem, in: item.scope) == .allowed
        let canCurate = Access.check(request.actor, .approve, .libraryItem, in: item.scope) == .allowed
        let base = request.application.birlik.configuration.linkBase
        return html(LibraryPage.item(item, organization: organization, canEdit: canEdit, canCurate: canCurate,
                                     form: form ?? ItemForm(LibraryItemDraft(item), version: item.version), errors: errors, base: base,
                                     PageContext(request)), status: status)
    }

    static func update(_ request: Request) async throws -> Response {
        let item = try await item(request)
        try request.requireCSRF()
        let form = try request.content.decode(ItemForm.self)
        do {
            let upload = try await upload(form, request)
            _ = try await LibraryStore.update(item.id, form.draft, upload: upload, version: form.version ?? 0, files: request.application.birlik.files,
                                              actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.libraryItem(code: item.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, item, form: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct StepForm: Content {
        var step: String
        var version: Int
        var reason: String?
    }

    static func step(_ request: Request) async throws -> Response {
        let item = try await item(request)
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        do {
            let step: LibraryStore.Step
            switch form.step {
            case "publish": step = .publish
            case "withdraw": step = .withdraw(reason: form.reason ?? "")
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            _ = try await LibraryStore.apply(step, to: item.id, version: form.version, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.libraryItem(code: item.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, item, form: nil, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    /// The item's file, for those who may see the item (a withdrawn item's file only for its keepers).
    static func file(_ request: Request) async throws -> Response {
        let item = try await item(request)
        guard let file = item.file, let data = try await request.storedFile(file.sha256) else {
            throw DomainError.notFound
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: file.mediaType)
        let ascii = file.fileName.unicodeScalars.allSatisfy { $0.isASCII } ? file.fileName : "\(item.code)"
        let encoded = file.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? item.code
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}
