import Crypto
import Foundation

/// The signature of a generated document (the annual report): the SHA-256 of its bytes signed with
/// Birlik's Ed25519 key, and what the document is. Kept in the database and beside the file.
public struct DocumentSignature: Codable, Sendable, Hashable {
    public var sha256: String
    /// Base64 Ed25519 signature of the UTF-8 bytes of `message`.
    public var signature: String
    /// Base64 raw public key that made it.
    public var publicKey: String
    public var kind: String
    public var year: Int
    public var language: String
    public var format: String
    public var signedAt: Date

    /// What is signed: the hash and the description, so neither can be swapped.
    public var message: String { "birlik-document-v1|\(sha256)|\(kind)|\(year)|\(language)|\(format)" }

    /// Signs `data` with a raw Ed25519 private key.
    public static func sign(_ data: Data, privateKey: Data, kind: String, year: Int, language: String, format: String,
                            at: Date) throws -> DocumentSignature {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
        var result = DocumentSignature(sha256: Hashing.sha256Hex(data), signature: "", publicKey: key.publicKey.rawRepresentation.base64EncodedString(),
                                       kind: kind, year: year, language: language, format: format, signedAt: at)
        result.signature = try key.signature(for: Data(result.message.utf8)).base64EncodedString()
        return result
    }

    /// A new raw Ed25519 private key.
    public static func newPrivateKey() -> Data { Curve25519.Signing.PrivateKey().rawRepresentation }

    /// The raw public key of a raw private key.
    public static func publicKey(of privateKey: Data) throws -> Data {
        try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey).publicKey.rawRepresentation
    }

    /// What a check of a file against its signature found.
    public enum Verdict: String, Sendable {
        case untouched
        /// The bytes are not the ones signed.
        case changed
        /// The signature does not verify, or was made by another key.
        case badSignature
    }

    /// Checks `data` against this signature, trusting only `trustedKey` (raw public key).
    public func verify(_ data: Data, trustedKey: Data) -> Verdict {
        guard Hashing.sha256Hex(data) == sha256 else { return .changed }
        guard Data(base64Encoded: publicKey) == trustedKey,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: trustedKey),
              let signature = Data(base64Encoded: signature),
              key.isValidSignature(signature, for: Data(message.utf8)) else { return .badSignature }
        return .untouched
    }
}
