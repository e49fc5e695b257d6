import BirlikCore
import BirlikStorage
import FluentKit
import Vapor

/// International cooperation (S20): the public page of active partners and agreements, the register of
/// partners, an agreement's page with its steps and obligations, kept by the Secretariat and the
/// regions' coordinators.
enum CooperationController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.cooperation, use: overview)
        routes.post(.cooperationPartners, use: addPartner)
        routes.get(.cooperationPartner(code: ""), use: showPartner)
        routes.post(.cooperationPartner(code: ""), use: updatePartner)
        routes.get(.cooperationAgreementNew, use: newAgreement)
        routes.post(.cooperationAgreementNew, use: createAgreement)
        routes.get(.cooperationAgreement(code: ""), use: show)
        routes.post(.cooperationAgreement(code: ""), use: update)
        routes.post(.cooperationAgreementStep(code: ""), use: step)
    }

    static func canKeep(_ actor: Actor) -> Bool {
        guard let organization = actor.organizationID else { return false }
        return Access.check(actor, .create, .agreement, in: Scope(organizationID: organization, regionCode: actor.regionCode, isPublic: false)) == .allowed
    }

    static func overview(_ request: Request) async throws -> Response {
        try await overviewPage(request, partnerForm: PartnerForm(), errors: Form.Errors(), status: .ok)
    }

    static func overviewPage(_ request: Request, partnerForm: PartnerForm, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let partners = try await CooperationQueries.partners(actor: request.actor, on: request.db)
        let agreements = try await CooperationQueries.agreements(actor: request.actor, on: request.db)
        return html(CooperationPage.overview(partners: partners, agreements: agreements, today: request.today, canKeep: canKeep(request.actor),
                                             partnerForm: partnerForm, errors: errors, PageContext(request)), status: status)
    }

    struct PartnerForm: Content {
        var kind: String?
        var name: String?
        var country: String?
        var identifier: String?
        var website: String?
        var languageCourses: String?
        var events: String?
        var active: Bool?
        var version: Int?

        init() {}

        init(_ partner: Partner) {
            kind = partner.kind.rawValue; name = partner.name; country = partner.country; identifier = partner.identifier; website = partner.website
            languageCourses = partner.languageCourses; events = partner.events; active = partner.active; version = partner.version
        }

        var draft: PartnerDraft {
            PartnerDraft(kind: kind ?? "", name: name ?? "", country: country ?? "", identifier: identifier ?? "", website: website ?? "",
                         languageCourses: languageCourses ?? "", events: events ?? "")
        }
    }

    static func addPartner(_ request: Request) async throws -> Response {
        guard canKeep(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(PartnerForm.self)
        do {
            let partner = try await CooperationStore.savePartner(form.draft, id: nil, version: 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.cooperation.with([("notice", "saved")]) + "#\(partner.code)", redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await overviewPage(request, partnerForm: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func partner(_ request: Request) async throws -> Partner {
        guard let partner = try await CooperationQueries.partner(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db) else {
            throw DomainError.notFound
        }
        return partner
    }

    static func showPartner(_ request: Request) async throws -> Response {
        let partner = try await partner(request)
        return try await partnerPage(request, partner, form: PartnerForm(partner), errors: Form.Errors(), status: .ok)
    }

    static func partnerPage(_ request: Request, _ partner: Partner, form: PartnerForm, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let agreements = try await CooperationQueries.agreements(actor: request.actor, on: request.db).filter { $0.partnerIDs.contains(partner.id) }
        let canEdit = Access.check(request.actor, .update, .partner, in: partner.scope) == .allowed
        return html(CooperationPage.partner(partner, agreements: agreements, today: request.today, canEdit: canEdit, form: form, errors: errors,
                                            PageContext(request)), status: status)
    }

    static func updatePartner(_ request: Request) async throws -> Response {
        let partner = try await partner(request)
        try request.requireCSRF()
        let form = try request.content.decode(PartnerForm.self)
        do {
            _ = try await CooperationStore.savePartner(form.draft, id: partner.id, active: form.active ?? false, version: form.version ?? 0,
                                                       actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.cooperationPartner(code: partner.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await partnerPage(request, partner, form: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct AgreementForm: Content {
        var kind: String?
        var title: String?
        var summary: String?
        var confidential: String?
        var partners: String?
        var region: String?
        var endsOn: String?
        var renewal: String?
        var version: Int?

        var draft: AgreementDraft {
            AgreementDraft(kind: kind ?? "", title: title ?? "", summary: summary ?? "", confidential: confidential ?? "", partners: partners ?? "",
                           region: region ?? "", endsOn: endsOn ?? "", renewal: renewal ?? "")
        }

        init(_ agreement: Agreement?, partnerCodes: [String], region: String) {
            kind = agreement?.kind.rawValue ?? Agreement.Kind.memorandum.rawValue; title = agreement?.title; summary = agreement?.summary
            confidential = agreement?.confidential; partners = partnerCodes.joined(separator: ", "); self.region = agreement?.region ?? region
            endsOn = agreement?.endsOn?.description; renewal = agreement?.renewal.rawValue ?? Agreement.Renewal.byDecision.rawValue; version = agreement?.version
        }
    }

    static func newAgreement(_ request: Request) async throws -> Response {
        guard canKeep(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        return html(CooperationPage.agreementForm(AgreementForm(nil, partnerCodes: [], region: request.actor.regionCode), errors: Form.Errors(), PageContext(request)))
    }

    static func createAgreement(_ request: Request) async throws -> Response {
        guard canKeep(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(AgreementForm.self)
        do {
            let agreement = try await CooperationStore.saveAgreement(form.draft, id: nil, version: 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.cooperationAgreement(code: agreement.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(CooperationPage.agreementForm(form, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func agreement(_ request: Request) async throws -> Agreement {
        guard let agreement = try await CooperationQueries.agreement(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db) else {
            throw DomainError.notFound
        }
        return agreement
    }

    static func show(_ request: Request) async throws -> Response {
        try await page(request, try await agreement(request), form: nil, errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, _ agreement: Agreement, form: AgreementForm?, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let partners = try await CooperationQueries.partners(ids: agreement.partnerIDs, on: request.db)
        let keeper = try await OrganizationQueries.labels(ids: [agreement.keeperID], on: request.db)[agreement.keeperID]?.name
        let canEdit = Access.check(request.actor, .update, .agreement, in: agreement.scope) == .allowed
        return html(CooperationPage.agreement(agreement, partners: partners, keeper: keeper, today: request.today, canEdit: canEdit,
                                              form: form ?? AgreementForm(agreement, partnerCodes: partners.map(\.code), region: agreement.region),
                                              errors: errors, PageContext(request)), status: status)
    }

    static func update(_ request: Request) async throws -> Response {
        let agreement = try await agreement(request)
        try request.requireCSRF()
        let form = try request.content.decode(AgreementForm.self)
        do {
            _ = try await CooperationStore.saveAgreement(form.draft, id: agreement.id, version: form.version ?? 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.cooperationAgreement(code: agreement.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, agreement, form: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct StepForm: Content {
        var step: String
        var version: Int
        var signedOn: String?
        var startsOn: String?
        var place: String?
        var signatories: String?
        var until: String?
        var reason: String?
        var text: String?
        var dueOn: String?
        var measureCode: String?
        var eventCode: String?
        var obligation: String?
    }

    static func step(_ request: Request) async throws -> Response {
        let agreement = try await agreement(request)
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        do {
            let actor = request.actor, db = request.db, now = request.now
            func day(_ text: String?, _ field: String) throws -> Day {
                guard let text, let day = Day(text) else { throw DomainError.invalid([FieldError(field, (text ?? "").isEmpty ? .fieldRequired : .fieldDate)]) }
                return day
            }
            switch form.step {
            case "sign":
                _ = try await CooperationStore.apply(.sign(on: try day(form.signedOn, "signedOn"), place: form.place ?? "", signatories: form.signatories ?? ""),
                                                     to: agreement.id, version: form.version, actor: actor, on: db, now: now)
            case "enterIntoForce":
                _ = try await CooperationStore.apply(.enterIntoForce(on: try day(form.startsOn, "startsOn")), to: agreement.id, version: form.version, actor: actor, on: db, now: now)
            case "renew":
                _ = try await CooperationStore.apply(.renew(until: try day(form.until, "until")), to: agreement.id, version: form.version, actor: actor, on: db, now: now)
            case "terminate":
                _ = try await CooperationStore.apply(.terminate(reason: form.reason ?? ""), to: agreement.id, version: form.version, actor: actor, on: db, now: now)
            case "obligation":
                _ = try await CooperationStore.addObligation(ObligationDraft(text: form.text ?? "", dueOn: form.dueOn ?? "", measureCode: form.measureCode ?? "",
                                                                             eventCode: form.eventCode ?? ""),
                                                             to: agreement.id, version: form.version, actor: actor, on: db, now: now)
            case "fulfil":
                guard let id = UUID(uuidString: form.obligation ?? "") else { throw DomainError.invalid([FieldError("obligation", .fieldChooseValue)]) }
                _ = try await CooperationStore.fulfil(id, of: agreement.id, version: form.version, actor: actor, on: db, now: now)
            default:
                throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            return request.redirect(to: SiteURL.cooperationAgreement(code: agreement.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, agreement, form: nil, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }
}
