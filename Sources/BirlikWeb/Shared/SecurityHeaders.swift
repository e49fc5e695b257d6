import Vapor

/// The headers every response carries, set in one place: a strict Content-Security-Policy (no script
/// at all, styles only from Birlik's stylesheet, no framing), `nosniff`, a referrer policy, and
/// `Cache-Control: no-store` on whatever a signed-in user is shown, so that a shared computer's cache
/// or a proxy never keeps it. A response that brings a policy of its own (the print-ready annual
/// report with its embedded stylesheet) keeps it.
struct SecurityHeaders: AsyncMiddleware {
    static let policy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if !response.headers.contains(name: "Content-Security-Policy") {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.policy)
        }
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if request.actor.isSignedIn || request.birlik.viaBearer {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
