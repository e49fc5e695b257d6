import Foundation

/// A lot of the grant plan (S10; seed 000 §6: state support of NGOs through the state social order,
/// grants and awards): what is to be done, why (a justification is required, so that no lot is allotted
/// without one), the terms of reference, budget, term and target region, and the plan measures (S2) it
/// serves. Published before any call includes it; public from then on.
public struct GrantLot: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, published
        public var l10nKey: L10nKey { L10nKey(rawValue: "grants.lot.status.\(rawValue)")! }
    }

    public var id: UUID
    /// `L-YYYY-NN`.
    public var code: String
    public var year: Int
    public var title: String
    public var justification: String
    public var termsOfReference: String
    public var budget: Money
    /// The project's term, in months.
    public var termMonths: Int
    public var region: String
    /// The plan measures (S2) the lot serves.
    public var measureIDs: [UUID]
    public var status: Status
    public var publishedOn: Day?
    /// For an award's nomination: how many winners at most share the budget equally. `nil` for a grant lot.
    public var winners: Int?
    public var version: Int

    /// A nomination of an award (the NGO awards run in 15 nominations): its budget is the prize, split
    /// equally between the winners the commission names; otherwise a grant lot.
    public var isNomination: Bool { winners != nil }

    public init(id: UUID = UUID(), code: String, year: Int, title: String, justification: String, termsOfReference: String, budget: Money,
                termMonths: Int, region: String, measureIDs: [UUID], status: Status = .draft, publishedOn: Day? = nil, winners: Int? = nil, version: Int = 1) {
        self.id = id; self.code = code; self.year = year; self.title = title; self.justification = justification
        self.termsOfReference = termsOfReference; self.budget = budget; self.termMonths = termMonths; self.region = region
        self.measureIDs = measureIDs; self.status = status; self.publishedOn = publishedOn; self.winners = winners; self.version = version
    }

    /// Kept by the grant operator (the Secretariat); public once published.
    public var scope: Scope { Scope(organizationID: nil, regionCode: region, isPublic: status == .published) }
}

/// What the grant operator types for a lot; `validated` names every problem at once.
public struct GrantLotDraft: Sendable, Hashable {
    public var title = ""
    public var justification = ""
    public var termsOfReference = ""
    public var budget = ""
    public var termMonths = ""
    public var region = ""
    /// Plan measure codes, one per line or comma-separated.
    public var measureCodes = ""
    /// Empty for a grant lot; the number of winners for an award's nomination.
    public var winners = ""

    public init(title: String = "", justification: String = "", termsOfReference: String = "", budget: String = "", termMonths: String = "",
                region: String = "", measureCodes: String = "", winners: String = "") {
        self.title = title; self.justification = justification; self.termsOfReference = termsOfReference; self.budget = budget
        self.termMonths = termMonths; self.region = region; self.measureCodes = measureCodes; self.winners = winners
    }

    public var codes: [String] {
        measureCodes.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Checks everything but the measure codes, which only storage can resolve.
    public func validated() throws -> (title: String, justification: String, terms: String, budget: Money, months: Int, region: String, winners: Int?) {
        var errors: [FieldError] = []
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.append(FieldError("title", .fieldRequired)) } else if title.count > 300 { errors.append(FieldError("title", .fieldTooLong, ["max": "300"])) }
        let justification = self.justification.trimmingCharacters(in: .whitespacesAndNewlines)
        if justification.count < 50 { errors.append(FieldError("justification", .grantsJustificationShort, ["min": "50"])) }
        let terms = termsOfReference.trimmingCharacters(in: .whitespacesAndNewlines)
        if terms.isEmpty { errors.append(FieldError("termsOfReference", .fieldRequired)) }
        for (name, value) in [("justification", justification), ("termsOfReference", terms)] where value.count > 20_000 {
            errors.append(FieldError(name, .fieldTooLong, ["max": "20000"]))
        }
        let budget = Money(tenge: self.budget)
        if budget == nil || budget! <= .zero { errors.append(FieldError("budget", .fieldMoney)) }
        let months = Int(termMonths.trimmingCharacters(in: .whitespaces))
        if months == nil || !(1...36).contains(months!) { errors.append(FieldError("termMonths", .grantsTermMonths)) }
        if PlaceDirectory.shared.find(region) == nil { errors.append(FieldError("region", region.isEmpty ? .fieldRequired : .importUnknownPlace)) }
        if codes.isEmpty { errors.append(FieldError("measureCodes", .grantsMeasureRequired)) }
        let winnersText = self.winners.trimmingCharacters(in: .whitespaces)
        let winners = winnersText.isEmpty ? nil : Int(winnersText)
        if !winnersText.isEmpty, winners == nil || !(1...20).contains(winners!) { errors.append(FieldError("winners", .grantsWinnersRange)) }
        guard errors.isEmpty, let budget, let months else { throw DomainError.invalid(errors) }
        return (title, justification, terms, budget, months, region, winners)
    }
}
