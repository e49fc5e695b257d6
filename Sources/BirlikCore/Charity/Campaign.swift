import Foundation

/// A charity campaign (S8): who organises it (a registry organisation), for whom and where, how much it
/// seeks and when; a sub-campaign rolls up into its parent. Public from the start.
public struct Campaign: Sendable, Hashable, Codable {
    public var id: UUID
    /// `C-YYYY-NNNN`.
    public var code: String
    public var organizerID: UUID
    public var title: String
    public var purpose: String
    /// The beneficiaries' category (``BeneficiaryCategory``).
    public var beneficiaryCategory: String
    public var region: String
    public var goal: Money
    public var startsOn: Day
    public var endsOn: Day
    public var parentID: UUID?
    public var version: Int

    public init(id: UUID = UUID(), code: String, organizerID: UUID, title: String, purpose: String, beneficiaryCategory: String, region: String,
                goal: Money, startsOn: Day, endsOn: Day, parentID: UUID? = nil, version: Int = 1) {
        self.id = id; self.code = code; self.organizerID = organizerID; self.title = title; self.purpose = purpose
        self.beneficiaryCategory = beneficiaryCategory; self.region = region; self.goal = goal; self.startsOn = startsOn; self.endsOn = endsOn
        self.parentID = parentID; self.version = version
    }

    /// Public; owned by the organiser, in its region.
    public var scope: Scope { Scope(organizationID: organizerID, regionCode: region, isPublic: true) }

    public func isOpen(on day: Day) -> Bool { startsOn <= day && day <= endsOn }
}

/// Whom a campaign helps.
public enum BeneficiaryCategory: String, Sendable, CaseIterable, Codable {
    case largeFamilies, disabledPeople, elderly, orphans, lowIncome, disasterVictims, students, ngos, other

    public var l10nKey: L10nKey { L10nKey(rawValue: "charity.category.\(rawValue)")! }
}

/// What the organiser's treasurer types to open a campaign; `validated` names every problem at once.
public struct CampaignDraft: Sendable, Hashable {
    public var title = ""
    public var purpose = ""
    public var beneficiaryCategory = ""
    public var region = ""
    public var goal = ""
    public var startsOn = ""
    public var endsOn = ""
    public var parentCode = ""

    public init() {}

    public func validated() throws -> (title: String, purpose: String, category: BeneficiaryCategory, region: String, goal: Money, starts: Day, ends: Day) {
        var errors: [FieldError] = []
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.append(FieldError("title", .fieldRequired)) } else if title.count > 300 { errors.append(FieldError("title", .fieldTooLong, ["max": "300"])) }
        let purpose = self.purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        if purpose.isEmpty { errors.append(FieldError("purpose", .fieldRequired)) } else if purpose.count > 5000 { errors.append(FieldError("purpose", .fieldTooLong, ["max": "5000"])) }
        let category = BeneficiaryCategory(rawValue: beneficiaryCategory)
        if category == nil { errors.append(FieldError("beneficiaryCategory", .fieldChooseValue)) }
        if PlaceDirectory.shared.find(region) == nil { errors.append(FieldError("region", region.isEmpty ? .fieldRequired : .importUnknownPlace)) }
        let goal = Money(tenge: self.goal)
        if goal == nil || goal! <= .zero { errors.append(FieldError("goal", .fieldMoney)) }
        let starts = Day(startsOn), ends = Day(endsOn)
        if starts == nil { errors.append(FieldError("startsOn", .fieldDate)) }
        if ends == nil { errors.append(FieldError("endsOn", .fieldDate)) }
        if let starts, let ends, ends < starts { errors.append(FieldError("endsOn", .charityEndsBeforeStart)) }
        guard errors.isEmpty, let category, let goal, let starts, let ends else { throw DomainError.invalid(errors) }
        return (title, purpose, category, region, goal, starts, ends)
    }
}
