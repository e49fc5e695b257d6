import FluentKit
import SQLKit

struct CreateReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReportRecord.schema)
            .id()
            .field("measure_id", .uuid, .required, .references(MeasureRecord.schema, .id))
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, .id))
            .field("region_code", .string, .required)
            .field("executor_id", .uuid, .required, .references(OrganizationRecord.schema, .id))
            .field("executor_region", .string, .required)
            .field("is_lead", .bool, .required)
            .field("period_code", .string, .required)
            .field("period_year", .int, .required)
            .field("due_date", .string, .required)
            .field("status", .string, .required)
            .field("execution", .string)
            .field("score", .double, .required)
            .field("on_time", .int, .required)
            .field("narrative_kk", .string)
            .field("narrative_ru", .string)
            .field("actuals", .string, .required)
            .field("submitted_at", .datetime)
            .field("first_submitted_at", .datetime)
            .field("accepted_at", .datetime)
            .field("return_comment", .string)
            .field("late_entry_until", .string)
            .field("version", .int, .required)
            .unique(on: "measure_id", "executor_id", "period_code")
            .create()
        let sql = database as! any SQLDatabase
        // The dashboards' aggregates: by region and year, by executor, by plan.
        try await sql.create(index: "reports_region_year_idx").on(ReportRecord.schema).column("region_code").column("period_year").column("due_date").run()
        try await sql.create(index: "reports_executor_idx").on(ReportRecord.schema).column("executor_id").column("status").column("due_date").run()
        try await sql.create(index: "reports_executor_region_idx").on(ReportRecord.schema).column("executor_region").column("due_date").run()
        try await sql.create(index: "reports_plan_idx").on(ReportRecord.schema).column("plan_id").column("period_year").run()
        try await sql.create(index: "reports_due_idx").on(ReportRecord.schema).column("due_date").column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportRecord.schema).delete()
    }
}
