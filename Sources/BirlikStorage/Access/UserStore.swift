import BirlikCore
import FluentKit
import Foundation

/// Accounts: creation with the password rules, sign-in with lockout, and the acting user of a token.
public enum UserStore {
    /// Failed sign-ins in a row after which an account is slowed down.
    public static let freeFailures = 2
    /// The longest an account waits between two sign-in attempts.
    public static let longestDelay: TimeInterval = 15 * 60

    /// How long an account waits before its next sign-in attempt after `failures` failures in a row: none
    /// for the first two, then 30 s doubling with each failure, at most 15 minutes. A growing delay, not
    /// a lock: no one can shut an account out for long, and a guesser gets a few attempts an hour.
    public static func delay(afterFailures failures: Int) -> TimeInterval {
        failures <= freeFailures ? 0 : min(longestDelay, 30 * pow(2, Double(min(failures - freeFailures - 1, 16))))
    }

    /// Creates a user bound to the organisation with `organizationCode`.
    public static func create(email: String, password: String, role: Role, organizationCode: String?, displayName: String,
                              isDemo: Bool = false, hasher: any PasswordHashing, actor: Actor,
                              on db: any Database, now: Date) async throws -> UserRecord {
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
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
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

    /// Checks a password. Every attempt is first claimed in one serialised write (counted as a failure
    /// and pushing the account's next allowed attempt back), so parallel guesses cannot race past the
    /// delay; a right password then clears the count. Unknown addresses, wrong passwords and accounts that
    /// must still wait all get the same answer after the same work, so the answer tells nothing about
    /// which addresses exist. Failed attempts on known accounts are recorded in the audit log.
    public static func signIn(email: String, password: String, hasher: any PasswordHashing, now: Date,
                              on db: any Database) async throws -> UserRecord {
        let email = email.lowercased().trimmingCharacters(in: .whitespaces)
        let decoy = "$2b$12$abcdefghijklmnopqrstuuJxxSBd3Bz3MN9NPxMwRQ8W.ZC1wDKNG"
        guard let known = try await UserRecord.query(on: db).filter(\.$email == email).first(), let id = known.id else {
            _ = try? hasher.verify(password, against: decoy)
            throw DomainError.invalidCredentials
        }
        let actor = Actor(userID: id, role: Role(rawValue: known.role) ?? .citizen, organizationID: known.organizationID,
                          regionCode: RegionCode.republic, displayName: known.displayName)
        let claimed: UserRecord? = try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let user = try await UserRecord.find(id, on: audit.db) else { return nil }
            if let until = user.lockedUntil, until > now { return nil }
            user.failedLogins += 1
            let wait = delay(afterFailures: user.failedLogins)
            user.lockedUntil = wait > 0 ? now.addingTimeInterval(wait) : nil
            try await user.save(on: audit.db)
            return user
        }
        guard let user = claimed, !user.isDisabled else {
            _ = try? hasher.verify(password, against: decoy)
            throw DomainError.invalidCredentials
        }
        guard try hasher.verify(password, against: user.passwordHash) else {
            try await AuditLog.write(on: db, actor: actor, now: now) { audit in
                try await audit.record("signInFailed", "user", id: id.uuidString, before: Nothing?.none,
                                       after: ["failures": String(user.failedLogins),
                                               "nextAttempt": user.lockedUntil.map(AuditClock.format) ?? ""])
            }
            throw DomainError.invalidCredentials
        }
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let fresh = try await UserRecord.find(id, on: audit.db) else { return }
            fresh.failedLogins = 0
            fresh.lockedUntil = nil
            try await fresh.save(on: audit.db)
        }
        user.failedLogins = 0
        user.lockedUntil = nil
        return user
    }

    /// Remembers the language a user chose.
    public static func setPreferredLanguage(_ language: Language, actor: Actor, on db: any Database, now: Date) async throws {
        guard let id = actor.userID else { return }
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
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
