import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// One application: the applicant writes, attaches, submits and reports; the grant operator checks,
/// assigns experts, takes it to the commission, contracts and pays.
extension GrantsController {
    static func application(_ request: Request) async throws -> Response {
        let value = try await GrantQueries.application(try request.idParameter(), actor: request.actor, on: request.db)
        return try await applicationPage(request, value, form: nil, errors: Form.Errors(), status: .ok)
    }

    static func applicationPage(_ request: Request, _ value: GrantApplication, form: ApplicationForm?, errors: Form.Errors,
                                status: HTTPResponseStatus) async throws -> Response {
        let lot = try await GrantQueries.lots(ids: [value.lotID], on: request.db)[value.lotID]
        let call = try await GrantQueries.calls(on: request.db).first { $0.id == value.callID }
        let operating = Access.check(request.actor, .approve, .grantApplication, in: value.scope) == .allowed
        let reviews = operating ? try await ReviewStore.assignments(of: value.id, on: request.db) : []
        let model = GrantApplicationPage.Model(
            application: value, lot: lot, call: call,
            applicant: try await CharityPage.names([value.applicantID], request)[value.applicantID] ?? "",
            isApplicant: Access.check(request.actor, .update, .grantApplication, in: value.scope) == .allowed,
            isOperator: operating, reviews: reviews, summary: ReviewSummary(reviews, form: .grants),
            experts: operating ? try await GrantQueries.experts(on: request.db) : [],
            form: form ?? ApplicationForm(value), today: request.today)
        return html(GrantApplicationPage.show(model, errors: errors, PageContext(request)), status: status)
    }

    static func revise(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let value = try await GrantQueries.application(id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(ApplicationForm.self)
        do {
            _ = try await GrantStore.revise(id, version: form.version ?? 0, form.draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.grantApplication(id: id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await applicationPage(request, value, form: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct Upload: Content { var file: File? }

    static func attach(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let value = try await GrantQueries.application(id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        do {
            guard let file = try request.content.decode(Upload.self).file, file.data.readableBytes > 0 else {
                throw DomainError.invalid([FieldError("file", .attachmentEmpty)])
            }
            let data = Data(buffer: file.data), name = file.filename
            try await request.onThreadPool {
                guard try Attachment.kind(of: data, fileName: name).isOfficeContainer else { return }
                do { _ = try OOXMLPackage.read(data, limit: 50 << 20) } catch { throw DomainError.invalid([FieldError("file", .attachmentBroken)]) }
            }
            _ = try await GrantStore.attach(id, data: data, fileName: name, files: request.application.birlik.files, actor: request.actor,
                                            on: request.db, now: request.now)
            return request.redirect(to: SiteURL.grantApplication(id: id.uuidString).with([("notice", "attached")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await applicationPage(request, value, form: nil, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    /// An attached file, for those who may see the application.
    static func file(_ request: Request) async throws -> Response {
        let value = try await GrantQueries.application(try request.idParameter(), actor: request.actor, on: request.db)
        return try await download(request, value.files, sha256: request.parameters.get("sha256") ?? "")
    }

    /// One of `files` by its hash, as an attachment, never rendered inline.
    static func download(_ request: Request, _ files: [GrantApplication.File], sha256: String) async throws -> Response {
        guard let file = files.first(where: { $0.sha256 == sha256 }), let data = try await request.storedFile(sha256) else { throw DomainError.notFound }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: (try? Attachment.kind(of: data, fileName: file.name).mediaType) ?? "application/octet-stream")
        let ascii = file.name.unicodeScalars.allSatisfy { $0.isASCII } ? file.name : "attachment"
        let encoded = file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    static func assignReviewer(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let value = try await GrantQueries.application(id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        do {
            guard let reviewer = (try? request.content.get(String.self, at: "reviewer")).flatMap(UUID.init(uuidString:)) else {
                throw DomainError.invalid([FieldError("reviewer", .reviewNotExpert)])
            }
            _ = try await GrantStore.assignReviewer(id, reviewerID: reviewer, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.grantApplication(id: id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await applicationPage(request, value, form: nil, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    /// The number of vote rows and tranche rows the forms offer.
    static let voteRows = 7
    static let trancheRows = 4

    static func step(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let value = try await GrantQueries.application(id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let text = { (name: String) in (try? request.content.get(String.self, at: name)) ?? "" }
        let version = (try? request.content.get(Int.self, at: "version")) ?? 0
        do {
            let step: GrantStep
            switch text("step") {
            case "submit": step = .submit
            case "return": step = .returnForRevision(note: text("note"))
            case "admit": step = .admit
            case "withdraw": step = .withdraw(reason: text("reason"))
            case "toCommission": step = .toCommission
            case "decide":
                step = .decide(minutes: text("minutes"), votes: (0..<voteRows).compactMap { index in
                    let member = text("member\(index)")
                    guard !member.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
                    return GrantApplication.Vote(member: member, choice: GrantApplication.Vote.Choice(rawValue: text("vote\(index)")) ?? .abstain)
                }, amount: text("amount"))
            case "contract":
                step = .contract(number: text("contractNumber"), tranches: (0..<trancheRows).map { (text("trancheAmount\($0)"), text("trancheDue\($0)")) })
            case "approveTranche": step = .approveTranche(Int(text("tranche")) ?? -1, by: request.actor.displayName)
            case "payTranche": step = .payTranche(Int(text("tranche")) ?? -1)
            case "report":
                guard let kind = GrantApplication.UseReport.Kind(rawValue: text("kind")) else { throw DomainError.invalid([FieldError("kind", .fieldChooseValue)]) }
                step = .report(kind, text: text("text"))
            case "close": step = .close
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            _ = try await GrantStore.apply(step, to: id, version: version, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.grantApplication(id: id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await applicationPage(request, value, form: nil, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }
}
