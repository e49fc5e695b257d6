import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Rows of a table being imported, one at a time: a CSV streamed from disk or the rows of an XLSX sheet.
public final class TableRows: @unchecked Sendable {
    private var reader: DelimitedReader?
    private var sheet: IndexingIterator<[[String]]>?
    private var line = 0
    public let encoding: TextEncoding?
    public let delimiter: String?

    public init(csv reader: DelimitedReader) {
        self.reader = reader
        encoding = reader.encoding
        delimiter = String(UnicodeScalar(reader.delimiter))
    }

    public init(sheet rows: [[String]]) {
        self.sheet = rows.makeIterator()
        encoding = nil
        delimiter = nil
    }

    /// The next non-blank row.
    public func next() -> DelimitedReader.Row? {
        if reader != nil { return reader!.next() }
        while let fields = sheet?.next() {
            line += 1
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            return DelimitedReader.Row(line: line, fields: fields, problem: nil)
        }
        return nil
    }
}

/// Imports values from a table: every row checked by `ValueRowReader`, every problem reported by
/// row and column, and the values written in one audited transaction only when there is none, so an
/// import lands whole or not at all (a killed server leaves the database as it was). Importing the
/// same file again changes nothing.
public enum ValueImporter {
    public struct Summary: Sendable, Codable, Equatable {
        public var rows: Int
        public var values: Int
        public var changed: Int
        public var violations: [Violation]
        public var mapping: ImportMapping
        public var header: [String]
    }

    /// Reads the whole table; with `dryRun` nothing is written. Throws `ImportFailure` listing the
    /// problems, or `DomainError` when the actor may not import at all.
    public static func run(_ table: TableRows, mapping: ImportMapping? = nil, fileName: String, sha256: String, actor: Actor, dryRun: Bool,
                           catalog: StatisticsCatalog = .shared, places: PlaceDirectory = .shared,
                           progress: (@Sendable (Int) -> Void)? = nil, on db: any Database, now: Date) async throws -> Summary {
        guard actor.isSignedIn || actor == .system else { throw DomainError.signInRequired }
        guard Access.check(actor, .create, .statistics, in: Scope(organizationID: nil, regionCode: actor.regionCode, isPublic: false)) == .allowed
            || actor.role == .secretariat else { throw DomainError.forbidden }
        guard let headerRow = table.next() else { throw ImportFailure(problems: [ImportProblem(row: 1, column: "", value: "", .importNotTable)]) }
        let header = headerRow.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let mapping = mapping ?? ImportMapping.guess(header)
        let locked = try await ApprovalStore.lockedKeys(on: db)
        var reader = ValueRowReader(header: header, mapping: mapping, catalog: catalog, places: places,
                                    mayWrite: { Access.check(actor, .create, .statistics, in: Scope(organizationID: nil, regionCode: $0.code, isPublic: false)) == .allowed },
                                    isLocked: { locked.contains("\($0)|\($1)|\($2)") })
        let headerProblems = reader.headerProblems()
        if !headerProblems.isEmpty { throw ImportFailure(problems: headerProblems) }

        let state = ImportState()
        func readAll(_ write: (([DataValue]) async throws -> Void)?) async throws {
            var batch: [DataValue] = []
            while let row = table.next() {
                state.rows += 1
                if state.rows % 10_000 == 0 { progress?(state.rows) }
                switch reader.read(line: row.line, fields: row.fields, structural: row.problem) {
                case let .value(value):
                    state.values += 1
                    state.touched.insert(value.period.year)
                    state.elements.insert(value.element)
                    state.places.insert(value.place)
                    guard state.problems.isEmpty, let write else { continue }
                    batch.append(value)
                    if batch.count >= ValueTable.batch { try await write(batch); batch.removeAll(keepingCapacity: true) }
                case let .problems(found):
                    state.add(found)
                }
            }
            if state.problems.isEmpty, let write, !batch.isEmpty { try await write(batch) }
            progress?(state.rows)
        }

        if dryRun {
            try await readAll(nil)
            if !state.problems.isEmpty { throw ImportFailure(problems: state.problems, more: state.more) }
            return Summary(rows: state.rows, values: state.values, changed: 0, violations: [], mapping: mapping, header: header)
        }
        let readerBox = ReaderBox(readAll)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            try await readerBox.run { batch in
                state.changed += try await ValueTable.upsert(batch, source: .import, enteredBy: actor.displayName, at: now, on: audit.db)
            }
            if !state.problems.isEmpty { throw ImportFailure(problems: state.problems, more: state.more) }
            let id = UUID()
            if let sql = audit.db as? any SQLDatabase {
                try await sql.insert(into: ValueTable.imports)
                    .columns("id", "file_sha256", "file_name", "rows", "values", "changed", "actor_name", "at")
                    .values(SQLBind(id), SQLBind(sha256), SQLBind(fileName), SQLBind(state.rows), SQLBind(state.values), SQLBind(state.changed),
                            SQLBind(actor.displayName), SQLBind(now))
                    .run()
            }
            let summary = Summary(rows: state.rows, values: state.values, changed: state.changed,
                                  violations: try await RuleChecks.violations(years: state.touched, elements: state.elements, places: state.places,
                                                                                          actor: .system, on: audit.db),
                                  mapping: mapping, header: header)
            try await audit.record("import", "values", id: id.uuidString, before: Nothing?.none,
                                   after: ImportRecord(file: fileName, sha256: sha256, rows: state.rows, values: state.values, changed: state.changed))
            return summary
        }
    }

    struct ImportRecord: Codable, Sendable {
        var file: String
        var sha256: String
        var rows: Int
        var values: Int
        var changed: Int
    }

    /// Counters shared by the reading loop and the transaction.
    final class ImportState: @unchecked Sendable {
        var rows = 0
        var values = 0
        var changed = 0
        var problems: [ImportProblem] = []
        var more = 0
        var touched: Set<Int> = []
        var elements: Set<String> = []
        var places: Set<String> = []

        func add(_ found: [ImportProblem]) {
            for problem in found {
                if problems.count < ImportFailure.limit { problems.append(problem) } else { more += 1 }
            }
        }
    }

    /// Carries the non-Sendable reading closure into the audited transaction, which runs it once.
    final class ReaderBox: @unchecked Sendable {
        let body: ((([DataValue]) async throws -> Void)?) async throws -> Void
        init(_ body: @escaping ((([DataValue]) async throws -> Void)?) async throws -> Void) { self.body = body }
        func run(_ write: @escaping ([DataValue]) async throws -> Void) async throws { try await body(write) }
    }
}
