import BirlikCore
import BirlikStorage
import Fluent
import SQLKit
import Vapor

/// Sets Birlik up on a Vapor application: database, migrations, middleware, routes, services
/// (called by `BirlikApplication.make` only).
func configure(_ app: Application, _ configuration: BirlikConfiguration, clock: BirlikClock,
                      hasher: (any PasswordHashing)? = nil) throws {
    app.http.server.configuration.hostname = configuration.host
    app.http.server.configuration.port = configuration.port
    // A connection that sends nothing for 30 s is closed: half-sent requests cannot hold the server's connections.
    app.http.server.configuration.idleTimeout = .seconds(30)
    app.routes.defaultMaxBodySize = ByteCount(integerLiteral: configuration.maxBodySize)
    if case let .sqliteFile(path) = configuration.database {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    }
    let gate = AuditGate()
    app.databases.use(try configuration.database.configuration(gate: gate), as: .birlik)
    app.migrations.add(BirlikMigrations.all)
    app.birlik = BirlikServices(configuration: configuration, clock: clock,
                                hasher: hasher ?? BcryptHasher(cost: configuration.bcryptCost), gate: gate)
    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(SecurityHeaders())
    app.middleware.use(ErrorMapping())
    app.middleware.use(ContextMiddleware())
    if configuration.pageCacheSeconds > 0 { app.middleware.use(PublicPageCacheMiddleware()) }
    routes(app)
}

/// Registers every part's routes. Each part adds one line.
func routes(_ app: Application) {
    app.get(.home, use: HomePage.handle)
    app.get(.stylesheet, use: Stylesheet.handle)
    app.get(.regions, use: RegionsPage.handle)
    app.get(.audit, use: AuditPage.handle)
    OperationsController.register(app)
    AccessController.register(app)
    UsersController.register(app)
    RegistryController.register(app)
    PlanningController.register(app)
    ReportingController.register(app)
    ControlController.register(app)
    StatisticsController.register(app)
    EarlyWarningController.register(app)
    AppealsController.register(app)
    WorkingCalendarController.register(app)
    MediationController.register(app)
    PublicControlController.register(app)
    CharityController.register(app)
    GrantsController.register(app)
    EventsController.register(app)
    OpenDataController.register(app)
    NewsController.register(app)
    EncyclopediaController.register(app)
    MediaPlanController.register(app)
    LibraryController.register(app)
    CoursesController.register(app)
    CertificatesController.register(app)
    CooperationController.register(app)
    YouthController.register(app)
    PracticesController.register(app)
    OAIController.register(app)
    ReviewsController.register(app)
    CorpusController.register(app)
    CorpusSubmissionsController.register(app)
    MonitoringController.register(app)
    AnnualReportPage.register(app)
    RegistryAPI.register(app)
    ControlLoopAPI.register(app)
    OpenAPIDocument.register(app)
}

extension DatabaseID {
    /// Birlik's one database.
    public static let birlik = DatabaseID(string: "birlik")
}

/// Brings a database up to date: migrations, then the reference data, then (when asked) the demo set.
public enum Boot {
    /// With `demoPassword`, the demo set is loaded (into a database that has none) with that password.
    public static func prepare(_ app: Application, demoPassword: String?) async throws {
        if case .sqliteFile = app.birlik.configuration.database, let sql = app.db as? any SQLDatabase {
            // Write-ahead logging lets commands such as `birlik backup` read while the server writes; a
            // 64 MiB page cache on the server's one connection keeps the registry in memory.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            try await sql.raw("PRAGMA cache_size=-65536").run()
        }
        try await app.autoMigrate()
        // A new demo tells open data's story too: a first version of every dataset a year ago, from the
        // reference data alone, and a second today with the demo's content.
        let demoUsers = try await UserRecord.query(on: app.db).filter(\.$isDemo == true).count()
        let freshDemo = demoPassword != nil && demoUsers == 0
        if freshDemo {
            try await ReferenceSeed.load(now: app.birlik.clock.now, on: app.db)
            try await OpenDataController.publishAll(app, note: "Бірінші жариялым: анықтамалық деректер. Первая публикация: справочные данные.",
                                                    now: app.birlik.clock.now.addingTimeInterval(-365 * 86_400))
        }
        try await Seeding.load(clock: app.birlik.clock, hasher: app.birlik.hasher, demoPassword: demoPassword, on: app.db)
        if demoPassword != nil {
            try await LibrarySeed.loadDemo(files: app.birlik.files, now: app.birlik.clock.now, on: app.db)
            try await CourseSeed.loadDemo(now: app.birlik.clock.now, dataDirectory: app.birlikDataDirectory, on: app.db)
            try await CooperationSeed.loadDemo(now: app.birlik.clock.now, on: app.db)
            try await YouthSeed.loadDemo(now: app.birlik.clock.now, on: app.db)
            try await PracticeSeed.loadDemo(now: app.birlik.clock.now, on: app.db)
        }
        if freshDemo {
            try await OpenDataController.publishAll(app, note: "Демо деректері қосылды. Добавлены демонстрационные данные.", now: app.birlik.clock.now)
        }
    }
}

/// The stylesheet, read once.
enum Stylesheet {
    static let css: String = {
        guard let url = Bundle.module.url(forResource: "birlik", withExtension: "css", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    static func handle(_ request: Request) -> Response {
        let response = Response(status: .ok, body: .init(string: css))
        response.headers.replaceOrAdd(name: .contentType, value: "text/css; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
