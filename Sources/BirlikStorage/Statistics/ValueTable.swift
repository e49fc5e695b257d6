import BirlikCore
import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit

/// The tables of the statistical database and the one way values are written to them: batched
/// upserts that leave a value untouched (and its "entered by") when the same number arrives again.
public enum ValueTable {
    public static let values = "data_values"
    public static let approvals = "data_approvals"
    public static let imports = "value_imports"
    public static let publications = "signal_publications"

    /// A value's scope in SQL: its own place (a district's value belongs to the district), never an owner.
    public static func scopeColumns() -> ScopeColumns { ScopeColumns(place: "place") }

    /// Rows per INSERT statement (12 parameters each: 24,000, under SQLite's 32,766 and PostgreSQL's 65,535).
    static let batch = 2000

    /// Writes `rows`, inserting new keys and updating changed numbers; returns how many rows were new
    /// or changed (a value that arrives again unchanged is not touched, nor is who entered it).
    static func upsert(_ rows: [DataValue], source: ValueSource, enteredBy: String, at now: Date, on db: any Database) async throws -> Int {
        if let sqlite = db as? any SQLiteDatabase {
            var changed = 0
            for start in stride(from: 0, to: rows.count, by: batch) {
                let slice = rows[start..<min(rows.count, start + batch)]
                try await sqlite.query(insertText(slice.count) + conflictClause, sqliteBinds(slice, source: source, enteredBy: enteredBy, at: now)) { _ in }
                // One connection: changes() reports this statement's inserted and updated rows.
                changed += try await sqlite.query("SELECT changes()").first?.column("changes()")?.integer ?? 0
            }
            return changed
        }
        guard let sql = db as? any SQLDatabase else { return 0 }
        let postgres = sql.dialect.name == "postgresql"
        var changed = 0
        for start in stride(from: 0, to: rows.count, by: batch) {
            var query = SQLQueryString(postgres ? "WITH written AS (" : "")
            query.appendLiteral("INSERT INTO \(ValueTable.values) (element, category, place, region, period, period_kind, year, month, value, source, entered_by, entered_at) VALUES ")
            for (index, value) in rows[start..<min(rows.count, start + batch)].enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendLiteral("(")
                query.appendInterpolation(binds: [value.element, value.category, value.place, RegionCode.topLevel(value.place) ?? RegionCode.republic,
                                                  value.period.description, value.period.kind.rawValue, value.period.year, value.period.firstMonthOrdinal,
                                                  value.value, source.rawValue, enteredBy, now])
                query.appendLiteral(")")
            }
            query.appendLiteral(" ON CONFLICT (element, category, place, period) DO UPDATE SET value = excluded.value, source = excluded.source, entered_by = excluded.entered_by, entered_at = excluded.entered_at WHERE data_values.value <> excluded.value")
            if postgres {
                query.appendLiteral(" RETURNING 1) SELECT COUNT(*) AS n FROM written")
                changed += try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
            } else {
                // One connection: changes() reports this statement's inserted and updated rows.
                try await sql.raw(query).run()
                changed += try await sql.raw("SELECT changes() AS n").first()?.decode(column: "n", as: Int.self) ?? 0
            }
        }
        return changed
    }

    /// Inserts values known to be new (generators and the benchmark): no conflict handling, nothing returned.
    public static func insertNew(_ rows: [DataValue], source: ValueSource, enteredBy: String, at now: Date, on db: any Database) async throws {
        if let sqlite = db as? any SQLiteDatabase {
            for start in stride(from: 0, to: rows.count, by: batch) {
                let slice = rows[start..<min(rows.count, start + batch)]
                try await sqlite.query(insertText(slice.count), sqliteBinds(slice, source: source, enteredBy: enteredBy, at: now)) { _ in }
            }
            return
        }
        guard let sql = db as? any SQLDatabase else { return }
        for start in stride(from: 0, to: rows.count, by: batch) {
            var query = SQLQueryString("INSERT INTO \(unsafeRaw: ValueTable.values) (element, category, place, region, period, period_kind, year, month, value, source, entered_by, entered_at) VALUES ")
            for (index, value) in rows[start..<min(rows.count, start + batch)].enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendLiteral("(")
                query.appendInterpolation(binds: [value.element, value.category, value.place, RegionCode.topLevel(value.place) ?? RegionCode.republic,
                                                  value.period.description, value.period.kind.rawValue, value.period.year, value.period.firstMonthOrdinal,
                                                  value.value, source.rawValue, enteredBy, now])
                query.appendLiteral(")")
            }
            try await sql.raw(query).run()
        }
    }

    static let columns = "element, category, place, region, period, period_kind, year, month, value, source, entered_by, entered_at"
    static let conflictClause = " ON CONFLICT (element, category, place, period) DO UPDATE SET value = excluded.value, source = excluded.source, entered_by = excluded.entered_by, entered_at = excluded.entered_at WHERE data_values.value <> excluded.value"
    static let fullBatchText = makeInsertText(batch)

    static func insertText(_ count: Int) -> String { count == batch ? fullBatchText : makeInsertText(count) }

    static func makeInsertText(_ count: Int) -> String {
        "INSERT INTO \(values) (\(columns)) VALUES " + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: count).joined(separator: ", ")
    }

    /// The parameters of a batch for SQLite, built directly (SQLKit's generic encoding casts every value dynamically).
    static func sqliteBinds(_ rows: ArraySlice<DataValue>, source: ValueSource, enteredBy: String, at now: Date) -> [SQLiteData] {
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * 12)
        let sourceText = SQLiteData.text(source.rawValue), who = SQLiteData.text(enteredBy), at = SQLiteData.float(now.timeIntervalSince1970)
        for value in rows {
            binds.append(.text(value.element)); binds.append(.text(value.category)); binds.append(.text(value.place))
            binds.append(.text(RegionCode.topLevel(value.place) ?? RegionCode.republic)); binds.append(.text(value.period.description))
            binds.append(.text(value.period.kind.rawValue)); binds.append(.integer(value.period.year)); binds.append(.integer(value.period.firstMonthOrdinal))
            binds.append(.float(value.value)); binds.append(sourceText); binds.append(who); binds.append(at)
        }
        return binds
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
