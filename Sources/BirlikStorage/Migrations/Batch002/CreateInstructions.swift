import FluentKit
import SQLKit

struct CreateInstructions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InstructionRecord.schema)
            .id()
            .field("number", .string, .required)
            .field("source", .string, .required)
            .field("source_date", .string, .required)
            .field("item", .string, .required)
            .field("text_kk", .string, .required)
            .field("text_ru", .string)
            .field("text_en", .string)
            .field("executor_ids", .string, .required)
            .field("deadline", .string, .required)
            .field("status", .string, .required)
            .field("is_demo", .bool, .required)
            .field("version", .int, .required)
            .unique(on: "number")
            .create()
        try await database.schema(InstructionExecutorRecord.schema)
            .id()
            .field("instruction_id", .uuid, .required, .references(InstructionRecord.schema, .id))
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, .id))
            .unique(on: "instruction_id", "organization_id")
            .create()
        try await database.schema(InstructionEventRecord.schema)
            .id()
            .field("instruction_id", .uuid, .required, .references(InstructionRecord.schema, .id))
            .field("kind", .string, .required)
            .field("at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("organization_id", .uuid)
            .field("text", .string, .required)
            .field("requested_deadline", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "instruction_executors_org_idx").on(InstructionExecutorRecord.schema).column("organization_id").run()
        try await sql.create(index: "instruction_events_instruction_idx").on(InstructionEventRecord.schema).column("instruction_id").column("at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InstructionEventRecord.schema).delete()
        try await database.schema(InstructionExecutorRecord.schema).delete()
        try await database.schema(InstructionRecord.schema).delete()
    }
}
