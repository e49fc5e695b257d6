import Foundation

/// A partner abroad (S20; seed 001 §4.2): a foreign or international organisation, a diaspora
/// association, or an organisation of compatriots abroad with the language courses and events it runs.
/// Identified in the org-id style (`GB-CHC-1234567`, `XI-IATI-UNDP`) so that its records join others'.
/// The register is public; the Secretariat and the regions' coordinators keep it.
public struct Partner: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case foreignOrganization, internationalOrganization, diasporaAssociation, compatriotsOrganization
        public var l10nKey: L10nKey { L10nKey(rawValue: "cooperation.partnerKind.\(rawValue)")! }
    }

    public var id: UUID
    /// `PRT-0001`.
    public var code: String
    public var kind: Kind
    /// The name as the partner writes it.
    public var name: String
    /// ISO 3166-1 alpha-2, upper case (`DE`, `TR`); `XI` for an international organisation.
    public var country: String
    /// An org-id style identifier, or empty when the partner has none.
    public var identifier: String
    public var website: String
    /// Compatriots' organisations: the Kazakh-language courses they run.
    public var languageCourses: String
    /// Compatriots' organisations: the events they hold.
    public var events: String
    /// The Kazakh organisation that keeps the relationship, and its place.
    public var keeperID: UUID
    public var region: String
    public var active: Bool
    public var version: Int

    public init(id: UUID = UUID(), code: String, kind: Kind, name: String, country: String, identifier: String, website: String, languageCourses: String,
                events: String, keeperID: UUID, region: String, active: Bool = true, version: Int = 1) {
        self.id = id; self.code = code; self.kind = kind; self.name = name; self.country = country; self.identifier = identifier
        self.website = website; self.languageCourses = languageCourses; self.events = events; self.keeperID = keeperID; self.region = region
        self.active = active; self.version = version
    }

    /// Public while active.
    public var scope: Scope { Scope(organizationID: keeperID, regionCode: region, isPublic: active) }

    /// `true` when `text` has the org-id shape: a list prefix (`GB-CHC`, `XI-IATI`, `KZ-BIN`) and an identifier.
    public static func isOrgID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 2, parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }),
              !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }),
              !parts[2].isEmpty, parts[2].count <= 100, parts[2].allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { return false }
        return true
    }
}
