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

    /// The Fluent configuration for this backend.
    public func configuration() throws -> DatabaseConfigurationFactory {
        switch self {
        case let .sqliteFile(path):
            return .sqlite(.file(path), maxConnectionsPerEventLoop: 1, sqlLogLevel: .debug)
        case .sqliteMemory:
            return .sqlite(.memory, maxConnectionsPerEventLoop: 1, sqlLogLevel: .debug)
        case let .postgres(url, searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let searchPath { configuration.searchPath = [searchPath] }
            return .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .debug)
        }
    }
}
