import FluentKit
import SQLKit

struct CreatePlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlanRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("title_kk", .string, .required)
            .field("title_ru", .string)
            .field("title_en", .string)
            .field("region_code", .string, .required, .references(RegionRecord.schema, "code"))
            .field("concept_code", .string, .required)
            .field("start_year", .int, .required)
            .field("end_year", .int, .required)
            .field("status", .string, .required)
            .field("plan_version", .int, .required)
            .field("approved_at", .datetime)
            .field("approved_by", .string)
            .field("is_demo", .bool, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await (database as! any SQLDatabase).create(index: "plans_region_code_idx").on(PlanRecord.schema).column("region_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlanRecord.schema).delete()
    }
}
