import FluentKit
import SQLKit

struct CreateOrganizations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrganizationRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("type", .string, .required)
            .field("name_kk", .string, .required)
            .field("name_ru", .string)
            .field("name_en", .string)
            .field("description_kk", .string)
            .field("description_ru", .string)
            .field("description_en", .string)
            .field("region_code", .string, .required, .references(RegionRecord.schema, "code"))
            .field("parent_id", .uuid, .references(OrganizationRecord.schema, .id))
            .field("address", .string)
            .field("phone", .string)
            .field("email", .string)
            .field("website", .string)
            .field("languages", .string, .required)
            .field("ethnic_groups", .string, .required)
            .field("is_public", .bool, .required)
            .field("is_demo", .bool, .required)
            .field("internal_note", .string)
            .field("version", .int, .required)
            .field("search_text", .string, .required)
            .field("sort_kk", .string, .required)
            .field("sort_ru", .string, .required)
            .field("sort_en", .string, .required)
            .unique(on: "code")
            .create()
        let sql = database as! any SQLDatabase
        for column in ["region_code", "type", "parent_id"] {
            try await sql.create(index: "organizations_\(column)_idx").on(OrganizationRecord.schema).column(column).run()
        }
        // The directory's order (name in a language, then id) read straight from an index.
        for column in ["sort_kk", "sort_ru", "sort_en"] {
            try await sql.create(index: "organizations_\(column)_idx").on(OrganizationRecord.schema).column(column).column("id").run()
        }
        // Covers the directory's count under the visibility filter (public, or within a region).
        try await sql.create(index: "organizations_visibility_idx").on(OrganizationRecord.schema)
            .column("is_public").column("region_code").column("type").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganizationRecord.schema).delete()
    }
}
