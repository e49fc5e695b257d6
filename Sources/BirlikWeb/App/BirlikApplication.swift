import BirlikStorage
import NIOPosix
import Vapor

/// Makes the Vapor application for a configuration. On SQLite the whole server runs on one event loop,
/// so that there is exactly one database connection: SQLite serialises writers anyway, and several
/// connections to one file (or one in-memory database) only add lock contention. On PostgreSQL the
/// server uses every core.
public enum BirlikApplication {
    static let embeddedGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    public static func make(_ environment: Environment, _ configuration: BirlikConfiguration) async throws -> Application {
        try await Application.make(environment, configuration.database.isPostgres ? .singleton : .shared(embeddedGroup))
    }
}
