import FluentKit
import SQLKit

/// Batch 007: an account that follows appeals; the mediation agreement as PDF beside the Word file.
struct AddAppealFollower: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AppealRecord.schema).field("follower_user_id", .uuid).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "appeals_follower_idx").on(AppealRecord.schema).column("follower_user_id").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.drop(index: "appeals_follower_idx").run() }
        try await database.schema(AppealRecord.schema).deleteField("follower_user_id").update()
    }
}

/// The mediation agreement printed to PDF beside the Word file.
struct AddMediationAgreementPDF: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MediationCaseRecord.schema).field("agreement_pdf_sha256", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MediationCaseRecord.schema).deleteField("agreement_pdf_sha256").update()
    }
}
