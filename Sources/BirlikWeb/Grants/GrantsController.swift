import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// Grants to NGOs (S10): the plan of lots and the calls in public; the NGO's applications; the grant
/// operator's handling from compliance to the last tranche; the commission's minutes and the 360Giving
/// data for anyone.
enum GrantsController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.grants, use: overview)
        routes.get(.grantLotNew, use: newLot)
        routes.post(.grantLotNew, use: createLot)
        routes.get(.grantLot(code: ""), use: lot)
        routes.post(.grantLot(code: ""), use: updateLot)
        routes.post(.grantLotPublish(code: ""), use: publishLot)
        routes.get(.grantCallNew, use: newCall)
        routes.post(.grantCallNew, use: createCall)
        routes.get(.grantCall(code: ""), use: call)
        routes.post(.grantApply(code: ""), use: apply)
        routes.get(.grantMinutes(code: ""), use: minutes)
        routes.post(.grantNominationFinalise(code: "", lot: ""), use: finaliseNomination)
        routes.get(.grants360JSON, use: threeSixtyGivingJSON)
        routes.get(.apiGrants, use: threeSixtyGivingJSON)
        routes.get(.grants360CSV, use: threeSixtyGivingCSV)
        routes.get(.grantApplication(id: ""), use: application)
        routes.post(.grantApplicationStep(id: ""), use: step)
        routes.post(.grantApplicationRevise(id: ""), use: revise)
        routes.on(.POST, SiteURL.grantApplicationFiles(id: "").pattern, body: .collect(maxSize: "12mb"), use: attach)
        routes.get(.grantApplicationFile(id: "", sha256: ""), use: file)
        routes.post(.grantApplicationReviewers(id: ""), use: assignReviewer)
    }

    /// `true` for the grant operator (the Secretariat).
    static func isOperator(_ actor: Actor) -> Bool {
        Access.check(actor, .create, .grantLot, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false)) == .allowed
    }

    static func requireOperator(_ request: Request) throws {
        guard isOperator(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
    }

    static func overview(_ request: Request) async throws -> Response {
        let lots = try await GrantQueries.lots(actor: request.actor, on: request.db)
        let calls = try await GrantQueries.calls(on: request.db)
        let mine = request.actor.organizationID == nil || isOperator(request.actor) ? [] :
            try await GrantQueries.applications(actor: request.actor, on: request.db)
        return html(GrantsPage.overview(lots: lots, calls: calls, mine: mine, isOperator: isOperator(request.actor), today: request.today, PageContext(request)))
    }

    // MARK: Lots

    struct LotForm: Content {
        var title: String?
        var justification: String?
        var termsOfReference: String?
        var budget: String?
        var termMonths: String?
        var region: String?
        var measureCodes: String?
        var winners: String?
        var version: Int?

        var draft: GrantLotDraft {
            GrantLotDraft(title: title ?? "", justification: justification ?? "", termsOfReference: termsOfReference ?? "", budget: budget ?? "",
                          termMonths: termMonths ?? "", region: region ?? "", measureCodes: measureCodes ?? "", winners: winners ?? "")
        }
    }

    static func newLot(_ request: Request) async throws -> Response {
        try requireOperator(request)
        return html(GrantsPage.lotForm(LotForm(termMonths: "12", region: RegionCode.republic), code: nil, errors: Form.Errors(), PageContext(request)))
    }

    static func createLot(_ request: Request) async throws -> Response {
        try requireOperator(request)
        try request.requireCSRF()
        let form = try request.content.decode(LotForm.self)
        do {
            let lot = try await GrantStore.saveLot(form.draft, id: nil, version: 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.grantLot(code: lot.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(GrantsPage.lotForm(form, code: nil, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func lot(_ request: Request) async throws -> Response {
        let lot = try await GrantQueries.lot(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        return try await lotPage(request, lot, form: nil, errors: Form.Errors(), status: .ok)
    }

    static func lotPage(_ request: Request, _ lot: GrantLot, form: LotForm?, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let measures = try await MeasureReferences.links(lot.measureIDs, on: request.db)
        let form = form ?? LotForm(title: lot.title, justification: lot.justification, termsOfReference: lot.termsOfReference,
                                   budget: String(lot.budget.tiyn / 100) + (lot.budget.tiyn % 100 == 0 ? "" : String(format: ",%02d", lot.budget.tiyn % 100)),
                                   termMonths: String(lot.termMonths), region: lot.region, measureCodes: measures.map(\.reference).joined(separator: "\n"),
                                   winners: lot.winners.map(String.init), version: lot.version)
        return html(GrantsPage.lot(lot, measures: measures, canEdit: isOperator(request.actor) && lot.status == .draft, form: form, errors: errors,
                                   PageContext(request)), status: status)
    }

    static func updateLot(_ request: Request) async throws -> Response {
        try requireOperator(request)
        let lot = try await GrantQueries.lot(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(LotForm.self)
        do {
            _ = try await GrantStore.saveLot(form.draft, id: lot.id, version: form.version ?? 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.grantLot(code: lot.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await lotPage(request, lot, form: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func publishLot(_ request: Request) async throws -> Response {
        try requireOperator(request)
        let lot = try await GrantQueries.lot(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try request.requireCSRF()
        let version = (try? request.content.get(Int.self, at: "version")) ?? 0
        do {
            _ = try await GrantStore.publishLot(lot.id, version: version, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.grantLot(code: lot.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await lotPage(request, lot, form: nil, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    // MARK: Calls

    struct CallForm: Content {
        var title: String?
        var lots: String?
        var opensOn: String?
        var closesOn: String?
    }

    static func newCall(_ request: Request) async throws -> Response {
        try requireOperator(request)
        let form = CallForm(opensOn: request.today.description, closesOn: request.today.adding(days: 30).description)
        return try await callForm(request, form, errors: Form.Errors(), status: .ok)
    }

    static func callForm(_ request: Request, _ form: CallForm, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let published = try await GrantQueries.lots(actor: request.actor, on: request.db).filter { $0.status == .published }
        return html(GrantsPage.callForm(form, lots: published, errors: errors, PageContext(request)), status: status)
    }

    static func createCall(_ request: Request) async throws -> Response {
        try requireOperator(request)
        try request.requireCSRF()
        let form = try request.content.decode(CallForm.self)
        do {
            let codes = (form.lots ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
            let call = try await GrantStore.openCall(title: form.title ?? "", lotCodes: codes, opensOn: form.opensOn ?? "", closesOn: form.closesOn ?? "",
                                                     actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.grantCall(code: call.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await callForm(request, form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func call(_ request: Request) async throws -> Response {
        try await callPage(request, form: ApplicationForm(), errors: Form.Errors(), status: .ok)
    }

    static func callPage(_ request: Request, form: ApplicationForm, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let call = try await GrantQueries.call(code: request.parameters.get("code") ?? "", on: request.db)
        let lots = try await GrantQueries.lots(ids: call.lotIDs, on: request.db)
        let applications = try await GrantQueries.applications(callID: call.id, actor: request.actor, on: request.db)
        let reviews = isOperator(request.actor) ? try await GrantQueries.reviewSummaries(applications, on: request.db) : [:]
        let names = try await CharityPage.names(applications.map(\.applicantID), request)
        let canApply = request.actor.organizationID.map {
            Access.check(request.actor, .create, .grantApplication, in: Scope(organizationID: $0, regionCode: request.actor.regionCode, isPublic: false)) == .allowed
        } ?? false
        let model = GrantsPage.CallModel(call: call, lots: call.lotIDs.compactMap { lots[$0] }, applications: applications, reviews: reviews.mapValues(\.summary),
                                         names: names, isOperator: isOperator(request.actor), canApply: canApply && call.isOpen(on: request.today),
                                         form: form, today: request.today)
        return html(GrantsPage.call(model, errors: errors, PageContext(request)), status: status)
    }

    struct ApplicationForm: Content {
        var lotCode: String?
        var language: String?
        var title: String?
        var summary: String?
        var budget: String?
        var budgetNotes: String?
        var version: Int?

        var draft: GrantApplicationDraft {
            GrantApplicationDraft(lotCode: lotCode ?? "", language: language ?? "", title: title ?? "", summary: summary ?? "", budget: budget ?? "",
                                  budgetNotes: budgetNotes ?? "")
        }

        init(lotCode: String? = nil, language: String? = nil, title: String? = nil, summary: String? = nil, budget: String? = nil,
             budgetNotes: String? = nil, version: Int? = nil) {
            self.lotCode = lotCode; self.language = language; self.title = title; self.summary = summary; self.budget = budget
            self.budgetNotes = budgetNotes; self.version = version
        }

        init(_ application: GrantApplication) {
            self.init(language: application.language.rawValue, title: application.title, summary: application.summary,
                      budget: String(application.budget.tiyn / 100), budgetNotes: application.budgetNotes, version: application.version)
        }
    }

    static func apply(_ request: Request) async throws -> Response {
        let call = try await GrantQueries.call(code: request.parameters.get("code") ?? "", on: request.db)
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(ApplicationForm.self)
        do {
            let application = try await GrantStore.draftApplication(callID: call.id, form.draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.grantApplication(id: application.id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .notFound && error != .signInRequired {
            return try await callPage(request, form: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    /// The commission has decided every application to a nomination: the prize is split between the winners.
    static func finaliseNomination(_ request: Request) async throws -> Response {
        try requireOperator(request)
        let call = try await GrantQueries.call(code: request.parameters.get("code") ?? "", on: request.db)
        let lot = try await GrantQueries.lot(code: request.parameters.get("lot") ?? "", actor: request.actor, on: request.db)
        try request.requireCSRF()
        do {
            _ = try await GrantStore.finaliseNomination(callID: call.id, lotID: lot.id, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.grantCall(code: call.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await callPage(request, form: ApplicationForm(), errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func minutes(_ request: Request) async throws -> Response {
        let call = try await GrantQueries.call(code: request.parameters.get("code") ?? "", on: request.db)
        let lines = try await GrantQueries.minutes(callID: call.id, on: request.db)
        return html(GrantsPage.minutes(call, lines: lines, PageContext(request)))
    }

    // MARK: Open data

    static func threeSixtyGivingJSON(_ request: Request) async throws -> Response {
        let package = try await ThreeSixtyGiving.package(language: request.l10n.language, on: request.db, now: request.now)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(package)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return response
    }

    static func threeSixtyGivingCSV(_ request: Request) async throws -> Response {
        let package = try await ThreeSixtyGiving.package(language: request.l10n.language, on: request.db, now: request.now)
        var csv = CSVWriter(header: ThreeSixtyGiving.csvHeader)
        for row in ThreeSixtyGiving.csvRows(package) { csv.append(row) }
        let response = Response(status: .ok, body: .init(string: csv.output))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"birlik-360giving.csv\"")
        return response
    }
}
