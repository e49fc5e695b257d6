import BirlikCore
import BirlikDocuments
import BirlikStorage
import FluentKit
import Vapor

/// Youth and social lifts (S18): the public list of initiatives and their statistics, an initiative's
/// page with its shifts and sign-up, the organiser's steps and verification of hours, and a volunteer's
/// portfolio (page and PDF) held by its token.
enum YouthController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.youth, use: list)
        routes.get(.youthStatistics, use: statistics)
        routes.get(.youthNew, use: newInitiative)
        routes.post(.youthNew, use: create)
        routes.get(.youthInitiative(code: ""), use: show)
        routes.post(.youthStep(code: ""), use: step)
        routes.post(.youthSignUp(code: ""), use: signUp)
        routes.post(.youthVerify(id: ""), use: verify)
        routes.get(.volunteer(token: ""), use: portfolio)
        routes.post(.volunteer(token: ""), use: attachCertificate)
        routes.get(.volunteerPortfolio(token: ""), use: portfolioPDF)
    }

    static func canOrganise(_ actor: Actor) -> Bool {
        guard let organization = actor.organizationID else { return false }
        return Access.check(actor, .create, .youthInitiative, in: Scope(organizationID: organization, regionCode: actor.regionCode, isPublic: true)) == .allowed
    }

    /// The portfolio token carried from a volunteer's page to an initiative's, so they sign up without retyping.
    static func volunteerToken(_ request: Request) -> String? { request.queryText("volunteer", limit: 60) }

    static func list(_ request: Request) async throws -> Response {
        let initiatives = try await YouthQueries.initiatives(region: nil, on: request.db)
        let organisers = try await OrganizationQueries.labels(ids: initiatives.map(\.organiserID), on: request.db).mapValues(\.name)
        return html(YouthPage.list(initiatives, organisers: organisers, canOrganise: canOrganise(request.actor), volunteer: volunteerToken(request),
                                   PageContext(request)))
    }

    static func statistics(_ request: Request) async throws -> Response {
        let figures = try await YouthQueries.statistics(on: request.db)
        let totals = try await YouthQueries.totals(on: request.db)
        let initiatives = try await YouthQueries.initiatives(ids: Array(Set(figures.map(\.initiativeID))), on: request.db)
        return html(YouthPage.statistics(figures, totals: totals, initiatives: Dictionary(uniqueKeysWithValues: initiatives.map { ($0.id, $0) }), PageContext(request)))
    }

    struct InitiativeForm: Content {
        var title: String?
        var description: String?
        var region: String?
        var shifts: String?

        var draft: YouthInitiativeDraft { YouthInitiativeDraft(title: title ?? "", description: description ?? "", region: region ?? "", shifts: shifts ?? "") }
    }

    static func newInitiative(_ request: Request) async throws -> Response {
        guard canOrganise(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        return html(YouthPage.form(InitiativeForm(region: request.actor.regionCode), errors: Form.Errors(), PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        guard canOrganise(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(InitiativeForm.self)
        do {
            let initiative = try await YouthStore.create(form.draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.youthInitiative(code: initiative.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(YouthPage.form(form, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func initiative(_ request: Request) async throws -> YouthInitiative {
        guard let initiative = try await YouthQueries.initiative(code: request.parameters.get("code") ?? "", on: request.db) else { throw DomainError.notFound }
        return initiative
    }

    static func show(_ request: Request) async throws -> Response {
        try await page(request, try await initiative(request), form: SignUpForm(), errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, _ initiative: YouthInitiative, form: SignUpForm, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let canKeep = Access.check(request.actor, .update, .youthInitiative, in: initiative.scope) == .allowed
        let participants = canKeep ? try await YouthQueries.participants(of: initiative.id, actor: request.actor, on: request.db) : []
        let token = form.volunteer ?? volunteerToken(request)
        var volunteer: Volunteer?
        if let token { volunteer = try await YouthQueries.volunteer(token: token, on: request.db) }
        let organiser = try await OrganizationQueries.labels(ids: [initiative.organiserID], on: request.db)[initiative.organiserID]?.name
        return html(YouthPage.initiative(initiative, organiser: organiser, taken: try await YouthQueries.taken(in: initiative.id, on: request.db),
                                         participants: participants, canKeep: canKeep, volunteer: volunteer, today: request.today, form: form, errors: errors,
                                         PageContext(request)), status: status)
    }

    struct StepForm: Content {
        var step: String
        var version: Int
        var reason: String?
    }

    static func step(_ request: Request) async throws -> Response {
        let initiative = try await initiative(request)
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        do {
            let step: YouthStep
            switch form.step {
            case "open": step = .open
            case "start": step = .start
            case "complete": step = .complete
            case "cancel": step = .cancel(reason: form.reason ?? "")
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            _ = try await YouthStore.apply(step, to: initiative.id, version: form.version, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.youthInitiative(code: initiative.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, initiative, form: SignUpForm(), errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct SignUpForm: Content {
        var name: String?
        var birthYear: String?
        var guardianName: String?
        var parentalConsent: Bool?
        var consent: Bool?
        var shift: String?
        var volunteer: String?

        init() {}

        var draft: SignUpDraft {
            SignUpDraft(name: name ?? "", birthYear: birthYear ?? "", guardianName: guardianName ?? "", parentalConsent: parentalConsent ?? false,
                        consent: consent ?? false, shift: shift ?? "")
        }
    }

    static func signUp(_ request: Request) async throws -> Response {
        let initiative = try await initiative(request)
        try request.requireCSRF()
        let form = try request.content.decode(SignUpForm.self)
        do {
            let token = (form.volunteer ?? "").isEmpty ? nil : form.volunteer
            let (volunteer, _) = try await YouthStore.signUp(form.draft, volunteerToken: token, for: initiative.id, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.volunteer(token: volunteer.token).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, initiative, form: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct VerifyForm: Content {
        var version: Int
        var present: String?
        var hours: String?
    }

    static func verify(_ request: Request) async throws -> Response {
        guard let id = UUID(uuidString: request.parameters.get("id") ?? ""),
              let participation = try await ParticipationQueries.find(id, actor: request.actor, on: request.db),
              let initiative = try await YouthQueries.initiatives(ids: [participation.initiativeID], on: request.db).first else {
            throw request.actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        try request.requireCSRF()
        let form = try request.content.decode(VerifyForm.self)
        do {
            let present = form.present != "no"
            let hours = Int((form.hours ?? "").trimmingCharacters(in: .whitespaces)) ?? 0
            _ = try await YouthStore.verify(id, present: present, hours: hours, version: form.version, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.youthInitiative(code: initiative.code).with([("notice", "saved")]) + "#participants", redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, initiative, form: SignUpForm(), errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    // MARK: The portfolio

    static func portfolioOf(_ request: Request) async throws -> YouthQueries.Portfolio {
        guard let portfolio = try await YouthQueries.portfolio(token: request.parameters.get("token") ?? "", on: request.db) else { throw DomainError.notFound }
        return portfolio
    }

    static func portfolio(_ request: Request) async throws -> Response {
        html(YouthPage.portfolio(try await portfolioOf(request), today: request.today, errors: Form.Errors(), PageContext(request)))
    }

    struct CertificateForm: Content { var certificate: String? }

    static func attachCertificate(_ request: Request) async throws -> Response {
        let portfolio = try await portfolioOf(request)
        try request.requireCSRF()
        let form = try request.content.decode(CertificateForm.self)
        do {
            _ = try await YouthStore.attachCertificate(form.certificate ?? "", token: portfolio.volunteer.token, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.volunteer(token: portfolio.volunteer.token).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(YouthPage.portfolio(portfolio, today: request.today, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    /// The portfolio as a PDF: its document printed by Chromium, the one way Birlik makes a PDF.
    static func portfolioPDF(_ request: Request) async throws -> Response {
        let portfolio = try await portfolioOf(request)
        let pdf = try await PDFPrinter.print(YouthPage.portfolioDocument(portfolio, today: request.today, l10n: request.l10n).printableHTML())
        let response = Response(status: .ok, body: .init(data: pdf))
        response.headers.replaceOrAdd(name: .contentType, value: "application/pdf")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"portfolio.pdf\"")
        return response
    }
}
