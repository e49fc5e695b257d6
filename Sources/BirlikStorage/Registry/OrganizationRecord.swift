import BirlikCore
import FluentKit
import Foundation

/// A row of `organizations`: one actor of the registry, with its text in three languages and the
/// derived columns that search and sorting use.
public final class OrganizationRecord: Model, @unchecked Sendable {
    public static let schema = "organizations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "type") public var type: String
    @Field(key: "name_kk") public var nameKK: String
    @OptionalField(key: "name_ru") public var nameRU: String?
    @OptionalField(key: "name_en") public var nameEN: String?
    @OptionalField(key: "description_kk") public var descriptionKK: String?
    @OptionalField(key: "description_ru") public var descriptionRU: String?
    @OptionalField(key: "description_en") public var descriptionEN: String?
    @Field(key: "region_code") public var regionCode: String
    @OptionalField(key: "parent_id") public var parentID: UUID?
    @OptionalField(key: "address") public var address: String?
    @OptionalField(key: "phone") public var phone: String?
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "website") public var website: String?
    @OptionalField(key: "bin") public var bin: String?
    /// `|kk|ru|`: delimited so that a filter can match one value.
    @Field(key: "languages") public var languages: String
    /// `|uzbeks|koreans|`.
    @Field(key: "ethnic_groups") public var ethnicGroups: String
    @Field(key: "is_public") public var isPublic: Bool
    @Field(key: "is_demo") public var isDemo: Bool
    @OptionalField(key: "internal_note") public var internalNote: String?
    @Field(key: "version") public var version: Int
    @Field(key: "search_text") public var searchText: String
    @Field(key: "sort_kk") public var sortKK: String
    @Field(key: "sort_ru") public var sortRU: String
    @Field(key: "sort_en") public var sortEN: String

    public init() {}

    public init(_ organization: Organization) {
        id = organization.id
        apply(organization)
    }

    /// Copies every field of `organization` into the row, with the derived columns.
    public func apply(_ organization: Organization) {
        code = organization.code
        type = organization.type.rawValue
        nameKK = organization.name.kk ?? organization.code
        nameRU = organization.name.ru
        nameEN = organization.name.en
        descriptionKK = organization.description.kk
        descriptionRU = organization.description.ru
        descriptionEN = organization.description.en
        regionCode = organization.regionCode
        parentID = organization.parentID
        address = organization.contacts.address
        phone = organization.contacts.phone
        email = organization.contacts.email
        website = organization.contacts.website
        bin = organization.bin
        languages = Self.delimited(organization.languages.map(\.rawValue))
        ethnicGroups = Self.delimited(organization.ethnicGroups)
        isPublic = organization.isPublic
        isDemo = organization.isDemo
        internalNote = organization.internalNote
        version = organization.version
        searchText = organization.searchText
        sortKK = KazakhCollation.sortKey(organization.name.resolved(.kk)?.text ?? "")
        sortRU = KazakhCollation.sortKey(organization.name.resolved(.ru)?.text ?? "")
        sortEN = KazakhCollation.sortKey(organization.name.resolved(.en)?.text ?? "")
    }

    public var organization: Organization {
        Organization(id: id ?? UUID(), code: code, type: OrganizationType(rawValue: type) ?? .ngo,
                     name: LocalizedText(kk: nameKK, ru: nameRU, en: nameEN),
                     description: LocalizedText(kk: descriptionKK, ru: descriptionRU, en: descriptionEN),
                     regionCode: regionCode, parentID: parentID,
                     contacts: Contacts(address: address, phone: phone, email: email, website: website), bin: bin,
                     languages: Self.values(languages).compactMap(Language.init(rawValue:)),
                     ethnicGroups: Self.values(ethnicGroups), isPublic: isPublic, isDemo: isDemo,
                     internalNote: internalNote, version: version)
    }

    static func delimited(_ values: [String]) -> String { values.isEmpty ? "" : "|" + values.joined(separator: "|") + "|" }
    static func values(_ delimited: String) -> [String] { delimited.split(separator: "|").map(String.init) }
}
