import BirlikStorage
import Foundation

/// Birlik's configuration, read once from the environment. See the README's "Configuration".
public struct BirlikConfiguration: Sendable {
    /// `BIRLIK_DATA_DIR`: the SQLite file and stored files live here (default `./data`).
    public var dataDirectory: String
    /// `DATABASE_URL`: a `postgres://` URL switches to PostgreSQL.
    public var database: DatabaseBackend
    /// `BIRLIK_HOST` (default `127.0.0.1`).
    public var host: String
    /// `BIRLIK_PORT` (default 8080).
    public var port: Int
    /// `BIRLIK_SECURE_COOKIES=1` marks cookies Secure; set it behind TLS (also implied by `X-Forwarded-Proto: https`).
    public var secureCookies: Bool
    /// `BIRLIK_BCRYPT_COST` (default 12).
    public var bcryptCost: Int
    /// Largest request body accepted, in bytes (`BIRLIK_MAX_BODY`, default 1 MiB).
    public var maxBodySize: Int
    /// How long the public's pages may be served from memory (`BIRLIK_PAGE_CACHE_SECONDS`, default 5;
    /// 0 turns the cache off). Any change made through this server empties it at once.
    public var pageCacheSeconds: Int
    /// How often `birlik serve` writes due-soon and overdue reminders (`BIRLIK_REMINDER_SECONDS`,
    /// default 3600; 0 turns the schedule off). Safe on every instance: each reminder is written once.
    public var reminderSeconds: Int
    /// `BIRLIK_DEMO_PASSWORD`: the demo users' password, for tests and demonstrations that need to know it;
    /// otherwise one is generated at the first start and written to `demo-passwords.txt` (owner-only).
    public var demoPassword: String?
    /// `BIRLIK_METRICS_TOKEN`: the bearer token a Prometheus scraper presents for `/metrics` (otherwise only
    /// signed-in administrators and the Secretariat read it).
    public var metricsToken: String?

    public init(dataDirectory: String = "./data", database: DatabaseBackend? = nil, host: String = "127.0.0.1",
                port: Int = 8080, secureCookies: Bool = false, bcryptCost: Int = 12, maxBodySize: Int = 1 << 20,
                pageCacheSeconds: Int = 5, reminderSeconds: Int = 3600, demoPassword: String? = nil, metricsToken: String? = nil) {
        self.dataDirectory = dataDirectory
        self.database = database ?? .sqliteFile(path: (dataDirectory as NSString).appendingPathComponent("birlik.sqlite"))
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.maxBodySize = maxBodySize
        self.pageCacheSeconds = pageCacheSeconds
        self.reminderSeconds = reminderSeconds
        self.demoPassword = demoPassword
        self.metricsToken = metricsToken
    }

    /// The configuration the environment describes.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> BirlikConfiguration {
        let dataDirectory = environment["BIRLIK_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data"
        return BirlikConfiguration(
            dataDirectory: dataDirectory,
            database: .from(databaseURL: environment["DATABASE_URL"], dataDirectory: dataDirectory),
            host: environment["BIRLIK_HOST"] ?? "127.0.0.1",
            port: environment["BIRLIK_PORT"].flatMap(Int.init) ?? 8080,
            secureCookies: environment["BIRLIK_SECURE_COOKIES"] == "1",
            bcryptCost: environment["BIRLIK_BCRYPT_COST"].flatMap(Int.init) ?? 12,
            maxBodySize: environment["BIRLIK_MAX_BODY"].flatMap(Int.init) ?? 1 << 20,
            pageCacheSeconds: environment["BIRLIK_PAGE_CACHE_SECONDS"].flatMap(Int.init) ?? 5,
            reminderSeconds: environment["BIRLIK_REMINDER_SECONDS"].flatMap(Int.init) ?? 3600,
            demoPassword: environment["BIRLIK_DEMO_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 },
            metricsToken: environment["BIRLIK_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Where the demo users' generated password is written, readable by the owner only.
    public var demoPasswordFile: URL { URL(fileURLWithPath: dataDirectory).appendingPathComponent("demo-passwords.txt") }

    /// `true` when the server listens on the loopback interface only (a developer's own machine).
    public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) || host.hasPrefix("127.") }

    /// Where content-addressed files are stored.
    public var filesDirectory: URL { URL(fileURLWithPath: dataDirectory).appendingPathComponent("files") }
}
