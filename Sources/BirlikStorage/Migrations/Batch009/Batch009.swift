import FluentKit
import SQLKit

/// Batch 009: organisations' BINs; grants and awards to NGOs (S10) and the expert-review engine (S21).
struct AddOrganizationBIN: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrganizationRecord.schema).field("bin", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganizationRecord.schema).deleteField("bin").update()
    }
}

struct CreateGrants: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(GrantLotRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("year", .int, .required)
            .field("region", .string, .required)
            .field("status", .string, .required)
            .field("is_public", .bool, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(GrantCallRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(GrantApplicationRecord.schema)
            .id()
            .field("number", .string, .required)
            .field("call_id", .uuid, .required)
            .field("lot_id", .uuid, .required)
            .field("applicant_id", .uuid, .required)
            .field("region", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .unique(on: "number")
            .create()
        try await database.schema(ReviewAssignmentRecord.schema)
            .id()
            .field("subject_kind", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("reviewer_id", .uuid, .required)
            .field("status", .string, .required)
            .field("respond_by", .string, .required)
            .field("due_on", .string, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "grant_applications_call_idx").on(GrantApplicationRecord.schema).column("call_id").run()
        try await sql.create(index: "grant_applications_applicant_idx").on(GrantApplicationRecord.schema).column("applicant_id").run()
        try await sql.create(index: "review_assignments_subject_idx").on(ReviewAssignmentRecord.schema).column("subject_id").run()
        try await sql.create(index: "review_assignments_reviewer_idx").on(ReviewAssignmentRecord.schema).column("reviewer_id").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [ReviewAssignmentRecord.schema, GrantApplicationRecord.schema, GrantCallRecord.schema, GrantLotRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
