import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// The tables of the statistical database and the one way values are written to them: batched
/// upserts that leave a value untouched (and its "entered by") when the same number arrives again.
public enum ValueTable {
    public static let values = "data_values"
    public static let approvals = "data_approvals"
    public static let imports = "value_imports"
    public static let publications = "signal_publications"

    /// Rows per INSERT statement (13 parameters each, well under SQLite's and PostgreSQL's limits).
    static let batch = 500

    /// Writes `values`, inserting new keys and updating changed numbers; returns how many rows were new or changed.
    static func upsert(_ rows: [DataValue], source: ValueSource, enteredBy: String, at now: Date, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        var changed = 0
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(rows.count, start + batch)]
            start += batch
            var query = SQLQueryString("INSERT INTO \(unsafeRaw: ValueTable.values) (element, category, place, region, period, period_kind, year, month, value, source, entered_by, entered_at) VALUES ")
            var first = true
            for value in slice {
                if !first { query.appendLiteral(", ") }
                first = false
                let region = RegionCode.topLevel(value.place) ?? RegionCode.republic
                query.appendLiteral("(")
                query.appendInterpolation(binds: [value.element, value.category, value.place, region, value.period.description,
                                                  value.period.kind.rawValue, value.period.year, value.period.firstMonthOrdinal,
                                                  value.value, source.rawValue, enteredBy, now])
                query.appendLiteral(")")
            }
            query.appendLiteral(" ON CONFLICT (element, category, place, period) DO UPDATE SET value = excluded.value, source = excluded.source, entered_by = excluded.entered_by, entered_at = excluded.entered_at WHERE data_values.value <> excluded.value RETURNING element")
            changed += try await sql.raw(query).all().count
        }
        return changed
    }

    /// Removes the values with these keys (element, category, place, period); returns how many existed.
    static func delete(_ keys: [DataValue], on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        var removed = 0
        for value in keys {
            removed += try await sql.raw("DELETE FROM \(unsafeRaw: ValueTable.values) WHERE element = \(bind: value.element) AND category = \(bind: value.category) AND place = \(bind: value.place) AND period = \(bind: value.period.description) RETURNING element").all().count
        }
        return removed
    }
}
