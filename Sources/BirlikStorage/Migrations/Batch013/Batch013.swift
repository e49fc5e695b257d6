import FluentKit
import SQLKit

/// The base of good practices (S19) and its replication log.
struct CreatePractices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(GoodPracticeRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("organization_id", .uuid, .required)
            .field("region", .string, .required)
            .field("regions", .string, .required)
            .field("domain", .string, .required)
            .field("status", .string, .required)
            .field("is_public", .bool, .required)
            .field("updated_at", .datetime, .required)
            .field("search_text", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(PracticeAdoptionRecord.schema)
            .id()
            .field("practice_id", .uuid, .required)
            .field("region", .string, .required)
            .field("organization_id", .uuid, .required)
            .field("adopted_on", .string, .required)
            .field("content", .string, .required)
            .unique(on: "practice_id", "region")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX good_practices_public ON good_practices (is_public, updated_at)").run()
            try await sql.raw("CREATE INDEX practice_adoptions_region ON practice_adoptions (region)").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [PracticeAdoptionRecord.schema, GoodPracticeRecord.schema] { try await database.schema(schema).delete() }
    }
}
