import FluentKit

struct CreateSignedDocuments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SignedDocumentRecord.schema)
            .field("sha256", .string, .identifier(auto: false))
            .field("signature", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignedDocumentRecord.schema).delete()
    }
}
