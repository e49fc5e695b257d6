import Foundation
import Testing
@testable import BirlikCore

@Suite("The audit chain")
struct AuditChainTests {
    static func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 0..<count {
            entries.append(AuditEntry.next(previousSequence: entries.last?.sequence ?? 0,
                                           previousHash: entries.last?.hash ?? AuditEntry.genesisHash,
                                           at: Date(timeIntervalSince1970: Double(index)), actor: .system, action: "update",
                                           entityType: "organization", entityID: "id-\(index)",
                                           before: "{\"name\":\"a\(index)\"}", after: "{\"name\":\"b\(index)\"}"))
        }
        return entries
    }

    @Test("A whole chain verifies, with its head")
    func whole() {
        let entries = Self.chain(5)
        #expect(AuditChain.verify(entries, head: (5, entries[4].hash)).isWhole)
        #expect(entries[0].previousHash == AuditEntry.genesisHash)
        #expect(entries[1].previousHash == entries[0].hash)
        #expect(entries[0].hash.count == 64)
    }

    @Test("An edited entry is named")
    func edited() {
        var entries = Self.chain(5)
        entries[2].after = "{\"name\":\"forged\"}"
        #expect(AuditChain.verify(entries).firstBroken?.sequence == 3)
        #expect(AuditChain.verify(entries).firstBroken?.reason == .contentChanged)
    }

    @Test("An entry edited and re-hashed breaks the next link")
    func rehashed() {
        var entries = Self.chain(5)
        entries[2].after = "{}"
        entries[2].hash = entries[2].computedHash
        #expect(AuditChain.verify(entries).firstBroken?.sequence == 4)
        #expect(AuditChain.verify(entries).firstBroken?.reason == .linkBroken)
    }

    @Test("A deleted entry is a gap")
    func deleted() {
        var entries = Self.chain(5)
        entries.remove(at: 1)
        #expect(AuditChain.verify(entries).firstBroken?.sequence == 2)
        #expect(AuditChain.verify(entries).firstBroken?.reason == .sequenceGap)
    }

    @Test("Entries cut from the end disagree with the head")
    func truncated() {
        let entries = Self.chain(5)
        let report = AuditChain.verify(Array(entries.prefix(3)), head: (5, entries[4].hash))
        #expect(report.firstBroken?.reason == .headMismatch)
    }

    @Test("Canonical JSON sorts keys")
    func canonical() {
        #expect(AuditEntry.canonicalJSON(["b": 1, "a": 2]) == "{\"a\":2,\"b\":1}")
    }
}
