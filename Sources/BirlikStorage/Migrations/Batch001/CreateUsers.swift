import FluentKit
struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserRecord.schema)
            .id()
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("organization_id", .uuid, .references(OrganizationRecord.schema, .id))
            .field("display_name", .string, .required)
            .field("preferred_language", .string)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("is_demo", .bool, .required)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserRecord.schema).delete()
    }
}
