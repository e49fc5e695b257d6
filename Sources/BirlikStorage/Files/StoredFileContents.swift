import FluentKit

/// `stored_file_contents`: the bytes of stored files, by their SHA-256, when they live in the database
/// (`FileStore.Place.database`) so that every server instance reads them.
public enum StoredFileContents {
    public static let schema = "stored_file_contents"
}

/// Batch 015: a table for stored files' bytes in the database every instance shares.
struct CreateStoredFileContents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredFileContents.schema)
            .field("sha256", .string, .identifier(auto: false))
            .field("bytes", .data, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StoredFileContents.schema).delete()
    }
}
