import BirlikStorage
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Keeps the pages and API answers the public sees, so that the directory and the open API stay
/// fast under load. Only anonymous GET requests are served from it; an entry is dropped as soon as
/// any audited change commits in this process, and after `lifetime` seconds at most (for changes
/// made by other server instances). Pages that carry a form token are never kept.
final class PublicPageCache: Sendable {
    struct Entry: Sendable {
        var status: HTTPResponseStatus
        var contentType: String
        var body: ByteBuffer
        var storedAt: NIODeadline
        var changeCount: Int
    }

    let lifetime: TimeAmount
    let capacity: Int
    private let entries = NIOLockedValueBox([String: Entry]())

    init(lifetime: TimeAmount = .seconds(5), capacity: Int = 4096) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func lookup(_ key: String) -> Entry? {
        let now = NIODeadline.now()
        let changes = AuditLog.changeCount
        return entries.withLockedValue { table in
            guard let entry = table[key] else { return nil }
            guard entry.changeCount == changes, now - entry.storedAt < lifetime else {
                table[key] = nil
                return nil
            }
            return entry
        }
    }

    func store(_ key: String, _ entry: Entry) {
        entries.withLockedValue { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = entry
        }
    }
}

/// Serves anonymous GET requests from `PublicPageCache` and fills it.
struct PublicPageCacheMiddleware: AsyncMiddleware {
    static let uncached: Set<String> = [SiteURL.health.path, SiteURL.metrics.path, SiteURL.signIn.path, SiteURL.liveness.path]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let context = request.birlik
        guard request.method == .GET, !context.actor.isSignedIn, !context.viaBearer,
              !Self.uncached.contains(request.url.path) else {
            return try await next.respond(to: request)
        }
        let cache = request.application.birlik.publicPages
        let key = "\(context.localizer.language.rawValue)|\(context.localizer.script.rawValue)|\(request.url.string)"
        if let entry = cache.lookup(key) {
            let response = Response(status: entry.status, body: .init(buffer: entry.body))
            response.headers.replaceOrAdd(name: .contentType, value: entry.contentType)
            response.headers.replaceOrAdd(name: "X-Birlik-Cache", value: "hit")
            return response
        }
        let changes = AuditLog.changeCount
        let response = try await next.respond(to: request)
        guard response.status == .ok, response.headers.first(name: .setCookie) == nil,
              let contentType = response.headers.first(name: .contentType),
              let buffer = response.body.buffer,
              context.csrfToken.isEmpty || !String(buffer: buffer).contains(context.csrfToken) else {
            return response
        }
        cache.store(key, PublicPageCache.Entry(status: response.status, contentType: contentType, body: buffer,
                                               storedAt: .now(), changeCount: changes))
        return response
    }
}
