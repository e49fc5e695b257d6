import FluentKit
import SQLKit

/// Batch 010: the calendar of events and their registrations (S15); versions of open datasets, the portal's news, the encyclopedia and the media plan (S16).
struct CreateEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EventRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("kind", .string, .required)
            .field("organizer_id", .uuid, .required)
            .field("region", .string, .required)
            .field("status", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(EventRegistrationRecord.schema)
            .id()
            .field("event_id", .uuid, .required)
            .field("organizer_id", .uuid, .required)
            .field("region", .string, .required)
            .field("token", .string, .required)
            .field("email", .string, .required)
            .field("status", .string, .required)
            .field("registered_at", .datetime, .required)
            .field("position", .int, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "token")
            .unique(on: "event_id", "position")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "events_starts_idx").on(EventRecord.schema).column("starts_at").run()
        try await sql.create(index: "event_registrations_event_idx").on(EventRegistrationRecord.schema).column("event_id").run()
        try await sql.create(index: "event_registrations_email_idx").on(EventRegistrationRecord.schema).column("email").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EventRegistrationRecord.schema).delete()
        try await database.schema(EventRecord.schema).delete()
    }
}

struct CreateDatasetVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DatasetVersionRecord.schema)
            .id()
            .field("dataset", .string, .required)
            .field("number", .int, .required)
            .field("sha256", .string, .required)
            .field("json_sha256", .string, .required)
            .field("rows", .int, .required)
            .field("csv_bytes", .int, .required)
            .field("json_bytes", .int, .required)
            .field("note", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .string, .required)
            .unique(on: "dataset", "number")
            .unique(on: "dataset", "sha256")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DatasetVersionRecord.schema).delete()
    }
}

struct CreateNews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NewsRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("region", .string, .required)
            .field("status", .string, .required)
            .field("is_public", .bool, .required)
            .field("publish_at", .datetime)
            .field("tags", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "news_items_publish_idx").on(NewsRecord.schema).column("publish_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NewsRecord.schema).delete()
    }
}

struct CreateEncyclopedia: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ArticleRecord.schema)
            .id()
            .field("slug", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "slug")
            .create()
        try await database.schema(ArticleRevisionRecord.schema)
            .id()
            .field("article_id", .uuid, .required)
            .field("language", .string, .required)
            .field("number", .int, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .unique(on: "article_id", "language", "number")
            .create()
        try await database.schema(ArticleTextRecord.schema)
            .id()
            .field("article_id", .uuid, .required)
            .field("slug", .string, .required)
            .field("language", .string, .required)
            .field("title", .string, .required)
            .field("search_text", .string, .required)
            .field("approved_at", .datetime, .required)
            .field("is_public", .bool, .required)
            .unique(on: "article_id", "language")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [ArticleTextRecord.schema, ArticleRevisionRecord.schema, ArticleRecord.schema] { try await database.schema(schema).delete() }
    }
}

struct CreateMediaPlan: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MediaPlanRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("region", .string, .required)
            .field("organization_id", .uuid, .required)
            .field("planned_on", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "media_plan_items_planned_idx").on(MediaPlanRecord.schema).column("planned_on").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MediaPlanRecord.schema).delete()
    }
}
