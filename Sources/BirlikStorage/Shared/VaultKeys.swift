import BirlikCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The keys that seal confidential data, one folder per purpose: `keys/<purpose>/<id>.key` in the data
/// directory (32 random bytes, owner-only), the newest sealing, every one opening what it sealed.
/// Instances that share a database must share these folders (as they share `keys/document-signing.ed25519`).
public enum VaultKeys {
    /// What a set of keys protects.
    public enum Purpose: String, Sendable {
        /// Mediation cases' parties and texts.
        case mediation
        /// Donors' personal data (names, IIN or BIN, phones).
        case donors
        /// The keyed hash under which a donor's IIN or BIN is looked up (never rotated: it names, not seals).
        case donorLookup = "donor-lookup"
        /// Learners' ethnic group, when they give it.
        case learners
    }

    static func folder(_ purpose: Purpose, _ dataDirectory: String) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("keys/\(purpose.rawValue)")
    }

    /// The vault of `purpose` in the data directory; its first key is made on first use.
    public static func vault(_ purpose: Purpose, dataDirectory: String) throws -> ConfidentialVault {
        let keys = try keys(purpose, dataDirectory)
        guard let current = keys.keys.max() else { throw CocoaError(.fileReadCorruptFile) }
        return ConfidentialVault(rawKeys: keys, current: current)
    }

    /// The first key of `purpose`, made on first use: for keyed hashes that must stay the same.
    public static func firstKey(_ purpose: Purpose, dataDirectory: String) throws -> Data {
        let keys = try keys(purpose, dataDirectory)
        guard let first = keys.keys.min(), let key = keys[first] else { throw CocoaError(.fileReadCorruptFile) }
        return key
    }

    static func keys(_ purpose: Purpose, _ dataDirectory: String) throws -> [String: Data] {
        var keys = try load(purpose, dataDirectory)
        if keys.isEmpty {
            try create(purpose, dataDirectory, id: "k0001")
            keys = try load(purpose, dataDirectory)
        }
        return keys
    }

    /// Adds a newer key (the next `kNNNN`); returns its id. Re-seal after (`MediationStore.reseal`).
    @discardableResult
    public static func rotate(_ purpose: Purpose, dataDirectory: String) throws -> String {
        let ids = try load(purpose, dataDirectory).keys.compactMap { Int($0.dropFirst()) }
        let id = String(format: "k%04d", (ids.max() ?? 0) + 1)
        try create(purpose, dataDirectory, id: id)
        return id
    }

    static func load(_ purpose: Purpose, _ dataDirectory: String) throws -> [String: Data] {
        let folder = folder(purpose, dataDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var keys: [String: Data] = [:]
        for name in names where name.hasSuffix(".key") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if data.count == 32 { keys[String(name.dropLast(4))] = data }
        }
        return keys
    }

    /// Writes a key exclusively (`O_EXCL`): when two instances race, one key wins and both read it.
    static func create(_ purpose: Purpose, _ dataDirectory: String, id: String) throws {
        let folder = folder(purpose, dataDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = ConfidentialVault.newKeyData()
        let descriptor = open(folder.appendingPathComponent("\(id).key").path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else { usleep(50_000); return }
        let written = key.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == key.count else { throw CocoaError(.fileWriteUnknown) }
    }
}
