import Foundation

/// An actor of the unified working system: a state body, an APK institution, a council, an association.
public struct Organization: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    /// A stable, URL-safe code (`apk-secretariat`, `akimat-kz-75`).
    public var code: String
    public var type: OrganizationType
    public var name: LocalizedText
    public var description: LocalizedText
    /// The place in the region tree the organisation belongs to (`KZ` for national bodies).
    public var regionCode: String
    public var parentID: UUID?
    public var contacts: Contacts
    /// The business identification number (БСН / БИН) of a registered legal entity: twelve digits,
    /// check digit verified. Grants go only to NGOs that have one; open data names them by it.
    public var bin: String?
    /// The languages the organisation works in.
    public var languages: [Language]
    /// Codes of the ethnic groups it serves (for associations, Friendship Houses, complexes).
    public var ethnicGroups: [String]
    /// Shown to everyone when `true`; otherwise only to users whose scope covers it.
    public var isPublic: Bool
    /// Part of the demo data set, shown with a "demo" badge.
    public var isDemo: Bool
    /// Notes for the organisation's own region only; never public.
    public var internalNote: String?
    /// Optimistic-locking version, bumped on every update.
    public var version: Int

    public init(id: UUID = UUID(), code: String, type: OrganizationType, name: LocalizedText,
                description: LocalizedText = LocalizedText(), regionCode: String, parentID: UUID? = nil,
                contacts: Contacts = Contacts(), bin: String? = nil, languages: [Language] = [.kk, .ru], ethnicGroups: [String] = [],
                isPublic: Bool = true, isDemo: Bool = false, internalNote: String? = nil, version: Int = 1) {
        self.id = id
        self.code = code
        self.type = type
        self.name = name
        self.description = description
        self.regionCode = regionCode
        self.parentID = parentID
        self.contacts = contacts
        self.bin = bin
        self.languages = languages
        self.ethnicGroups = ethnicGroups
        self.isPublic = isPublic
        self.isDemo = isDemo
        self.internalNote = internalNote
        self.version = version
    }

    /// The organisation as a scope for the permission check.
    public var scope: Scope { Scope(organizationID: id, regionCode: regionCode, isPublic: isPublic) }

    /// The text that full-text search looks in: every name and description in every language, folded.
    public var searchText: String {
        let parts = Language.allCases.flatMap { [name[$0], description[$0]] }.compactMap { $0 } + [code]
        return " " + SearchFolding.fold(parts.joined(separator: " ")) + " "
    }
}

/// How to reach an organisation.
public struct Contacts: Codable, Sendable, Hashable {
    public var address: String?
    public var phone: String?
    public var email: String?
    public var website: String?

    public init(address: String? = nil, phone: String? = nil, email: String? = nil, website: String? = nil) {
        self.address = address
        self.phone = phone
        self.email = email
        self.website = website
    }
}

/// A person working in an organisation, with their position.
public struct Person: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var fullName: String
    public var position: LocalizedText
    /// Personal contacts: shown only to users whose scope covers the organisation.
    public var email: String?
    public var phone: String?

    public init(id: UUID = UUID(), organizationID: UUID, fullName: String, position: LocalizedText,
                email: String? = nil, phone: String? = nil) {
        self.id = id
        self.organizationID = organizationID
        self.fullName = fullName
        self.position = position
        self.email = email
        self.phone = phone
    }
}
