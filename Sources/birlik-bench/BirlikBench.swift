import BirlikCore
import ArgumentParser
import BirlikWeb
import Foundation

/// Measures Birlik's throughput and latency with `wrk`, against a bare route measured in the same run.
@main
struct BirlikBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "birlik-bench",
        abstract: "Start Birlik on a generated registry and load it with wrk; print each route's throughput as a ratio to the bare route.")

    @Option(help: "Organisations to generate.") var organizations = 10_000
    @Option(help: "wrk connections.") var connections = 64
    @Option(help: "wrk threads.") var threads = 2
    @Option(help: "Seconds per route.") var duration = 10
    @Option(help: "Port for the server.") var port = 18_080
    @Option(help: "Database URL (default: a fresh SQLite file).") var databaseURL: String?
    @Flag(help: "Turn the public page cache off, to measure every request against the database.") var noCache = false
    @Option(help: "registry (the directory and API), control (plans, reports and dashboards at national scale), statistics (the statistical database), appeals (appeals and mediation), charity (the charity ledger), portal (the encyclopedia, the library's OAI-PMH harvest, the home and article pages), people (courses' results, certificates' verify page, good practices' search) or corpus (the corpus engine against Xapian and Tantivy).")
    var scenario = "registry"
    @Option(help: "For the statistics scenario: values to generate.") var values = 10_000_000
    @Option(help: "For the statistics scenario: values in the imported CSV.") var importRows = 1_000_000
    @Option(help: "For the control scenario: fractions of national scale, comma-separated (1 = 5,000 measures, ~1,000,000 reports).")
    var scales = "0.1,1"
    @Option(help: "For the appeals scenario: appeals to generate over five years.") var appeals = 1_000_000
    @Option(help: "For the appeals scenario: mediation cases to generate.") var mediationCases = 50_000
    @Option(help: "For the charity scenario: donations to generate.") var donations = 1_000_000
    @Option(help: "For the charity scenario: disbursements to generate.") var disbursements = 100_000
    @Option(help: "For the charity scenario: campaigns to generate.") var campaigns = 3_000
    @Option(help: "For the corpus scenario: tokens to generate.") var tokens = 50_000_000
    @Option(help: "For the corpus scenario: the script that runs Xapian and Tantivy.") var enginesScript = "scripts/bench-corpus-engines.py"
    @Option(help: "For the corpus scenario: the engines to compare with, comma-separated (xapian, tantivy: two fields, tantivy5: all five).")
    var engines = "xapian,tantivy,tantivy5"
    @Option(help: "For the portal scenario: encyclopedia articles to generate.") var articles = 100_000
    @Option(help: "For the portal scenario: revisions per article (the last Kazakh and Russian ones approved).") var revisionsPerArticle = 10
    @Option(help: "For the portal scenario: library items to generate.") var libraryItems = 200_000
    @Option(help: "For the portal scenario: events to generate.") var events = 10_000
    @Option(help: "For the people scenario: courses to generate.") var courses = 2_000
    @Option(help: "For the people scenario: learners to generate (with scores and about 14 attendance marks each).") var learners = 700_000
    @Option(help: "For the people scenario: certificates to generate.") var certificates = 1_000_000
    @Option(help: "For the people scenario: good practices to generate.") var practices = 10_000

    struct Result {
        var route: String
        var requestsPerSecond: Double
        var p50: Double
        var p99: Double
        var errors: Int
    }

    func run() async throws {
        if scenario == "control" { return try await runControl() }
        if scenario == "statistics" { return try await runStatistics() }
        if scenario == "corpus" { return try runCorpus() }
        if scenario == "appeals" { return try await runAppeals() }
        if scenario == "charity" { return try await runCharity() }
        if scenario == "portal" { return try await runPortal() }
        if scenario == "people" { return try await runPeople() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-bench-\(UUID().uuidString)")
        var configuration = BirlikConfiguration(dataDirectory: directory.path)
        if let databaseURL { configuration.database = .from(databaseURL: databaseURL, dataDirectory: directory.path) }
        configuration.port = port
        if noCache { configuration.pageCacheSeconds = 0 }
        let server = try await BenchmarkServer.start(configuration, organizations: organizations)
        let total = try await server.organizationCount()
        print("Birlik benchmark: \(total) organisations, wrk -t\(threads) -c\(connections) -d\(duration)s, \(ProcessInfo.processInfo.activeProcessorCount) cores, public page cache \(noCache ? "off" : "on"), \(configuration.database.isPostgres ? "PostgreSQL" : "SQLite")")
        let routes = ["/health/live", "/api/v1/organizations", "/directory", "/api/v1/organizations?region=KZ-75&type=friendshipHouse&page=2",
                      "/directory?q=qazaqstan&sort=region"]
        // Signed-in requests are never answered from the page cache: the Secretariat's analyst reads the database.
        let signedIn = ["/api/v1/organizations", "/directory", "/map"]
        var results: [Result] = []
        var costs: [DirectoryCost] = []
        do {
            costs = try await server.directoryCosts()
            let cookie = try await server.app.benchSecretariatSession()
            for route in routes {
                _ = try wrk(server.baseURL + route, seconds: 2)
                results.append(try wrk(server.baseURL + route, seconds: duration).with(route: route))
            }
            for route in signedIn {
                _ = try wrk(server.baseURL + route, seconds: 2, cookie: cookie)
                results.append(try wrk(server.baseURL + route, seconds: duration, cookie: cookie).with(route: route + " (signed in)"))
            }
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
        try? FileManager.default.removeItem(at: directory)
        let bare = results[0].requestsPerSecond
        print("")
        print("route".padding(toLength: 62, withPad: " ", startingAt: 0) + "   req/s   ratio   p50 ms   p99 ms  errors")
        for result in results {
            print(result.route.padding(toLength: 62, withPad: " ", startingAt: 0)
                  + String(format: " %7.0f  %6.2f  %7.2f  %7.2f  %6d", result.requestsPerSecond, result.requestsPerSecond / bare,
                           result.p50, result.p99, result.errors))
        }
        print("")
        print("one request's list, in process".padding(toLength: 44, withPad: " ", startingAt: 0) + "  Birlik ms  model ms   SQL ms   ratio  same rows")
        for cost in costs {
            print(cost.name.padding(toLength: 44, withPad: " ", startingAt: 0)
                  + String(format: " %9.2f %9.2f %8.2f %7.2f  %@", cost.birlik, cost.model, cost.handWritten, cost.birlik / max(cost.handWritten, 0.001),
                           cost.agree ? "yes" : "NO"))
        }
        func met(_ result: Result, ratio: Double, p99: Double) -> String {
            result.requestsPerSecond / bare >= ratio && result.p99 < p99 && result.errors == 0 ? "met" : "NOT met"
        }
        let (api, page) = (results[1], results[2])
        print("")
        if noCache {
            print("target, every request reading the database: organisations API ≥ 0.2 and p99 < 100 ms: \(met(api, ratio: 0.2, p99: 100)); "
                  + "directory ≥ 0.15 and p99 < 150 ms: \(met(page, ratio: 0.15, p99: 150))")
        } else {
            print("target (organisations API and directory ≥ 0.5 of the bare route, p99 < 50 ms): "
                  + (met(api, ratio: 0.5, p99: 50) == "met" && met(page, ratio: 0.5, p99: 50) == "met" ? "met" : "NOT met"))
        }
        let (signedAPI, signedPage) = (results[routes.count], results[routes.count + 1])
        print("target, signed in: organisations API ≥ 0.2 and p99 < 100 ms: \(met(signedAPI, ratio: 0.2, p99: 100)); "
              + "directory ≥ 0.15 and p99 < 150 ms: \(met(signedPage, ratio: 0.15, p99: 150))")
    }

    /// The control loop at each requested scale: aggregates against hand-written SQL, the Secretariat
    /// dashboard's throughput against the bare route, the annual report as DOCX, and peak memory.
    func runControl() async throws {
        let fractions = scales.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        for fraction in fractions {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-bench-\(UUID().uuidString)")
            var configuration = BirlikConfiguration(dataDirectory: directory.path)
            if let databaseURL {
                configuration.database = .from(databaseURL: try await ControlLoopBenchmark.freshDatabase(databaseURL), dataDirectory: directory.path)
            }
            configuration.port = port
            configuration.reminderSeconds = 0
            let bench = try await ControlLoopBenchmark.start(configuration, fraction: fraction)
            print("")
            print("Control loop at \(fraction) of national scale on \(configuration.database.isPostgres ? "PostgreSQL" : "SQLite"): \(bench.summary.plans) plans, "
                  + "\(bench.summary.measures) measures, \(bench.summary.reports) reports, \(bench.summary.events) timeline events "
                  + "(generated in \(String(format: "%.0f", bench.seedSeconds)) s), \(ProcessInfo.processInfo.activeProcessorCount) cores")
            do {
                print("aggregate".padding(toLength: 52, withPad: " ", startingAt: 0) + "  Birlik ms   SQL ms   ratio  same figures")
                for timing in try await bench.timings() {
                    print(timing.name.padding(toLength: 52, withPad: " ", startingAt: 0)
                          + String(format: " %9.1f %8.1f %7.2f  %@", timing.birlik, timing.handWritten, timing.birlik / max(timing.handWritten, 0.001),
                                   timing.agree ? "yes" : "NO"))
                }
                let report = try await bench.annualReport(year: 2024)
                print(String(format: "Annual report 2024 as DOCX: %.2f s, %d KB (target < 5 s)", report.seconds, report.bytes / 1024))
                _ = try wrk(bench.baseURL + "/health/live", seconds: 2)
                let bare = try wrk(bench.baseURL + "/health/live", seconds: duration)
                _ = try wrk(bench.baseURL + "/dashboard", seconds: 2, cookie: bench.sessionCookie)
                let page = try wrk(bench.baseURL + "/dashboard", seconds: duration, cookie: bench.sessionCookie)
                print(String(format: "Secretariat dashboard: %.0f req/s against %.0f bare = ratio %.2f (target ≥ 0.3), p99 %.1f ms (target < 100), errors %d",
                             page.requestsPerSecond, bare.requestsPerSecond, page.requestsPerSecond / bare.requestsPerSecond, page.p99, page.errors))
                print("Peak memory of the server process: \(Self.memory("VmHWM")) MB (target < 300 MB); now \(Self.memory("VmRSS")) MB")
            } catch {
                try await bench.stop()
                throw error
            }
            try await bench.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// The statistical database on SQLite (and PostgreSQL when `--database-url` is given): the pivot
    /// against a hand-written GROUP BY, the import against `sqlite3 .import`, the analytics page
    /// against the bare route, and the peak memory of the import.
    func runStatistics() async throws {
        var backends: [String?] = [nil]
        if let databaseURL { backends.append(databaseURL) }
        for url in backends {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = BirlikConfiguration(dataDirectory: directory.path)
            if let url { configuration.database = .from(databaseURL: try await ControlLoopBenchmark.freshDatabase(url), dataDirectory: directory.path) }
            configuration.port = port
            configuration.reminderSeconds = 0
            let bench = try await StatisticsBenchmark.start(configuration, values: values)
            print("")
            print("Statistical database on \(bench.isPostgres ? "PostgreSQL" : "SQLite"): \(bench.values) values generated in \(String(format: "%.0f", bench.seedSeconds)) s "
                  + "(20 regions, 220 districts, 2015–2025, monthly and yearly indicators by 16 ethnic groups), \(ProcessInfo.processInfo.activeProcessorCount) cores")
            do {
                let pivot = try await bench.pivot()
                print(String(format: "National pivot (element × region × year, %d cells): Birlik %.0f ms, hand-written GROUP BY %.0f ms, ratio %.2f (target ≤ 1.5), same numbers: %@",
                             pivot.cells, pivot.birlik, pivot.handWritten, pivot.birlik / max(pivot.handWritten, 0.001), pivot.agree ? "yes" : "NO"))
                let file = try bench.importFile(rows: importRows)
                let bare = try Self.sqliteImport(file, directory: directory)
                let checked = try await bench.importValues(file, dryRun: true)
                print(String(format: "Reading and checking alone (dry run): %.1f s (%.0f values/s)", checked.seconds, Double(checked.values) / checked.seconds))
                Self.resetPeakMemory()
                let before = Self.memory("VmRSS")
                let imported = try await bench.importValues(file)
                let peak = Self.memory("VmHWM")
                print(String(format: "CSV import of %d values with validation: %.1f s (%.0f values/s); sqlite3 .import of the same file into a bare table: %.1f s; ratio %.2f (target ≥ 0.5)",
                             imported.values, imported.seconds, Double(imported.values) / imported.seconds, bare, bare / imported.seconds))
                print("Peak memory during the import: \(peak) MB (resident before: \(before) MB; target < 300 MB)")
                let page = "/statistics?element=population.ethnicity&rows=place&columns=period"
                _ = try wrk(bench.baseURL + "/health/live", seconds: 2)
                let health = try wrk(bench.baseURL + "/health/live", seconds: duration)
                _ = try wrk(bench.baseURL + page, seconds: 2, cookie: bench.sessionCookie)
                let analytics = try wrk(bench.baseURL + page, seconds: duration, cookie: bench.sessionCookie)
                print(String(format: "Analytics page (%@, signed in, not cached): %.0f req/s against %.0f bare = ratio %.2f, p99 %.1f ms, errors %d",
                             page, analytics.requestsPerSecond, health.requestsPerSecond, analytics.requestsPerSecond / health.requestsPerSecond, analytics.p99, analytics.errors))
            } catch {
                try await bench.stop()
                throw error
            }
            try await bench.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Appeals and mediation on SQLite (and PostgreSQL with `--database-url`): the public statistics against
    /// one hand-written query, the appeal form's throughput against the bare route, the working-day
    /// function against a precomputed table, and the server's peak memory.
    func runAppeals() async throws {
        var backends: [String?] = [nil]
        if let databaseURL { backends.append(databaseURL) }
        for url in backends {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = BirlikConfiguration(dataDirectory: directory.path)
            if let url { configuration.database = .from(databaseURL: try await ControlLoopBenchmark.freshDatabase(url), dataDirectory: directory.path) }
            configuration.port = port
            configuration.reminderSeconds = 0
            configuration.appealRateLimit = 0
            let bench = try await AppealsBenchmark.start(configuration, appeals: appeals, mediationCases: mediationCases)
            print("")
            print("Appeals on \(configuration.database.isPostgres ? "PostgreSQL" : "SQLite"): \(bench.summary.appeals) appeals over five years and "
                  + "\(bench.summary.mediationCases) mediation cases generated in \(String(format: "%.0f", bench.seedSeconds)) s, \(ProcessInfo.processInfo.activeProcessorCount) cores")
            do {
                let year = bench.app.birlikClock.today.year - 1
                let statistics = try await bench.statistics(year: year)
                print(String(format: "Public statistics by region, %d (%d regions): Birlik %.1f ms, hand-written GROUP BY %.1f ms, ratio %.2f (target ≤ 1.5), same counts: %@",
                             year, statistics.cells, statistics.birlik, statistics.handWritten, statistics.birlik / max(statistics.handWritten, 0.001),
                             statistics.agree ? "yes" : "NO"))
                let days = try await bench.workingDays(count: 1_000_000)
                print(String(format: "Working-day function over 1,000,000 days: %.1f ms; precomputed table lookup %.1f ms; ratio %.2f (target ≤ 2), same days: %@",
                             days.function, days.table, days.function / max(days.table, 0.001), days.agree ? "yes" : "NO"))
                let script = directory.appendingPathComponent("appeal.lua")
                try Self.appealScript.write(to: script, atomically: true, encoding: .utf8)
                _ = try wrk(bench.baseURL + "/health/live", seconds: 2)
                let bare = try wrk(bench.baseURL + "/health/live", seconds: duration)
                _ = try wrk(bench.baseURL + "/appeals/new", seconds: 2, script: script.path)
                let form = try wrk(bench.baseURL + "/appeals/new", seconds: duration, script: script.path)
                print(String(format: "Appeal form (POST, %d connections, each a registered appeal): %.0f req/s against %.0f bare = ratio %.2f (target ≥ 0.3), p99 %.1f ms, errors %d",
                             connections, form.requestsPerSecond, bare.requestsPerSecond, form.requestsPerSecond / bare.requestsPerSecond, form.p99, form.errors))
                print("Peak memory of the process (server and generator): \(Self.memory("VmHWM")) MB; now \(Self.memory("VmRSS")) MB")
            } catch {
                try await bench.stop()
                throw error
            }
            try await bench.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    func runCharity() async throws {
        var backends: [String?] = [nil]
        if let databaseURL { backends.append(databaseURL) }
        for url in backends {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = BirlikConfiguration(dataDirectory: directory.path)
            if let url { configuration.database = .from(databaseURL: try await ControlLoopBenchmark.freshDatabase(url), dataDirectory: directory.path) }
            configuration.reminderSeconds = 0
            let bench = try await CharityBenchmark.start(configuration, campaigns: campaigns, donations: donations, disbursements: disbursements)
            print("")
            print("Charity ledger on \(configuration.database.isPostgres ? "PostgreSQL" : "SQLite"): \(donations) donations and \(disbursements) disbursements "
                  + "over \(campaigns) campaigns generated in \(String(format: "%.0f", bench.seedSeconds)) s, \(ProcessInfo.processInfo.activeProcessorCount) cores")
            do {
                let check = try await bench.verify()
                print(String(format: "birlik ledger verify over %d entries: %.2f s; SHA-256 alone over the same leaves: %.2f s; ratio %.2f (target ≥ 0.5), whole: %@",
                             check.entries, check.verify, check.hashOnly, check.hashOnly / max(check.verify, 0.001), check.problem.map { "NO: " + $0 } ?? "yes"))
                let proofs = try await bench.inclusionProofs(count: 2_000)
                print(String(format: "A receipt with its inclusion proof (lookup, proof, check), 2,000 random receipts: median %.3f ms, p99 %.3f ms (target: median < 1 ms)",
                             proofs.median, proofs.p99))
                let report = try await bench.report()
                print(String(format: "Campaigns' report (%d campaigns): Birlik %.1f ms, hand-written GROUP BY %.1f ms, ratio %.2f (target ≤ 1.5), same sums: %@",
                             campaigns, report.birlik, report.handWritten, report.birlik / max(report.handWritten, 0.001), report.agree ? "yes" : "NO"))
                print("Peak memory of the process (generator and checks): \(Self.memory("VmHWM")) MB; now \(Self.memory("VmRSS")) MB")
            } catch {
                try await bench.stop()
                throw error
            }
            try await bench.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// The wrk script that files an appeal: a form token in a cookie and the same in the form.
    static let appealScript = """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
        wrk.headers["Cookie"] = "birlik_csrf=bench-form-token-0123456789abcdefghijkl"
        wrk.body = "_csrf=bench-form-token-0123456789abcdefghijkl&name=Bench&place=KZ-75&category=language&text=Bench%20appeal"
        """

    /// Seconds for `sqlite3 .import` of the CSV into a bare table of the same columns.
    static func sqliteImport(_ file: URL, directory: URL) throws -> Double {
        let database = directory.appendingPathComponent("bare-import.sqlite").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", database, "CREATE TABLE bare(element TEXT, period TEXT, place TEXT, ethnicity TEXT, value REAL);",
                             ".mode csv", ".import --skip 1 \(file.path) bare"]
        let start = Stopwatch()
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("sqlite3 .import failed") }
        return start.seconds
    }

    /// Resets the peak resident size the kernel reports (VmHWM), so the next reading covers one step.
    static func resetPeakMemory() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// A line of /proc/self/status in megabytes.
    static func memory(_ field: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return (Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "0") ?? 0) / 1024
    }

    /// Runs wrk and reads its requests per second and latency percentiles.
    func wrk(_ url: String, seconds: Int, cookie: String? = nil, script: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wrk", "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency", "-H", "Accept-Language: kk"]
            + (cookie.map { ["-H", "Cookie: \($0)"] } ?? []) + (script.map { ["-s", $0] } ?? []) + [url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("wrk failed: \(output)") }
        func number(after label: String) -> Double? {
            guard let line = output.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }) else { return nil }
            let token = line.split(separator: " ").dropFirst(label.split(separator: " ").count).first.map(String.init) ?? ""
            return Self.milliseconds(token) ?? Double(token)
        }
        let errors = output.split(separator: "\n").filter { $0.contains("Non-2xx") || $0.contains("Socket errors") }
            .compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.reduce(0, +)
        return Result(route: url, requestsPerSecond: number(after: "Requests/sec:") ?? 0, p50: number(after: "50%") ?? 0,
                      p99: number(after: "99%") ?? 0, errors: errors)
    }

    /// wrk's "1.23ms", "850.00us", "1.02s" in milliseconds.
    static func milliseconds(_ token: String) -> Double? {
        if token.hasSuffix("ms") { return Double(token.dropLast(2)) }
        if token.hasSuffix("us") { return Double(token.dropLast(2)).map { $0 / 1000 } }
        if token.hasSuffix("s") { return Double(token.dropLast()).map { $0 * 1000 } }
        return nil
    }
}

extension BirlikBench.Result {
    func with(route: String) -> Self {
        var copy = self
        copy.route = route
        return copy
    }
}
