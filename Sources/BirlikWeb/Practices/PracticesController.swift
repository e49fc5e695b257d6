import BirlikCore
import BirlikStorage
import FluentKit
import Vapor

/// The base of good practices (S19): the public search and the map of adoptions, an organisation's
/// form for its practice, the practice's page with its evidence, languages, review and replication log,
/// and every step of its way to publication.
enum PracticesController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.practices, use: list)
        routes.get(.practiceMap, use: map)
        routes.get(.practiceNew, use: newPractice)
        routes.post(.practiceNew, use: create)
        routes.get(.practice(code: ""), use: show)
        routes.get(.practiceEdit(code: ""), use: edit)
        routes.post(.practiceEdit(code: ""), use: update)
        routes.post(.practiceTranslate(code: ""), use: translate)
        routes.post(.practiceEvidence(code: ""), use: evidence)
        routes.post(.practiceStep(code: ""), use: step)
        routes.post(.practiceReviewer(code: ""), use: assignReviewer)
        routes.post(.practiceAdopt(code: ""), use: adopt)
    }

    static func canDescribe(_ actor: Actor) -> Bool {
        guard let organization = actor.organizationID else { return false }
        return Access.check(actor, .create, .practice, in: Scope(organizationID: organization, regionCode: actor.regionCode, isPublic: false)) == .allowed
    }

    static func list(_ request: Request) async throws -> Response {
        let search = PracticeQueries.Search(query: request.queryText("q") ?? "", domain: request.queryText("domain").flatMap(GoodPractice.Domain.init(rawValue:)),
                                            region: request.queryText("region").flatMap { code in ReferenceData.regions.contains { $0.code == code } ? code : nil },
                                            status: request.queryText("status").flatMap(GoodPractice.Status.init(rawValue:)))
        let practices = try await PracticeQueries.practices(search, actor: request.actor, on: request.db)
        let total = try await PracticeQueries.count(search, actor: request.actor, on: request.db)
        let authors = try await OrganizationQueries.labels(ids: Array(Set(practices.map(\.organizationID))), on: request.db).mapValues(\.name)
        return html(PracticesPage.list(practices, total: total, search: search, authors: authors, canDescribe: canDescribe(request.actor), PageContext(request)))
    }

    static func map(_ request: Request) async throws -> Response {
        html(PracticesPage.map(try await PracticeQueries.adoptionMap(on: request.db), PageContext(request)))
    }

    /// The practice form as posted: the same names the page's form has.
    struct PracticeForm: Content {
        var domain: String?
        var language: String?
        var region: String?
        var regions: [String]?
        var title: String?
        var problem: String?
        var method: String?
        var resources: String?
        var outcomes: String?
        var version: Int?

        init(_ draft: PracticeDraft, version: Int? = nil) {
            domain = draft.domain; language = draft.language; region = draft.region; regions = draft.regions; title = draft.text.title
            problem = draft.text.problem; method = draft.text.method; resources = draft.text.resources; outcomes = draft.text.outcomes; self.version = version
        }

        var draft: PracticeDraft {
            PracticeDraft(domain: domain ?? "", language: language ?? "", region: region ?? "", regions: regions ?? [],
                          text: GoodPractice.Text(title: title ?? "", problem: problem ?? "", method: method ?? "", resources: resources ?? "", outcomes: outcomes ?? ""))
        }
    }

    static func newPractice(_ request: Request) async throws -> Response {
        guard canDescribe(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let draft = PracticeDraft(language: request.l10n.language.rawValue, region: RegionCode.topLevel(request.actor.regionCode) ?? "")
        return html(PracticesPage.form(PracticeForm(draft), code: nil, errors: Form.Errors(), PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        guard canDescribe(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(PracticeForm.self)
        do {
            let practice = try await PracticeStore.create(form.draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.practice(code: practice.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(PracticesPage.form(form, code: nil, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func practice(_ request: Request) async throws -> GoodPractice {
        try await PracticeQueries.practice(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
    }

    static func edit(_ request: Request) async throws -> Response {
        let practice = try await practice(request)
        try Access.require(request.actor, .update, .practice, in: practice.scope)
        guard practice.isEditable else { throw DomainError.conflict(.practiceNotEditable) }
        return html(PracticesPage.form(PracticeForm(PracticeDraft(practice), version: practice.version), code: practice.code, errors: Form.Errors(),
                                       PageContext(request)))
    }

    static func update(_ request: Request) async throws -> Response {
        let practice = try await practice(request)
        try request.requireCSRF()
        let form = try request.content.decode(PracticeForm.self)
        do {
            _ = try await PracticeStore.update(practice.id, form.draft, version: form.version ?? 0, actor: request.actor, on: request.db, now: request.now)
            return saved(request, practice)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return html(PracticesPage.form(form, code: practice.code, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func show(_ request: Request) async throws -> Response {
        try await page(request, try await practice(request), typed: [:], errors: Form.Errors(), status: .ok)
    }

    /// The practice's page; `typed` holds what a refused form carried, so nothing typed is lost.
    static func page(_ request: Request, _ practice: GoodPractice, typed: [String: String], errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let actor = request.actor
        let decides = Access.check(actor, .approve, .practice, in: practice.scope) == .allowed
        let author = try await OrganizationQueries.labels(ids: [practice.organizationID], on: request.db)[practice.organizationID]?.name
        let model = PracticesPage.Model(
            practice: practice, author: author, figures: try await PracticeQueries.figures(of: practice, actor: actor, today: request.today, on: request.db),
            adoptions: try await PracticeQueries.adoptions(of: practice.id, on: request.db),
            reviews: decides ? try await ReviewStore.assignments(of: practice.id, on: request.db) : [],
            experts: decides ? try await GrantQueries.experts(on: request.db) : [],
            canEdit: practice.isEditable && Access.check(actor, .update, .practice, in: practice.scope) == .allowed, decides: decides,
            canAdopt: practice.status == .published && actor.organizationID != nil
                && Access.check(actor, .create, .practiceAdoption, in: Scope(organizationID: nil, regionCode: actor.regionCode, isPublic: true)) == .allowed,
            adoptingRegion: RegionCode.topLevel(actor.regionCode), today: request.today)
        return html(PracticesPage.show(model, typed: typed, errors: errors, PageContext(request)), status: status)
    }

    static func saved(_ request: Request, _ practice: GoodPractice) -> Response {
        request.redirect(to: SiteURL.practice(code: practice.code).with([("notice", "saved")]), redirectType: .normal)
    }

    /// Runs a change posted from the practice's page: back to the page with a notice, or the page again
    /// with the errors and everything that was typed.
    static func posted(_ request: Request, _ change: (GoodPractice, [String: String]) async throws -> Void) async throws -> Response {
        let practice = try await practice(request)
        try request.requireCSRF()
        let typed = (try? request.content.decode([String: String].self)) ?? [:]
        do {
            try await change(practice, typed)
            return saved(request, practice)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await page(request, practice, typed: typed, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func translate(_ request: Request) async throws -> Response {
        try await posted(request) { practice, typed in
            guard let language = typed["lang"].flatMap(Language.init(rawValue:)) else { throw DomainError.invalid([FieldError("lang", .fieldChooseValue)]) }
            let field = { (name: String) in typed["\(language.rawValue)-\(name)"] ?? "" }
            let text = GoodPractice.Text(title: field("title"), problem: field("problem"), method: field("method"), resources: field("resources"), outcomes: field("outcomes"))
            _ = try await PracticeStore.translate(practice.id, into: language, text: text, version: Int(typed["version"] ?? "") ?? 0, actor: request.actor,
                                                  on: request.db, now: request.now)
        }
    }

    static func evidence(_ request: Request) async throws -> Response {
        try await posted(request) { practice, typed in
            let version = Int(typed["version"] ?? "") ?? 0
            if let remove = typed["remove"] {
                guard let id = UUID(uuidString: remove) else { throw DomainError.notFound }
                _ = try await PracticeStore.removeEvidence(practice.id, evidenceID: id, version: version, actor: request.actor, on: request.db, now: request.now)
            } else {
                let draft = EvidenceDraft(kind: typed["kind"] ?? "", reference: typed["reference"] ?? "", place: typed["place"] ?? "", year: typed["year"] ?? "",
                                          note: typed["note"] ?? "")
                _ = try await PracticeStore.addEvidence(practice.id, draft, version: version, actor: request.actor, on: request.db, now: request.now)
            }
        }
    }

    static func step(_ request: Request) async throws -> Response {
        try await posted(request) { practice, typed in
            let note = typed["note"] ?? ""
            let step: PracticeStep
            switch typed["step"] ?? "" {
            case "submit": step = .submit
            case "verify": step = .verify
            case "askEvidence": step = .askEvidence(note: note)
            case "publish": step = .publish
            case "archive": step = .archive(reason: note)
            case "checkTranslation":
                guard let language = typed["lang"].flatMap(Language.init(rawValue:)) else { throw DomainError.invalid([FieldError("lang", .fieldChooseValue)]) }
                step = .checkTranslation(language)
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            _ = try await PracticeStore.apply(step, to: practice.id, version: Int(typed["version"] ?? "") ?? 0, actor: request.actor, on: request.db, now: request.now)
        }
    }

    static func assignReviewer(_ request: Request) async throws -> Response {
        try await posted(request) { practice, typed in
            guard let reviewer = typed["reviewer"].flatMap(UUID.init(uuidString:)) else { throw DomainError.invalid([FieldError("reviewer", .fieldChooseValue)]) }
            _ = try await PracticeStore.assignReviewer(practice.id, reviewerID: reviewer, actor: request.actor, on: request.db, now: request.now)
        }
    }

    static func adopt(_ request: Request) async throws -> Response {
        try await posted(request) { practice, typed in
            _ = try await PracticeStore.adopt(practice.id, AdoptionDraft(region: typed["region"] ?? "", adoptedOn: typed["adoptedOn"] ?? "", result: typed["result"] ?? ""),
                                              actor: request.actor, on: request.db, now: request.now)
        }
    }
}
