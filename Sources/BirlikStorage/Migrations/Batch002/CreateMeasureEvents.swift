import FluentKit
import SQLKit

struct CreateMeasureEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MeasureEventRecord.schema)
            .id()
            .field("measure_id", .uuid, .required, .references(MeasureRecord.schema, .id))
            .field("report_id", .uuid)
            .field("at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("period_code", .string)
            .field("executor_id", .uuid)
            .field("comment", .string)
            .create()
        try await (database as! any SQLDatabase).create(index: "measure_events_measure_idx").on(MeasureEventRecord.schema)
            .column("measure_id").column("at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MeasureEventRecord.schema).delete()
    }
}
