import BirlikCore
import BirlikStorage
import Vapor

/// Signing in and out, the language and script switches, and API tokens.
enum AccessController {
    static let sessionLifetime: TimeInterval = 8 * 3600
    static let tokenLifetime: TimeInterval = 30 * 24 * 3600

    static func register(_ routes: any RoutesBuilder) {
        routes.get(.signIn) { request in
            html(SignInPage.view(SignInPage.Model(email: "", errors: Form.Errors(), message: nil, back: safeBack(request)), PageContext(request)))
        }
        routes.post(.signIn, use: signIn)
        routes.post(.signOut, use: signOut)
        routes.post(.language(.kk), use: switchLanguage)
        routes.get(.script(.cyrillic), use: switchScript)
        routes.post(.apiToken, use: issueToken)
    }

    struct SignInForm: Content {
        var email: String?
        var password: String?
        var back: String?
    }

    static func signIn(_ request: Request) async throws -> Response {
        try request.requireCSRF()
        let form = try request.content.decode(SignInForm.self)
        let email = form.email ?? ""
        do {
            guard request.application.birlik.signInLimiter.allow(clientKey(request)) else { throw DomainError.rateLimited }
            let user = try await UserStore.signIn(email: email, password: form.password ?? "",
                                                  hasher: request.application.birlik.hasher, now: request.now, on: request.db)
            let session = try await TokenStore.issue(for: try user.requireID(), kind: .session, lifetime: sessionLifetime, now: request.now, on: request.db)
            let response = request.redirect(to: form.back.flatMap(safePath) ?? SiteURL.home.path, redirectType: .normal)
            response.cookies[ContextMiddleware.sessionCookie] = ContextMiddleware.cookie(session.token, request: request, maxAge: Int(sessionLifetime))
            if let language = user.preferredLanguage, request.cookies[ContextMiddleware.languageCookie] == nil {
                response.cookies[ContextMiddleware.languageCookie] = ContextMiddleware.cookie(language, request: request, maxAge: 31_536_000)
            }
            return response
        } catch let error as DomainError {
            let model = SignInPage.Model(email: email, errors: Form.Errors(), message: ErrorMapping.message(error, request.l10n),
                                         back: form.back)
            return html(SignInPage.view(model, PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func signOut(_ request: Request) async throws -> Response {
        try request.requireCSRF()
        if let token = request.birlik.sessionToken { try await TokenStore.revoke(token, actor: request.actor, now: request.now, on: request.db) }
        let response = request.redirect(to: SiteURL.home.path, redirectType: .normal)
        response.cookies[ContextMiddleware.sessionCookie] = ContextMiddleware.cookie("", request: request, maxAge: 0)
        return response
    }

    static func switchLanguage(_ request: Request) async throws -> Response {
        guard let language = request.parameters.get("value").flatMap(Language.init(rawValue:)) else { throw DomainError.notFound }
        try request.requireCSRF()
        try await UserStore.setPreferredLanguage(language, actor: request.actor, on: request.db, now: request.now)
        let response = request.redirect(to: safeBack(request) ?? SiteURL.home.path, redirectType: .normal)
        response.cookies[ContextMiddleware.languageCookie] = ContextMiddleware.cookie(language.rawValue, request: request, maxAge: 31_536_000)
        return response
    }

    static func switchScript(_ request: Request) async throws -> Response {
        guard let script = request.parameters.get("value").flatMap(KazakhScript.init(rawValue:)) else { throw DomainError.notFound }
        let response = request.redirect(to: safeBack(request) ?? SiteURL.home.path, redirectType: .normal)
        response.cookies[ContextMiddleware.scriptCookie] = ContextMiddleware.cookie(script.rawValue, request: request, maxAge: 31_536_000)
        return response
    }

    struct TokenRequest: Content {
        var email: String
        var password: String
    }

    struct TokenResponse: Content {
        var token: String
        var tokenType: String
        var expiresAt: Date
        var role: String
    }

    static func issueToken(_ request: Request) async throws -> TokenResponse {
        guard request.application.birlik.signInLimiter.allow(clientKey(request)) else { throw DomainError.rateLimited }
        let body = try request.content.decode(TokenRequest.self)
        let user = try await UserStore.signIn(email: body.email, password: body.password,
                                              hasher: request.application.birlik.hasher, now: request.now, on: request.db)
        let issued = try await TokenStore.issue(for: try user.requireID(), kind: .api, lifetime: tokenLifetime, now: request.now, on: request.db)
        return TokenResponse(token: issued.token, tokenType: "Bearer", expiresAt: issued.expiresAt, role: user.role)
    }

    /// Only local paths are followed after a switch or a sign-in, never another site.
    /// Where to go back to: a path on this site, from the query or a posted form.
    static func safeBack(_ request: Request) -> String? {
        ((try? request.query.get(String.self, at: "back")) ?? (request.method == .POST ? try? request.content.get(String.self, at: "back") : nil))
            .flatMap(safePath)
    }

    static func safePath(_ value: String) -> String? {
        value.hasPrefix("/") && !value.hasPrefix("//") && !value.contains("\\") ? value : nil
    }

    static func clientKey(_ request: Request) -> String {
        request.remoteAddress?.ipAddress ?? "unknown"
    }
}
