import BirlikCore
import BirlikStorage
import BirlikWeb
import Fluent
import FluentKit
import Foundation
import SQLKit
import Vapor
import Testing
import VaporTesting

/// The databases a test can run on: in-memory SQLite always, PostgreSQL when
/// `BIRLIK_TEST_POSTGRES_URL` names a server (CI always sets it).
public enum TestBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    public var testDescription: String { rawValue }

    /// The backends enabled in this run.
    public static var enabled: [TestBackend] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["BIRLIK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// The day every test runs on: `BIRLIK_TEST_TODAY` (`YYYY-MM-DD`) when set, so that CI can run the
/// suites on other dates too, and 29 November 2026 otherwise. Nothing in a test reads the machine's clock.
public enum TestClock {
    public static let today: Day = {
        guard let text = ProcessInfo.processInfo.environment["BIRLIK_TEST_TODAY"], !text.isEmpty else {
            return Day(year: 2026, month: 11, day: 29)
        }
        guard let day = Day(text) else { fatalError("BIRLIK_TEST_TODAY must be a date written YYYY-MM-DD, got \(text)") }
        return day
    }()

    /// The clock every test application runs on: noon of `today` in Kazakhstan.
    public static let clock = BirlikClock.fixed(today)

    /// The instant of the test clock.
    public static var now: Date { clock.now }
}

/// The codes of the demo records laid around the test clock's day.
public enum DemoPlans {
    /// Almaty's current plan (last year to next year), with reports in every state.
    public static var almaty: String { ControlLoopSeed.almatyPlanCode(today: TestClock.today) }
    /// Astana's draft plan.
    public static var astanaDraft: String { ControlLoopSeed.astanaDraftCode(today: TestClock.today) }
    /// An instruction on control whose deadline has passed (given two years ago).
    public static var overdueInstruction: String { "\(TestClock.today.year - 2)-03" }
}

/// A password hasher with bcrypt's lowest cost, so that seeding users stays fast in tests.
public let testHasher = BcryptHasher(cost: 4)

/// Builds a migrated application with the reference data (and by default the demo set) on `backend`,
/// runs `body`, and tears everything down. PostgreSQL runs get a schema of their own; SQLite runs are in
/// memory unless `onDisk` asks for a file (with its reader connections beside the writer). `clock` is the
/// test clock unless a test needs one day whatever `BIRLIK_TEST_TODAY` says (the page snapshots).
public func withBirlik<T>(_ backend: TestBackend = .sqlite, demo: Bool = true, seed: Bool = true, onDisk: Bool = false,
                          clock: BirlikClock = TestClock.clock, mail: SMTPSettings? = nil, configure: (inout BirlikConfiguration) -> Void = { _ in },
                          _ body: (Application) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let database: DatabaseBackend
    switch backend {
    case .sqlite: database = onDisk ? .sqliteFile(path: directory.appendingPathComponent("birlik.sqlite").path) : .sqliteMemory
    case .postgres:
        guard let url = TestBackend.postgresURL else { fatalError("BIRLIK_TEST_POSTGRES_URL is not set") }
        database = .postgres(url: url, searchPath: String(schema))
    }
    var configuration = BirlikConfiguration(dataDirectory: directory.path, database: database, mail: mail)
    configure(&configuration)
    let app = try await BirlikApplication.make(configuration, clock: clock, hasher: testHasher, environment: .testing)
    app.logger.logLevel = .warning
    // A browser driven on a machine busy with every other suite can take more than the production 30 s between
    // a page and its form's post, and Chromium does not resend a POST on a keep-alive connection the server closed.
    app.http.server.configuration.idleTimeout = .seconds(300)
    do {
        if backend == .postgres {
            try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(unsafeRaw: String(schema))").run()
        }
        if seed { try await Boot.prepare(app, demoPassword: demo ? DemoUsers.password : nil) } else { try await app.autoMigrate() }
        let result = try await body(app)
        if backend == .postgres {
            try await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: String(schema)) CASCADE").run()
        }
        try await app.asyncShutdown()
        try? FileManager.default.removeItem(at: directory)
        return result
    } catch {
        try? await app.asyncShutdown()
        try? FileManager.default.removeItem(at: directory)
        throw error
    }
}

/// Signed-in identities for HTTP tests.
public struct Identity: Sendable {
    public var headers: HTTPHeaders
    public var csrf: String
    public var actor: Actor

