import BirlikCore
import FluentKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A row of `signed_documents`: every document Birlik generated and signed, by the hash of its bytes.
public final class SignedDocumentRecord: Model, @unchecked Sendable {
    public static let schema = "signed_documents"

    /// The SHA-256 of the document, in hex.
    @ID(custom: "sha256", generatedBy: .user) public var id: String?
    @Field(key: "signature") public var signature: String

    public init() {}

    init(_ signature: DocumentSignature) {
        id = signature.sha256
        self.signature = JSONColumn.encode(signature)
    }

    public var content: DocumentSignature? { JSONColumn.decode(DocumentSignature?.self, signature, default: nil) }
}

/// Birlik's document-signing key (Ed25519, `keys/document-signing.ed25519` in the data directory,
/// created on first use, readable by its owner only) and the register of signed documents.
public enum SignedDocuments {
    public static func keyURL(dataDirectory: String) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("keys/document-signing.ed25519")
    }

    /// The raw private key, created when absent. Creation is exclusive (`O_EXCL`): when two writers race
    /// (two instances, or a checkpoint and a report at once), one key wins and both use it.
    public static func privateKey(dataDirectory: String) throws -> Data {
        let url = keyURL(dataDirectory: dataDirectory)
        if let data = try? Data(contentsOf: url), data.count == 32 { return data }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let key = DocumentSignature.newPrivateKey()
        let descriptor = open(url.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if descriptor >= 0 {
            let written = key.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == key.count else { throw CocoaError(.fileWriteUnknown) }
            return key
        }
        // Another writer created it first: read theirs once it is whole.
        for _ in 0..<100 {
            if let data = try? Data(contentsOf: url), data.count == 32 { return data }
            usleep(10_000)
        }
        throw CocoaError(.fileReadCorruptFile)
    }

    /// Signs a generated document and records it (audited).
    public static func sign(_ data: Data, kind: String, year: Int, language: String, format: String, dataDirectory: String,
                            actor: Actor, now: Date, on db: any Database) async throws -> DocumentSignature {
        let signature = try DocumentSignature.sign(data, privateKey: try privateKey(dataDirectory: dataDirectory), kind: kind, year: year,
                                                   language: language, format: format, at: now)
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            if try await SignedDocumentRecord.find(signature.sha256, on: audit.db) == nil {
                try await SignedDocumentRecord(signature).create(on: audit.db)
                try await audit.record("sign", "document", id: signature.sha256, before: Nothing?.none, after: signature)
            }
        }
        return signature
    }

    /// Checks a file: against its detached signature when given, otherwise against the register.
    /// `nil` means Birlik never signed these bytes (unsigned, or changed since).
    public static func verify(_ data: Data, detached: DocumentSignature?, dataDirectory: String,
                              on db: any Database) async throws -> DocumentSignature.Verdict? {
        let trusted = try DocumentSignature.publicKey(of: try privateKey(dataDirectory: dataDirectory))
        if let detached { return detached.verify(data, trustedKey: trusted) }
        guard let recorded = try await SignedDocumentRecord.find(Hashing.sha256Hex(data), on: db)?.content else { return nil }
        return recorded.verify(data, trustedKey: trusted)
    }
}
