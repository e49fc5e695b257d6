import FluentKit
import SQLKit

struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NotificationRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, .id))
            .field("kind", .string, .required)
            .field("message_key", .string, .required)
            .field("arguments", .string, .required)
            .field("link", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .unique(on: "dedupe_key")
            .create()
        try await (database as! any SQLDatabase).create(index: "notifications_organization_idx").on(NotificationRecord.schema)
            .column("organization_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NotificationRecord.schema).delete()
    }
}
