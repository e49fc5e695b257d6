import BirlikCore
import BirlikStorage
import Vapor

/// What every handler knows about the request: who acts, in which language, and the form token.
public struct RequestContext: Sendable {
    public var actor: Actor
    public var localizer: Localizer
    /// The token every form must send back (`_csrf`).
    public var csrfToken: String
    /// The session token, when signed in through the browser.
    public var sessionToken: String?
    /// `true` when the request came with a bearer token.
    public var viaBearer: Bool

    public static let anonymous = RequestContext(actor: .anonymous, localizer: Localizer(.kk), csrfToken: "",
                                                 sessionToken: nil, viaBearer: false)
}

struct RequestContextKey: StorageKey {
    typealias Value = RequestContext
}

extension Request {
    /// The request's context, set by `ContextMiddleware`.
    public var birlik: RequestContext {
        get { storage[RequestContextKey.self] ?? .anonymous }
        set { storage[RequestContextKey.self] = newValue }
    }

    var actor: Actor { birlik.actor }
    var l10n: Localizer { birlik.localizer }

    /// The stored file named by its SHA-256 (hex), checked against it; `nil` when the name is not one or the
    /// bytes are absent. Callers check first that the actor may reach the record that names the file.
    func storedFile(_ sha256: String) async throws -> Data? {
        guard let address = ContentAddress(hex: sha256) else { return nil }
        return try await application.birlik.files.data(at: address, on: db)
    }

    /// Checks the form's `_csrf` field against the request's token.
    func requireCSRF() throws {
        let sent = (try? content.get(String.self, at: "_csrf")) ?? headers.first(name: "X-CSRF-Token") ?? ""
        guard !birlik.csrfToken.isEmpty, Self.secretsMatch(sent, birlik.csrfToken) else { throw CSRFError() }
    }

    /// `true` when a presented secret equals the expected one, compared in time that does not depend on
    /// where they differ (form tokens, the metrics token).
    static func secretsMatch(_ presented: String, _ expected: String) -> Bool {
        presented.utf8.count == expected.utf8.count && zip(presented.utf8, expected.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Runs `work` on the application's thread pool: the one way an uploaded file is unpacked or parsed,
    /// so that no file, however built, holds up the event loop that serves everyone else.
    func onThreadPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await application.threadPool.runIfActive(work)
    }

    /// The region tree, from the server's cache.
    func regions() async throws -> [Region] {
        try await RegionQueries.all(cache: application.birlik.regions, on: db)
    }

    /// The `:id` route parameter as a UUID; a malformed one names no record (404).
    func idParameter() throws -> UUID {
        guard let text = parameters.get("id"), let id = UUID(uuidString: text) else { throw DomainError.notFound }
        return id
    }

    /// A query parameter as text (`nil` when absent or empty), at most 200 Unicode scalars (a character with
    /// ten thousand combining marks is still ten thousand scalars, not one).
    func queryText(_ name: String, limit: Int = 200) -> String? {
        guard let value = try? query.get(String.self, at: name), !value.isEmpty else { return nil }
        return String(String.UnicodeScalarView(value.unicodeScalars.prefix(limit)))
    }

    /// Now, by the application's one clock.
    var now: Date { application.birlik.clock.now }

    /// Today in Kazakhstan, by the application's clock: what is overdue and what is expected is counted against it.
    var today: Day { application.birlik.clock.today }

    /// A whole-number query parameter, the one way a number is taken from a URL: `fallback` when absent or
    /// empty; a localized 422 naming the parameter and the range when it is not a whole number within
    /// `range`. Every value that comes back lies in `range`, so no arithmetic on it can overflow.
    func queryNumber(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = (try? query.get(String.self, at: name))?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return fallback }
        guard text.utf8.count <= 12, let number = Int(text), range.contains(number) else {
            throw DomainError.invalid([FieldError(name, .errorNumberRange, ["name": name, "min": String(range.lowerBound), "max": String(range.upperBound)])])
        }
        return number
    }

