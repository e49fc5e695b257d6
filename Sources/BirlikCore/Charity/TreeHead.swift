import Crypto
import Foundation

/// A signed statement of the ledger's Merkle tree at one moment: its size and root, signed with
/// Birlik's document key (Ed25519, as the annual report is). Published so that anyone holding it can
/// check a receipt's inclusion proof and that later heads extend it (consistency proofs).
public struct TreeHead: Sendable, Hashable, Codable {
    public var size: Int
    /// The root, hex.
    public var root: String
    public var signedAt: Date
    /// Ed25519 over ``signedBytes``, base64.
    public var signature: String
    /// The signing key's public half, base64.
    public var publicKey: String

    /// `birlik-ledger-tree-head-v1`, the size, the root and the instant in milliseconds, one per line.
    public static func signedBytes(size: Int, root: String, signedAt: Date) -> Data {
        Data("birlik-ledger-tree-head-v1\n\(size)\n\(root)\n\(Int64((signedAt.timeIntervalSince1970 * 1000).rounded()))".utf8)
    }

    /// Signs at the whole second of `at`, so that every JSON form of the instant (ISO 8601 keeps whole
    /// seconds) reads back as the instant that was signed.
    public static func sign(size: Int, root: Data, at instant: Date, privateKey: Data) throws -> TreeHead {
        let at = Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
        let rootHex = Hashing.hex(root)
        let signature = try key.signature(for: signedBytes(size: size, root: rootHex, signedAt: at))
        return TreeHead(size: size, root: rootHex, signedAt: at, signature: signature.base64EncodedString(),
                        publicKey: key.publicKey.rawRepresentation.base64EncodedString())
    }

    /// `true` when the signature is good and made by `trustedKey` (raw Ed25519 public key).
    public func isSigned(by trustedKey: Data) -> Bool {
        guard Data(base64Encoded: publicKey) == trustedKey, let signature = Data(base64Encoded: signature),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: trustedKey) else { return false }
        return key.isValidSignature(signature, for: Self.signedBytes(size: size, root: root, signedAt: signedAt))
    }
}
