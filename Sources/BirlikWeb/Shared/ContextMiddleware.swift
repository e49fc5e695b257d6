import BirlikCore
import BirlikStorage
import Vapor

/// Works out who is asking and in which language, once per request.
struct ContextMiddleware: AsyncMiddleware {
    static let sessionCookie = "birlik_session"
    static let languageCookie = "birlik_lang"
    static let scriptCookie = "birlik_script"
    static let csrfCookie = "birlik_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var context = RequestContext.anonymous
        var preferred: Language?
        if let bearer = request.headers.bearerAuthorization?.token {
            guard let (_, user) = try await TokenStore.resolve(bearer, kind: .api, on: request.db) else {
                throw DomainError.signInRequired
            }
            context.actor = try await UserStore.actor(for: user, on: request.db)
            context.viaBearer = true
            preferred = user.preferredLanguage.flatMap(Language.init(rawValue:))
        } else if let token = request.cookies[Self.sessionCookie]?.string,
                  let (session, user) = try await TokenStore.resolve(token, kind: .session, on: request.db) {
            context.actor = try await UserStore.actor(for: user, on: request.db)
            context.csrfToken = session.csrfToken
            context.sessionToken = token
            preferred = user.preferredLanguage.flatMap(Language.init(rawValue:))
        }
        var newCSRF: String?
        if context.csrfToken.isEmpty, !context.viaBearer {
            if let cookie = request.cookies[Self.csrfCookie]?.string, cookie.count >= 32 {
                context.csrfToken = cookie
            } else {
                newCSRF = [UInt8].random(count: 24).base64.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-")
                context.csrfToken = newCSRF!
            }
        }
        let language = (request.cookies[Self.languageCookie]?.string).flatMap(Language.init(rawValue:))
            ?? preferred
            ?? Language.preferred(acceptLanguage: request.headers.first(name: .acceptLanguage))
            ?? .kk
        let script = (request.cookies[Self.scriptCookie]?.string).flatMap(KazakhScript.init(rawValue:)) ?? .cyrillic
        context.localizer = Localizer(language, script: script)
        request.birlik = context
        let response = try await next.respond(to: request)
        if let newCSRF {
            response.cookies[Self.csrfCookie] = Self.cookie(newCSRF, request: request, maxAge: nil)
        }
        return response
    }

    /// A cookie with Birlik's attributes: HttpOnly, SameSite=Lax, Secure behind TLS.
    static func cookie(_ value: String, request: Request, maxAge: Int?) -> HTTPCookies.Value {
        let secure = request.application.birlik.configuration.secureCookies || request.isSecure
        return HTTPCookies.Value(string: value, expires: nil, maxAge: maxAge, path: "/", isSecure: secure,
                                 isHTTPOnly: true, sameSite: .lax)
    }
}
