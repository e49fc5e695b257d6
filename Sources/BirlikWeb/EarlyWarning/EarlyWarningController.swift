import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// Early warning (S6): the dashboard, the register of signals and its review queue, alerts and
/// their response tasks, and the role-scoped API.
enum EarlyWarningController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.earlyWarning, use: dashboard)
        routes.post(.earlyWarningPublish, use: publish)
        routes.get(.signals, use: list)
        routes.get(.signalNew, use: newForm)
        routes.post(.signalNew, use: create)
        routes.post(.signalReview, use: review)
        routes.get(.signal(id: ""), use: show)
        routes.post(.signalRespond(id: ""), use: respond)
        routes.get(.alert(id: ""), use: alert)
        routes.post(.alertAssign(id: ""), use: assign)
        routes.post(.alertClose(id: ""), use: close)
        routes.get(.apiSignals, use: apiSignals)
        routes.get(.apiRisk, use: apiRisk)
    }

    static let republic = Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false)

    static func entryPlaces(_ actor: Actor) -> [Region] {
        ReferenceData.regions.filter { $0.kind != .republic
            && Access.check(actor, .create, .signal, in: Scope(organizationID: nil, regionCode: $0.code, isPublic: false)) == .allowed }
    }

    static func dashboard(_ request: Request) async throws -> Response {
        let actor = request.actor
        let month = request.queryText("month").flatMap(Period.init).flatMap { $0.kind == .month ? $0 : nil } ?? Period.month(of: request.today)
        let seesSignals = actor.isSignedIn && Access.visibility(actor, .signal) != .nothing
            && ReferenceData.regions.contains { Access.check(actor, .view, .signal, in: Scope(organizationID: nil, regionCode: $0.code, isPublic: false)) == .allowed }
        let published = try await SignalQueries.publishedMonths(on: request.db)
        var publicCounts: [String: Int] = [:]
        if let latest = published.first { publicCounts = try await SignalQueries.counts(month: latest, on: request.db) }
        let model = EarlyWarningPage.Model(
            month: month,
            indices: seesSignals ? try await RiskQueries.indices(month: month, actor: actor, on: request.db) : [],
            series: seesSignals ? try await RiskQueries.series(through: month, months: 12, actor: actor, on: request.db) : [:],
            alerts: seesSignals ? try await AlertQueries.list(openOnly: false, actor: actor, on: request.db) : [],
            waiting: seesSignals ? try await SignalQueries.waitingForReview(actor: actor, on: request.db) : 0,
            published: published,
            publicCounts: publicCounts,
            canPublish: Access.check(actor, .publish, .signal, in: republic) == .allowed,
            canEnter: !entryPlaces(actor).isEmpty)
        return html(EarlyWarningPage.view(model, PageContext(request)))
    }

    struct PublishForm: Content { var month: String }

    static func publish(_ request: Request) async throws -> Response {
        try request.requireCSRF()
        let form = try request.content.decode(PublishForm.self)
        guard let month = Period(form.month) else { throw DomainError.invalid([FieldError("month", .importUnknownPeriod)]) }
        try await SignalStore.publish(month: month, actor: request.actor, on: request.db, now: request.now)
        return request.redirect(to: SiteURL.earlyWarning.path, redirectType: .normal)
    }

    static func list(_ request: Request) async throws -> Response {
        let status = request.queryText("status").flatMap(Signal.Status.init(rawValue:))
        let region = request.queryText("region")
        let signals = try await SignalQueries.list(.init(status: status, region: region), actor: request.actor, on: request.db)
        let canReview = [.secretariat, .regionalCoordinator, .admin].contains(request.actor.role)
        return html(SignalsPage.list(signals, status: status, region: region, canReview: canReview, PageContext(request)))
    }

    static func newForm(_ request: Request) async throws -> Response {
        let places = entryPlaces(request.actor)
        guard !places.isEmpty else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        var draft = SignalDraft()
        draft.date = request.today.description
        draft.place = request.actor.regionCode == RegionCode.republic ? "" : request.actor.regionCode
        return html(SignalsPage.form(draft, errors: Form.Errors(), places: places, PageContext(request)))
    }

    struct SignalForm: Content {
        var date: String?
        var place: String?
        var kind: String?
        var groups: [String]?
        var severity: String?
        var source: String?
        var summary: String?
    }

    static func create(_ request: Request) async throws -> Response {
        let places = entryPlaces(request.actor)
        guard !places.isEmpty else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(SignalForm.self)
        var draft = SignalDraft()
        draft.date = form.date ?? ""; draft.place = form.place ?? ""; draft.kind = form.kind ?? ""; draft.groups = form.groups ?? []
        draft.severity = form.severity ?? ""; draft.source = form.source ?? ""; draft.summary = form.summary ?? ""
        do {
            let signal = try await SignalStore.create(draft, actor: request.actor, today: request.today, on: request.db, now: request.now)
            // A reporter who may not open the signal (its details are confidential by role) is thanked on the form instead.
            guard Access.check(request.actor, .view, .signal, in: signal.scope) == .allowed else {
                return request.redirect(to: SiteURL.signalNew.with([("notice", "signal-received")]), redirectType: .normal)
            }
            return request.redirect(to: SiteURL.signal(id: signal.id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(SignalsPage.form(draft, errors: try Form.Errors(error), places: places, PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    struct ReviewForm: Content {
        var ids: [String]?
        var decision: String
        var note: String?
    }

    static func review(_ request: Request) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(ReviewForm.self)
        let ids = (form.ids ?? []).compactMap(UUID.init(uuidString:))
        let l10n = request.l10n
        let action = l10n(form.decision == "verify" ? .signalsVerify : .signalsReject)
        if !ids.isEmpty, let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.confirmSignalReviewQuestion, ["action": action, "count": l10n.number(ids.count)]),
                                                                    consequence: l10n(.confirmSignalReviewConsequence), confirm: action,
                                                                    back: SiteURL.signals.with([("status", "reported")])) { return ask }
        let count = try await SignalStore.review(ids, verify: form.decision == "verify", note: form.note ?? "", actor: request.actor, on: request.db, now: request.now)
        return request.redirect(to: SiteURL.signals.with([("status", "reported"), ("notice", form.decision == "verify" ? "signals-verified" : "signals-rejected"),
                                                           ("count", String(count))]), redirectType: .normal)
    }

    /// The registry code of an organisation, for the response forms.
    static func code(of organization: UUID?, _ request: Request) async throws -> String {
        guard let organization else { return "" }
        return try await OrganizationQueries.labels(ids: [organization], on: request.db)[organization]?.code ?? ""
    }

    static func showPage(_ request: Request, signal: Signal, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let responsible = try await code(of: signal.responsibleID, request)
        return html(SignalsPage.show(signal, responsible: responsible,
                                     canRespond: Access.check(request.actor, .update, .signal, in: signal.scope) == .allowed,
                                     errors: errors, PageContext(request)), status: status)
    }

    static func show(_ request: Request) async throws -> Response {
        let signal = try await SignalQueries.find(try request.idParameter(), actor: request.actor, on: request.db)
        return try await showPage(request, signal: signal, errors: Form.Errors(), status: .ok)
    }

    struct ResponseForm: Content {
        var responsibleCode: String?
        var measures: String?
        var deadline: String?
        var outcome: String?
        var version: Int?
    }

    static func respond(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let signal = try await SignalQueries.find(id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(ResponseForm.self)
        do {
            _ = try await SignalStore.respond(id, .init(responsibleCode: form.responsibleCode ?? "", measures: form.measures ?? "", deadline: form.deadline ?? "",
                                                         outcome: form.outcome ?? "", version: form.version ?? 0), actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.signal(id: id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await showPage(request, signal: signal, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func alertPage(_ request: Request, alert: Alert, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let actor = request.actor
        let signals = try await SignalQueries.list(.init(region: alert.place, month: alert.month), actor: actor, on: request.db)
        let responsible = try await code(of: alert.responsibleID, request)
        return html(AlertPage.view(alert, signals: signals, responsible: responsible,
                                   canAssign: alert.status != .closed && Access.check(actor, .approve, .alert, in: alert.scope) == .allowed,
                                   canClose: alert.status == .assigned && Access.check(actor, .update, .alert, in: alert.scope) == .allowed,
                                   errors: errors, PageContext(request)), status: status)
    }

    static func alert(_ request: Request) async throws -> Response {
        let alert = try await AlertQueries.find(try request.idParameter(), actor: request.actor, on: request.db)
        return try await alertPage(request, alert: alert, errors: Form.Errors(), status: .ok)
    }

    struct AssignForm: Content {
        var responsibleCode: String?
        var task: String?
        var deadline: String?
        var version: Int?
        var outcome: String?
    }

    static func assign(_ request: Request) async throws -> Response {
        try await alertStep(request) { id, form in
            try await AlertStore.assign(id, .init(responsibleCode: form.responsibleCode ?? "", task: form.task ?? "", deadline: form.deadline ?? "",
                                                  version: form.version ?? 0), actor: request.actor, today: request.today, on: request.db, now: request.now)
        }
    }

    static func close(_ request: Request) async throws -> Response {
        try await alertStep(request) { id, form in
            try await AlertStore.close(id, outcome: form.outcome ?? "", version: form.version ?? 0, actor: request.actor, on: request.db, now: request.now)
        }
    }

    static func alertStep(_ request: Request, _ body: (UUID, AssignForm) async throws -> Alert) async throws -> Response {
        let id = try request.idParameter()
        let alert = try await AlertQueries.find(id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(AssignForm.self)
        do {
            _ = try await body(id, form)
            return request.redirect(to: SiteURL.alert(id: id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await alertPage(request, alert: alert, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    // MARK: API

    struct SignalItem: Content {
        var id: UUID
        var date: String
        var place: String
        var kind: String
        var groups: [String]
        var severity: Int
        var source: String
        var status: String
        var summary: String
        var responsible: UUID?
    }

    static func apiSignals(_ request: Request) async throws -> Response {
        let status = request.queryText("status").flatMap(Signal.Status.init(rawValue:))
        if request.queryText("status") != nil, status == nil { throw DomainError.invalid([FieldError("status", .fieldChooseValue)]) }
        let month = request.queryText("month").flatMap(Period.init)
        let signals = try await SignalQueries.list(.init(status: status, region: request.queryText("region"), month: month), actor: request.actor, on: request.db)
        let items = signals.map { SignalItem(id: $0.id, date: $0.date.description, place: $0.place, kind: $0.kind.rawValue, groups: $0.groups, severity: $0.severity,
                                             source: $0.source.rawValue, status: $0.status.rawValue, summary: $0.summary, responsible: $0.responsibleID) }
        return try await ["signals": items].encodeResponse(for: request)
    }

    struct RiskItem: Content {
        var place: String
        var month: String
        var value: Double
        var level: String
        var load: Double
        var baseline: Double
        var survey: Double?
    }

    static func apiRisk(_ request: Request) async throws -> Response {
        let text = request.queryText("period") ?? Period.month(of: request.today).description
        guard let month = Period(text), month.kind == .month else { throw DomainError.invalid([FieldError("period", .importUnknownPeriod)]) }
        let indices = try await RiskQueries.indices(month: month, actor: request.actor, on: request.db)
        let items = indices.map { RiskItem(place: $0.place, month: $0.month.description, value: $0.value, level: $0.level.rawValue, load: $0.load,
                                           baseline: $0.baseline, survey: $0.survey) }
        return try await RiskPayload(formula: RiskIndex.formula, risk: items).encodeResponse(for: request)
    }

    struct RiskPayload: Content {
        var formula: String
        var risk: [RiskItem]
    }
}
