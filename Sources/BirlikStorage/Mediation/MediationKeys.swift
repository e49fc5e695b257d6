import BirlikCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The keys that seal mediation cases: `keys/mediation/<id>.key` in the data directory (32 random bytes,
/// owner-only), the newest sealing, every one opening what it sealed. Instances that share a database
/// must share this folder (as they share `keys/document-signing.ed25519`).
public enum MediationKeys {
    static func folder(_ dataDirectory: String) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("keys/mediation")
    }

    /// The vault of the data directory; its first key is made on first use.
    public static func vault(dataDirectory: String) throws -> ConfidentialVault {
        var keys = try load(dataDirectory)
        if keys.isEmpty {
            try create(dataDirectory, id: "k0001")
            keys = try load(dataDirectory)
        }
        guard let current = keys.keys.max() else { throw CocoaError(.fileReadCorruptFile) }
        return ConfidentialVault(rawKeys: keys, current: current)
    }

    /// Adds a newer key (the next `kNNNN`); returns its id. Re-seal the cases after (`MediationStore.reseal`).
    @discardableResult
    public static func rotate(dataDirectory: String) throws -> String {
        let ids = try load(dataDirectory).keys.compactMap { Int($0.dropFirst()) }
        let id = String(format: "k%04d", (ids.max() ?? 0) + 1)
        try create(dataDirectory, id: id)
        return id
    }

    static func load(_ dataDirectory: String) throws -> [String: Data] {
        let folder = folder(dataDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var keys: [String: Data] = [:]
        for name in names where name.hasSuffix(".key") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if data.count == 32 { keys[String(name.dropLast(4))] = data }
        }
        return keys
    }

    /// Writes a key exclusively (`O_EXCL`): when two instances race, one key wins and both read it.
    static func create(_ dataDirectory: String, id: String) throws {
        let folder = folder(dataDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = ConfidentialVault.newKeyData()
        let descriptor = open(folder.appendingPathComponent("\(id).key").path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else { usleep(50_000); return }
        let written = key.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == key.count else { throw CocoaError(.fileWriteUnknown) }
    }
}
