import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The report workflow's pages (S3): the report, the executor's entry, the coordinator's decisions,
/// and each user's work list.
enum ReportingController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.report(id: ""), use: show)
        routes.post(.reportEnter(id: ""), use: enter)
        routes.post(.reportDecide(id: ""), use: decide)
        routes.get(.myWork, use: myWork)
        routes.on(.POST, SiteURL.reportAttachments(id: "").pattern, body: .collect(maxSize: "12mb"), use: attach)
        routes.get(.reportAttachment(id: "", sha256: ""), use: attachment)
        routes.post(.reportAttachmentRemove(id: "", sha256: ""), use: removeAttachment)
    }

    static func show(_ request: Request) async throws -> Response {
        let report = try await ReportQueries.find(id: try request.idParameter(), actor: request.actor, on: request.db)
        return try await page(request, report: report, draft: ReportDraft(report), errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, report: Report, draft: ReportDraft, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let actor = request.actor
        let (measure, plan) = try await PlanQueries.measure(id: report.measureID, actor: actor, on: request.db)
        let decisions = ReportTransition.allCases.filter { transition in
            transition.action == .approve && transition.next(from: report.status) != nil
                && !(transition == .grantLateEntry && report.acceptsEntry(today: request.today))
                && Access.check(actor, .approve, .report, in: report.decisionScope(transition, plan: plan)) == .allowed
        }
        let model = ReportPage.Model(
            report: report, measure: measure, plan: plan,
            executor: try await OrganizationQueries.labels(ids: [report.executorID], on: request.db)[report.executorID],
            draft: draft, errors: errors,
            canEnter: Access.check(actor, .update, .report, in: report.scope) == .allowed && (plan.status == .approved || plan.status == .amended),
            entryOpen: report.acceptsEntry(today: request.today), decisions: decisions, today: request.today,
            attachments: try await ReportQueries.attachments(of: report.id, on: request.db))
        return html(ReportPage.view(model, PageContext(request)), status: status)
    }

    static func enter(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let stored = try await ReportQueries.find(id: id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(ReportFormData.self)
        if form.submit == "true" {
            let l10n = request.l10n
            let period = ReportingPeriod.label(code: stored.periodCode, l10n)
            if let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.confirmReportSubmitQuestion, ["period": period]),
                                                          consequence: l10n(.confirmReportSubmitConsequence), confirm: l10n(.reportActionSubmit),
                                                          back: SiteURL.report(id: id.uuidString).path) { return ask }
        }
        var draft = form.draft
        do {
            let submitted = form.submit == "true"
            let report = try await ReportStore.enter(id: id, draft, submit: submitted, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.report(id: id.uuidString).with([("notice", submitted ? "report-submit" : "report-save"),
                                                                                 ("place", submitted ? report.scope.regionCode : nil)]),
                                    redirectType: .normal)
        } catch let error as DomainError {
            // The officer's text stays on the page whatever went wrong; a stale version keeps it and
            // shows the newer record's version so that saving again is a deliberate overwrite.
            let current = try await ReportQueries.find(id: id, actor: request.actor, on: request.db)
            if case .staleVersion = error { draft.version = current.version }
            let errors = try Form.Errors(error)
            return try await page(request, report: current, draft: draft, errors: errors, status: ErrorMapping.status(error))
        }
    }

    /// The file of the entry form sent to the attachment route (its "Attach" button); the form's other
    /// fields, what was typed beside the file, are read as `ReportFormData`.
    struct AttachmentUpload: Content {
        var file: File?
    }

    /// Attaches a file: its kind read from its bytes, Office files opened with limits, stored by hash. What
    /// the officer typed beside it is saved too (or, when it cannot be, stays on the page with the reason).
    static func attach(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let report = try await ReportQueries.find(id: id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let upload = try request.content.decode(AttachmentUpload.self)
        // The typed text, when the form carried it; otherwise the report as stored.
        var draft = (try? request.content.decode(ReportFormData.self)).flatMap { $0.version == nil ? nil : $0.draft } ?? ReportDraft(report)
        var failure: DomainError?
        do {
            guard let file = upload.file, file.data.readableBytes > 0 else { throw DomainError.invalid([FieldError("file", .attachmentEmpty)]) }
            let data = Data(buffer: file.data), name = file.filename
            // The bytes are typed, and an Office file unpacked within its limits, on the thread pool.
            try await request.onThreadPool {
                guard try Attachment.kind(of: data, fileName: name).isOfficeContainer else { return }
                do { _ = try OOXMLPackage.read(data, limit: 50 << 20) } catch {
                    throw DomainError.invalid([FieldError("file", .attachmentBroken)])
                }
            }
            _ = try await ReportStore.attach(id: id, data: data, fileName: name, files: request.application.birlik.files,
                                             actor: request.actor, on: request.db, now: request.now)
        } catch let error as DomainError {
            failure = error
        }
        if draft != ReportDraft(report) {
            do {
                _ = try await ReportStore.enter(id: id, draft, submit: false, actor: request.actor, on: request.db, now: request.now)
            } catch let error as DomainError {
                failure = failure ?? error
            }
        }
        guard let failure else {
            return request.redirect(to: SiteURL.report(id: id.uuidString).with([("notice", "attached")]), redirectType: .normal)
        }
        let current = try await ReportQueries.find(id: id, actor: request.actor, on: request.db)
        if case .staleVersion = failure { draft.version = current.version } else if draft == ReportDraft(report) { draft = ReportDraft(current) }
        return try await page(request, report: current, draft: draft, errors: try Form.Errors(failure), status: ErrorMapping.status(failure))
    }

    /// Removes an attached file while the report is still the executor's to fill.
    static func removeAttachment(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        _ = try await ReportQueries.find(id: id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let sha256 = request.parameters.get("sha256") ?? ""
        guard let file = try await ReportQueries.attachments(of: id, on: request.db).first(where: { $0.sha256 == sha256 }) else { throw DomainError.notFound }
        let l10n = request.l10n
        if let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.confirmAttachmentRemoveQuestion, ["name": file.fileName]),
                                                      consequence: l10n(.confirmAttachmentRemoveConsequence), confirm: l10n(.attachmentRemove),
                                                      back: SiteURL.report(id: id.uuidString).path) { return ask }
        try await ReportStore.detach(id: id, sha256: sha256, actor: request.actor, on: request.db, now: request.now)
        return request.redirect(to: SiteURL.report(id: id.uuidString).with([("notice", "removed")]), redirectType: .normal)
    }

    /// An attached file, for those who may see its report.
    static func attachment(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        _ = try await ReportQueries.find(id: id, actor: request.actor, on: request.db)
        let sha = request.parameters.get("sha256") ?? ""
        guard let attachment = try await ReportQueries.attachments(of: id, on: request.db).first(where: { $0.sha256 == sha }),
              let data = try await request.storedFile(sha) else { throw DomainError.notFound }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: attachment.mediaType)
        let ascii = attachment.fileName.unicodeScalars.allSatisfy { $0.isASCII } ? attachment.fileName : "attachment"
        let encoded = attachment.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    struct DecisionForm: Content {
        var transition: String
        var version: Int
        var comment: String?
        var lateEntryUntil: String?
    }

    static func decide(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let report = try await ReportQueries.find(id: id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(DecisionForm.self)
        guard let transition = ReportTransition(rawValue: form.transition), transition.action == .approve else { throw DomainError.malformed("transition") }
        let l10n = request.l10n
        let consequence: L10nKey = switch transition {
        case .accept: .confirmReportAccept
        case .returnForCorrection: .confirmReportReturn
        case .unaccept: .confirmReportUnaccept
        default: .confirmReportLateEntry
        }
        let period = ReportingPeriod.label(code: report.periodCode, l10n)
        if let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.confirmReportDecisionQuestion, ["action": l10n(transition.l10nKey), "period": period]),
                                                      consequence: l10n(consequence), confirm: l10n(transition.l10nKey),
                                                      back: SiteURL.report(id: id.uuidString).path) { return ask }
        do {
            _ = try await ReportStore.decide(id: id, transition, comment: form.comment ?? "", lateEntryUntil: form.lateEntryUntil.flatMap(Day.init),
                                             version: form.version, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.report(id: id.uuidString).with([("notice", "report-\(transition.rawValue)")]), redirectType: .normal)
        } catch let error as DomainError {
            let current = try await ReportQueries.find(id: id, actor: request.actor, on: request.db)
            let errors = try Form.Errors(error)
            return try await page(request, report: current, draft: ReportDraft(current), errors: errors, status: ErrorMapping.status(error))
        }
    }

    static func myWork(_ request: Request) async throws -> Response {
        let actor = request.actor
        guard actor.isSignedIn else { throw DomainError.signInRequired }
        let today = request.today
        let obligations = try await actor.organizationID.asyncMap { try await ReportQueries.obligations(of: $0, today: today, on: request.db) } ?? []
        let awaiting = try await ReportQueries.awaitingDecision(actor: actor, on: request.db)
        let model = MyWorkPage.Model(
            obligations: obligations, awaiting: awaiting,
            instructions: try await InstructionQueries.list(.init(status: .onControl, executorID: actor.organizationID), actor: actor, today: today, on: request.db),
            notifications: try await actor.organizationID.asyncMap { try await Notifications.list(organization: $0, on: request.db) } ?? [],
            executors: try await OrganizationQueries.labels(ids: (obligations + awaiting).map(\.report.executorID), on: request.db),
            today: today)
        return html(MyWorkPage.view(model, PageContext(request)))
    }
}
