import BirlikCore
import BirlikCorpus
import BirlikDocuments
import BirlikStorage
import Vapor

/// Contributors submit texts to the national corpus; Secretariat editors accept them (searchable at once)
/// or reject them with a note. Every step is audited and scoped by organisation and region.
enum CorpusSubmissionsController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.corpusSubmissions, use: list)
        routes.post(.corpusSubmissions, use: submit)
        routes.get(.corpusSubmission(id: ""), use: show)
        routes.post(.corpusSubmissionReview(id: ""), use: review)
    }

    static func mayCreate(_ actor: Actor) -> Bool {
        Access.check(actor, .create, .corpusText, in: Scope(organizationID: actor.organizationID, regionCode: actor.regionCode, isPublic: false)) == .allowed
    }

    static func list(_ request: Request) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        guard Access.visibility(request.actor, .corpusText) != .nothing else { throw DomainError.forbidden }
        return try await listPage(request, draft: CorpusSubmissionDraft(), errors: Form.Errors(), status: .ok)
    }

    static func listPage(_ request: Request, draft: CorpusSubmissionDraft, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let submissions = try await CorpusSubmissionStore.list(actor: request.actor, on: request.db)
        return html(CorpusSubmissionsPage.list(submissions, draft: draft, errors: errors, canSubmit: mayCreate(request.actor), PageContext(request)),
                    status: status)
    }

    struct SubmitForm: Content {
        var file: File?
        var title: String?
        var author: String?
        var year: String?
        var genre: String?
        var source: String?
        var licence: String?
    }

    static func submit(_ request: Request) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        guard mayCreate(request.actor) else { throw DomainError.forbidden }
        try request.requireCSRF()
        let form = try request.content.decode(SubmitForm.self)
        let draft = CorpusSubmissionDraft(title: form.title ?? "", author: form.author ?? "", year: form.year ?? "", genre: form.genre ?? "other",
                                          source: form.source ?? "", licence: form.licence ?? "")
        var problems: [FieldError] = []
        do { _ = try draft.validated(today: request.today) } catch { if case let .invalid(fields) = error { problems += fields } }
        // The file is read before anything is stored: a file that is not a readable text is refused here.
        var read: (data: Data, name: String, tokens: Int)?
        if let file = form.file, file.data.readableBytes > 0 {
            let data = Data(buffer: file.data)
            do {
                let name = file.filename
                let tokens = try await request.onThreadPool {
                    CorpusBuilder.attributes(try CorpusText.read(data, fileName: name).text).reduce(0) { $0 + $1.count }
                }
                read = (data, file.filename, tokens)
            } catch let error as CorpusText.ReadError {
                problems.append(FieldError("file", error.l10nKey))
            }
        } else {
            problems.append(FieldError("file", .corpusErrorFile))
        }
        guard problems.isEmpty, let read else { return try await listPage(request, draft: draft, errors: Form.Errors(problems), status: .unprocessableEntity) }
        let address = try await request.application.birlik.files.store(read.data, mediaType: "application/octet-stream", originalName: read.name, on: request.db, now: request.now)
        let submission = try await CorpusSubmissionStore.submit(draft, sha256: address.sha256, fileName: read.name, tokens: read.tokens,
                                                                actor: request.actor, today: request.today, on: request.db, now: request.now)
        return request.redirect(to: SiteURL.corpusSubmission(id: submission.id.uuidString).with([("notice", "corpus-submitted")]), redirectType: .normal)
    }

    static func show(_ request: Request) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        let submission = try await CorpusSubmissionStore.find(try request.idParameter(), actor: request.actor, on: request.db)
        return html(CorpusSubmissionsPage.show(submission, canReview: Access.check(request.actor, .approve, .corpusText, in: submission.scope) == .allowed,
                                               PageContext(request)))
    }

    struct ReviewForm: Content {
        var decision: String
        var note: String?
        var version: Int
    }

    static func review(_ request: Request) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(ReviewForm.self)
        let accept = form.decision == "accept"
        let id = try request.idParameter()
        let files = request.application.birlik.files
        let library = request.application.birlik.corpus
        let pool = request.application.threadPool
        let documentID = "submission-\(id.uuidString.lowercased())"
        // The text is read before the review's transaction, which holds the audit lock and a connection of its own.
        let document = accept ? try await CorpusLibrary.document(try await CorpusSubmissionStore.find(id, actor: request.actor, on: request.db),
                                                                 files: files, on: request.db) : nil
        do {
            let submission = try await CorpusSubmissionStore.review(id, accept: accept, note: form.note ?? "", version: form.version,
                                                                    actor: request.actor, on: request.db, now: request.now) { _ in
                guard let document else { throw DomainError.invalid([FieldError("file", .corpusErrorFileMissing)]) }
                try await pool.runIfActive { try library.add(document, id: documentID) }
                return documentID
            }
            return request.redirect(to: SiteURL.corpusSubmission(id: submission.id.uuidString).with([("notice", accept ? "corpus-accepted" : "corpus-rejected")]),
                                    redirectType: .normal)
        } catch {
            // The index may already hold the text if the transaction failed after adding it.
            if accept { try? await pool.runIfActive { try library.delete(documentID: documentID) } }
            throw error
        }
    }
}
