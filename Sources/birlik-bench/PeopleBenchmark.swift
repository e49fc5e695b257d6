import BirlikCore
import BirlikCorpus
import BirlikStorage
import BirlikWeb
import Fluent
import Foundation
import SQLKit
import Vapor

/// People who grow at national scale inside the benchmark process: the courses' regional results against
/// one hand-written SQL query over the same rows, the practices' search by inflected Kazakh words; the
/// server is started for wrk to load a certificate's public verify page.
final class PeopleBenchmark: @unchecked Sendable {
    let app: Application
    let baseURL: String
    let summary: PeopleScaleSeed.Summary
    let seedSeconds: Double

    static func start(_ configuration: BirlikConfiguration, courses: Int, learners: Int, certificates: Int, practices: Int) async throws -> PeopleBenchmark {
        let app = try await BirlikApplication.make(configuration, clock: .system, environment: Environment(name: "production", arguments: ["birlik-bench"]))
        app.logger.logLevel = .error
        do {
            try await Boot.prepare(app, demoPassword: nil)
            let started = Stopwatch()
            let summary = try await PeopleScaleSeed.load(courses: courses, learners: learners, certificates: certificates, practices: practices,
                                                         now: app.birlikClock.now, on: app.db)
            let seedSeconds = started.seconds
            try app.server.start()
            return PeopleBenchmark(app: app, baseURL: "http://\(configuration.host):\(configuration.port)", summary: summary, seedSeconds: seedSeconds)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    init(app: Application, baseURL: String, summary: PeopleScaleSeed.Summary, seedSeconds: Double) {
        self.app = app; self.baseURL = baseURL; self.summary = summary; self.seedSeconds = seedSeconds
    }

    /// The figures both ways compute: enrolled, completed, the entry → exit matrix, hours of the finishers.
    struct Figures: Equatable {
        var enrolled = 0, completed = 0, notPassed = 0, droppedOut = 0, waiting = 0, hours = 0
        var matrix: [String: Int] = [:]

        init(_ results: CourseResults) {
            enrolled = results.enrolled; completed = results.completed; notPassed = results.notPassed; droppedOut = results.droppedOut
            waiting = results.waiting; hours = results.hoursOfFinished
            for (entry, exits) in results.matrix { for (exit, n) in exits { matrix["\(entry?.rawValue ?? "-")>\(exit?.rawValue ?? "-")"] = n } }
        }

        init() {}
    }

    /// The regional results of `region` (the republic when `nil`) through `CourseQueries.results`, and the same
    /// figures from one hand-written query joining learners to their courses: the best of five runs each, in ms.
    func results(region: String?) async throws -> (birlik: Double, handWritten: Double, agree: Bool) {
        var birlik = Double.infinity, handWritten = Double.infinity
        var mine = Figures(), theirs = Figures()
        for _ in 0..<5 {
            let started = Stopwatch()
            mine = Figures(try await CourseQueries.results(region: region, on: app.db))
            birlik = min(birlik, started.seconds * 1000)
            let sqlStarted = Stopwatch()
            theirs = try await handWrittenResults(region: region)
            handWritten = min(handWritten, sqlStarted.seconds * 1000)
        }
        return (birlik, handWritten, mine == theirs)
    }

    func handWrittenResults(region: String?) async throws -> Figures {
        let sql = app.db as! any SQLDatabase
        let postgres = sql.dialect.name == "postgresql"
        let hours = postgres ? "CAST(c.content::json->>'hours' AS INTEGER)" : "CAST(json_extract(c.content, '$.hours') AS INTEGER)"
        var query = SQLQueryString("""
            SELECT e.status, e.entry_level, e.exit_level, c.kind, COUNT(*) AS n, CAST(SUM(\(unsafeRaw: hours)) AS BIGINT) AS h
            FROM enrolments e JOIN courses c ON c.id = e.course_id
            """)
        if let region, region != RegionCode.republic {
            let condition: SQLQueryString = " WHERE (e.region = \(bind: region) OR e.region LIKE \(bind: region + "-%"))"
            query.appendInterpolation(condition)
        }
        query.appendLiteral(" GROUP BY e.status, e.entry_level, e.exit_level, c.kind")
        var figures = Figures()
        for row in try await sql.raw(query).all() {
            let status = try row.decode(column: "status", as: String.self), n = try row.decode(column: "n", as: Int.self)
            let stateLanguage = try row.decode(column: "kind", as: String.self) == Course.Kind.stateLanguage.rawValue
            switch Enrolment.Status(rawValue: status) {
            case .waitlisted: figures.waiting += n; continue
            case .completed: figures.completed += n
            case .notPassed: figures.notPassed += n
            case .droppedOut: figures.droppedOut += n
            default: break
            }
            figures.enrolled += n
            guard stateLanguage, status == Enrolment.Status.completed.rawValue || status == Enrolment.Status.notPassed.rawValue else { continue }
            let key = "\(try row.decode(column: "entry_level", as: String?.self) ?? "-")>\(try row.decode(column: "exit_level", as: String?.self) ?? "-")"
            figures.matrix[key, default: 0] += n
            figures.hours += try row.decode(column: "h", as: Int.self)
        }
        return figures
    }

    /// Inflected words of the practices' Kazakh texts (a form that is not its own lemma), one per lemma.
    func inflectedWords(_ count: Int) -> [String] {
        var seen = Set<String>(), words: [String] = []
        for text in summary.practiceTexts {
            for sentence in CorpusBuilder.analyse(text) {
                for (token, reading) in sentence {
                    let form = token.form.lowercased()
                    guard form.count >= 6, reading.status == .known, reading.lemma.count >= 3, reading.lemma != form, form.hasPrefix(reading.lemma),
                          form.allSatisfy(\.isLetter), seen.insert(reading.lemma).inserted else { continue }
                    words.append(form)
                    if words.count == count { return words }
                }
            }
        }
        return words
    }

    /// Each word searched in the base of good practices as the public searches it: milliseconds, and practices found.
    func search(_ words: [String]) async throws -> (times: [Double], found: Int) {
        var times: [Double] = [], found = 0
        for word in words {
            let started = Stopwatch()
            found += try await PracticeQueries.practices(PracticeQueries.Search(query: word), actor: .anonymous, on: app.db).count
            times.append(started.seconds * 1000)
        }
        return (times, found)
    }

    func stop() async throws {
        try await Task.sleep(for: .seconds(3))
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

extension BirlikBench {
    /// People who grow at the issue's scale on SQLite (and PostgreSQL with `--database-url`).
    func runPeople() async throws {
        var backends: [String?] = [nil]
        if let databaseURL { backends.append(databaseURL) }
        for url in backends {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = BirlikConfiguration(dataDirectory: directory.path)
            if let url { configuration.database = .from(databaseURL: try await ControlLoopBenchmark.freshDatabase(url), dataDirectory: directory.path) }
            configuration.port = port
            configuration.reminderSeconds = 0
            configuration.pageCacheSeconds = 0
            let bench = try await PeopleBenchmark.start(configuration, courses: courses, learners: learners, certificates: certificates, practices: practices)
            let summary = bench.summary
            print("")
            print("People who grow on \(configuration.database.isPostgres ? "PostgreSQL" : "SQLite"): \(summary.courses) courses, \(summary.learners) learners "
                  + "with \(summary.marks) attendance marks, \(summary.certificates) certificates, \(summary.practices) practices; "
                  + String(format: "generated in %.0f s; page cache off; %d cores", bench.seedSeconds, ProcessInfo.processInfo.activeProcessorCount))
            do {
                for region in [nil, "KZ-75"] {
                    let results = try await bench.results(region: region)
                    print(String(format: "Courses' results by region (%@): Birlik %.1f ms, one hand-written SQL query %.1f ms, ratio %.2f (target ≤ 1.5), same figures: %@",
                                 region ?? "the republic", results.birlik, results.handWritten, results.birlik / max(results.handWritten, 0.001), results.agree ? "yes" : "NO"))
                }
                let words = bench.inflectedWords(100)
                let searched = try await bench.search(words)
                let times = PortalBenchmark.percentiles(searched.times)
                print(String(format: "Practice search, %d inflected Kazakh words: median %.1f ms, p99 %.1f ms (%d practices found in all)",
                             words.count, times.median, times.p99, searched.found))
                _ = try wrk(bench.baseURL + "/health/live", seconds: 2)
                let bare = try wrk(bench.baseURL + "/health/live", seconds: duration)
                let code = summary.certificateCodes[summary.certificateCodes.count / 2]
                _ = try wrk(bench.baseURL + "/certificates/\(code)", seconds: 2)
                let page = try wrk(bench.baseURL + "/certificates/\(code)", seconds: duration)
                print(String(format: "A certificate's verify page at %d connections: %.0f req/s against %.0f bare = ratio %.2f (target ≥ 0.3), p50 %.1f ms, p99 %.1f ms, errors %d",
                             connections, page.requestsPerSecond, bare.requestsPerSecond, page.requestsPerSecond / bare.requestsPerSecond, page.p50, page.p99, page.errors))
                print("Peak memory of the benchmark process: \(Self.memory("VmHWM")) MB")
            } catch {
                try await bench.stop()
                throw error
            }
            try await bench.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }
}
