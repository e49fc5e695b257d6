import BirlikStorage
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Keeps the pages and API answers the public sees, so that the directory and the open API stay
/// fast under load. Only anonymous GET requests are served from it; an entry is dropped as soon as
/// any audited change commits through this application, and after `lifetime` seconds at most (for changes
/// made by other server instances). Pages that carry a form token are never kept.
final class PublicPageCache: Sendable {
    struct Entry: Sendable {
        var status: HTTPResponseStatus
        var contentType: String
        /// How the browser is to take it (a CSV or XLSX export is a download with its file name).
        var disposition: String?
        var body: ByteBuffer
        var storedAt: NIODeadline
        var changeCount: Int
    }

    let lifetime: TimeAmount
    let capacity: Int
    /// The number of committed changes; an entry stored under another number is stale.
    let changeCount: @Sendable () -> Int
    private let entries = NIOLockedValueBox([String: Entry]())
    /// Requests waiting for a page another request is already rendering.
    private let waiting = NIOLockedValueBox([String: [CheckedContinuation<Entry?, Never>]]())

    init(lifetime: TimeAmount = .seconds(5), capacity: Int = 4096, changeCount: @escaping @Sendable () -> Int) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.changeCount = changeCount
    }

    func lookup(_ key: String) -> Entry? {
        let now = NIODeadline.now()
        let changes = changeCount()
        return entries.withLockedValue { table in
            guard let entry = table[key] else { return nil }
            guard entry.changeCount == changes, now - entry.storedAt < lifetime else {
                table[key] = nil
                return nil
            }
            return entry
        }
    }

    /// `true` for the first request to miss `key`: it renders the page and calls `finish`. Later
    /// requests for the same key wait for that page instead of rendering it again; they get `nil` if
    /// it could not be kept.
    func claim(_ key: String) async -> (isRenderer: Bool, entry: Entry?) {
        let first = waiting.withLockedValue { table -> Bool in
            guard table[key] == nil else { return false }
            table[key] = []
            return true
        }
        if first { return (true, nil) }
        let entry = await withCheckedContinuation { (continuation: CheckedContinuation<Entry?, Never>) in
            let queued = waiting.withLockedValue { table -> Bool in
                guard table[key] != nil else { return false }
                table[key]!.append(continuation)
                return true
            }
            if !queued { continuation.resume(returning: lookup(key)) }
        }
        return (false, entry)
    }

    /// Ends a claim: keeps `entry` (when there is one) and hands it to every waiting request.
    func finish(_ key: String, _ entry: Entry?) {
        if let entry { store(key, entry) }
        let waiters = waiting.withLockedValue { $0.removeValue(forKey: key) } ?? []
        for waiter in waiters { waiter.resume(returning: entry) }
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
        if let entry = cache.lookup(key) { return Self.response(entry) }
        let claim = await cache.claim(key)
        if let entry = claim.entry { return Self.response(entry) }
        guard claim.isRenderer else { return try await next.respond(to: request) }
        let changes = cache.changeCount()
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            cache.finish(key, nil)
            throw error
        }
        guard response.status == .ok, response.headers.first(name: .setCookie) == nil,
              let contentType = response.headers.first(name: .contentType),
              let buffer = response.body.buffer,
              context.csrfToken.isEmpty || !String(buffer: buffer).contains(context.csrfToken) else {
            cache.finish(key, nil)
            return response
        }
        cache.finish(key, PublicPageCache.Entry(status: response.status, contentType: contentType,
                                                disposition: response.headers.first(name: .contentDisposition), body: buffer,
                                                storedAt: .now(), changeCount: changes))
        return response
    }

    static func response(_ entry: PublicPageCache.Entry) -> Response {
        let response = Response(status: entry.status, body: .init(buffer: entry.body))
        response.headers.replaceOrAdd(name: .contentType, value: entry.contentType)
        if let disposition = entry.disposition { response.headers.replaceOrAdd(name: .contentDisposition, value: disposition) }
        response.headers.replaceOrAdd(name: "X-Birlik-Cache", value: "hit")
        return response
    }
}
