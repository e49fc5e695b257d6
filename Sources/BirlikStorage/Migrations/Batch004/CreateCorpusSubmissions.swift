import FluentKit
import SQLKit

/// Batch 004: texts submitted to the national corpus (S12).
struct CreateCorpusSubmissions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CorpusSubmissionRecord.schema)
            .id()
            .field("title", .string, .required)
            .field("author", .string, .required)
            .field("year", .int)
            .field("genre", .string, .required)
            .field("source", .string, .required)
            .field("licence", .string, .required)
            .field("sha256", .string, .required)
            .field("file_name", .string, .required)
            .field("tokens", .int, .required)
            .field("status", .string, .required)
            .field("submitted_by", .string, .required)
            .field("organization_id", .uuid)
            .field("region", .string, .required)
            .field("review_note", .string, .required)
            .field("document_id", .string)
            .field("submitted_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "corpus_submissions_status_idx").on(CorpusSubmissionRecord.schema).column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CorpusSubmissionRecord.schema).delete()
    }
}
