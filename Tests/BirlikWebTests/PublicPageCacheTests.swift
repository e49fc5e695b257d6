import BirlikTestSupport
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Testing
import Vapor
@testable import BirlikWeb

@Suite("The public page cache")
struct PublicPageCacheTests {
    static func entry(_ text: String, changes: Int) -> PublicPageCache.Entry {
        PublicPageCache.Entry(status: .ok, contentType: "text/html", disposition: nil, body: ByteBuffer(string: text), storedAt: .now(), changeCount: changes)
    }

    @Test("Entries live until a change commits or their lifetime ends")
    func lifetime() async throws {
        let changes = NIOLockedValueBox(0)
        let cache = PublicPageCache(lifetime: .milliseconds(200), changeCount: { changes.withLockedValue { $0 } })
        cache.store("kk|/directory", Self.entry("a", changes: 0))
        #expect(cache.lookup("kk|/directory").map { String(buffer: $0.body) } == "a")
        #expect(cache.lookup("ru|/directory") == nil)
        changes.withLockedValue { $0 += 1 }
        #expect(cache.lookup("kk|/directory") == nil)
        cache.store("kk|/directory", Self.entry("b", changes: 1))
        try await Task.sleep(for: .milliseconds(250))
        #expect(cache.lookup("kk|/directory") == nil)
    }

    @Test("Concurrent misses render a page once; the others wait for it")
    func singleFlight() async throws {
        let cache = PublicPageCache(changeCount: { 0 })
        let first = await cache.claim("k")
        #expect(first.isRenderer)
        async let second = cache.claim("k")
        try await Task.sleep(for: .milliseconds(50))
        cache.finish("k", Self.entry("page", changes: 0))
        let waited = await second
        #expect(!waited.isRenderer && waited.entry.map { String(buffer: $0.body) } == "page")
        #expect(await cache.claim("k").isRenderer)
    }

    @Test("The public sees a change at once; signed-in users and forms are never served from the cache")
    func freshness() async throws {
        try await withBirlik { app in
            _ = try await app.request(.GET, "/directory?q=cache-probe")
            let signedIn = try await app.request(.GET, "/directory?q=cache-probe", as: try await app.session(DemoUsers.almaty))
            #expect(signedIn.headers.first(name: "X-Birlik-Cache") == nil)
            let secretariat = try await app.bearer(DemoUsers.secretariat)
            let created = try await app.request(.POST, "/api/v1/organizations", as: secretariat,
                                                json: #"{"code":"cache-probe","type":"ngo","region":"KZ-71","name":{"kk":"Cache probe"}}"#)
            #expect(created.status == .created)
            #expect(try await app.request(.GET, "/directory?q=cache-probe").text.contains("/organizations/cache-probe"))
            _ = try await app.request(.GET, "/sign-in")
            #expect(try await app.request(.GET, "/sign-in").headers.first(name: "X-Birlik-Cache") == nil)
        }
    }
}
