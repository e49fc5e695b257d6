import FluentKit
import SQLKit

/// The public directory's order read straight from an index: the public rows by name in each language,
/// then id. Without it, the page the public sees first (`is_public = true`, sorted by name) may be
/// planned as "every public row, then sort" on the covering visibility index.
struct AddPublicDirectoryOrder: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for column in ["sort_kk", "sort_ru", "sort_en"] {
            try await sql.create(index: "organizations_public_\(column)_idx").on(OrganizationRecord.schema)
                .column("is_public").column(column).column("id").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for column in ["sort_kk", "sort_ru", "sort_en"] {
            try await sql.drop(index: "organizations_public_\(column)_idx").run()
        }
    }
}
