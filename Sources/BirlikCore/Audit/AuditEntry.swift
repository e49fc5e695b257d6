import Crypto
import Foundation

/// One line of the append-only audit log: who did what to which record, before and after, chained to
/// the line before it by SHA-256.
public struct AuditEntry: Codable, Sendable, Hashable {
    /// 1, 2, 3, … with no gaps: a missing number is a deleted line.
    public var sequence: Int
    /// When, as ISO 8601 UTC with milliseconds (kept as text so that the hash survives any database).
    public var at: String
    public var actorID: String
    public var actorName: String
    public var action: String
    public var entityType: String
    public var entityID: String
    /// Canonical JSON of the record before the change (`nil` for a create).
    public var before: String?
    /// Canonical JSON of the record after the change (`nil` for a delete).
    public var after: String?
    public var previousHash: String
    public var hash: String

    public init(sequence: Int, at: String, actorID: String, actorName: String, action: String, entityType: String,
                entityID: String, before: String?, after: String?, previousHash: String, hash: String) {
        self.sequence = sequence; self.at = at; self.actorID = actorID; self.actorName = actorName
        self.action = action; self.entityType = entityType; self.entityID = entityID; self.before = before
        self.after = after; self.previousHash = previousHash; self.hash = hash
    }

    /// The hash the first entry chains to.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The canonical content the hash is taken over: every field but the hash, in a fixed order.
    public var canonicalContent: String {
        [String(sequence), at, actorID, actorName, action, entityType, entityID,
         before ?? "∅", after ?? "∅", previousHash].joined(separator: "\u{1E}")
    }

    /// SHA-256 of the canonical content, in lower-case hex.
    public var computedHash: String { Hashing.sha256Hex(Data(canonicalContent.utf8)) }

    /// A new entry following the entry with `previousSequence` and `previousHash` (0 and the genesis
    /// hash for the first), sealed with its hash.
    public static func next(previousSequence: Int, previousHash: String, at date: Date, actor: Actor, action: String,
                            entityType: String, entityID: String, before: String?, after: String?) -> AuditEntry {
        var entry = AuditEntry(sequence: previousSequence + 1, at: AuditClock.format(date),
                               actorID: actor.userID?.uuidString ?? actor.displayName, actorName: actor.displayName,
                               action: action, entityType: entityType, entityID: entityID, before: before,
                               after: after, previousHash: previousHash, hash: "")
        entry.hash = entry.computedHash
        return entry
    }

    /// Canonical JSON of a value: sorted keys, ISO 8601 dates, no whitespace.
    public static func canonicalJSON<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The audit log's time format.
public enum AuditClock {
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}

/// SHA-256 helpers shared by the audit log and the file store.
public enum Hashing {
    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lowercase hexadecimal.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes { text.append(digits[Int(byte >> 4)]); text.append(digits[Int(byte & 0x0f)]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of hexadecimal text; `nil` for anything else.
    public static func bytes(hex: String) -> Data? {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var data = Data(capacity: utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    /// The SHA-256 of a file, read in chunks (a large import is never held in memory for it).
    public static func sha256Hex(file url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256Stream()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
        return hasher.hex
    }
}

/// A SHA-256 fed in pieces (a file read from an archive in chunks).
public struct SHA256Stream: Sendable {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ data: Data) { hasher.update(data: data) }

    /// The hash of everything fed so far, in lowercase hex.
    public var hex: String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }
}
