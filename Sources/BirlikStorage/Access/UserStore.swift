import BirlikCore
import FluentKit
import Foundation

/// Accounts: creation with the password rules, sign-in with lockout, and the acting user of a token.
public enum UserStore {
    /// Failed sign-ins in a row before the account is locked.
    public static let maximumFailures = 5
    /// How long a locked account stays locked.
    public static let lockout: TimeInterval = 15 * 60

    /// Creates a user bound to the organisation with `organizationCode`.
    public static func create(email: String, password: String, role: Role, organizationCode: String?, displayName: String,
                              isDemo: Bool = false, hasher: any PasswordHashing, actor: Actor,
                              on db: any Database) async throws -> UserRecord {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        var problems: [FieldError] = []
        if !OrganizationDraft.looksLikeEmail(email) { problems.append(FieldError("email", .fieldEmailFormat)) }
        if let problem = PasswordPolicy.problem(password, email: email) { problems.append(FieldError("password", problem)) }
        var organization: OrganizationRecord?
        if let code = organizationCode, !code.isEmpty {
            organization = try await OrganizationRecord.query(on: db).filter(\.$code == code.lowercased()).first()
            if organization == nil { problems.append(FieldError("organization", .fieldUnknownOrganization)) }
        } else if role != .admin && role != .citizen {
            problems.append(FieldError("organization", .fieldRequired))
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let scope = Scope(organizationID: organization?.id, regionCode: organization?.regionCode ?? RegionCode.republic, isPublic: false)
        try Access.require(actor, .create, .user, in: scope)
        let hash = try hasher.hash(password)
        let organizationID = organization?.id
        return try await AuditLog.write(on: db, actor: actor) { audit in
            if try await UserRecord.query(on: audit.db).filter(\.$email == email).count() > 0 {
                throw DomainError.conflict(.errorDuplicateEmail)
            }
            let user = UserRecord(email: email, passwordHash: hash, role: role, organizationID: organizationID,
                                  displayName: displayName.isEmpty ? email : displayName, isDemo: isDemo)
            try await user.create(on: audit.db)
            try await audit.record("create", "user", id: user.id?.uuidString ?? "", before: Nothing?.none, after: user.auditSnapshot)
            return user
        }
    }

    /// Checks a password, counting failures and locking the account after `maximumFailures`.
    public static func signIn(email: String, password: String, hasher: any PasswordHashing, now: Date,
                              on db: any Database) async throws -> UserRecord {
        guard let user = try await UserRecord.query(on: db).filter(\.$email == email.lowercased().trimmingCharacters(in: .whitespaces)).first() else {
            _ = try? hasher.verify(password, against: "$2b$12$abcdefghijklmnopqrstuuJxxSBd3Bz3MN9NPxMwRQ8W.ZC1wDKNG")
            throw DomainError.invalidCredentials
        }
        if let until = user.lockedUntil, until > now { throw DomainError.lockedOut(until: until) }
        guard try hasher.verify(password, against: user.passwordHash) else {
            user.failedLogins += 1
            if user.failedLogins >= maximumFailures {
                let until = now.addingTimeInterval(lockout)
                let actor = Actor(userID: user.id, role: Role(rawValue: user.role) ?? .citizen, organizationID: user.organizationID,
                                  regionCode: RegionCode.republic, displayName: user.displayName)
                try await AuditLog.write(on: db, actor: actor, now: now) { audit in
                    user.lockedUntil = until
                    user.failedLogins = 0
                    try await user.save(on: audit.db)
                    try await audit.record("lockout", "user", id: user.id?.uuidString ?? "", before: Nothing?.none,
                                           after: ["lockedUntil": AuditClock.format(until)])
                }
                throw DomainError.lockedOut(until: until)
            }
            try await user.save(on: db)
            throw DomainError.invalidCredentials
        }
        if user.failedLogins != 0 || user.lockedUntil != nil {
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.save(on: db)
        }
        return user
    }

    /// Remembers the language a user chose.
    public static func setPreferredLanguage(_ language: Language, actor: Actor, on db: any Database) async throws {
        guard let id = actor.userID else { return }
        try await AuditLog.write(on: db, actor: actor) { audit in
            guard let user = try await UserRecord.find(id, on: audit.db), user.preferredLanguage != language.rawValue else { return }
            let before = user.preferredLanguage
            user.preferredLanguage = language.rawValue
            try await user.save(on: audit.db)
            try await audit.record("update", "user", id: id.uuidString, before: ["preferredLanguage": before ?? ""],
                                   after: ["preferredLanguage": language.rawValue])
        }
    }

    /// The acting user of a user row, with the region of their organisation.
    public static func actor(for user: UserRecord, on db: any Database) async throws -> Actor {
        var region = RegionCode.republic
        if let organizationID = user.organizationID, let organization = try await OrganizationRecord.find(organizationID, on: db) {
            region = organization.regionCode
        }
        return Actor(userID: user.id, role: Role(rawValue: user.role) ?? .citizen, organizationID: user.organizationID,
                     regionCode: region, displayName: user.displayName)
    }
}