    /// An optional whole-number query parameter within `range` (`nil` when absent or empty).
    func queryNumber(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = (try? query.get(String.self, at: name)), !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try queryNumber(name, in: range, default: range.lowerBound)
    }

    /// The page number of a `page` query parameter: 1 when absent, at most 100,000.
    func pageNumber() throws -> Int { try queryNumber("page", in: 1...100_000, default: 1) }

    /// `true` when the request arrived over TLS (directly or through a proxy).
    var isSecure: Bool { url.scheme == "https" || headers.first(name: "X-Forwarded-Proto") == "https" }
}

/// A form came back without a valid token.
struct CSRFError: Error {}

/// Application-wide services, kept in `Application.storage`.
struct BirlikServices: Sendable {
    var configuration: BirlikConfiguration
    /// The one clock: every "now" and "today" of this application.
    var clock: BirlikClock
    var hasher: any PasswordHashing
    var files: FileStore
    var signInLimiter: RateLimiter
    /// Appeals filed from one address through the public form (none when the limit is off).
    var appealLimiter: RateLimiter?
    var metrics: Metrics
    var publicPages: PublicPageCache
    /// What serialises this application's audited writes and counts them (every cache below is dated by it).
    var gate: AuditGate
    /// Directory counts and the region tree, kept between changes.
    var counts: ReadCache<Int>
    var regions: ReadCache<[Region]>
    /// How many measures serve each strategy node.
    var nodeCounts: ReadCache<[String: Int]>
    /// Resolved session and API tokens (see `ContextMiddleware.identity`).
    var identities: ReadCache<ContextMiddleware.Identity?>
    /// Rendered dashboards per user and URL, split where the form token goes.
    var dashboards: ReadCache<[String]>
    /// The front page's figures, events and news per way of seeing the registry.
    var home: ReadCache<HomePage.Model>
    /// Imports of large files running in the background, with their progress.
    var imports: ImportJobs
    /// The national corpus index (S12).
    var corpus: CorpusLibrary

    /// The services of one application, made for it alone.
    init(configuration: BirlikConfiguration, clock: BirlikClock, hasher: any PasswordHashing, gate: AuditGate) {
        self.configuration = configuration
        self.clock = clock
        self.hasher = hasher
        self.gate = gate
        files = configuration.fileStore
        imports = ImportJobs(sharesProgress: configuration.database.isPostgres, clock: clock)
        signInLimiter = RateLimiter(limit: 10, window: 60)
        appealLimiter = configuration.appealRateLimit == 0 ? nil : RateLimiter(limit: configuration.appealRateLimit, window: 3600)
        metrics = Metrics()
        publicPages = PublicPageCache(lifetime: .seconds(Int64(configuration.pageCacheSeconds)), changeCount: { gate.changeCount })
        counts = ReadCache(gate: gate)
        regions = ReadCache(gate: gate)
        nodeCounts = ReadCache(lifetime: 30, capacity: 4, gate: gate)
        identities = ReadCache(lifetime: 5, capacity: 10_000, gate: gate)
        dashboards = ReadCache(lifetime: 5, capacity: 1_000, gate: gate)
        home = ReadCache(lifetime: 30, capacity: 256, gate: gate)
        corpus = CorpusLibrary(directory: URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("corpus"))
    }
}

struct ServicesKey: StorageKey {
    typealias Value = BirlikServices
}

extension Application {
    var birlik: BirlikServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("BirlikWeb.configure(_:_:) was not called") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

/// bcrypt through Vapor's implementation.
public struct BcryptHasher: PasswordHashing {
    public var cost: Int

    public init(cost: Int) { self.cost = cost }

    public func hash(_ password: String) throws -> String { try Bcrypt.hash(password, cost: cost) }

    public func verify(_ password: String, against hash: String) throws -> Bool {
        (try? Bcrypt.verify(password, created: hash)) ?? false
    }
}
