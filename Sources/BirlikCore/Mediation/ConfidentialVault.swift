import Crypto
import Foundation

/// Encryption at rest for confidential case texts: AES-256-GCM, each value sealed with a fresh nonce and
/// tagged with the id of the key that sealed it (`v1:<key id>:<base64>`), so keys can be rotated: new
/// values use the newest key, old ones open with the key they name until re-sealed.
public struct ConfidentialVault: Sendable {
    /// Keys by id; `current` seals.
    public let keys: [String: SymmetricKey]
    public let current: String

    public init(keys: [String: SymmetricKey], current: String) {
        precondition(keys[current] != nil, "the current key must be among the keys")
        self.keys = keys
        self.current = current
    }

    /// A vault from raw 32-byte keys by id.
    public init(rawKeys: [String: Data], current: String) {
        self.init(keys: rawKeys.mapValues { SymmetricKey(data: $0) }, current: current)
    }

    /// A new random 256-bit key, as bytes to keep.
    public static func newKeyData() -> Data { SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) } }

    public func seal<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let box = try AES.GCM.seal(try encoder.encode(value), using: keys[current]!)
        guard let combined = box.combined else { throw DomainError.malformed("sealing failed") }
        return "v1:\(current):\(combined.base64EncodedString())"
    }

    public func open<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let parts = text.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "v1", let key = keys[parts[1]], let data = Data(base64Encoded: parts[2]) else {
            throw DomainError.malformed("unknown key or format")
        }
        return try JSONDecoder().decode(type, from: try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key))
    }

    /// The id of the key that sealed `text`.
    public static func keyID(of text: String) -> String? {
        let parts = text.split(separator: ":", maxSplits: 2)
        return parts.count == 3 ? String(parts[1]) : nil
    }
}
