import Foundation
import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The pages of the strategy tree, the action plans and their measures (S2).
enum PlanningController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.strategy, use: StrategyPage.handle)
        routes.get(.plans, use: plans)
        routes.get(.planNew, use: newPlanForm)
        routes.post(.planNew, use: createPlan)
        routes.get(.plan(code: ""), use: plan)
        routes.get(.planEdit(code: ""), use: editPlanForm)
        routes.post(.planEdit(code: ""), use: updatePlan)
        routes.post(.planStatus(code: ""), use: transition)
        routes.get(.planVersions(code: ""), use: versions)
        routes.get(.planExport(code: ""), use: exportPlan)
        routes.get(.planImport(code: ""), use: importForm)
        routes.on(.POST, SiteURL.planImport(code: "").pattern, body: .collect(maxSize: "20mb"), use: importPlan)
        routes.get(.measureNew(plan: ""), use: newMeasureForm)
        routes.post(.measureNew(plan: ""), use: createMeasure)
        routes.get(.measures, use: measures)
        routes.get(.measure(id: ""), use: measure)
        routes.get(.measureEdit(id: ""), use: editMeasureForm)
        routes.post(.measureEdit(id: ""), use: updateMeasure)
        routes.post(.measureDelete(id: ""), use: deleteMeasure)
    }


    static func plans(_ request: Request) async throws -> Response {
        let actor = request.actor
        let plans = try await PlanQueries.list(actor: actor, on: request.db)
        let counts = try await PlanQueries.measureCounts(on: request.db)
        let figures = MonitoringController.showsFigures(actor)
            ? try await DashboardQueries.rates(by: .plan, .init(asOf: request.today), actor: actor, on: request.db) : nil
        let model = PlansPage.Model(plans: plans, measureCounts: counts, figures: figures,
                                    regions: Dictionary(uniqueKeysWithValues: try await request.regions().map { ($0.code, $0) }),
                                    canCreate: canCreatePlan(actor))
        return html(PlansPage.view(model, PageContext(request)))
    }

    static func canCreatePlan(_ actor: Actor) -> Bool {
        Access.check(actor, .create, .plan, in: Scope(organizationID: nil, regionCode: actor.regionCode, isPublic: false)) == .allowed
    }

    static func plan(_ request: Request) async throws -> Response {
        let actor = request.actor
        let current = try await PlanQueries.find(code: request.parameters.get("code") ?? "", actor: actor, on: request.db)
        // While its next version is drafted, whoever may not see drafts sees the version in force.
        let inForce = try await PlanQueries.versionInForce(current, actor: actor, on: request.db)?.content
        let plan = inForce?.plan ?? current
        let measures: [Measure]
        if let inForce { measures = inForce.measures } else { measures = try await PlanQueries.measures(of: plan.id, on: request.db) }
        let filter = DashboardQueries.Filter(asOf: request.today, planID: plan.id)
        let mayApprove = Access.check(actor, .approve, .plan, in: plan.scope) == .allowed
        let model = PlanPage.Model(
            plan: plan, measures: measures,
            executors: try await OrganizationQueries.labels(ids: measures.flatMap(\.executors), on: request.db),
            figures: MonitoringController.showsFigures(actor) ? try await DashboardQueries.rates(by: .measure, filter, actor: actor, on: request.db) : nil,
            total: MonitoringController.showsFigures(actor) ? try await DashboardQueries.total(filter, actor: actor, on: request.db) : nil,
            region: try await RegionQueries.find(plan.regionCode, on: request.db),
            versions: try await PlanQueries.versions(of: plan.id, on: request.db),
            transitions: mayApprove ? PlanTransition.allCases.filter { $0.next(from: plan.status, planVersion: plan.planVersion) != nil } : [],
            canEdit: plan.status == .draft && Access.check(actor, .update, .plan, in: plan.scope) == .allowed,
            showsVersionInForce: inForce != nil)
        return html(PlanPage.view(model, PageContext(request)))
    }

    static func newPlanForm(_ request: Request) async throws -> Response {
        guard canCreatePlan(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let draft = PlanDraft(regionCode: request.actor.regionCode, startYear: "\(request.today.year)", endYear: "\(request.today.year)")
        return try await planForm(request, draft: draft, existingCode: nil, errors: Form.Errors())
    }

    static func createPlan(_ request: Request) async throws -> Response {
        guard canCreatePlan(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let draft = try request.content.decode(PlanFormData.self).draft
        do {
            let plan = try await PlanStore.create(draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.plan(code: plan.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError {
            return try await planForm(request, draft: draft, existingCode: nil, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func editPlanForm(_ request: Request) async throws -> Response {
        let plan = try await PlanQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try Access.require(request.actor, .update, .plan, in: plan.scope)
        let draft = PlanDraft(code: plan.code, titleKK: plan.title.kk ?? "", titleRU: plan.title.ru ?? "", titleEN: plan.title.en ?? "",
                              regionCode: plan.regionCode, conceptCode: plan.conceptCode, startYear: "\(plan.startYear)",
                              endYear: "\(plan.endYear)", version: plan.version)
        return try await planForm(request, draft: draft, existingCode: plan.code, errors: Form.Errors())
    }

    static func updatePlan(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let plan = try await PlanQueries.find(code: code, actor: request.actor, on: request.db)
        try request.requireCSRF()
        var draft = try request.content.decode(PlanFormData.self).draft
        do {
            let updated = try await PlanStore.update(id: plan.id, draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.plan(code: updated.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError {
            if case .staleVersion = error { draft.version = plan.version }
            return try await planForm(request, draft: draft, existingCode: code, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func planForm(_ request: Request, draft: PlanDraft, existingCode: String?, errors: Form.Errors,
                         status: HTTPResponseStatus = .ok) async throws -> Response {
        let model = PlanFormPage.Model(draft: draft, existingCode: existingCode, errors: errors, regions: try await request.regions())
        return html(PlanFormPage.view(model, PageContext(request)), status: status)
    }

    struct TransitionForm: Content {
        var transition: String
        var version: Int
    }

    static func transition(_ request: Request) async throws -> Response {
        let plan = try await PlanQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(TransitionForm.self)
        guard let transition = PlanTransition(rawValue: form.transition) else { throw DomainError.malformed("transition") }
        let l10n = request.l10n
        let consequence: L10nKey = switch transition { case .approve: .confirmPlanApprove; case .amend: .confirmPlanAmend; case .close: .confirmPlanClose }
        if let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.confirmPlanStatusQuestion, ["action": l10n(transition.l10nKey), "code": plan.code]),
                                                      consequence: l10n(consequence), confirm: l10n(transition.l10nKey),
                                                      back: SiteURL.plan(code: plan.code).path) { return ask }
        _ = try await PlanStore.transition(id: plan.id, transition, version: form.version, actor: request.actor, on: request.db, now: request.now)
        return request.redirect(to: SiteURL.plan(code: plan.code).with([("notice", "plan-\(transition.rawValue)")]), redirectType: .normal)
    }

    static func versions(_ request: Request) async throws -> Response {
        let plan = try await PlanQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        let all = try await PlanQueries.versions(of: plan.id, on: request.db)
        let to = try request.queryNumber("to", in: 1...10_000, default: plan.planVersion)
        let from = try request.queryNumber("from", in: 0...10_000, default: to - 1)
        guard let old = all.first(where: { $0.planVersion == from })?.content, let new = all.first(where: { $0.planVersion == to })?.content else {
            throw DomainError.notFound
        }
        let model = PlanVersionsPage.Model(plan: plan, from: from, to: to, comparison: PlanQueries.compare(old, new))
        return html(PlanVersionsPage.view(model, PageContext(request)))
    }

    /// The plan in the ministries' XLSX layout, in the reader's language.
    static func exportPlan(_ request: Request) async throws -> Response {
        let plan = try await PlanQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        let measures = try await PlanQueries.measures(of: plan.id, on: request.db)
        let l10n = request.l10n
        let labels = try await OrganizationQueries.labels(ids: measures.flatMap(\.executors), on: request.db)
        let rows = measures.map { measure in
            PlanSheet.row(measure, l10n) { id in labels[id].map { "\(l10n.text($0.name)) (\($0.code))" } ?? "" }.enumerated().map { index, text -> XLSXWriter.Cell in
                if index == PlanSheet.Column.allCases.firstIndex(of: .amount), let amount = Double(text) { return .number(amount) }
                return .text(text)
            }
        }
        let sheet = XLSXWriter.Sheet(name: plan.code, header: PlanSheet.header(l10n), rows: rows, widths: [6, 60, 24, 40, 18, 16, 20, 18])
        let response = Response(status: .ok, body: .init(data: try XLSXWriter(sheets: [sheet]).data()))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(plan.code).xlsx\"")
        return response
    }

    static func importForm(_ request: Request) async throws -> Response {
        let plan = try await PlanQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try Access.require(request.actor, .update, .plan, in: plan.scope)
        guard plan.status == .draft else { throw DomainError.conflict(.errorPlanNotDraft) }
        return html(PlanImportPage.view(plan: plan, problems: [], general: nil, PageContext(request)))
    }

    /// Reads the uploaded sheet and imports it whole, or shows every problem by row and column.
    static func importPlan(_ request: Request) async throws -> Response {
        let plan = try await PlanQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try Access.require(request.actor, .update, .plan, in: plan.scope)
        try request.requireCSRF()
        let upload = try request.content.decode(PlanImportPage.Upload.self)
        let language = upload.language.flatMap(Language.init(rawValue:)) ?? request.l10n.language
        func again(_ problems: [FieldError], _ general: L10nKey?, _ status: HTTPResponseStatus) -> Response {
            html(PlanImportPage.view(plan: plan, problems: problems, general: general, PageContext(request)), status: status)
        }
        guard let file = upload.file, file.data.readableBytes > 0 else { return again([], .importNotXlsx, .unprocessableEntity) }
        let rows: [[String]]
        do {
            let data = Data(buffer: file.data)
            rows = try await request.onThreadPool { try XLSXReader.rows(data) }
        } catch XLSXReader.ReadError.tooLarge {
            return again([], .importTooLarge, .payloadTooLarge)
        } catch {
            return again([], .importNotXlsx, .unprocessableEntity)
        }
        do {
            let count = try await MeasureStore.importRows(planID: plan.id, try PlanSheet.drafts(rows, language: language), actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.plan(code: plan.code).with([("notice", "imported"), ("count", "\(count)")]), redirectType: .normal)
        } catch let DomainError.invalid(problems) {
            return again(problems, .errorInvalid, .unprocessableEntity)
        } catch let error as DomainError {
            return again([], error.messageKey, ErrorMapping.status(error))
        }
    }

    static func newMeasureForm(_ request: Request) async throws -> Response {
        let plan = try await PlanQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try Access.require(request.actor, .update, .plan, in: plan.scope)
        guard plan.status == .draft else { throw DomainError.conflict(.errorPlanNotDraft) }
        let next = try await PlanQueries.measures(of: plan.id, on: request.db).count + 1
        return html(MeasureFormPage.view(.init(plan: plan, draft: MeasureDraft(code: "\(next)"), existingID: nil, errors: Form.Errors()),
                                         PageContext(request)))
    }

    static func createMeasure(_ request: Request) async throws -> Response {
        let plan = try await PlanQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try request.requireCSRF()
        let draft = try request.content.decode(MeasureFormData.self).draft
        do {
            _ = try await MeasureStore.create(planID: plan.id, draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.plan(code: plan.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError {
            return html(MeasureFormPage.view(.init(plan: plan, draft: draft, existingID: nil, errors: try Form.Errors(error)), PageContext(request)),
                        status: ErrorMapping.status(error))
        }
    }

    static func measures(_ request: Request) async throws -> Response {
        let actor = request.actor
        let executorCode = request.queryText("executor")?.lowercased()
        let executor = try await executorCode.asyncMap { try await OrganizationQueries.ids(codes: [$0], on: request.db)[$0] } ?? nil
        if executorCode != nil, executor == nil {
            throw DomainError.invalid([FieldError("executor", .fieldUnknownOrganization)])
        }
        let filter = PlanQueries.MeasureFilter(executorID: executor, regionCode: request.queryText("region"), taskCode: request.queryText("task"))
        let rows = try await PlanQueries.measures(filter, actor: actor, on: request.db)
        let figures = MonitoringController.showsFigures(actor)
            ? try await DashboardQueries.rates(by: .measure, .init(asOf: request.today, measureIDs: rows.map(\.0.id)), actor: actor, on: request.db) : nil
        let model = MeasuresPage.Model(rows: rows, figures: figures,
                                       executors: try await OrganizationQueries.labels(ids: rows.map(\.0.executorID), on: request.db),
                                       taskCode: filter.taskCode, executorCode: executorCode, regionCode: filter.regionCode,
                                       regions: try await request.regions())
        return html(MeasuresPage.view(model, PageContext(request)))
    }

    static func measure(_ request: Request) async throws -> Response {
        let actor = request.actor
        let (measure, plan) = try await PlanQueries.measure(id: try request.idParameter(), actor: actor, on: request.db)
        let reports = try await ReportQueries.reports(of: measure.id, actor: actor, on: request.db)
        let model = MeasurePage.Model(
            measure: measure, plan: plan, reports: reports,
            timeline: try await ReportQueries.timeline(of: measure.id, actor: actor, on: request.db),
            executors: try await OrganizationQueries.labels(ids: measure.executors + reports.map(\.executorID), on: request.db),
            canEdit: plan.status == .draft && Access.check(actor, .update, .plan, in: plan.scope) == .allowed, today: request.today)
        return html(MeasurePage.view(model, PageContext(request)))
    }

    static func editMeasureForm(_ request: Request) async throws -> Response {
        let (measure, plan) = try await PlanQueries.measure(id: try request.idParameter(), actor: request.actor, on: request.db)
        try Access.require(request.actor, .update, .plan, in: plan.scope)
        guard plan.status == .draft else { throw DomainError.conflict(.errorPlanNotDraft) }
        let codes = try await OrganizationQueries.labels(ids: measure.executors, on: request.db).mapValues(\.code)
        let draft = MeasureDraft(measure, codeOf: { codes[$0] ?? "" })
        return html(MeasureFormPage.view(.init(plan: plan, draft: draft, existingID: measure.id, errors: Form.Errors()), PageContext(request)))
    }

    static func updateMeasure(_ request: Request) async throws -> Response {
        let (measure, plan) = try await PlanQueries.measure(id: try request.idParameter(), actor: request.actor, on: request.db)
        try request.requireCSRF()
        var draft = try request.content.decode(MeasureFormData.self).draft
        do {
            _ = try await MeasureStore.update(id: measure.id, draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.measure(id: measure.id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError {
            if case .staleVersion = error { draft.version = measure.version }
            return html(MeasureFormPage.view(.init(plan: plan, draft: draft, existingID: measure.id, errors: try Form.Errors(error)), PageContext(request)),
                        status: ErrorMapping.status(error))
        }
    }

    static func deleteMeasure(_ request: Request) async throws -> Response {
        let (measure, plan) = try await PlanQueries.measure(id: try request.idParameter(), actor: request.actor, on: request.db)
        try request.requireCSRF()
        let l10n = request.l10n
        if let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.confirmMeasureDeleteQuestion, ["name": "\(measure.code). \(l10n.text(measure.title))"]),
                                                      consequence: l10n(.confirmMeasureDeleteConsequence), confirm: l10n(.measureDelete),
                                                      back: SiteURL.measure(id: measure.id.uuidString).path) { return ask }
        try await MeasureStore.delete(id: measure.id, actor: request.actor, on: request.db, now: request.now)
        return request.redirect(to: SiteURL.plan(code: plan.code).with([("notice", "deleted")]), redirectType: .normal)
    }
}
