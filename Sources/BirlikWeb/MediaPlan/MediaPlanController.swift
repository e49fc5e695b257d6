import BirlikCore
import BirlikDocuments
import BirlikStorage
import FluentKit
import Vapor

/// The media plan (S16): a quarter's items with plan against actual by region (page, CSV, XLSX), the
/// organisation's new items, and each item's steps to its publication.
enum MediaPlanController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.mediaPlan, use: plan)
        routes.get(.mediaPlanNew, use: newItem)
        routes.post(.mediaPlanNew, use: create)
        routes.get(.mediaPlanItem(code: ""), use: show)
        routes.post(.mediaPlanItem(code: ""), use: update)
        routes.post(.mediaPlanStep(code: ""), use: step)
    }

    static func requireStaff(_ request: Request) throws {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        guard Access.visibility(request.actor, .mediaPlan) != .nothing else { throw DomainError.forbidden }
    }

    static func canCreate(_ actor: Actor) -> Bool {
        guard let organization = actor.organizationID else { return false }
        return Access.check(actor, .create, .mediaPlan, in: Scope(organizationID: organization, regionCode: actor.regionCode, isPublic: false)) == .allowed
    }

    static func plan(_ request: Request) async throws -> Response {
        try requireStaff(request)
        let today = request.today
        let quarter = try request.queryText("quarter").map { text -> Period in
            guard let period = Period(text), period.kind == .quarter else { throw DomainError.invalid([FieldError("quarter", .fieldDate)]) }
            return period
        } ?? Period(kind: .quarter, year: today.year, index: (today.month - 1) / 3 + 1)!
        let region = request.queryText("region")
        if let region, PlaceDirectory.shared.find(region) == nil { throw DomainError.invalid([FieldError("region", .importUnknownPlace)]) }
        let items = try await MediaPlanQueries.items(quarter: quarter, region: region, actor: request.actor, on: request.db)
        let report = MediaPlanQueries.report(items, today: today)
        let l10n = request.l10n
        if let format = request.queryText("format").flatMap(TableExport.Format.init(rawValue:)) {
            return try MediaPlanPage.reportTable(report, quarter: quarter, l10n).response(format)
        }
        let names = try await OrganizationQueries.labels(ids: items.map(\.organizationID), on: request.db).mapValues(\.name)
        return html(MediaPlanPage.plan(items, report: report, quarter: quarter, region: region, names: names, today: today, canCreate: canCreate(request.actor),
                                       PageContext(request)))
    }

    struct ItemForm: Content {
        var plannedOn: String?
        var channel: String?
        var topic: String?
        var language: String?
        var region: String?
        var measureCode: String?
        var eventCode: String?
        var version: Int?

        var draft: MediaPlanDraft {
            MediaPlanDraft(plannedOn: plannedOn ?? "", channel: channel ?? "", topic: topic ?? "", language: language ?? "", region: region ?? "",
                           measureCode: measureCode ?? "", eventCode: eventCode ?? "")
        }
    }

    static func newItem(_ request: Request) async throws -> Response {
        guard canCreate(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let form = ItemForm(plannedOn: request.today.adding(days: 7).description, channel: "online", language: request.l10n.language.rawValue,
                            region: request.actor.regionCode == RegionCode.republic ? "" : request.actor.regionCode)
        return html(MediaPlanPage.form(form, errors: Form.Errors(), PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        guard canCreate(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(ItemForm.self)
        do {
            let item = try await MediaPlanStore.save(form.draft, id: nil, version: 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.mediaPlanItem(code: item.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(MediaPlanPage.form(form, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func item(_ request: Request) async throws -> MediaPlanItem {
        try requireStaff(request)
        guard let item = try await MediaPlanRecord.query(on: request.db).visible(to: request.actor).filter(\.$code == request.parameters.get("code") ?? "")
            .first()?.value else { throw DomainError.notFound }
        return item
    }

    static func show(_ request: Request) async throws -> Response {
        let item = try await item(request)
        return try await page(request, item, form: nil, errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, _ item: MediaPlanItem, form: ItemForm?, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let measure = try await MeasureReferences.links(item.measureID.map { [$0] } ?? [], on: request.db).first
        let canEdit = Access.check(request.actor, .update, .mediaPlan, in: item.scope) == .allowed
        let name = try await OrganizationQueries.labels(ids: [item.organizationID], on: request.db)[item.organizationID]?.name
        let editForm = form ?? ItemForm(plannedOn: item.plannedOn.description, channel: item.channel.rawValue, topic: item.topic, language: item.language.rawValue,
                                        region: item.region, measureCode: measure?.reference ?? "", eventCode: item.eventCode ?? "", version: item.version)
        return html(MediaPlanPage.item(item, measure: measure, organization: name, canEdit: canEdit, form: editForm, errors: errors, today: request.today,
                                       PageContext(request)), status: status)
    }

    static func update(_ request: Request) async throws -> Response {
        let item = try await item(request)
        try request.requireCSRF()
        let form = try request.content.decode(ItemForm.self)
        do {
            _ = try await MediaPlanStore.save(form.draft, id: item.id, version: form.version ?? 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.mediaPlanItem(code: item.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, item, form: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct StepForm: Content {
        var step: String
        var version: Int
        var url: String?
        var title: String?
        var publishedOn: String?
        var reason: String?
    }

    static func step(_ request: Request) async throws -> Response {
        let item = try await item(request)
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        do {
            let step: MediaPlanStep
            switch form.step {
            case "start": step = .start
            case "publish": step = .publish(url: form.url ?? "", title: form.title ?? "", publishedOn: form.publishedOn ?? "")
            case "cancel": step = .cancel(reason: form.reason ?? "")
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            _ = try await MediaPlanStore.apply(step, to: item.id, version: form.version, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.mediaPlanItem(code: item.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, item, form: nil, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }
}
