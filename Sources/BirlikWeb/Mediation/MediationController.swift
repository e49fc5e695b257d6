import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// Mediation (S7): the public register of mediators and its lookup, cases opened from an alert, a
/// signal, an appeal or directly, their steps, the break-glass read, the signed agreement, statistics.
enum MediationController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.mediators, use: mediators)
        routes.get(.mediatorNew, use: mediatorForm)
        routes.post(.mediatorNew, use: addMediator)
        routes.post(.mediatorStatus(id: ""), use: mediatorStatus)
        routes.get(.mediationCases, use: cases)
        routes.get(.mediationStatistics, use: statistics)
        routes.get(.mediationCaseNew, use: intakeForm)
        routes.post(.mediationCaseNew, use: open)
        routes.get(.mediationCase(id: ""), use: show)
        routes.post(.mediationStep(id: ""), use: step)
        routes.post(.mediationBreakGlass(id: ""), use: breakGlass)
        routes.get(.mediationAgreement(id: ""), use: agreement)
        routes.get(.mediationAgreementPDF(id: ""), use: agreementPDF)
    }

    static let republic = Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false)

    static func vault(_ request: Request) throws -> ConfidentialVault {
        try VaultKeys.vault(.mediation, dataDirectory: request.application.birlikDataDirectory)
    }

    // MARK: The register

    static func mediators(_ request: Request) async throws -> Response {
        let certificate = request.queryText("certificate", limit: 50)
        var found: Mediator?
        if let certificate { found = try await MediationQueries.mediator(certificate: certificate, on: request.db) }
        let all = try await MediationQueries.mediators(place: request.queryText("region"), on: request.db)
        let organizations = try await OrganizationQueries.labels(ids: Array(Set(all.flatMap { $0.ties + ($0.organizationID.map { [$0] } ?? []) })), on: request.db)
        return html(MediatorsPage.view(all, lookup: certificate, found: found, organizations: organizations.mapValues { request.l10n.text($0.name) },
                                       canEdit: Access.check(request.actor, .update, .mediator, in: republic) == .allowed, PageContext(request)))
    }

    static func mediatorForm(_ request: Request) async throws -> Response {
        try Access.require(request.actor, .create, .mediator, in: republic)
        return html(MediatorsPage.form(MediatorForm(), errors: Form.Errors(), PageContext(request)))
    }

    struct MediatorForm: Content {
        var fullName: String?
        var certificateNumber: String?
        var kind: String?
        var languages: [String]?
        var specialisations: [String]?
        var place: String?
        var accountEmail: String?
        var organizationCode: String?
        var ties: String?
    }

    static func addMediator(_ request: Request) async throws -> Response {
        try Access.require(request.actor, .create, .mediator, in: republic)
        try request.requireCSRF()
        let form = try request.content.decode(MediatorForm.self)
        var draft = MediatorDraft()
        draft.fullName = form.fullName ?? ""; draft.certificateNumber = form.certificateNumber ?? ""; draft.kind = form.kind ?? ""
        draft.languages = form.languages ?? []; draft.specialisations = form.specialisations ?? []; draft.place = form.place ?? ""
        draft.accountEmail = form.accountEmail ?? ""
        do {
            let mediator = try await MediationStore.addMediator(draft, organizationCode: form.organizationCode ?? "",
                                                                tieCodes: (form.ties ?? "").split(whereSeparator: { $0 == "," || $0.isNewline }).map(String.init),
                                                                actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.mediators.with([("certificate", mediator.certificateNumber), ("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(MediatorsPage.form(form, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    struct StatusForm: Content {
        var status: String
        var version: Int?
    }

    static func mediatorStatus(_ request: Request) async throws -> Response {
        try request.requireCSRF()
        let form = try request.content.decode(StatusForm.self)
        guard let status = Mediator.Status(rawValue: form.status) else { throw DomainError.invalid([FieldError("status", .fieldChooseValue)]) }
        let mediator = try await MediationStore.setStatus(try request.idParameter(), status, version: form.version ?? 0, actor: request.actor,
                                                          on: request.db, now: request.now)
        return request.redirect(to: SiteURL.mediators.with([("certificate", mediator.certificateNumber), ("notice", "saved")]), redirectType: .normal)
    }

    // MARK: Cases

    static func cases(_ request: Request) async throws -> Response {
        let rows = try await MediationQueries.list(actor: request.actor, on: request.db)
        return html(MediationCasesPage.list(rows, canOpen: canOpen(request.actor), today: request.today, PageContext(request)))
    }

    static func canOpen(_ actor: Actor) -> Bool {
        ReferenceData.regions.contains { Access.check(actor, .create, .mediationCase, in: Scope(organizationID: nil, regionCode: $0.code, isPublic: false)) == .allowed }
    }

    /// The origin named by `?origin=signal:<id>` (or alert:, appeal:), checked against what the user may see.
    static func origin(_ text: String?, _ request: Request) async throws -> (kind: MediationCase.OriginKind, id: UUID?, place: String, summary: String) {
        guard let text, let colon = text.firstIndex(of: ":"), let kind = MediationCase.OriginKind(rawValue: String(text[..<colon])),
              let id = UUID(uuidString: String(text[text.index(after: colon)...])) else { return (.direct, nil, "", "") }
        switch kind {
        case .signal:
            let signal = try await SignalQueries.find(id, actor: request.actor, on: request.db)
            return (kind, id, signal.place, signal.summary)
        case .alert:
            let alert = try await AlertQueries.find(id, actor: request.actor, on: request.db)
            return (kind, id, alert.place, alert.task)
        case .appeal:
            let appeal = try await AppealQueries.find(id, actor: request.actor, on: request.db).appeal
            return (kind, id, appeal.place, appeal.text)
        case .direct:
            return (.direct, nil, "", "")
        }
    }

    static func intakeForm(_ request: Request) async throws -> Response {
        guard canOpen(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let origin = try await origin(request.queryText("origin"), request)
        let intake = MediationStore.Intake(originKind: origin.kind, originID: origin.id, place: origin.place, disputeType: "",
                                           isInterethnic: origin.kind != .direct, languages: ["kk", "ru"], parties: "", summary: origin.summary)
        return html(MediationCasesPage.intake(intake, errors: Form.Errors(), PageContext(request)))
    }

    struct IntakeForm: Content {
        var origin: String?
        var place: String?
        var disputeType: String?
        var interethnic: String?
        var languages: [String]?
        var parties: String?
        var summary: String?
    }

    static func open(_ request: Request) async throws -> Response {
        guard canOpen(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(IntakeForm.self)
        let origin = try await origin(form.origin, request)
        let intake = MediationStore.Intake(originKind: origin.kind, originID: origin.id, place: form.place ?? "", disputeType: form.disputeType ?? "",
                                           isInterethnic: form.interethnic == "true", languages: form.languages ?? [], parties: form.parties ?? "",
                                           summary: form.summary ?? "")
        do {
            let value = try await MediationStore.open(intake, actor: request.actor, vault: try vault(request), on: request.db, now: request.now)
            return request.redirect(to: SiteURL.mediationCase(id: value.id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(MediationCasesPage.intake(intake, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func show(_ request: Request) async throws -> Response {
        let (value, opened) = try await MediationQueries.find(try request.idParameter(), actor: request.actor, vault: try vault(request), on: request.db)
        return try await casePage(request, value: value, opened: opened, errors: Form.Errors(), status: .ok)
    }

    static func casePage(_ request: Request, value: MediationCase, opened: Bool, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let actor = request.actor
        let mediators = try await MediationQueries.mediators(on: request.db).filter { $0.status == .active }
        var assigned: Mediator?
        if let id = value.mediatorID { assigned = try await MediationQueries.mediator(id: id, on: request.db) }
        let model = MediationCasesPage.Model(value: value, opened: opened, mediator: assigned,
                                             candidates: opened ? mediators.map { ($0, ConflictOfInterest.find($0, parties: value.confidential.parties)) } : [],
                                             canSupervise: Access.check(actor, .approve, .mediationCase, in: value.scope) == .allowed,
                                             canMediate: Access.check(actor, .update, .mediationCase, in: value.scope) == .allowed,
                                             today: request.today)
        let response = html(MediationCasesPage.show(model, errors: errors, PageContext(request)), status: status)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    struct StepForm: Content {
        var step: String
        var version: Int?
        var note: String?
        var mediator: String?
        var override: String?
        var termDays: String?
        var date: String?
        var outcome: String?
        var agreement: String?
    }

    static func step(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let vault = try vault(request)
        let (value, opened) = try await MediationQueries.find(id, actor: request.actor, vault: vault, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        do {
            let step: MediationStep
            switch form.step {
            case "screen": step = .screen
            case "consultationOnly": step = .consultationOnly(note: form.note ?? "")
            case "inadmissible": step = .inadmissible(reason: form.note ?? "")
            case "assign":
                guard let mediatorID = form.mediator.flatMap(UUID.init(uuidString:)),
                      let mediator = try await MediationQueries.mediator(id: mediatorID, on: request.db) else {
                    throw DomainError.invalid([FieldError("mediator", .fieldChooseValue)])
                }
                guard opened else { throw DomainError.forbidden }
                let account = try await MediationQueries.account(of: mediator, on: request.db)
                step = .assign(mediator, account: account, override: form.override ?? "")
            case "signContract":
                guard let days = Int(form.termDays ?? "") else { throw DomainError.invalid([FieldError("termDays", .fieldNumberRange, ["min": "1", "max": "365"])]) }
                step = .signContract(termDays: days)
            case "session":
                guard let day = Day(form.date ?? "") else { throw DomainError.invalid([FieldError("date", .fieldDate)]) }
                step = .session(day, outcome: form.outcome ?? "")
            case "agreement": step = .agreement(text: form.agreement ?? "")
            case "end": step = .end(reason: form.note ?? "")
            case "followUp": step = .followUp(note: form.note ?? "")
            case "close": step = .close(note: form.note ?? "")
            case "reopen": step = .reopen(reason: form.note ?? "")
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            let after = try await MediationStore.apply(step, to: id, version: form.version ?? 0, actor: request.actor, vault: vault, on: request.db, now: request.now)
            if after.status == .agreementSigned { try await signAgreement(after, request, vault: vault) }
            return request.redirect(to: SiteURL.mediationCase(id: id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await casePage(request, value: value, opened: opened, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    /// The agreement as a Word document and as PDF, each kept content-addressed, signed (its hash in the
    /// register of signed documents and the audit chain) and named on the case. A PDF that cannot be
    /// printed now (no Chromium) is printed on its first download instead.
    static func signAgreement(_ value: MediationCase, _ request: Request, vault: ConfidentialVault) async throws {
        let docx = try await agreementDocument(value, request).data(created: request.now)
        let sha256 = try await storeSigned(docx, of: value, format: "docx", mediaType: MediationAgreement.mediaType, request)
        try await MediationStore.recordAgreementDocument(value.id, sha256: sha256, actor: request.actor, vault: vault, on: request.db, now: request.now)
        do {
            _ = try await printAgreement(value, request, vault: vault)
        } catch let failure as PDFPrinter.Failure {
            request.logger.warning("mediation agreement \(value.number): no PDF yet: \(failure.description)")
        }
    }

    static func agreementDocument(_ value: MediationCase, _ request: Request) async throws -> DOCXWriter {
        var mediator: Mediator?
        if let id = value.mediatorID { mediator = try await MediationQueries.mediator(id: id, on: request.db) }
        return MediationAgreement.document(value, mediator: mediator, Localizer(MediationAgreement.language(value)), created: request.now)
    }

    /// Prints the agreement to PDF, stores, signs and records it; returns the PDF.
    static func printAgreement(_ value: MediationCase, _ request: Request, vault: ConfidentialVault) async throws -> Data {
        let pdf = try await PDFPrinter.print(try await agreementDocument(value, request).printableHTML())
        let sha256 = try await storeSigned(pdf, of: value, format: "pdf", mediaType: "application/pdf", request)
        try await MediationStore.recordAgreementDocument(value.id, sha256: sha256, pdf: true, actor: request.actor, vault: vault, on: request.db, now: request.now)
        return pdf
    }

    static func storeSigned(_ data: Data, of value: MediationCase, format: String, mediaType: String, _ request: Request) async throws -> String {
        let address = try await request.application.birlik.files.store(data, mediaType: mediaType, originalName: "\(value.number).\(format)",
                                                                       on: request.db, now: request.now)
        let signature = try await SignedDocuments.sign(data, kind: "mediation-agreement", year: value.receivedOn.year,
                                                       language: MediationAgreement.language(value).rawValue, format: format,
                                                       dataDirectory: request.application.birlikDataDirectory, actor: request.actor, now: request.now, on: request.db)
        precondition(signature.sha256 == address.sha256)
        return address.sha256
    }

    struct BreakGlassForm: Content { var reason: String? }

    static func breakGlass(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let vault = try vault(request)
        let (value, _) = try await MediationQueries.find(id, actor: request.actor, vault: vault, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(BreakGlassForm.self)
        do {
            let opened = try await MediationStore.breakGlass(id, reason: form.reason ?? "", actor: request.actor, vault: vault, on: request.db, now: request.now)
            return try await casePage(request, value: opened, opened: true, errors: Form.Errors(), status: .ok)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await casePage(request, value: value, opened: false, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func agreement(_ request: Request) async throws -> Response {
        let (value, opened) = try await MediationQueries.find(try request.idParameter(), actor: request.actor, vault: try vault(request), on: request.db)
        guard opened, !value.agreementSHA256.isEmpty,
              let data = try await request.storedFile(value.agreementSHA256) else { throw DomainError.notFound }
        return try await export(data, of: value, sha256: value.agreementSHA256, format: "docx", mediaType: MediationAgreement.mediaType, request)
    }

    static func agreementPDF(_ request: Request) async throws -> Response {
        let vault = try vault(request)
        let (value, opened) = try await MediationQueries.find(try request.idParameter(), actor: request.actor, vault: vault, on: request.db)
        guard opened, !value.agreementSHA256.isEmpty else { throw DomainError.notFound }
        if let data = try await request.storedFile(value.agreementPDFSHA256) {
            return try await export(data, of: value, sha256: value.agreementPDFSHA256, format: "pdf", mediaType: "application/pdf", request)
        }
        let data = try await printAgreement(value, request, vault: vault)
        let sha256 = ContentAddress(of: data).sha256
        return try await export(data, of: value, sha256: sha256, format: "pdf", mediaType: "application/pdf", request)
    }

    /// A download of the agreement: recorded first (it carries the parties' personal data), never cached.
    static func export(_ data: Data, of value: MediationCase, sha256: String, format: String, mediaType: String, _ request: Request) async throws -> Response {
        try await MediationStore.recordExport(value.id, document: sha256, actor: request.actor, on: request.db, now: request.now)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: mediaType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(value.number).\(format)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func statistics(_ request: Request) async throws -> Response {
        let year = try request.queryNumber("year", in: 2000...2100, default: request.today.year)
        let cells = try await MediationQueries.statistics(year: year, today: request.today, on: request.db)
        return html(MediationCasesPage.statistics(cells, year: year, PageContext(request)))
    }
}
