import BirlikCore
import FluentKit
import Foundation

/// What administrators (and regional coordinators, for their region's accounts) do to accounts, and what
/// each user does to their own password. Every change is checked by `Access`, audited, and cuts off the
/// account's sessions and API tokens where it must.
public enum AccountStore {
    /// A change to an account.
    public enum Change: Sendable {
        /// Disables the account: it cannot sign in, and every session and API token ends at once.
        case disable
        /// Enables a disabled account.
        case enable
        /// Gives the account another role (one the actor may give in the account's place).
        case role(Role)
        /// Sets a new password chosen by an administrator (until reset by e-mail exists); every token ends.
        case resetPassword(String)
        /// Ends every session and API token of the account.
        case revokeTokens
    }

    /// Applies `change` to the account `id`.
    public static func apply(_ change: Change, to id: UUID, actor: Actor, hasher: any PasswordHashing, now: Date,
                             on db: any Database) async throws {
        if case let .resetPassword(password) = change, let user = try await UserRecord.find(id, on: db),
           let problem = PasswordPolicy.problem(password, email: user.email) {
            throw DomainError.invalid([FieldError("password", problem)])
        }
        var hash: String?
        if case let .resetPassword(password) = change { hash = try hasher.hash(password) }
        let newHash = hash
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let user = try await UserRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let scope = try await user.scope(on: audit.db)
            guard Access.check(actor, .view, .user, in: scope) == .allowed else { throw DomainError.notFound }
            try Access.require(actor, .update, .user, in: scope)
            guard user.id != actor.userID else { throw DomainError.forbidden }
            let before = user.auditSnapshot
            switch change {
            case .disable:
                user.disabledAt = now
                try await TokenStore.revokeAll(of: id, in: audit)
            case .enable:
                user.disabledAt = nil
                user.failedLogins = 0
                user.lockedUntil = nil
            case let .role(role):
                // The actor must be able to create an account with that role there: no one gives more than they may.
                guard actor.role == .admin || (role != .admin && role != .secretariat) else { throw DomainError.forbidden }
                user.role = role.rawValue
            case .resetPassword:
                user.passwordHash = newHash ?? user.passwordHash
                user.failedLogins = 0
                user.lockedUntil = nil
                try await TokenStore.revokeAll(of: id, in: audit)
            case .revokeTokens:
                try await TokenStore.revokeAll(of: id, in: audit)
                return
            }
            try await user.save(on: audit.db)
            try await audit.record(action(change), "user", id: id.uuidString, before: before, after: user.auditSnapshot)
        }
    }

    static func action(_ change: Change) -> String {
        switch change {
        case .disable: "disable"
        case .enable: "enable"
        case .role: "changeRole"
        case .resetPassword: "resetPassword"
        case .revokeTokens: "revokeTokens"
        }
    }

    /// A user changes their own password, proving the current one; every other session and token ends.
    public static func changeOwnPassword(current: String, new: String, actor: Actor, keepingToken token: String?,
                                         hasher: any PasswordHashing, now: Date, on db: any Database) async throws {
        guard let id = actor.userID, let user = try await UserRecord.find(id, on: db) else { throw DomainError.signInRequired }
        guard try hasher.verify(current, against: user.passwordHash) else {
            throw DomainError.invalid([FieldError("current", .errorInvalidCredentials)])
        }
        if let problem = PasswordPolicy.problem(new, email: user.email) { throw DomainError.invalid([FieldError("password", problem)]) }
        let hash = try hasher.hash(new)
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let user = try await UserRecord.find(id, on: audit.db) else { throw DomainError.signInRequired }
            user.passwordHash = hash
            try await user.save(on: audit.db)
            try await TokenStore.revokeAll(of: id, in: audit, except: token.map(TokenStore.hash))
            try await audit.record("changePassword", "user", id: id.uuidString, before: Nothing?.none, after: ["email": user.email])
        }
    }
}
