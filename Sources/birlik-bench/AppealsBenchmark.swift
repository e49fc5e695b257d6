import BirlikCore
import BirlikStorage
import BirlikWeb
import Fluent
import Foundation
import SQLKit
import Vapor

/// Appeals and mediation at national scale inside the benchmark process: the public statistics'
/// aggregate against one hand-written query, the working-day function against a precomputed table.
final class AppealsBenchmark: @unchecked Sendable {
    let app: Application
    let baseURL: String
    let summary: AppealScaleSeed.Summary
    let seedSeconds: Double

    static func start(_ configuration: BirlikConfiguration, appeals: Int, mediationCases: Int) async throws -> AppealsBenchmark {
        let app = try await BirlikApplication.make(configuration, clock: .system, environment: Environment(name: "production", arguments: ["birlik-bench"]))
        app.logger.logLevel = .error
        do {
            try await Boot.prepare(app, demoPassword: nil)
            let started = Stopwatch()
            let vault = try VaultKeys.vault(.mediation, dataDirectory: configuration.dataDirectory)
            let summary = try await AppealScaleSeed.load(appeals: appeals, mediationCases: mediationCases, today: app.birlikClock.today, vault: vault, on: app.db)
            let seedSeconds = started.seconds
            try app.server.start()
            return AppealsBenchmark(app: app, baseURL: "http://\(configuration.host):\(configuration.port)", summary: summary, seedSeconds: seedSeconds)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    init(app: Application, baseURL: String, summary: AppealScaleSeed.Summary, seedSeconds: Double) {
        self.app = app; self.baseURL = baseURL; self.summary = summary; self.seedSeconds = seedSeconds
    }

    /// Median milliseconds of `runs` calls.
    static func median(_ runs: Int = 7, _ body: () async throws -> Void) async rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let stopwatch = Stopwatch()
            try await body()
            times.append(stopwatch.seconds * 1000)
        }
        return times.sorted()[runs / 2]
    }

    /// The statistics by region for `year`: Birlik's function (counts and working-day percentiles in one
    /// scan) against the hand-written GROUP BY of the same counts; whether the counts agree.
    func statistics(year: Int) async throws -> (birlik: Double, handWritten: Double, agree: Bool, cells: Int) {
        let today = app.birlikClock.today
        var figures: [AppealQueries.Figures] = []
        let birlik = try await Self.median { figures = try await AppealQueries.statistics(.region, year: year, today: today, on: app.db) }
        let sql = app.db as! any SQLDatabase
        var rows: [String: (Int, Int, Int)] = [:]
        let handWritten = try await Self.median {
            rows = [:]
            for row in try await sql.raw("""
                SELECT region, COUNT(*) AS n, SUM(CASE WHEN answered_on IS NOT NULL THEN 1 ELSE 0 END) AS finished,
                  SUM(CASE WHEN answered_on IS NOT NULL AND answered_on <= due_on THEN 1 ELSE 0 END) AS on_time
                FROM appeals WHERE year = \(bind: year) GROUP BY region
                """).all() {
                rows[try row.decode(column: "region", as: String.self)] = (try row.decode(column: "n", as: Int.self),
                                                                           try row.decode(column: "finished", as: Int.self), try row.decode(column: "on_time", as: Int.self))
            }
        }
        let agree = figures.count == rows.count && figures.allSatisfy { cell in
            rows[cell.key].map { $0.0 == cell.received && $0.1 == cell.finished && $0.2 == cell.onTime } ?? false
        }
        return (birlik, handWritten, agree, figures.count)
    }

    /// `WorkingCalendar.adding` over `count` random days against a lookup in a table precomputed for the
    /// same span; the two must give the same days.
    func workingDays(count: Int) async throws -> (function: Double, table: Double, agree: Bool) {
        let calendar = try await WorkingCalendarStore.calendar(on: app.db)
        let first = Day(year: 2021, month: 1, day: 1).ordinal, last = Day(year: 2030, month: 12, day: 31).ordinal
        var generator = SystemRandomNumberGenerator()
        let days = (0..<count).map { _ in Day(ordinal: Int.random(in: first...last, using: &generator)) }
        let table = (first...last).map { calendar.adding(workingDays: 15, to: Day(ordinal: $0)) }
        var viaFunction = 0, viaTable = 0
        let function = Stopwatch()
        for day in days { viaFunction &+= calendar.adding(workingDays: 15, to: day).ordinal }
        let functionSeconds = function.seconds
        let lookup = Stopwatch()
        for day in days { viaTable &+= table[day.ordinal - first].ordinal }
        let tableSeconds = lookup.seconds
        return (functionSeconds * 1000, tableSeconds * 1000, viaFunction == viaTable)
    }

    func stop() async throws {
        try await Task.sleep(for: .seconds(3))
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
