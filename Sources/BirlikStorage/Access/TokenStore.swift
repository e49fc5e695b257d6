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

    public static func issue(for userID: UUID, kind: AuthTokenRecord.Kind, lifetime: TimeInterval, now: Date,
                             on db: any Database) async throws -> Issued {
        let token = randomToken()
        let csrf = randomToken()
        let expires = now.addingTimeInterval(lifetime)
        let user = try await UserRecord.find(userID, on: db)
        let actor = Actor(userID: userID, role: Role(rawValue: user?.role ?? "") ?? .citizen, organizationID: user?.organizationID,
                          regionCode: RegionCode.republic, displayName: user?.displayName ?? userID.uuidString)
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let record = AuthTokenRecord(tokenHash: Hashing.sha256Hex(Data(token.utf8)), userID: userID, kind: kind,
                                         csrfToken: csrf, expiresAt: expires)
            try await record.create(on: audit.db)
            try await audit.record("signIn", "user", id: userID.uuidString, before: Nothing?.none,
                                   after: ["kind": kind.rawValue, "token": record.id?.uuidString ?? "", "expiresAt": AuditClock.format(expires)])
        }
        return Issued(token: token, csrfToken: csrf, expiresAt: expires)
    }

    /// The unexpired token record and its user for a presented secret.
    public static func resolve(_ token: String, kind: AuthTokenRecord.Kind, now: Date,
                               on db: any Database) async throws -> (AuthTokenRecord, UserRecord)? {
        guard !token.isEmpty, token.count < 200,
              let record = try await AuthTokenRecord.query(on: db)
                .filter(\.$tokenHash == Hashing.sha256Hex(Data(token.utf8))).filter(\.$kind == kind.rawValue).first(),
              record.expiresAt > now,
              let user = try await UserRecord.find(record.userID, on: db), !user.isDisabled
        else { return nil }
        return (record, user)
    }

    /// Ends every session and API token of a user, inside the caller's audited write.
    static func revokeAll(of userID: UUID, in audit: AuditWriter, except keptHash: String? = nil) async throws {
        let query = AuthTokenRecord.query(on: audit.db).filter(\.$userID == userID)
        if let keptHash { query.filter(\.$tokenHash != keptHash) }
        let count = try await query.count()
        guard count > 0 else { return }
        try await query.delete()
        try await audit.record("revokeTokens", "user", id: userID.uuidString, before: ["tokens": String(count)], after: Nothing?.none)
    }

    /// The stored form of a presented token.
    public static func hash(_ token: String) -> String { Hashing.sha256Hex(Data(token.utf8)) }

    /// Ends a session.
    public static func revoke(_ token: String, actor: Actor, now: Date, on db: any Database) async throws {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await AuthTokenRecord.query(on: audit.db)
                .filter(\.$tokenHash == Hashing.sha256Hex(Data(token.utf8))).first() else { return }
            try await record.delete(on: audit.db)
            try await audit.record("signOut", "user", id: record.userID.uuidString, before: ["token": record.id?.uuidString ?? ""],
                                   after: Nothing?.none)
        }
    }

    /// `true` when `token` has the shape ``randomToken()`` gives (43 characters of URL-safe base64): what
    /// a registration, an enrolment or a portfolio is looked up by, so that anything else is refused unread.
    static func isWellFormed(_ token: String) -> Bool {
        token.count == 43 && token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// 256 random bits as URL-safe base64 without padding.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
