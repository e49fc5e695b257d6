import BirlikCore
import FluentKit
import Foundation

/// A row of `people`: someone working in an organisation, with their position.
public final class PersonRecord: Model, @unchecked Sendable {
    public static let schema = "people"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "full_name") public var fullName: String
    @OptionalField(key: "position_kk") public var positionKK: String?
    @OptionalField(key: "position_ru") public var positionRU: String?
    @OptionalField(key: "position_en") public var positionEN: String?
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "phone") public var phone: String?
    @Field(key: "sort_order") public var sortOrder: Int

    public init() {}

    public init(_ person: Person, sortOrder: Int) {
        id = person.id
        organizationID = person.organizationID
        fullName = person.fullName
        positionKK = person.position.kk
        positionRU = person.position.ru
        positionEN = person.position.en
        email = person.email
        phone = person.phone
        self.sortOrder = sortOrder
    }

    public var person: Person {
        Person(id: id ?? UUID(), organizationID: organizationID, fullName: fullName,
               position: LocalizedText(kk: positionKK, ru: positionRU, en: positionEN), email: email, phone: phone)
    }
}
