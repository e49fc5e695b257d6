import BirlikCore
import BirlikStorage
import Vapor

/// The users page and the form that adds a user.
enum UsersController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.users, use: list)
        routes.post(.users, use: create)
        routes.get(.user(id: ""), use: account)
        routes.post(.user(id: ""), use: change)
        routes.get(.accountPassword, use: ownPasswordForm)
        routes.post(.accountPassword, use: changeOwnPassword)
    }

    static func account(_ request: Request) async throws -> Response {
        try await accountPage(request, errors: Form.Errors(), status: .ok)
    }

    static func accountPage(_ request: Request, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        let row = try await UserQueries.find(try request.idParameter(), actor: request.actor, on: request.db)
        let isSelf = row.id == request.actor.userID
        let model = AccountPage.Model(user: row, canChange: !isSelf && Access.check(request.actor, .update, .user, in: row.scope) == .allowed,
                                      isSelf: isSelf, now: request.now, errors: errors)
        return html(AccountPage.view(model, PageContext(request)), status: status)
    }

    struct ChangeForm: Content {
        var action: String?
        var role: String?
        var password: String?
    }

    /// One change to an account, posted from its page.
    static func change(_ request: Request) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        try request.requireCSRF()
        let id = try request.idParameter()
        let form = try request.content.decode(ChangeForm.self)
        let change: AccountStore.Change
        switch form.action {
        case "disable": change = .disable
        case "enable": change = .enable
        case "revoke": change = .revokeTokens
        case "password": change = .resetPassword(form.password ?? "")
        case "role":
            guard let role = form.role.flatMap(Role.init(rawValue:)) else {
                return try await accountPage(request, errors: Form.Errors([FieldError("role", .fieldChooseValue)]), status: .unprocessableEntity)
            }
            change = .role(role)
        default: throw DomainError.malformed("action")
        }
        do {
            try await AccountStore.apply(change, to: id, actor: request.actor, hasher: request.application.birlik.hasher, now: request.now, on: request.db)
        } catch let DomainError.invalid(problems) {
            return try await accountPage(request, errors: Form.Errors(problems), status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.user(id: id.uuidString).with([("notice", "account-changed")]), redirectType: .normal)
    }

    static func ownPasswordForm(_ request: Request) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        return html(OwnPasswordPage.view(errors: Form.Errors(), PageContext(request)))
    }

    struct OwnPasswordForm: Content {
        var current: String?
        var password: String?
    }

    static func changeOwnPassword(_ request: Request) async throws -> Response {
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(OwnPasswordForm.self)
        do {
            try await AccountStore.changeOwnPassword(current: form.current ?? "", new: form.password ?? "", actor: request.actor,
                                                     keepingToken: request.birlik.sessionToken, hasher: request.application.birlik.hasher,
                                                     now: request.now, on: request.db)
        } catch let DomainError.invalid(problems) {
            return html(OwnPasswordPage.view(errors: Form.Errors(problems), PageContext(request)), status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.home.with([("notice", "password-changed")]), redirectType: .normal)
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
                                           hasher: request.application.birlik.hasher, actor: request.actor, on: request.db, now: request.now)
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
            form: form, errors: errors, now: request.now)
        return html(UsersPage.view(model, PageContext(request)), status: status)
    }
}
