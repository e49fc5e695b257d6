import BirlikWeb
import BirlikStorage
import Vapor

/// A Birlik server on a generated registry, started inside the benchmark process.
final class BenchmarkServer: @unchecked Sendable {
    let app: Application
    let baseURL: String

    /// Migrates, loads the reference data plus `organizations` generated ones, and starts serving.
    static func start(_ configuration: BirlikConfiguration, organizations: Int) async throws -> BenchmarkServer {
        let app = try await BirlikApplication.make(configuration, clock: .system, environment: Environment(name: "production", arguments: ["birlik-bench"]))
        app.logger.logLevel = .error
        do {
            try await Boot.prepare(app, demoPassword: nil)
            try await BenchSeed.load(count: organizations, now: app.birlikClock.now, on: app.db)
            try app.server.start()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return BenchmarkServer(app: app, baseURL: "http://\(configuration.host):\(configuration.port)")
    }

    init(app: Application, baseURL: String) {
        self.app = app
        self.baseURL = baseURL
    }

    /// The number of organisations in the database.
    func organizationCount() async throws -> Int {
        try await OrganizationRecord.query(on: app.db).count()
    }

    func stop() async throws {
        // Let requests still queued from the load generator finish before the services go away.
        try await Task.sleep(for: .seconds(3))
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

extension Application {
    /// A Secretariat account for the load generator and its session cookie, valid for a day.
    func benchSecretariatSession() async throws -> String {
        let user = try await UserStore.create(email: "bench-secretariat@birlik.kz", password: "Bench-password-2025", role: .secretariat,
                                              organizationCode: "apk-secretariat", displayName: "Bench", isDemo: true,
                                              hasher: birlikHasher, actor: .system, on: db, now: birlikClock.now)
        let session = try await TokenStore.issue(for: try user.requireID(), kind: .session, lifetime: 86_400, now: birlikClock.now, on: db)
        return "birlik_session=\(session.token)"
    }
}
