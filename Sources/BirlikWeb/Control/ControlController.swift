import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The register of instructions under control (S4).
enum ControlController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.instructions, use: list)
        routes.get(.instructionNew, use: newForm)
        routes.post(.instructionNew, use: create)
        routes.get(.instruction(id: ""), use: show)
        routes.post(.instructionStep(id: ""), use: step)
    }

    static let registerScope = Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false)

    static func list(_ request: Request) async throws -> Response {
        let actor = request.actor
        guard actor.isSignedIn else { throw DomainError.signInRequired }
        let status = request.queryText("status").flatMap(ControlStatus.init(rawValue:))
        let overdue = request.queryText("overdue") == "true"
        let instructions = try await InstructionQueries.list(.init(status: status, overdueOnly: overdue), actor: actor, today: request.today, on: request.db)
        let model = InstructionsPage.Model(instructions: instructions,
                                           executors: try await OrganizationQueries.labels(ids: instructions.flatMap(\.executorIDs), on: request.db),
                                           status: status, overdueOnly: overdue,
                                           canCreate: Access.check(actor, .create, .instruction, in: registerScope) == .allowed, today: request.today)
        return html(InstructionsPage.view(model, PageContext(request)))
    }

    static func newForm(_ request: Request) async throws -> Response {
        try Access.require(request.actor, .create, .instruction, in: registerScope)
        var draft = InstructionDraft()
        // An instruction made from a citizen's appeal (`?appeal=<id>`) starts from the appeal: its number as the
        // item, its text, and its deadline.
        if let text = request.queryText("appeal"), let id = UUID(uuidString: text) {
            let appeal = try await AppealQueries.find(id, actor: request.actor, on: request.db).appeal
            draft.item = appeal.number
            draft.sourceDate = request.today.description
            draft.deadline = appeal.dueOn.description
            if appeal.language == .kk { draft.textKK = appeal.text } else { draft.textRU = appeal.text }
        }
        return html(InstructionFormPage.view(draft, errors: Form.Errors(), PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        try Access.require(request.actor, .create, .instruction, in: registerScope)
        try request.requireCSRF()
        let draft = try request.content.decode(InstructionFormData.self).draft
        do {
            let instruction = try await InstructionStore.create(draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.instruction(id: instruction.id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError {
            return html(InstructionFormPage.view(draft, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func show(_ request: Request) async throws -> Response {
        try await page(request, errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let actor = request.actor
        let instruction = try await InstructionQueries.find(id: try request.idParameter(), actor: actor, on: request.db)
        let history = try await InstructionQueries.history(of: instruction.id, on: request.db)
        let model = InstructionPage.Model(
            instruction: instruction, history: history,
            executors: try await OrganizationQueries.labels(ids: instruction.executorIDs + history.compactMap(\.organizationID), on: request.db),
            canRespond: actor.organizationID.map { instruction.executorIDs.contains($0) } ?? false
                && Access.check(actor, .update, .instruction, in: instruction.scope(for: actor.organizationID)) == .allowed,
            canDecide: Access.check(actor, .approve, .instruction, in: instruction.scope(for: nil)) == .allowed,
            errors: errors, today: request.today,
            workingDaysLeft: try await WorkingCalendarStore.calendar(on: request.db).workingDays(from: request.today, to: instruction.deadline))
        return html(InstructionPage.view(model, PageContext(request)), status: status)
    }

    struct StepForm: Content {
        var step: String
        var text: String?
        var requestedDeadline: String?
        var reason: String?
        var comment: String?
    }

    static func step(_ request: Request) async throws -> Response {
        let id = try request.idParameter()
        _ = try await InstructionQueries.find(id: id, actor: request.actor, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        let step: InstructionStore.Step
        switch form.step {
        case "respond": step = .respond(form.text ?? "")
        case "extension": step = .requestExtension(form.requestedDeadline.flatMap(Day.init), form.reason ?? "")
        case "grant": step = .decideExtension(grant: true, comment: form.comment ?? "")
        case "refuse": step = .decideExtension(grant: false, comment: form.comment ?? "")
        case let value where value.hasPrefix("status-"):
            guard let status = ControlStatus(rawValue: String(value.dropFirst("status-".count))) else { throw DomainError.malformed("step") }
            step = .setStatus(status, comment: form.comment ?? "")
        default: throw DomainError.malformed("step")
        }
        do {
            _ = try await InstructionStore.apply(step, to: id, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.instruction(id: id.uuidString).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError {
            return try await page(request, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }
}
