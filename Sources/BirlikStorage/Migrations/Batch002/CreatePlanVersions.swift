import FluentKit
import SQLKit

struct CreatePlanVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlanVersionRecord.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, .id))
            .field("plan_version", .int, .required)
            .field("approved_at", .datetime, .required)
            .field("approved_by", .string, .required)
            .field("snapshot", .string, .required)
            .unique(on: "plan_id", "plan_version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlanVersionRecord.schema).delete()
    }
}