    /// The public: no cookie, a form token in a cookie of its own.
    public static let anonymous: Identity = {
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: "birlik_csrf=anonymous-form-token-0123456789abcdef")
        return Identity(headers: headers, csrf: "anonymous-form-token-0123456789abcdef", actor: .anonymous)
    }()
}

extension Application {
    /// A browser session for the user with `email`.
    public func session(_ email: String) async throws -> Identity {
        let user = try #require(try await UserRecord.query(on: db).filter(\.$email == email).first(), "no user \(email)")
        let issued = try await TokenStore.issue(for: try user.requireID(), kind: .session, lifetime: 3600, now: birlikClock.now, on: db)
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: "birlik_session=\(issued.token)")
        return Identity(headers: headers, csrf: issued.csrfToken, actor: try await UserStore.actor(for: user, on: db))
    }

    /// An API bearer token for the user with `email`.
    public func bearer(_ email: String) async throws -> Identity {
        let user = try #require(try await UserRecord.query(on: db).filter(\.$email == email).first(), "no user \(email)")
        let issued = try await TokenStore.issue(for: try user.requireID(), kind: .api, lifetime: 3600, now: birlikClock.now, on: db)
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: issued.token)
        return Identity(headers: headers, csrf: "", actor: try await UserStore.actor(for: user, on: db))
    }

    /// Sends a request and returns the response.
    public func request(_ method: HTTPMethod, _ path: String, as identity: Identity = .anonymous,
                        headers extra: HTTPHeaders = [:], form: [String: String]? = nil, json: String? = nil,
                        body: ByteBuffer? = nil, overNetwork: Bool = false) async throws -> TestingHTTPResponse {
        var headers = identity.headers
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        var buffer = body
        if let form {
            headers.contentType = .urlEncodedForm
            let encoded = form.sorted { $0.key < $1.key }.map { key, value in
                "\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
            }.joined(separator: "&")
            buffer = ByteBuffer(string: encoded)
        }
        if let json {
            headers.contentType = .json
            buffer = ByteBuffer(string: json)
        }
        let tester = try overNetwork ? testing(method: .running(hostname: "127.0.0.1", port: 0)) : testing()
        return try await tester.sendRequest(method, path, headers: headers, body: buffer)
    }
}

extension TestingHTTPResponse {
    /// The body as text.
    public var text: String { String(buffer: body) }
}

/// The demo users by role.
public enum DemoUsers {
    /// The password the test applications give every demo user (`BIRLIK_DEMO_PASSWORD` for a `birlik` process).
    public static let password = "Birlik-demo-2025"

    public static let admin = "admin@birlik.kz"
    public static let secretariat = "secretariat@birlik.kz"
    public static let almaty = "almaty@birlik.kz"
    public static let abai = "abai@birlik.kz"
    public static let executor = "executor@birlik.kz"
    public static let akimat = "akimat@birlik.kz"
    public static let council = "council@birlik.kz"
    public static let mediator = "mediator@birlik.kz"
    public static let association = "association@birlik.kz"
    public static let citizen = "citizen@birlik.kz"
}

/// Records an issue unless `body` throws exactly `expected`.
public func expectFailure<T>(_ expected: DomainError, sourceLocation: SourceLocation = #_sourceLocation,
                             _ body: () async throws -> T) async {
    do {
        _ = try await body()
        Issue.record("expected \(expected), but it succeeded", sourceLocation: sourceLocation)
    } catch let error as DomainError {
        if error != expected { Issue.record("expected \(expected), got \(error)", sourceLocation: sourceLocation) }
    } catch {
        Issue.record("expected \(expected), got \(error)", sourceLocation: sourceLocation)
    }
}

/// Records an issue unless `body` throws `DomainError.invalid` naming exactly the fields `fields`.
public func expectInvalid<T>(_ fields: Set<String>, sourceLocation: SourceLocation = #_sourceLocation,
                             _ body: () async throws -> T) async {
    do {
        _ = try await body()
        Issue.record("expected problems with \(fields.sorted()), but it succeeded", sourceLocation: sourceLocation)
    } catch let DomainError.invalid(problems) {
        let named = Set(problems.map(\.field))
        if named != fields { Issue.record("expected problems with \(fields.sorted()), got \(named.sorted())", sourceLocation: sourceLocation) }
    } catch {
        Issue.record("expected problems with \(fields.sorted()), got \(error)", sourceLocation: sourceLocation)
    }
}

extension Application: HoldsBirlikDatabase {
    /// A browser session for `email`, or the public when `email` is `nil`.
    public func identity(_ email: String?) async throws -> Identity {
        guard let email else { return .anonymous }
        return try await session(email)
    }
}
