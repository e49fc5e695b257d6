import Crypto
import Foundation

/// The head of the audit chain at one moment (its last sequence number and hash), signed with Birlik's
/// Ed25519 key, which lives outside the database. Kept outside the database too, a checkpoint lets
/// `birlik audit verify` notice what the chain alone cannot: a log emptied, cut short, or rebuilt from
/// scratch with the public hash formula by someone who can write the database but not the key.
public struct AuditCheckpoint: Codable, Sendable, Hashable {
    public var sequence: Int
    public var hash: String
    public var at: Date
    /// Base64 Ed25519 signature of `message`.
    public var signature: String

    /// What is signed.
    public var message: String { "birlik-audit-checkpoint-v1|\(sequence)|\(hash)|\(Int(at.timeIntervalSince1970))" }

    /// Signs the head `sequence`/`hash` at `at` with a raw Ed25519 private key.
    public static func sign(sequence: Int, hash: String, at: Date, privateKey: Data) throws -> AuditCheckpoint {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
        var checkpoint = AuditCheckpoint(sequence: sequence, hash: hash, at: Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down)),
                                         signature: "")
        checkpoint.signature = try key.signature(for: Data(checkpoint.message.utf8)).base64EncodedString()
        return checkpoint
    }

    /// `true` when the signature was made by `trustedKey` (raw public key) over this checkpoint.
    public func isSigned(by trustedKey: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: trustedKey),
              let signature = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(signature, for: Data(message.utf8))
    }
}
