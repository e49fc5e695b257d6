import Atomics
import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import SQLKit
import SQLiteKit

/// Birlik's database as Fluent opens it: the backend's own configuration, the application's
/// `AuditGate`, and on an SQLite file a few read connections beside the one writer.
///
/// SQLite allows one writer at a time; with write-ahead logging, readers on other connections go on
/// reading the last committed state while it writes. So a long import, which holds the writer for
/// its whole transaction, never holds up the pages: every read that is not part of a transaction
/// goes to a reader connection, everything else (writes, transactions, schema) to the writer.
struct BirlikDatabaseConfiguration: DatabaseConfiguration {
    var writer: any DatabaseConfiguration
    let readers: [any DatabaseConfiguration]
    let gate: AuditGate

    var middleware: [any AnyModelMiddleware] {
        get { writer.middleware }
        set { writer.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        let writer = writer.makeDriver(for: databases)
        guard !readers.isEmpty else { return writer }
        return SplitSQLiteDriver(writer: writer, readers: readers.map { $0.makeDriver(for: databases) })
    }
}

/// The SQLite writer and its readers, handed out in turn.
struct SplitSQLiteDriver: DatabaseDriver {
    let writer: any DatabaseDriver
    let readers: [any DatabaseDriver]
    private let turn = ManagedCounter()

    init(writer: any DatabaseDriver, readers: [any DatabaseDriver]) {
        self.writer = writer
        self.readers = readers
    }

    func makeDatabase(with context: DatabaseContext) -> any Database {
        SplitSQLiteDatabase(writer: writer.makeDatabase(with: context),
                            reader: readers[turn.next() % readers.count].makeDatabase(with: context))
    }

    func shutdown() {
        writer.shutdown()
        readers.forEach { $0.shutdown() }
    }

    func shutdownAsync() async {
        await writer.shutdownAsync()
        for reader in readers { await reader.shutdownAsync() }
    }
}

/// One request's view of the split SQLite database: plain reads on a reader, the rest on the writer.
/// A transaction runs wholly on the writer, so what it reads is what it is about to change.
struct SplitSQLiteDatabase: Database, SQLDatabase, SQLiteDatabase {
    let writer: any Database
    let reader: any Database

    var context: DatabaseContext { writer.context }
    var inTransaction: Bool { false }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        switch query.action {
        case .read, .aggregate: reader.execute(query: query, onOutput: onOutput)
        default: writer.execute(query: query, onOutput: onOutput)
        }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { writer.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { writer.execute(enum: `enum`) }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        writer.transaction(closure)
    }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        writer.withConnection(closure)
    }

    // SQLDatabase: a statement that only reads goes to the reader.

    private var writerSQL: any SQLDatabase { writer as! any SQLDatabase }
    private var readerSQL: any SQLDatabase { reader as! any SQLDatabase }

    var dialect: any SQLDialect { writerSQL.dialect }
    var version: (any SQLDatabaseReportedVersion)? { writerSQL.version }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        (onlyReads(query) ? readerSQL : writerSQL).execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await (onlyReads(query) ? readerSQL : writerSQL).execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await writerSQL.withSession(closure)
    }

    /// A SELECT that asks nothing of the connection itself (`changes()` and `last_insert_rowid()`
    /// answer for the connection that wrote, so they stay on the writer).
    private func onlyReads(_ query: any SQLExpression) -> Bool {
        if query is SQLSelect || query is SQLUnion { return true }
        let text = writerSQL.serialize(query).sql
        let head = text.drop { $0.isWhitespace || $0 == "(" }.prefix(6).uppercased()
        guard head == "SELECT" else { return false }
        return !text.localizedCaseInsensitiveContains("changes()") && !text.localizedCaseInsensitiveContains("last_insert_rowid()")
    }

    // SQLiteDatabase: the driver's own calls (bulk inserts, `changes()`) belong to the writer.

    private var writerSQLite: any SQLiteDatabase { writer as! any SQLiteDatabase }

    func query(_ query: String, _ binds: [SQLiteData], logger: Logger, _ onRow: @escaping @Sendable (SQLiteRow) -> Void) -> EventLoopFuture<Void> {
        writerSQLite.query(query, binds, logger: logger, onRow)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        writerSQLite.withConnection(closure)
    }
}

/// A thread-safe counter that only goes up (wrapping).
final class ManagedCounter: Sendable {
    private let value = ManagedAtomic<Int>(0)
    func next() -> Int { value.loadThenWrappingIncrement(ordering: .relaxed) & Int.max }
}
