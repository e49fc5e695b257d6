import FluentKit
import SQLKit

/// The digital library and depository (S16): items, searched and harvested in datestamp order; events
/// indexed by their start.
struct CreateLibrary: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LibraryItemRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("collection", .string, .required)
            .field("status", .string, .required)
            .field("organization_id", .uuid, .required)
            .field("region", .string, .required)
            .field("is_public", .bool, .required)
            .field("datestamp", .datetime, .required)
            .field("search_text", .string, .required)
            .field("file_text", .string, .required)
            .field("dublin_core", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX library_items_harvest ON library_items (datestamp, id)").run()
            // The front page's and the calendar's coming events.
            try await sql.raw("CREATE INDEX events_starts_at ON events (starts_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP INDEX events_starts_at").run() }
        try await database.schema(LibraryItemRecord.schema).delete()
    }
}

