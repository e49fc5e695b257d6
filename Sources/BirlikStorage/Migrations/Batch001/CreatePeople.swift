import FluentKit
import SQLKit

struct CreatePeople: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PersonRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, .id, onDelete: .cascade))
            .field("full_name", .string, .required)
            .field("position_kk", .string)
            .field("position_ru", .string)
            .field("position_en", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("sort_order", .int, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "people_organization_idx")
            .on(PersonRecord.schema).column("organization_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PersonRecord.schema).delete()
    }
}
