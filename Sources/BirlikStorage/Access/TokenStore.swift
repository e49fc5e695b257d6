import BirlikCore
import FluentKit
import Foundation

/// Browser sessions and API bearer tokens. Only the SHA-256 of a token is stored.
public enum TokenStore {
    /// A freshly issued token: the secret is shown once and never stored.
    public struct Issued: Sendable {
        public var token: String
        public var csrfToken: String
        public var expiresAt: Date
    }

    public static func issue(for userID: UUID, kind: AuthTokenRecord.Kind, lifetime: TimeInterval, now: Date = Date(),
                             on db: any Database) async throws -> Issued {
        let token = randomToken()
        let csrf = randomToken()
        let expires = now.addingTimeInterval(lifetime)
        try await AuthTokenRecord(tokenHash: Hashing.sha256Hex(Data(token.utf8)), userID: userID, kind: kind,
                                  csrfToken: csrf, expiresAt: expires).create(on: db)
        return Issued(token: token, csrfToken: csrf, expiresAt: expires)
    }

    /// The unexpired token record and its user for a presented secret.
    public static func resolve(_ token: String, kind: AuthTokenRecord.Kind, now: Date = Date(),
                               on db: any Database) async throws -> (AuthTokenRecord, UserRecord)? {
        guard !token.isEmpty, token.count < 200,
              let record = try await AuthTokenRecord.query(on: db)
                .filter(\.$tokenHash == Hashing.sha256Hex(Data(token.utf8))).filter(\.$kind == kind.rawValue).first(),
              record.expiresAt > now,
              let user = try await UserRecord.find(record.userID, on: db)
        else { return nil }
        return (record, user)
    }

    /// Ends a session.
    public static func revoke(_ token: String, on db: any Database) async throws {
        try await AuthTokenRecord.query(on: db).filter(\.$tokenHash == Hashing.sha256Hex(Data(token.utf8))).delete()
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
