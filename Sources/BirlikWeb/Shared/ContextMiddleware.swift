import Foundation
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
        if let bearer = request.headers.bearerAuthorization?.token, !Self.isMetricsScraper(request) {
            guard let identity = try await Self.identity(bearer, kind: .api, request) else { throw DomainError.signInRequired }
            context.actor = identity.actor
            context.viaBearer = true
            preferred = identity.language
        } else if let token = request.cookies[Self.sessionCookie]?.string,
                  let identity = try await Self.identity(token, kind: .session, request) {
            context.actor = identity.actor
            context.csrfToken = identity.csrfToken
            context.sessionToken = token
            preferred = identity.language
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

    /// `true` when the request is a scrape of `/metrics` with `BIRLIK_METRICS_TOKEN` (compared in constant time).
    static func isMetricsScraper(_ request: Request) -> Bool {
        guard request.url.path == SiteURL.metrics.path, let token = request.application.birlik.configuration.metricsToken, !token.isEmpty,
              let presented = request.headers.bearerAuthorization?.token else { return false }
        return Request.secretsMatch(presented, token)
    }

    /// Who a token belongs to, as the middleware needs it.
    struct Identity: Sendable {
        var actor: Actor
        var csrfToken: String
        var language: Language?
        var expiresAt: Date
    }

    /// Resolves a token, remembering the answer until the next audited change in this process (a
    /// sign-out, a lock-out, a changed role) and for a few seconds at most (changes on other instances).
    static func identity(_ token: String, kind: AuthTokenRecord.Kind, _ request: Request) async throws -> Identity? {
        let key = "\(kind.rawValue):\(Hashing.sha256Hex(Data(token.utf8)))"
        let found = try await request.application.birlik.identities.value(key) {
            guard let (record, user) = try await TokenStore.resolve(token, kind: kind, now: request.now, on: request.db) else { return nil }
            return Identity(actor: try await UserStore.actor(for: user, on: request.db), csrfToken: record.csrfToken,
                            language: user.preferredLanguage.flatMap(Language.init(rawValue:)), expiresAt: record.expiresAt)
        }
        guard let found, found.expiresAt > request.now else { return nil }
        return found
    }

    /// A cookie with Birlik's attributes: HttpOnly, SameSite=Lax, Secure behind TLS.
    static func cookie(_ value: String, request: Request, maxAge: Int?) -> HTTPCookies.Value {
        let secure = request.application.birlik.configuration.secureCookies || request.isSecure
        return HTTPCookies.Value(string: value, expires: nil, maxAge: maxAge, path: "/", isSecure: secure,
                                 isHTTPOnly: true, sameSite: .lax)
    }
}
