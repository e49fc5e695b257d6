import BirlikCore
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
    /// The terms appeals run on, in working days: `BIRLIK_APPEAL_ANSWER_DAYS` (default 15) and
    /// `BIRLIK_APPEAL_FORWARD_DAYS` (default 3), after the Administrative Procedural and Process Code, Art. 76.
    public var appealTerms: AppealTerms
    /// `BIRLIK_SMTP_URL`, `BIRLIK_SMTP_FROM` and `BIRLIK_SMTP_CA_FILE`: notices also go by e-mail (see
    /// `SMTPSettings`); none when unset.
    public var mail: SMTPSettings?
    /// `BIRLIK_PUBLIC_URL`: the address the public reaches Birlik at, for links in e-mail (`https://birlik.kz`);
    /// by default the server's own host and port.
    public var publicURL: String?
    /// `BIRLIK_APPEAL_RATE_LIMIT`: appeals one address may file through the public form in an hour
    /// (default 20; 0 turns the limit off, as the benchmark does).
    public var appealRateLimit: Int
    /// `BIRLIK_OAI_PAGE_SIZE`: records per OAI-PMH list response before a resumption token (default 100).
    public var oaiPageSize: Int

    public init(dataDirectory: String = "./data", database: DatabaseBackend? = nil, host: String = "127.0.0.1",
                port: Int = 8080, secureCookies: Bool = false, bcryptCost: Int = 12, maxBodySize: Int = 1 << 20,
                pageCacheSeconds: Int = 5, reminderSeconds: Int = 3600, demoPassword: String? = nil, metricsToken: String? = nil,
                appealTerms: AppealTerms = .standard, mail: SMTPSettings? = nil, publicURL: String? = nil,
                appealRateLimit: Int = 20, oaiPageSize: Int = 100) {
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
        self.appealTerms = appealTerms
        self.mail = mail
        self.publicURL = publicURL
        self.appealRateLimit = appealRateLimit
        self.oaiPageSize = oaiPageSize
    }

    /// The base of links sent by e-mail.
    public var linkBase: String {
        publicURL ?? "\(secureCookies ? "https" : "http")://\(host):\(port)"
    }

    /// A variable that holds what Birlik cannot use: the start stops, naming it and what it expects.
    public struct Invalid: Error, CustomStringConvertible {
        public var variable: String
        public var value: String
        public var expected: String
        public var description: String { "\(variable)=\(value.prefix(40)) is not \(expected)" }
    }

    /// The configuration the environment describes. An unset or empty variable takes its default; a
    /// variable set to something unusable stops the start with a message (never a silent default).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> BirlikConfiguration {
        func text(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        func number(_ name: String, _ range: ClosedRange<Int>, default fallback: Int) throws -> Int {
            guard let value = text(name) else { return fallback }
            guard let number = Int(value), range.contains(number) else {
                throw Invalid(variable: name, value: value, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        func flag(_ name: String) throws -> Bool {
            guard let value = text(name) else { return false }
            guard value == "0" || value == "1" else { throw Invalid(variable: name, value: value, expected: "0 or 1") }
            return value == "1"
        }
        let dataDirectory = text("BIRLIK_DATA_DIR") ?? "./data"
        if let url = text("DATABASE_URL"), !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
            throw Invalid(variable: "DATABASE_URL", value: url, expected: "a postgres:// or postgresql:// URL (unset it to use SQLite)")
        }
        var mail: SMTPSettings?
        if let url = text("BIRLIK_SMTP_URL") {
            let from = text("BIRLIK_SMTP_FROM") ?? "Birlik <no-reply@birlik.kz>"
            let trustRoots = text("BIRLIK_SMTP_CA_FILE")
            if let trustRoots, !FileManager.default.isReadableFile(atPath: trustRoots) {
                throw Invalid(variable: "BIRLIK_SMTP_CA_FILE", value: trustRoots, expected: "a readable PEM file of certificate authorities")
            }
            guard let settings = SMTPSettings(url: url, from: from, trustRoots: trustRoots) else {
                throw Invalid(variable: "BIRLIK_SMTP_URL", value: url, expected: "an smtp:// or smtps:// URL with a host")
            }
            mail = settings
        }
        if let url = text("BIRLIK_PUBLIC_URL"), !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw Invalid(variable: "BIRLIK_PUBLIC_URL", value: url, expected: "an http:// or https:// address")
        }
        return BirlikConfiguration(
            dataDirectory: dataDirectory,
            database: .from(databaseURL: text("DATABASE_URL"), dataDirectory: dataDirectory),
            host: text("BIRLIK_HOST") ?? "127.0.0.1",
            port: try number("BIRLIK_PORT", 1...65_535, default: 8080),
            secureCookies: try flag("BIRLIK_SECURE_COOKIES"),
            bcryptCost: try number("BIRLIK_BCRYPT_COST", 4...31, default: 12),
            maxBodySize: try number("BIRLIK_MAX_BODY", 1024...(1 << 30), default: 1 << 20),
            pageCacheSeconds: try number("BIRLIK_PAGE_CACHE_SECONDS", 0...3600, default: 5),
            reminderSeconds: try number("BIRLIK_REMINDER_SECONDS", 0...86_400 * 7, default: 3600),
            demoPassword: text("BIRLIK_DEMO_PASSWORD"),
            metricsToken: text("BIRLIK_METRICS_TOKEN"),
            appealTerms: AppealTerms(answerDays: try number("BIRLIK_APPEAL_ANSWER_DAYS", 1...60, default: AppealTerms.standard.answerDays),
                                     forwardDays: try number("BIRLIK_APPEAL_FORWARD_DAYS", 1...15, default: AppealTerms.standard.forwardDays)),
            mail: mail, publicURL: text("BIRLIK_PUBLIC_URL").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 },
            appealRateLimit: try number("BIRLIK_APPEAL_RATE_LIMIT", 0...100_000, default: 20),
            oaiPageSize: try number("BIRLIK_OAI_PAGE_SIZE", 1...1000, default: 100))
    }

    /// The clock the `birlik` command runs on: the machine's, or, when `BIRLIK_TODAY` names a day
    /// (`YYYY-MM-DD`), one that starts at noon of that day in Kazakhstan and runs on from there.
    public static func clock(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> BirlikClock {
        guard let text = environment["BIRLIK_TODAY"], !text.isEmpty else { return .system }
        guard let day = Day(text) else { throw Invalid(variable: "BIRLIK_TODAY", value: text, expected: "a date written YYYY-MM-DD") }
        return .running(from: day)
    }

    /// Where the demo users' generated password is written, readable by the owner only.
    public var demoPasswordFile: URL { URL(fileURLWithPath: dataDirectory).appendingPathComponent("demo-passwords.txt") }

    /// `true` when the server listens on the loopback interface only (a developer's own machine).
    public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) || host.hasPrefix("127.") }

    /// The data directory's folder of content-addressed files.
    public var filesDirectory: URL { URL(fileURLWithPath: dataDirectory).appendingPathComponent("files") }

    /// Where stored files live: in PostgreSQL when the database is one (every instance reads them there;
    /// files an older version kept in `filesDirectory` are moved in when `serve` starts), else in `filesDirectory`.
    public var fileStore: FileStore {
        database.isPostgres ? FileStore(place: .database(legacy: filesDirectory)) : FileStore(root: filesDirectory)
    }
}
