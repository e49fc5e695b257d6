import Foundation

/// The kinds of dispute mediation takes, for assignment and for the anonymised statistics.
public enum DisputeType: String, Sendable, CaseIterable, Codable {
    case interethnic, neighbourhood, family, labour, property, education, religious, other
    public var l10nKey: L10nKey { L10nKey(rawValue: "mediation.dispute.\(rawValue)")! }
}

/// A mediator of the APK mediation system (S7): professional, public or ethnic; the languages they
/// mediate in, their specialisations, and the organisations they declare ties to (checked for conflicts
/// of interest before every assignment).
public struct Mediator: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case professional, publicMediator, ethnic
        public var l10nKey: L10nKey { L10nKey(rawValue: "mediator.kind.\(rawValue)")! }
    }

    public enum Status: String, Sendable, CaseIterable, Codable {
        case active, suspended, excluded
        public var l10nKey: L10nKey { L10nKey(rawValue: "mediator.status.\(rawValue)")! }
    }

    /// The languages a mediator may declare.
    public static let languageCodes = ["kk", "ru", "uz", "ug", "ko", "de", "tt", "az", "uk", "en"]

    public var id: UUID
    public var fullName: String
    public var certificateNumber: String
    public var kind: Kind
    public var languages: [String]
    public var specialisations: [DisputeType]
    /// The region the mediator works in.
    public var place: String
    public var status: Status
    /// The mediation centre or association the mediator belongs to.
    public var organizationID: UUID?
    /// Organisations the mediator declares ties to (membership, employment, family).
    public var ties: [UUID]
    /// The mediator's account, by e-mail: who may read the cases assigned to them.
    public var accountEmail: String
    public var version: Int

    public init(id: UUID = UUID(), fullName: String, certificateNumber: String, kind: Kind, languages: [String], specialisations: [DisputeType],
                place: String, status: Status = .active, organizationID: UUID?, ties: [UUID] = [], accountEmail: String = "", version: Int = 1) {
        self.id = id; self.fullName = fullName; self.certificateNumber = certificateNumber; self.kind = kind; self.languages = languages
        self.specialisations = specialisations; self.place = place; self.status = status; self.organizationID = organizationID
        self.ties = ties; self.accountEmail = accountEmail; self.version = version
    }

    /// The register is public (name, certificate, kind, status, languages); ties and the account are shown
    /// only to those who keep the register.
    public var scope: Scope { Scope(organizationID: organizationID, regionCode: place, isPublic: true) }

    /// The organisations whose parties this mediator may not mediate for: their own and those they declared.
    public var conflictingOrganizations: Set<UUID> { Set(ties + (organizationID.map { [$0] } ?? [])) }
}

/// What a Secretariat officer enters to add a mediator to the register.
public struct MediatorDraft: Sendable, Hashable {
    public var fullName = ""
    public var certificateNumber = ""
    public var kind = ""
    public var languages: [String] = []
    public var specialisations: [String] = []
    public var place = ""
    public var accountEmail = ""

    public init() {}

    public func validated(organizationID: UUID?, ties: [UUID], places: PlaceDirectory = .shared) throws -> Mediator {
        var errors: [FieldError] = []
        let name = fullName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.append(FieldError("fullName", .fieldRequired)) }
        if name.count > 300 { errors.append(FieldError("fullName", .fieldTooLong, ["max": "300"])) }
        let certificate = certificateNumber.trimmingCharacters(in: .whitespaces)
        if certificate.isEmpty { errors.append(FieldError("certificateNumber", .fieldRequired)) }
        if certificate.count > 50 || certificate.contains(where: { $0.isWhitespace }) { errors.append(FieldError("certificateNumber", .fieldCodeFormat)) }
        let kind = Mediator.Kind(rawValue: kind)
        if kind == nil { errors.append(FieldError("kind", .fieldRequired)) }
        if languages.isEmpty || languages.contains(where: { !Mediator.languageCodes.contains($0) }) { errors.append(FieldError("languages", .fieldChooseValue)) }
        let types = specialisations.compactMap(DisputeType.init(rawValue:))
        if types.count != specialisations.count || types.isEmpty { errors.append(FieldError("specialisations", .fieldChooseValue)) }
        let region = places.find(place)
        if region == nil || region?.kind == .republic { errors.append(FieldError("place", place.isEmpty ? .fieldRequired : .importUnknownPlace)) }
        let email = accountEmail.trimmingCharacters(in: .whitespaces).lowercased()
        if !email.isEmpty, !OrganizationDraft.looksLikeEmail(email) { errors.append(FieldError("accountEmail", .fieldEmailFormat)) }
        guard errors.isEmpty, let kind, let region else { throw DomainError.invalid(errors) }
        return Mediator(fullName: name, certificateNumber: certificate, kind: kind, languages: Array(Set(languages)).sorted(),
                        specialisations: Array(Set(types)).sorted { $0.rawValue < $1.rawValue }, place: region.code, organizationID: organizationID,
                        ties: ties, accountEmail: email)
    }
}
