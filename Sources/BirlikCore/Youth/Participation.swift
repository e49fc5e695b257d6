import Foundation

/// A young person who takes part (S18): the least personal data that serves — a name for the portfolio,
/// the year of birth (for the age band and the minor's rule) and, for a minor, a parent's or guardian's
/// name and consent. Held by a secret token (the portfolio's link), no account needed.
public struct Volunteer: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var token: String
    public var name: String
    public var birthYear: Int
    public var guardianName: String?
    public var parentalConsent: Bool
    /// Certificate codes the volunteer attached to their portfolio (checked against the certificates).
    public var certificates: [String]
    public var createdAt: Date
    public var version: Int

    public init(id: UUID = UUID(), token: String, name: String, birthYear: Int, guardianName: String?, parentalConsent: Bool, certificates: [String] = [],
                createdAt: Date, version: Int = 1) {
        self.id = id; self.token = token; self.name = name; self.birthYear = birthYear; self.guardianName = guardianName
        self.parentalConsent = parentalConsent; self.certificates = certificates; self.createdAt = createdAt; self.version = version
    }

    /// Under 18 in `year`.
    public func isMinor(in year: Int) -> Bool { year - birthYear < 18 }

    /// The statistics' age band in `year`.
    public func ageBand(in year: Int) -> String {
        let age = year - birthYear
        switch age {
        case ..<18: return "0-17"
        case 18...29: return "18-29"
        case 30...44: return "30-44"
        case 45...59: return "45-59"
        default: return "60+"
        }
    }
}

/// A volunteer's place in a shift, and the hours the organiser verified after it.
public struct Participation: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case signedUp, verified, absent, withdrawn
        public var l10nKey: L10nKey { L10nKey(rawValue: "youth.participation.\(rawValue)")! }
    }

    public var id: UUID
    public var volunteerID: UUID
    public var initiativeID: UUID
    public var organiserID: UUID
    public var region: String
    public var positionID: UUID
    public var shiftID: UUID
    public var role: String
    public var day: Day
    public var status: Status
    /// Hours the organiser verified (0 until then).
    public var hours: Int
    /// The age band when the shift took place, kept for the statistics.
    public var ageBand: String
    public var verifiedBy: String?
    public var version: Int

    public init(id: UUID = UUID(), volunteerID: UUID, initiativeID: UUID, organiserID: UUID, region: String, positionID: UUID, shiftID: UUID, role: String,
                day: Day, status: Status = .signedUp, hours: Int = 0, ageBand: String, verifiedBy: String? = nil, version: Int = 1) {
        self.id = id; self.volunteerID = volunteerID; self.initiativeID = initiativeID; self.organiserID = organiserID; self.region = region
        self.positionID = positionID; self.shiftID = shiftID; self.role = role; self.day = day; self.status = status; self.hours = hours
        self.ageBand = ageBand; self.verifiedBy = verifiedBy; self.version = version
    }

    /// The organiser's and the region's; never public.
    public var scope: Scope { Scope(organizationID: organiserID, regionCode: region, isPublic: false) }
}

/// What a young person types to sign up for a shift.
public struct SignUpDraft: Sendable, Hashable {
    public var name = ""
    public var birthYear = ""
    public var guardianName = ""
    public var parentalConsent = false
    public var consent = false
    public var shift = ""

    public init(name: String = "", birthYear: String = "", guardianName: String = "", parentalConsent: Bool = false, consent: Bool = false, shift: String = "") {
        self.name = name; self.birthYear = birthYear; self.guardianName = guardianName; self.parentalConsent = parentalConsent; self.consent = consent
        self.shift = shift
    }

    /// Checks the fields on `today`: a minor (14 to 17) needs a guardian's name and consent; younger ones cannot sign up.
    public func validated(today: Day) throws -> (name: String, birthYear: Int, guardianName: String?, shiftID: UUID) {
        var errors: [FieldError] = []
        let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.append(FieldError("name", .fieldRequired)) } else if name.count > 200 { errors.append(FieldError("name", .fieldTooLong, ["max": "200"])) }
        let year = Int(birthYear.trimmingCharacters(in: .whitespaces))
        if year == nil || !((today.year - 35)...(today.year - 14)).contains(year!) {
            errors.append(FieldError("birthYear", .youthBirthYear, ["from": String(today.year - 35), "to": String(today.year - 14)]))
        }
        let guardian = guardianName.trimmingCharacters(in: .whitespacesAndNewlines)
        if let year, today.year - year < 18 {
            if guardian.isEmpty { errors.append(FieldError("guardianName", .youthGuardianRequired)) }
            if !parentalConsent { errors.append(FieldError("parentalConsent", .youthParentalConsent)) }
        }
        if !consent { errors.append(FieldError("consent", .eventsConsentRequired)) }
        let shift = UUID(uuidString: self.shift)
        if shift == nil { errors.append(FieldError("shift", .fieldChooseValue)) }
        guard errors.isEmpty, let year, let shift else { throw DomainError.invalid(errors) }
        return (name, year, today.year - year < 18 ? guardian : nil, shift)
    }
}
