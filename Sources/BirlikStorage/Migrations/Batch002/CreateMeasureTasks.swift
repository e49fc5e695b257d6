import FluentKit
import SQLKit

struct CreateMeasureTasks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MeasureTaskRecord.schema)
            .id()
            .field("measure_id", .uuid, .required, .references(MeasureRecord.schema, .id))
            .field("plan_id", .uuid, .required)
            .field("task_code", .string, .required)
            .unique(on: "measure_id", "task_code")
            .create()
        try await (database as! any SQLDatabase).create(index: "measure_tasks_task_idx").on(MeasureTaskRecord.schema)
            .column("task_code").column("measure_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MeasureTaskRecord.schema).delete()
    }
}
