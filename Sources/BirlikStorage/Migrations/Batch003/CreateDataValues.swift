import FluentKit
import SQLKit

/// The values of the statistical database (S6), keyed by element × breakdown × place × period, with
/// the top-level region, the year and the first month kept beside them so roll-ups are plain GROUP BYs.
struct CreateDataValues: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ValueTable.values)
            .field("element", .string, .required)
            .field("category", .string, .required)
            .field("place", .string, .required)
            .field("region", .string, .required)
            .field("period", .string, .required)
            .field("period_kind", .string, .required)
            .field("year", .int, .required)
            .field("month", .int, .required)
            .field("value", .double, .required)
            .field("source", .string, .required)
            .field("entered_by", .string, .required)
            .field("entered_at", .datetime, .required)
            .unique(on: "element", "category", "place", "period")
            .create()
        let sql = database as! any SQLDatabase
        // Covering for the national views: a pivot by element, year and region reads the index alone.
        try await sql.create(index: "data_values_element_year_idx").on(ValueTable.values)
            .column("element").column("year").column("region").column("value").run()
        try await database.schema(ValueTable.approvals)
            .id()
            .field("data_set", .string, .required)
            .field("place", .string, .required)
            .field("period", .string, .required)
            .field("level", .string, .required)
            .field("approved_by", .string, .required)
            .field("approved_at", .datetime, .required)
            .unique(on: "data_set", "place", "period", "level")
            .create()
        try await database.schema(ValueTable.imports)
            .id()
            .field("file_sha256", .string, .required)
            .field("file_name", .string, .required)
            .field("rows", .int, .required)
            .field("values", .int, .required)
            .field("changed", .int, .required)
            .field("actor_name", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ValueTable.imports).delete()
        try await database.schema(ValueTable.approvals).delete()
        try await database.schema(ValueTable.values).delete()
    }
}

/// The signals, alerts and published months of the early-warning system (S6).
struct CreateSignals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SignalRecord.schema)
            .id()
            .field("date", .string, .required)
            .field("month", .string, .required)
            .field("place", .string, .required)
            .field("region", .string, .required)
            .field("kind", .string, .required)
            .field("groups", .string, .required)
            .field("severity", .int, .required)
            .field("source", .string, .required)
            .field("summary", .string, .required)
            .field("status", .string, .required)
            .field("review_note", .string, .required)
            .field("responsible_id", .uuid)
            .field("measures", .string, .required)
            .field("deadline", .string)
            .field("outcome", .string, .required)
            .field("reported_by", .string, .required)
            .field("reporter_organization_id", .uuid)
            .field("is_demo", .bool, .required)
            .field("version", .int, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "signals_region_month_idx").on(SignalRecord.schema).column("region").column("month").run()
        try await sql.create(index: "signals_status_idx").on(SignalRecord.schema).column("status").run()
        try await database.schema(AlertRecord.schema)
            .id()
            .field("rule", .string, .required)
            .field("place", .string, .required)
            .field("month", .string, .required)
            .field("risk_value", .double, .required)
            .field("load", .double, .required)
            .field("baseline", .double, .required)
            .field("raised_at", .datetime, .required)
            .field("status", .string, .required)
            .field("responsible_id", .uuid)
            .field("task", .string, .required)
            .field("deadline", .string)
            .field("outcome", .string, .required)
            .field("version", .int, .required)
            .unique(on: "rule", "place", "month")
            .create()
        try await database.schema(ValueTable.publications)
            .id()
            .field("month", .string, .required)
            .field("published_by", .string, .required)
            .field("published_at", .datetime, .required)
            .unique(on: "month")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ValueTable.publications).delete()
        try await database.schema(AlertRecord.schema).delete()
        try await database.schema(SignalRecord.schema).delete()
    }
}
