import BirlikWeb
import BirlikCore
import BirlikStorage
import Fluent
import Foundation
import SQLKit
import Vapor

/// The control loop at national scale inside the benchmark process: the generated data, a signed-in
/// Secretariat session for the load generator, and timings of the dashboards' aggregates against
/// hand-written SQL computing the same figures.
final class ControlLoopBenchmark: @unchecked Sendable {
    let app: Application
    let baseURL: String
    let sessionCookie: String
    let summary: NationalScaleSeed.Summary
    let seedSeconds: Double

    static func start(_ configuration: BirlikConfiguration, fraction: Double) async throws -> ControlLoopBenchmark {
        let app = try await BirlikApplication.make(configuration, clock: .system, environment: Environment(name: "production", arguments: ["birlik-bench"]))
        app.logger.logLevel = .error
        do {
            try await Boot.prepare(app, demoPassword: nil)
            let started = Stopwatch()
            let summary = try await NationalScaleSeed.load(fraction: fraction, today: app.birlikClock.today, on: app.db)
            let seedSeconds = started.seconds
            let sessionCookie = try await app.benchSecretariatSession()
            try app.server.start()
            return ControlLoopBenchmark(app: app, baseURL: "http://\(configuration.host):\(configuration.port)",
                                        sessionCookie: sessionCookie, summary: summary, seedSeconds: seedSeconds)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// A new, empty database on the PostgreSQL server of `url`, for one run; returns its URL.
    static func freshDatabase(_ url: String) async throws -> String {
        let name = "birlik_bench_\(UInt32.random(in: 0..<UInt32.max))"
        let configuration = BirlikConfiguration(dataDirectory: FileManager.default.temporaryDirectory.path,
                                                database: .from(databaseURL: url, dataDirectory: ""))
        let app = try await BirlikApplication.make(configuration, clock: .system, environment: Environment(name: "production", arguments: ["birlik-bench"]))
        do {
            try await (app.db as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: name)").run()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return url.components(separatedBy: "/").dropLast().joined(separator: "/") + "/" + name
    }

    init(app: Application, baseURL: String, sessionCookie: String, summary: NationalScaleSeed.Summary, seedSeconds: Double) {
        self.app = app; self.baseURL = baseURL; self.sessionCookie = sessionCookie; self.summary = summary; self.seedSeconds = seedSeconds
    }

    /// One aggregate measured both ways: Birlik's function and a hand-written query, median milliseconds.
    struct Timing: Sendable {
        var name: String
        var birlik: Double
        var handWritten: Double
        var agree: Bool
    }

    static func median(_ runs: Int = 5, _ body: () async throws -> Void) async throws -> Double {
        try await body()
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        return times.sorted()[runs / 2]
    }

    func timings() async throws -> [Timing] {
        let db = app.db
        let sql = db as! any SQLDatabase
        let today = app.birlikClock.today
        let secretariat = Actor(userID: UUID(), role: .secretariat, organizationID: nil, regionCode: RegionCode.republic, displayName: "bench")
        let almaty = Actor(userID: UUID(), role: .regionalCoordinator, organizationID: nil, regionCode: "KZ-75", displayName: "bench")
        let akimat = try await OrganizationRecord.query(on: db).filter(\.$code == "akimat-kz-75").first()!.id!
        let executor = Actor(userID: UUID(), role: .executor, organizationID: akimat, regionCode: "KZ-75", displayName: "bench")
        let sums = """
            COUNT(*) AS expected, SUM(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END) AS accepted, SUM(on_time) AS on_time, \
            SUM(CASE WHEN status IN ('notStarted', 'draft', 'returned') THEN 1 ELSE 0 END) AS overdue, \
            SUM(CASE WHEN is_lead THEN score ELSE 0.0 END) AS score_sum, SUM(CASE WHEN is_lead THEN 1 ELSE 0 END) AS lead_expected
            """
        let expected = "(status IN ('submitted', 'accepted') OR due_date < '\(today.description)')"
        func hand(_ query: String) async throws -> [SQLRow] {
            // `?` stands for the executor's id, bound as the driver stores UUIDs.
            let parts = query.components(separatedBy: "?")
            var string = SQLQueryString(parts[0])
            for part in parts.dropFirst() {
                string.appendInterpolation(bind: akimat)
                string.appendInterpolation(unsafeRaw: part)
            }
            return try await sql.raw(string).all()
        }
        /// Reads every figure of every row, as Birlik does, and returns the expected total.
        func count(_ rows: [SQLRow]) -> Int {
            rows.reduce(0) { total, row in
                for column in ["accepted", "on_time", "overdue", "lead_expected"] where row.contains(column: column) {
                    _ = try? row.decode(column: column, as: Int?.self)
                }
                if row.contains(column: "score_sum") { _ = try? row.decode(column: "score_sum", as: Double?.self) }
                for column in ["executor_region", "task_code"] where row.contains(column: column) { _ = try? row.decode(column: column, as: String.self) }
                return total + ((try? row.decode(column: "expected", as: Int.self)) ?? 0)
            }
        }
        var result: [Timing] = []
        func measure(_ name: String, _ ours: @escaping () async throws -> Int, _ query: String) async throws {
            var mine = 0, theirs = 0
            let birlik = try await Self.median { mine = try await ours() }
            let handWritten = try await Self.median { theirs = count(try await hand(query)) }
            result.append(Timing(name: name, birlik: birlik, handWritten: handWritten, agree: mine == theirs))
        }
        let all = DashboardQueries.Filter(asOf: today)
        try await measure("Secretariat: the republic's rates", { try await DashboardQueries.total(all, actor: secretariat, on: db).expected },
                          "SELECT \(sums) FROM reports WHERE \(expected)")
        try await measure("Secretariat: rates by territory", {
            try await DashboardQueries.rates(by: .territory, all, actor: secretariat, on: db).values.reduce(0) { $0 + $1.expected }
        }, "SELECT executor_region, \(sums) FROM reports WHERE \(expected) GROUP BY executor_region")
        try await measure("Secretariat: rates by task (rolled up the tree)", {
            let nodes = try await DashboardQueries.byStrategyNode(all, actor: secretariat, on: db)
            return StrategyTree.shared.servable.filter { $0.kind == .task }.reduce(0) { $0 + (nodes[$1.code]?.rates.expected ?? 0) }
        }, "SELECT mt.task_code, COUNT(*) AS expected, SUM(CASE WHEN r.status = 'accepted' THEN 1 ELSE 0 END) AS accepted, SUM(r.on_time) AS on_time, "
            + "SUM(CASE WHEN r.status IN ('notStarted', 'draft', 'returned') THEN 1 ELSE 0 END) AS overdue, "
            + "SUM(CASE WHEN r.is_lead THEN r.score ELSE 0.0 END) AS score_sum, SUM(CASE WHEN r.is_lead THEN 1 ELSE 0 END) AS lead_expected FROM reports r JOIN measure_tasks mt ON mt.measure_id = r.measure_id "
            + "WHERE (r.status IN ('submitted', 'accepted') OR r.due_date < '\(today.description)') AND mt.task_code IN ("
            + StrategyTree.shared.servable.filter { $0.kind == .task }.map { "'\($0.code)'" }.joined(separator: ", ") + ") GROUP BY mt.task_code")
        let region = DashboardQueries.Filter(asOf: today, regionCode: "KZ-75")
        try await measure("Coordinator (Almaty): the region's rates", { try await DashboardQueries.total(region, actor: almaty, on: db).expected },
                          "SELECT \(sums) FROM reports WHERE \(expected) AND (executor_region = 'KZ-75' OR executor_region LIKE 'KZ-75-%')")
        let own = DashboardQueries.Filter(asOf: today, executorID: akimat)
        try await measure("Executor (Almaty akimat): its rates", { try await DashboardQueries.total(own, actor: executor, on: db).expected },
                          "SELECT \(sums) FROM reports WHERE \(expected) AND executor_id = ?")
        // The lists a signed-in analyst opens: what the controllers read (rows, counts, figures, executors'
        // names) against one hand-written query returning the same rows with the same figures.
        try await measure("Secretariat: the plans list", {
            let plans = try await PlanQueries.list(actor: secretariat, on: db)
            _ = try await PlanQueries.measureCounts(on: db)
            let figures = try await DashboardQueries.rates(by: .plan, all, actor: secretariat, on: db)
            return plans.reduce(0) { $0 + (figures[$1.id.uuidString]?.expected ?? 0) }
        }, "SELECT p.id, p.code, p.title_kk, p.region_code, p.start_year, p.end_year, p.status, "
            + "(SELECT COUNT(*) FROM measures m WHERE m.plan_id = p.id) AS measure_count, COALESCE(f.expected, 0) AS expected, "
            + "f.accepted, f.on_time, f.overdue, f.score_sum, f.lead_expected FROM plans p "
            + "LEFT JOIN (SELECT plan_id, \(sums) FROM reports WHERE \(expected) GROUP BY plan_id) f ON f.plan_id = p.id "
            + "ORDER BY p.region_code, p.start_year, p.code")
        try await measure("Secretariat: the measures list (first 1,000)", {
            let rows = try await PlanQueries.measures(PlanQueries.MeasureFilter(), actor: secretariat, on: db)
            let figures = try await DashboardQueries.rates(by: .measure, .init(asOf: today, measureIDs: rows.map(\.0.id)), actor: secretariat, on: db)
            _ = try await OrganizationQueries.labels(ids: rows.map(\.0.executorID), on: db)
            return rows.reduce(0) { $0 + (figures[$1.0.id.uuidString]?.expected ?? 0) }
        }, "WITH shown AS (SELECT m.id, m.code, m.title_kk, m.executor_id, m.deadline_kind, m.deadline_date, m.sort_key, p.code AS plan_code, "
            + "p.region_code, p.start_year FROM measures m JOIN plans p ON p.id = m.plan_id "
            + "ORDER BY p.region_code, p.start_year, p.code, m.sort_key LIMIT 1000) "
            + "SELECT s.id, s.code, s.title_kk, o.name_kk, s.deadline_kind, s.deadline_date, s.plan_code, COUNT(r.id) AS expected, "
            + "SUM(CASE WHEN r.status = 'accepted' THEN 1 ELSE 0 END) AS accepted, SUM(r.on_time) AS on_time, "
            + "SUM(CASE WHEN r.status IN ('notStarted', 'draft', 'returned') THEN 1 ELSE 0 END) AS overdue, "
            + "SUM(CASE WHEN r.is_lead THEN r.score ELSE 0.0 END) AS score_sum, SUM(CASE WHEN r.is_lead THEN 1 ELSE 0 END) AS lead_expected "
            + "FROM shown s JOIN organizations o ON o.id = s.executor_id LEFT JOIN reports r ON r.measure_id = s.id "
            + "AND (r.status IN ('submitted', 'accepted') OR r.due_date < '\(today.description)') "
            + "GROUP BY s.id, s.code, s.title_kk, o.name_kk, s.deadline_kind, s.deadline_date, s.plan_code, s.region_code, s.start_year, s.sort_key "
            + "ORDER BY s.region_code, s.start_year, s.plan_code, s.sort_key")
        return result
    }

    /// Seconds to generate the annual report for `year` as DOCX, and its size.
    func annualReport(year: Int) async throws -> (seconds: Double, bytes: Int) {
        let start = Stopwatch()
        let output = try await AnnualReportService.generate(year: year, language: .kk, format: .docx, actor: .system,
                                                            dataDirectory: app.birlikDataDirectory, on: app.db, now: app.birlikClock.now)
        return (start.seconds, output.data.count)
    }

    func stop() async throws {
        try await Task.sleep(for: .seconds(3))
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
