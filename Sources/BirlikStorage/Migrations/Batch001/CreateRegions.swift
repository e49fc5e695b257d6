import FluentKit
struct CreateRegions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RegionRecord.schema)
            .field("code", .string, .identifier(auto: false))
            .field("parent_code", .string)
            .field("kind", .string, .required)
            .field("name_kk", .string, .required)
            .field("name_ru", .string)
            .field("name_en", .string)
            .field("center_kk", .string)
            .field("center_ru", .string)
            .field("center_en", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RegionRecord.schema).delete()
    }
}
