import BirlikCore
import BirlikCorpus
import BirlikStorage
import BirlikWeb
import Fluent
import Foundation
import SQLKit
import Vapor

/// The portal at national scale inside the benchmark process: the encyclopedia's search against the
/// corpus engine's lemma lookup on the same text, an OAI-PMH full harvest against one SQL query over the
/// same rows; the server is started for wrk to load the home and article pages.
final class PortalBenchmark: @unchecked Sendable {
    let app: Application
    let baseURL: String
    let summary: PortalScaleSeed.Summary
    let seedSeconds: Double
    let directory: URL

    static func start(_ configuration: BirlikConfiguration, articles: Int, revisions: Int, libraryItems: Int, events: Int) async throws -> PortalBenchmark {
        let app = try await BirlikApplication.make(configuration, clock: .system, environment: Environment(name: "production", arguments: ["birlik-bench"]))
        app.logger.logLevel = .error
        do {
            try await Boot.prepare(app, demoPassword: nil)
            let started = Stopwatch()
            let summary = try await PortalScaleSeed.load(articles: articles, revisionsPerArticle: revisions, libraryItems: libraryItems, events: events,
                                                         now: app.birlikClock.now, on: app.db)
            let seedSeconds = started.seconds
            try app.server.start()
            return PortalBenchmark(app: app, baseURL: "http://\(configuration.host):\(configuration.port)", summary: summary, seedSeconds: seedSeconds,
                                   directory: URL(fileURLWithPath: configuration.dataDirectory))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    init(app: Application, baseURL: String, summary: PortalScaleSeed.Summary, seedSeconds: Double, directory: URL) {
        self.app = app; self.baseURL = baseURL; self.summary = summary; self.seedSeconds = seedSeconds; self.directory = directory
    }

    /// The median and the 99th percentile of `times`, in milliseconds.
    static func percentiles(_ times: [Double]) -> (median: Double, p99: Double) {
        let sorted = times.sorted()
        guard !sorted.isEmpty else { return (0, 0) }
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)])
    }

    /// Inflected words of the approved Kazakh texts (a form that is not its own lemma), one per lemma.
    func inflectedWords(_ count: Int) -> [(form: String, lemma: String)] {
        var seen = Set<String>(), words: [(String, String)] = []
        for (_, text) in summary.kazakhTexts.prefix(2000) {
            for sentence in CorpusBuilder.analyse(text) {
                for (token, reading) in sentence {
                    let form = token.form.lowercased()
                    guard form.count >= 6, reading.status == .known, reading.lemma.count >= 3, reading.lemma != form, form.hasPrefix(reading.lemma),
                          form.allSatisfy(\.isLetter), seen.insert(reading.lemma).inserted else { continue }
                    words.append((form, reading.lemma))
                    if words.count == count { return words }
                }
            }
        }
        return words
    }

    /// The same approved Kazakh texts indexed by the corpus engine (seconds to build).
    func corpusIndex() throws -> (CorpusIndex, Double) {
        let started = Stopwatch()
        let builder = CorpusIndexBuilder(try CorpusIndex.open(at: directory.appendingPathComponent("portal-corpus")))
        var table = TokenTable()
        for (slug, text) in summary.kazakhTexts {
            table.append(document: slug, metadata: [:], sentences: CorpusBuilder.attributes(text))
            if table.count >= 1_000_000 {
                builder.add(table)
                table = TokenTable()
            }
        }
        builder.add(table)
        return (try builder.finish(), started.seconds)
    }

    /// Each word searched in the encyclopedia (any of its forms) and its lemma looked up in the corpus engine.
    func search(_ words: [(form: String, lemma: String)], index: CorpusIndex) async throws -> (birlik: [Double], corpus: [Double], hits: Int, found: Int) {
        var birlik: [Double] = [], corpus: [Double] = [], hits = 0, found = 0
        let search = CQPSearch(maximumResults: 100_000, timeLimit: 30)
        for word in words {
            let started = Stopwatch()
            let results = try await EncyclopediaQueries.search(word.form, on: app.db)
            birlik.append(started.seconds * 1000)
            hits += results.count
            let lookup = Stopwatch()
            let count = try search.count(try CQPParser.parse("[lemma=\"\(word.lemma)\"]"), in: index).count
            corpus.append(lookup.seconds * 1000)
            found += count
        }
        return (birlik, corpus, hits, found)
    }

    /// A full ListRecords harvest over HTTP, following resumption tokens (records, seconds), and the same
    /// rows read with one SQL query (rows, seconds).
    func harvest() async throws -> (records: Int, seconds: Double, rows: Int, sqlSeconds: Double) {
        var records = 0
        var query = "verb=ListRecords&metadataPrefix=oai_dc"
        let started = Stopwatch()
        while true {
            let response = try await app.client.get(URI(string: baseURL + "/oai?" + query))
            let body = response.body.map { String(buffer: $0) } ?? ""
            records += body.ranges(of: "<record>").count
            guard let start = body.range(of: "<resumptionToken "), let close = body[start.upperBound...].firstIndex(of: ">") else { break }
            let token = body[body.index(after: close)...].prefix { $0 != "<" }
            guard !token.isEmpty, !body[start.upperBound..<close].hasSuffix("/") else { break }
            query = "verb=ListRecords&resumptionToken=" + token
        }
        let seconds = started.seconds
        let sql = app.db as! any SQLDatabase
        let read = Stopwatch()
        let rows = try await sql.raw("""
            SELECT id, code, collection, status, datestamp, content FROM library_items
            WHERE status IN ('published', 'withdrawn') ORDER BY datestamp, id
            """).all().map { try $0.decode(column: "content", as: String.self) }
        return (records, seconds, rows.count, read.seconds)
    }

    func stop() async throws {
        try await Task.sleep(for: .seconds(3))
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

extension BirlikBench {
    /// The portal at the issue's scale on SQLite (and PostgreSQL with `--database-url`).
    func runPortal() async throws {
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
            let bench = try await PortalBenchmark.start(configuration, articles: articles, revisions: revisionsPerArticle, libraryItems: libraryItems, events: events)
            let summary = bench.summary
            print("")
            print("The portal on \(configuration.database.isPostgres ? "PostgreSQL" : "SQLite"): \(summary.articles) articles with \(summary.revisions) revisions "
                  + "(\(summary.texts) approved texts), \(summary.libraryItems) library items (\(summary.harvestable) harvestable), \(summary.events) events; "
                  + String(format: "generated in %.0f s; page cache off; %d cores", bench.seedSeconds, ProcessInfo.processInfo.activeProcessorCount))
            do {
                let words = bench.inflectedWords(50)
                let (index, built) = try bench.corpusIndex()
                let searched = try await bench.search(words, index: index)
                let birlik = PortalBenchmark.percentiles(searched.birlik), corpus = PortalBenchmark.percentiles(searched.corpus)
                print(String(format: "Encyclopedia search, %d inflected Kazakh words: median %.1f ms, p99 %.1f ms (%d articles found); corpus engine's lemma lookup on the same %d texts (indexed in %.0f s): median %.2f ms, p99 %.2f ms; ratio of medians %.0f×",
                             words.count, birlik.median, birlik.p99, searched.hits, summary.kazakhTexts.count, built, corpus.median, corpus.p99,
                             birlik.median / max(corpus.median, 0.001)))
                let harvest = try await bench.harvest()
                let harvestRate = Double(harvest.records) / harvest.seconds, sqlRate = Double(harvest.rows) / harvest.sqlSeconds
                print(String(format: "OAI-PMH full harvest: %d records in %.1f s = %.0f records/s; one SQL query: %d rows in %.2f s = %.0f rows/s; ratio %.2f (target ≥ 0.5)",
                             harvest.records, harvest.seconds, harvestRate, harvest.rows, harvest.sqlSeconds, sqlRate, harvestRate / sqlRate))
                _ = try wrk(bench.baseURL + "/health/live", seconds: 2)
                let bare = try wrk(bench.baseURL + "/health/live", seconds: duration)
                for route in ["/", "/encyclopedia/scale-\(summary.articles / 2)"] {
                    _ = try wrk(bench.baseURL + route, seconds: 2)
                    let page = try wrk(bench.baseURL + route, seconds: duration)
                    print(String(format: "%@ at %d connections: %.0f req/s against %.0f bare = ratio %.2f (target ≥ 0.3), p50 %.1f ms, p99 %.1f ms, errors %d",
                                 route, connections, page.requestsPerSecond, bare.requestsPerSecond, page.requestsPerSecond / bare.requestsPerSecond, page.p50, page.p99, page.errors))
                }
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
