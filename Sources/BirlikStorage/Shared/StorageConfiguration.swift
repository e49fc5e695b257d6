import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Where Birlik keeps its data: an embedded SQLite file by default, PostgreSQL when `DATABASE_URL` says so.
public enum DatabaseBackend: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String, searchPath: String?)

    /// The backend named by `DATABASE_URL`, or the SQLite file in `dataDirectory`.
    public static func from(databaseURL: String?, dataDirectory: String) -> DatabaseBackend {
        if let databaseURL, databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") {
            return .postgres(url: databaseURL, searchPath: nil)
        }
        return .sqliteFile(path: (dataDirectory as NSString).appendingPathComponent("birlik.sqlite"))
    }

    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// Connections that read beside the writer of an SQLite file (see `BirlikDatabaseConfiguration`).
    public static let sqliteReaders = 3

    /// How long a request waits for SQLite's one writer connection: writes are serialised by design, so a
    /// request queued behind a long import or seed waits rather than fails (the driver's default is 10 s).
    static let sqliteWait: TimeAmount = .seconds(60)

    /// The Fluent configuration for this backend, carrying the application's `gate`.
    public func configuration(gate: AuditGate) throws -> DatabaseConfigurationFactory {
        let writer: DatabaseConfigurationFactory
        var readers: [DatabaseConfigurationFactory] = []
        switch self {
        case let .sqliteFile(path):
            writer = .sqlite(.file(path), connectionPoolTimeout: Self.sqliteWait, sqlLogLevel: .debug)
            readers = (0..<Self.sqliteReaders).map { _ in .sqlite(.file(path), connectionPoolTimeout: Self.sqliteWait, sqlLogLevel: .debug) }
        case .sqliteMemory:
            // An in-memory database exists only on its one connection.
            writer = .sqlite(.memory, connectionPoolTimeout: Self.sqliteWait, sqlLogLevel: .debug)
        case let .postgres(url, searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let searchPath { configuration.searchPath = [searchPath] }
            writer = .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .debug)
        }
        let readerFactories = readers
        return DatabaseConfigurationFactory {
            BirlikDatabaseConfiguration(writer: writer.make(), readers: readerFactories.map { $0.make() }, gate: gate)
        }
    }
}
