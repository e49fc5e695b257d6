import FluentKit
import SQLKit

struct CreateMeasures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MeasureRecord.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, .id))
            .field("code", .string, .required)
            .field("sort_key", .string, .required)
            .field("title_kk", .string, .required)
            .field("title_ru", .string)
            .field("title_en", .string)
            .field("task_codes", .string, .required)
            .field("executor_id", .uuid, .required, .references(OrganizationRecord.schema, .id))
            .field("co_executor_ids", .string, .required)
            .field("completion_form", .string, .required)
            .field("deadline_kind", .string, .required)
            .field("deadline_date", .string)
            .field("due_day", .int, .required)
            .field("budget_source", .string, .required)
            .field("amount", .int64, .required)
            .field("expected_kk", .string)
            .field("expected_ru", .string)
            .field("expected_en", .string)
            .field("indicators", .string, .required)
            .field("weight", .int, .required)
            .field("version", .int, .required)
            .unique(on: "plan_id", "code")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "measures_plan_idx").on(MeasureRecord.schema).column("plan_id").column("sort_key").run()
        try await sql.create(index: "measures_executor_idx").on(MeasureRecord.schema).column("executor_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MeasureRecord.schema).delete()
    }
}
