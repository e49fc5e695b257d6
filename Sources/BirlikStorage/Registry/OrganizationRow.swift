import BirlikCore
import Foundation
import SQLKit

/// An organisation read with SQL rather than through its model: the columns an `Organization` holds,
/// without the derived search and sort keys. Lists read it (25 rows a page, up to 100,000 in an export);
/// decoding through Fluent's model cost more than the query itself (docs/performance.md).
enum OrganizationRow {
    static let columns = ["id", "code", "type", "name_kk", "name_ru", "name_en", "description_kk", "description_ru", "description_en",
                          "region_code", "parent_id", "address", "phone", "email", "website", "bin", "languages", "ethnic_groups",
                          "is_public", "is_demo", "internal_note", "version"]

    /// `SELECT` of `columns` from `organizations`, to be filtered and ordered by the caller.
    static func select(on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns).from(OrganizationRecord.schema)
    }

    /// The organisation in `row`, as `OrganizationRecord.organization` builds it from the model.
    static func organization(_ row: any SQLRow) throws -> Organization {
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        return Organization(
            id: try row.decode(column: "id", as: UUID.self), code: try row.decode(column: "code", as: String.self),
            type: OrganizationType(rawValue: try row.decode(column: "type", as: String.self)) ?? .ngo,
            name: LocalizedText(kk: try text("name_kk"), ru: try text("name_ru"), en: try text("name_en")),
            description: LocalizedText(kk: try text("description_kk"), ru: try text("description_ru"), en: try text("description_en")),
            regionCode: try row.decode(column: "region_code", as: String.self), parentID: try row.decode(column: "parent_id", as: UUID?.self),
            contacts: Contacts(address: try text("address"), phone: try text("phone"), email: try text("email"), website: try text("website")),
            bin: try text("bin"),
            languages: OrganizationRecord.values(try row.decode(column: "languages", as: String.self)).compactMap(Language.init(rawValue:)),
            ethnicGroups: OrganizationRecord.values(try row.decode(column: "ethnic_groups", as: String.self)),
            isPublic: try row.decode(column: "is_public", as: Bool.self), isDemo: try row.decode(column: "is_demo", as: Bool.self),
            internalNote: try text("internal_note"), version: try row.decode(column: "version", as: Int.self))
    }
}
