import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import BirlikWeb

/// The application's wiring: what one application holds is its own, and the SQLite file's readers see
/// what its writer has committed.
@Suite("Wiring")
struct WiringTests {
    struct Note: Codable, Sendable { var text: String }

    @Test("Two applications in one process share no audit gate")
    func twoApplicationsShareNothing() async throws {
        try await withBirlik(demo: false) { first in
            try await withBirlik(demo: false) { second in
                let (firstBefore, secondBefore) = (first.auditGate.changeCount, second.auditGate.changeCount)
                try await AuditLog.write(on: first.db, actor: .system, now: TestClock.now) { audit in
                    try await audit.record("note", "wiring", id: "1", before: Note?.none, after: Note(text: "first"))
                }
                #expect(first.auditGate.changeCount == firstBefore + 1)
                #expect(second.auditGate.changeCount == secondBefore)
                #expect(first.auditGate !== second.auditGate)
            }
        }
    }

    @Test("On an SQLite file, a read right after a write sees it", arguments: 1...3)
    func readersSeeCommittedWrites(round: Int) async throws {
        try await withBirlik(demo: false, onDisk: true) { app in
            for index in 1...20 {
                try await AuditLog.write(on: app.db, actor: .system, now: TestClock.now) { audit in
                    try await audit.record("note", "wiring", id: "\(round)-\(index)", before: Note?.none, after: Note(text: "\(index)"))
                }
                let seen = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "wiring").count()
                #expect(seen == index)
            }
        }
    }
}
