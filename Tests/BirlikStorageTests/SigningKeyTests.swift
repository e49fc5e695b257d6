import BirlikStorage
import Foundation
import Testing

/// The one signing key of a data directory: created once, even when several writers ask at once.
@Suite("The signing key")
struct SigningKeyTests {
    @Test("Sixteen concurrent first uses create one key, and every one of them gets it")
    func concurrentCreation() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-key-\(UUID().uuidString)").path
        let keys = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<16 { group.addTask { try SignedDocuments.privateKey(dataDirectory: directory) } }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        #expect(Set(keys).count == 1 && keys.count == 16)
        #expect(try SignedDocuments.privateKey(dataDirectory: directory) == keys[0])
        let attributes = try FileManager.default.attributesOfItem(atPath: SignedDocuments.keyURL(dataDirectory: directory).path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }
}
