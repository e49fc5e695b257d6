import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing

/// The outbox's promise to instances that share one database: each notice is claimed by one sender only,
/// a claim lapses if its sender dies, and a sent notice is never claimed again.
@Suite("The e-mail outbox shared by several instances")
struct MailOutboxTests {
    @Test("Senders racing on separate connections (as several instances would) claim every notice exactly once; a lapsed lease is claimed again; a sent one never", arguments: TestBackend.enabled)
    func claimsOnce(_ backend: TestBackend) async throws {
        try await withDatabase(backend, demo: false) { store in
            let now = TestClock.now
            let queued = try await AuditLog.write(on: store.db, actor: .system, now: now) { audit -> [Bool] in
                var queued: [Bool] = []
                for index in 0..<60 {
                    let message = MailMessage(to: "person\(index)@example.kz", subject: "Өтініш №\(index)", body: "Мәтін")
                    queued.append(try await MailOutbox.enqueue(message, kind: "test", dedupe: "test-\(index)", audit: audit))
                }
                // The same notice again is not queued twice.
                queued.append(try await MailOutbox.enqueue(MailMessage(to: "person0@example.kz", subject: "x", body: "x"), kind: "test", dedupe: "test-0", audit: audit))
                return queued
            }
            #expect(queued == Array(repeating: true, count: 60) + [false])
            // Rounds of six racing senders until nothing is left: a sender that loses a race for a row skips it.
            var claims: [MailOutbox.Claimed] = []
            for _ in 0..<20 {
                let round = try await withThrowingTaskGroup(of: [MailOutbox.Claimed].self) { group in
                    for _ in 0..<6 { group.addTask { try await MailOutbox.claim(limit: 25, lease: 120, now: now, on: store.db) } }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
                if round.isEmpty { break }
                claims += round
            }
            let ids = claims.map(\.id)
            #expect(ids.count == 60 && Set(ids).count == 60, "claimed \(ids.count), distinct \(Set(ids).count)")
            #expect(try await MailOutbox.claim(now: now.addingTimeInterval(60), on: store.db).isEmpty, "a leased notice was claimed twice")

            // Half are sent; the other half's sender died: after the lease they are claimed again, once.
            let sent = Array(ids.prefix(30))
            try await MailOutbox.settle(sent: sent, failed: [], now: now, on: store.db)
            let later = now.addingTimeInterval(121)
            let again = try await withThrowingTaskGroup(of: [MailOutbox.Claimed].self) { group in
                for _ in 0..<3 { group.addTask { try await MailOutbox.claim(limit: 60, lease: 120, now: later, on: store.db) } }
                return try await group.reduce(into: []) { $0 += $1 }
            } + MailOutbox.claim(limit: 60, lease: 120, now: later, on: store.db)
            #expect(Set(again.map(\.id)) == Set(ids.dropFirst(30)) && again.count == 30)
            #expect(again.allSatisfy { $0.attempts == 2 })
            #expect(try await MailOutbox.pending(on: store.db) == 30)
        }
    }
}
