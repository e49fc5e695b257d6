import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// Public control: the councils' plans and cases, public from the final document on; the object
/// answers each recommendation on the same page.
enum PublicControlController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.publicControl, use: list)
        routes.get(.publicControlNew, use: newForm)
        routes.post(.publicControlNew, use: create)
        routes.get(.publicControlCase(id: ""), use: show)
        routes.post(.publicControlStep(id: ""), use: step)
    }

    static func canPlan(_ actor: Actor) -> Bool { actor.isSignedIn && [.secretariat, .regionalCoordinator, .councilMember, .admin].contains(actor.role) }

    static func list(_ request: Request) async throws -> Response {
        let cases = try await PublicControlQueries.list(actor: request.actor, on: request.db)
        let addressed = request.actor.organizationID.map { id in cases.filter { $0.objectID == id } } ?? []
        let names = try await names(cases.flatMap { [$0.councilID, $0.objectID] }, request)
        return html(PublicControlPage.list(cases, addressed: addressed, names: names, canPlan: canPlan(request.actor), today: request.today, PageContext(request)))
    }

    static func names(_ ids: [UUID], _ request: Request) async throws -> [UUID: String] {
        try await OrganizationQueries.labels(ids: Array(Set(ids)), on: request.db).mapValues { request.l10n.text($0.name) }
    }

    struct PlanForm: Content {
        var councilCode: String?
        var objectCode: String?
        var subject: String?
        var period: String?
    }

    static func newForm(_ request: Request) async throws -> Response {
        guard canPlan(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        var council = ""
        if let id = request.actor.organizationID { council = try await OrganizationQueries.labels(ids: [id], on: request.db)[id]?.code ?? "" }
        return html(PublicControlPage.form(PlanForm(councilCode: council, period: Period(kind: .quarter, year: request.today.year, index: (request.today.month - 1) / 3 + 1)?.description), errors: Form.Errors(), PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        guard canPlan(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(PlanForm.self)
        do {
            let value = try await PublicControlStore.plan(councilCode: form.councilCode ?? "", objectCode: form.objectCode ?? "", subject: form.subject ?? "",
                                                          period: form.period ?? "", actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.publicControlCase(id: value.id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(PublicControlPage.form(form, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func show(_ request: Request) async throws -> Response {
        let value = try await PublicControlQueries.find(try request.idParameter(), actor: request.actor, on: request.db)
        return try await page(request, value, errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, _ value: PublicControlCase, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let names = try await names([value.councilID, value.objectID], request)
        return html(PublicControlPage.show(value, names: names, canAct: Access.check(request.actor, .approve, .publicControl, in: value.scope) == .allowed,
                                           canAnswer: Access.check(request.actor, .update, .publicControl, in: value.objectScope) == .allowed,
                                           today: request.today, errors: errors, PageContext(request)), status: status)
    }

    struct StepForm: Content {
        var step: String
        var version: Int?
        var findings: String?
        var recommendations: String?
        var hearingOn: String?
        var hearingPlace: String?
    }

    static func step(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        let value = try await PublicControlQueries.find(id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        do {
            let step: PublicControlStep
            switch form.step {
            case "start": step = .start
            case "finish": step = .finish
            case "finalDocument":
                step = .finalDocument(findings: form.findings ?? "", recommendations: (form.recommendations ?? "").split(whereSeparator: \.isNewline).map(String.init))
            case "answer":
                step = .answer(value.recommendations.indices.map { index in
                    let decision = try? request.content.get(String.self, at: "accepted\(index)")
                    return (accepted: decision == "yes" ? true : decision == "no" ? false : nil, reason: (try? request.content.get(String.self, at: "reason\(index)")) ?? "")
                })
            case "hearing":
                guard let day = Day(form.hearingOn ?? "") else { throw DomainError.invalid([FieldError("hearingOn", .fieldDate)]) }
                step = .hearing(on: day, place: form.hearingPlace ?? "")
            case "track":
                step = .track(value.recommendations.indices.map { index in
                    (try? request.content.get(String.self, at: "state\(index)")).flatMap(PublicControlCase.Recommendation.State.init(rawValue:)) ?? value.recommendations[index].state
                })
            case "close": step = .close
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            _ = try await PublicControlStore.apply(step, to: id, version: form.version ?? 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.publicControlCase(id: id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await page(request, value, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }
}
