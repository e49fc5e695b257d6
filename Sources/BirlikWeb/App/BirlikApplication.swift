import BirlikCore
import BirlikStorage
import NIOPosix
import Vapor

/// The one way to make Birlik's application: `birlik`'s commands, the tests and `birlik-bench` all
/// call `make` (or `run`), with a configuration read once and the clock everything is to go by.
///
/// On SQLite the server runs on one event loop: the file gets one writer connection and a few reader
/// connections (see `BirlikDatabaseConfiguration`), whatever the number of cores. On PostgreSQL the
/// server uses every core. Everything else an application holds (the audit gate, caches, the rate
/// limiter, the corpus index) is made here for it alone: two applications in one process share nothing.
public enum BirlikApplication {
    /// The event loop of SQLite servers: a thread, not state.
    static let embeddedGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// A configured application: database, routes and services set up, not yet migrated or serving.
    /// `hasher` replaces bcrypt at the configured cost (tests hash at the lowest cost).
    public static func make(_ configuration: BirlikConfiguration, clock: BirlikClock, hasher: (any PasswordHashing)? = nil,
                            environment: Environment = Environment(name: "production", arguments: ["birlik"])) async throws -> Application {
        bootstrapLogging
        let app = try await Application.make(environment, configuration.database.isPostgres ? .singleton : .shared(embeddedGroup))
        do {
            try configure(app, configuration, clock: clock, hasher: hasher)
            return app
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Runs `body` with an application that is shut down afterwards. Whatever `body` changed is sealed
    /// by a signed checkpoint outside the database.
    public static func run<T>(_ configuration: BirlikConfiguration, clock: BirlikClock,
                              environment: Environment = Environment(name: "production", arguments: ["birlik"]),
                              _ body: (Application) async throws -> T) async throws -> T {
        let app = try await make(configuration, clock: clock, environment: environment)
        do {
            let result = try await body(app)
            if try await app.hasAuditLog() {
                try await AuditCheckpoints.record(dataDirectory: configuration.dataDirectory, now: clock.now, on: app.db)
            }
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Structured logs (`LOG_LEVEL` sets the level), set up once per process.
    static let bootstrapLogging: Void = {
        var environment = Environment(name: "production", arguments: ["birlik"])
        try? LoggingSystem.bootstrap(from: &environment)
    }()
}

extension Application {
    /// The clock this application was configured with.
    public var birlikClock: BirlikClock { birlik.clock }

    /// The password hasher this application was configured with.
    public var birlikHasher: any PasswordHashing { birlik.hasher }

    /// The data directory this application was configured with (files, keys).
    public var birlikDataDirectory: String { birlik.configuration.dataDirectory }

    /// The audit gate of this application's database (its change count dates every cache).
    public var auditGate: AuditGate { birlik.gate }
}
