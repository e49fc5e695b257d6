import BirlikCore
import FluentKit
import Foundation

/// Youth and social lifts (S18): organisers publish initiatives with positions in shifts, young people
/// sign up (a minor with a guardian's consent), the organiser verifies the hours each one served, and
/// each volunteer keeps a portfolio of verified hours, roles and certificates. Every change is audited;
/// the audit log keeps no names.
public enum YouthStore {
    /// Creates an initiative of the actor's organisation.
    public static func create(_ draft: YouthInitiativeDraft, actor: Actor, on db: any Database, now: Date) async throws -> YouthInitiative {
        let valid = try draft.validated()
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let organiser = actor.organizationID else { throw DomainError.forbidden }
            try Access.require(actor, .create, .youthInitiative, in: Scope(organizationID: organiser, regionCode: valid.region, isPublic: true))
            let prefix = String(format: "YI-%04d-", Day(now).year)
            let count = try await YouthInitiativeRecord.query(on: audit.db).filter(\.$code >= prefix).filter(\.$code < prefix + ":").count()
            let initiative = YouthInitiative(code: prefix + String(format: "%04d", count + 1), title: valid.title, description: valid.description,
                                             organiserID: organiser, region: valid.region, positions: valid.positions, updatedAt: now)
            try await YouthInitiativeRecord(initiative).create(on: audit.db)
            try await audit.record("create", "youthInitiative", id: initiative.id.uuidString, before: Nothing?.none, after: initiative)
            return initiative
        }
    }

    /// A step on an initiative opened at `version`.
    public static func apply(_ step: YouthStep, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> YouthInitiative {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await YouthInitiativeRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .youthInitiative, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            let after = try before.applying(step, now: now)
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record(step.name, "youthInitiative", id: id.uuidString, before: before.status.rawValue, after: after.status.rawValue)
            return after
        }
    }

    /// Signs a young person up for a shift of an open initiative: a new volunteer from the form, or the
    /// holder of `volunteerToken` (their portfolio) without retyping. One place per volunteer and shift.
    public static func signUp(_ draft: SignUpDraft, volunteerToken: String?, for initiativeID: UUID, actor: Actor, on db: any Database,
                              now: Date) async throws -> (Volunteer, Participation) {
        let today = Day(now)
        let existing = try await volunteerToken.asyncMap { try await YouthQueries.volunteer(token: $0, on: db) } ?? nil
        let shiftID: UUID, person: (name: String, birthYear: Int, guardianName: String?)?
        if existing != nil {
            guard draft.consent else { throw DomainError.invalid([FieldError("consent", .eventsConsentRequired)]) }
            guard let id = UUID(uuidString: draft.shift) else { throw DomainError.invalid([FieldError("shift", .fieldChooseValue)]) }
            shiftID = id; person = nil
        } else {
            let valid = try draft.validated(today: today)
            shiftID = valid.shiftID; person = (valid.name, valid.birthYear, valid.guardianName)
        }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let initiative = try await YouthInitiativeRecord.find(initiativeID, on: audit.db)?.value else { throw DomainError.notFound }
            try Access.require(actor, .create, .participation, in: Scope(organizationID: initiative.organiserID, regionCode: initiative.region, isPublic: false))
            guard initiative.status == .open || initiative.status == .running else { throw DomainError.conflict(.youthSignUpClosed) }
            guard let (position, shift) = initiative.shift(shiftID), shift.day >= today else { throw DomainError.invalid([FieldError("shift", .fieldChooseValue)]) }
            let taken = try await ParticipationRecord.query(on: audit.db).filter(\.$shiftID == shiftID)
                .filter(\.$status ~~ [Participation.Status.signedUp.rawValue, Participation.Status.verified.rawValue]).all()
            guard taken.count < shift.places else { throw DomainError.invalid([FieldError("shift", .youthShiftFull)]) }
            var volunteer: Volunteer
            if let existing {
                if taken.contains(where: { $0.volunteerID == existing.id }) { throw DomainError.invalid([FieldError("shift", .youthAlreadySignedUp)]) }
                volunteer = existing
                if volunteer.isMinor(in: shift.day.year), !volunteer.parentalConsent { throw DomainError.invalid([FieldError("parentalConsent", .youthParentalConsent)]) }
            } else if let person {
                volunteer = Volunteer(token: TokenStore.randomToken(), name: person.name, birthYear: person.birthYear, guardianName: person.guardianName,
                                      parentalConsent: person.guardianName != nil, createdAt: now)
                try await VolunteerRecord(volunteer).create(on: audit.db)
                try await audit.record("register", "volunteer", id: volunteer.id.uuidString, before: Nothing?.none,
                                       after: ["minor": volunteer.isMinor(in: today.year), "parentalConsent": volunteer.parentalConsent])
            } else { throw DomainError.notFound }
            let participation = Participation(volunteerID: volunteer.id, initiativeID: initiative.id, organiserID: initiative.organiserID, region: initiative.region,
                                              positionID: position.id, shiftID: shift.id, role: position.role, day: shift.day,
                                              ageBand: volunteer.ageBand(in: shift.day.year))
            try await ParticipationRecord(participation).create(on: audit.db)
            try await audit.record("signUp", "participation", id: participation.id.uuidString, before: Nothing?.none, after: participation)
            return (volunteer, participation)
        }
    }

    /// The organiser verifies a participation after its shift: present with the hours served (up to the
    /// shift's), or absent. A verification can be corrected.
    public static func verify(_ participationID: UUID, present: Bool, hours: Int, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Participation {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await ParticipationRecord.find(participationID, on: audit.db), let before = record.value,
                  let initiative = try await YouthInitiativeRecord.find(before.initiativeID, on: audit.db)?.value,
                  let (_, shift) = initiative.shift(before.shiftID) else { throw DomainError.notFound }
            try Access.require(actor, .update, .participation, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            guard before.status != .withdrawn else { throw DomainError.conflict(.errorTransition) }
            guard shift.day <= Day(now) else { throw DomainError.invalid([FieldError("hours", .youthShiftAhead)]) }
            if present, !(1...shift.hours).contains(hours) { throw DomainError.invalid([FieldError("hours", .fieldNumberRange, ["min": "1", "max": String(shift.hours)])]) }
            var after = before
            after.status = present ? .verified : .absent; after.hours = present ? hours : 0; after.verifiedBy = actor.displayName; after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("verify", "participation", id: participationID.uuidString, before: before, after: after)
            return after
        }
    }

    /// Adds a certificate to a volunteer's portfolio, when it exists and is in their name.
    public static func attachCertificate(_ code: String, token: String, actor: Actor, on db: any Database, now: Date) async throws -> Volunteer {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await VolunteerRecord.query(on: audit.db).filter(\.$token == token).first(), let before = record.value else { throw DomainError.notFound }
            guard let certificate = try await CourseQueries.certificate(code: code, on: audit.db),
                  SearchFolding.fold(certificate.holderName) == SearchFolding.fold(before.name) else {
                throw DomainError.invalid([FieldError("certificate", .youthCertificateNotYours)])
            }
            guard !before.certificates.contains(code) else { return before }
            var after = before
            after.certificates.append(code); after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("attach", "volunteer", id: before.id.uuidString, before: before.certificates, after: after.certificates)
            return after
        }
    }
}

