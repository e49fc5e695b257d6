import BirlikCore
import BirlikStorage
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import Testing

/// Birlik's database without the web application: what the storage tests run on. Migrated and seeded
/// as the server's start does it, on the test clock; no Vapor application is booted.
public struct TestDatabase: Sendable, HoldsBirlikDatabase {
    public let db: any Database
    public let clock: BirlikClock
}

/// Runs `body` on a migrated database with the reference data (and by default the demo set) on
/// `backend`, then tears it down. PostgreSQL runs get a schema of their own.
public func withDatabase<T>(_ backend: TestBackend = .sqlite, demo: Bool = true, seed: Bool = true,
                            _ body: (TestDatabase) async throws -> T) async throws -> T {
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let backendConfiguration: DatabaseBackend
    switch backend {
    case .sqlite: backendConfiguration = .sqliteMemory
    case .postgres:
        guard let url = TestBackend.postgresURL else { fatalError("BIRLIK_TEST_POSTGRES_URL is not set") }
        backendConfiguration = .postgres(url: url, searchPath: String(schema))
    }
    // One event loop: an in-memory SQLite database lives on its one connection.
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let threadPool = NIOThreadPool(numberOfThreads: 2)
    threadPool.start()
    let databases = Databases(threadPool: threadPool, on: group)
    var logger = Logger(label: "birlik.test")
    logger.logLevel = .warning
    let loop = group.any()
    func shutdown() async {
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
        try? await group.shutdownGracefully()
    }
    do {
        databases.use(try backendConfiguration.configuration(gate: AuditGate()), as: .birlik, isDefault: true)
        let db = try #require(databases.database(.birlik, logger: logger, on: loop))
        if backend == .postgres { try await (db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(unsafeRaw: String(schema))").run() }
        let migrations = Migrations()
        migrations.add(BirlikMigrations.all)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: loop, migrationLogLevel: .debug)
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
        if seed { try await Seeding.load(clock: TestClock.clock, hasher: testHasher, demoPassword: demo ? DemoUsers.password : nil, on: db) }
        let result = try await body(TestDatabase(db: db, clock: TestClock.clock))
        if backend == .postgres { try await (db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: String(schema)) CASCADE").run() }
        await shutdown()
        return result
    } catch {
        await shutdown()
        throw error
    }
}

/// Anything that holds Birlik's database: the web application and the storage tests' `TestDatabase`.
public protocol HoldsBirlikDatabase {
    var db: any Database { get }
}

extension HoldsBirlikDatabase {
    /// The acting user behind a demo e-mail, for tests that call stores and queries directly.
    public func actor(_ email: String) async throws -> Actor {
        let user = try #require(try await UserRecord.query(on: db).filter(\.$email == email).first(), "no user \(email)")
        return try await UserStore.actor(for: user, on: db)
    }

    /// The id of an organisation by its registry code.
    public func organizationID(_ code: String) async throws -> UUID {
        try #require(try await OrganizationRecord.query(on: db).filter(\.$code == code).first()?.id, "no organisation \(code)")
    }
}
