import BirlikCore
import FluentKit
import Foundation

/// A row of `users`: an account bound to an organisation, with its role and sign-in state.
public final class UserRecord: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "role") public var role: String
    @OptionalField(key: "organization_id") public var organizationID: UUID?
    @Field(key: "display_name") public var displayName: String
    @OptionalField(key: "preferred_language") public var preferredLanguage: String?
    @Field(key: "failed_logins") public var failedLogins: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @Field(key: "is_demo") public var isDemo: Bool
    /// When an administrator disabled the account; a disabled account cannot sign in and has no tokens.
    @OptionalField(key: "disabled_at") public var disabledAt: Date?

    /// `true` while the account is disabled.
    public var isDisabled: Bool { disabledAt != nil }

    public init() {}

    public init(id: UUID = UUID(), email: String, passwordHash: String, role: Role, organizationID: UUID?,
                displayName: String, isDemo: Bool = false) {
        self.id = id
        self.email = email.lowercased()
        self.passwordHash = passwordHash
        self.role = role.rawValue
        self.organizationID = organizationID
        self.displayName = displayName
        self.failedLogins = 0
        self.isDemo = isDemo
    }

    /// What the audit log keeps of a user: never the password hash.
    public var auditSnapshot: [String: String] {
        ["email": email, "role": role, "organization": organizationID?.uuidString ?? "", "name": displayName,
         "disabled": disabledAt.map(AuditClock.format) ?? ""]
    }

    /// The place the account belongs to, for `Access` (`UserQueries.Row.scope`, its one definition).
    func scope(on db: any Database) async throws -> Scope {
        UserQueries.Row(self, organization: try await organizationID.asyncFlatMap { try await OrganizationRecord.find($0, on: db) }).scope
    }
}

/// Adds `users.disabled_at`.
struct AddUserDisabledAt: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserRecord.schema).field("disabled_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserRecord.schema).deleteField("disabled_at").update()
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

/// A row of `auth_tokens`: a browser session or an API bearer token, stored only as its SHA-256.
public final class AuthTokenRecord: Model, @unchecked Sendable {
    public static let schema = "auth_tokens"

    public enum Kind: String, Sendable { case session, api }

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "csrf_token") public var csrfToken: String
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}

    public init(tokenHash: String, userID: UUID, kind: Kind, csrfToken: String, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.kind = kind.rawValue
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}
