import FluentKit
struct CreateAuthTokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuthTokenRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(UserRecord.schema, .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("csrf_token", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuthTokenRecord.schema).delete()
    }
}
