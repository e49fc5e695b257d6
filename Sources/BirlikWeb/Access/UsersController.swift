import BirlikCore
import BirlikStorage
import Vapor

/// The users page and the form that adds a user.
enum UsersController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.users, use: list)
        routes.post(.users, use: create)
    }

    static let everywhere = Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false)

    static func list(_ request: Request) async throws -> Response {
        try await page(request, form: [:], errors: Form.Errors(), status: .ok)
    }

    struct CreateForm: Content {
        var email: String?
        var displayName: String?
        var role: String?
        var organization: String?
        var password: String?
    }

    static func create(_ request: Request) async throws -> Response {
        try Access.require(request.actor, .create, .user, in: everywhere)
        try request.requireCSRF()
        let form = try request.content.decode(CreateForm.self)
        let values = ["email": form.email ?? "", "displayName": form.displayName ?? "", "role": form.role ?? "",
                      "organization": form.organization ?? ""]
        guard let role = form.role.flatMap(Role.init(rawValue:)) else {
            return try await page(request, form: values, errors: Form.Errors([FieldError("role", .fieldChooseValue)]),
                                  status: .unprocessableEntity)
        }
        do {
            _ = try await UserStore.create(email: form.email ?? "", password: form.password ?? "", role: role,
                                           organizationCode: form.organization, displayName: form.displayName ?? "",
                                           hasher: request.application.birlik.hasher, actor: request.actor, on: request.db)
            return request.redirect(to: SiteURL.users.with([("notice", "user-created")]), redirectType: .normal)
        } catch let DomainError.invalid(problems) {
            return try await page(request, form: values, errors: Form.Errors(problems), status: .unprocessableEntity)
        } catch DomainError.conflict(let key) {
            return try await page(request, form: values, errors: Form.Errors([FieldError("email", key)], general: key), status: .conflict)
        }
    }

    static func page(_ request: Request, form: [String: String], errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let actor = request.actor
        guard actor.isSignedIn else { throw DomainError.signInRequired }
        guard Access.visibility(actor, .user) != .nothing else { throw DomainError.forbidden }
        let role = (try? request.query.get(String.self, at: "role")).flatMap(Role.init(rawValue:))
        let text = (try? request.query.get(String.self, at: "q")) ?? ""
        let model = UsersPage.Model(
            users: try await UserQueries.list(actor: actor, role: role, text: text, page: try request.pageNumber(), on: request.db),
            role: role, text: text,
            canCreate: Access.check(actor, .create, .user, in: everywhere) == .allowed,
            form: form, errors: errors)
        return html(UsersPage.view(model, PageContext(request)), status: status)
    }
}
