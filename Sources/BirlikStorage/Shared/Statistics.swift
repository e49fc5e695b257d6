import FluentKit
import SQLKit

/// Keeps the query planner's statistics current after bulk loads, so that it reads the directory in
/// index order instead of sorting every visible row.
public enum PlannerStatistics {
    public static func refresh(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("ANALYZE").run()
    }
}
