import FluentKit
struct CreateStoredFiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredFileRecord.schema)
            .field("sha256", .string, .identifier(auto: false))
            .field("size", .int, .required)
            .field("media_type", .string, .required)
            .field("original_name", .string, .required)
            .field("stored_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StoredFileRecord.schema).delete()
    }
}
