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

    struct Result {
        var route: String
        var requestsPerSecond: Double
        var p50: Double
        var p99: Double
        var errors: Int
    }

    func run() async throws {
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
        var results: [Result] = []
        do {
            for route in routes {
                _ = try wrk(server.baseURL + route, seconds: 2)
                results.append(try wrk(server.baseURL + route, seconds: duration).with(route: route))
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
        let targets = results.dropFirst().prefix(2)
        let met = targets.allSatisfy { $0.requestsPerSecond / bare >= 0.5 && $0.p99 < 50 && $0.errors == 0 }
        print("")
        print("target (organisations API and directory ≥ 0.5 of the bare route, p99 < 50 ms): \(met ? "met" : "NOT met")")
    }

    /// Runs wrk and reads its requests per second and latency percentiles.
    func wrk(_ url: String, seconds: Int) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wrk", "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency", "-H", "Accept-Language: kk", url]
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
