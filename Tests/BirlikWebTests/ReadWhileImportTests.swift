import Atomics
import BirlikCore
import BirlikStorage
import BirlikTestSupport
import Foundation
import Testing
import Vapor
@testable import BirlikWeb

/// `BIRLIK_TEST_IMPORT_VALUES`: how many values the load test imports (none: it does not run).
let importedValues = ProcessInfo.processInfo.environment["BIRLIK_TEST_IMPORT_VALUES"].flatMap { Int($0) } ?? 0

/// A long import holds the database's writer for its whole transaction; meanwhile the people who sign in
/// go on reading. 200 page and API reads from another client, made while the import writes: every one
/// answers 200, none waits more than 2 s, and the import still lands whole.
///
/// A load test: it runs when `BIRLIK_TEST_IMPORT_VALUES` says how many values to import, and alone
/// (`.ci/run` runs it after the other suites with 1,000,000), so that the bound measures the database's
/// design and not two cores shared with every other suite.
@Suite("Reads while an import writes", .serialized, .enabled(if: importedValues > 0))
struct ReadWhileImportTests {
    /// Values imported.
    static let values = importedValues

    /// Monthly regional indicators generated for the load, beside the shipped ones.
    static let generated = (1...60).map { String(format: "load.m%02d", $0) }

    static var catalog: StatisticsCatalog {
        let shared = StatisticsCatalog.shared
        let elements = generated.map {
            DataElement(code: $0, name: LocalizedText(kk: $0, ru: $0, en: $0), valueType: .count, unit: "events", overPlaces: .sum,
                        overTime: .sum, periodKind: .month, level: .region, dimensions: [], isPublic: false, dataSet: "load", source: nil)
        }
        return StatisticsCatalog(elements: shared.elements + elements, dataSets: shared.dataSets, rules: shared.rules)
    }

    /// A CSV of `count` new values: every generated indicator, region and month from 1990 on.
    static func file(_ url: URL, count: Int) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let regions = ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }.map(\.code)
        var text = "element,period,place,value\n"
        var written = 0
        outer: for element in generated {
            for year in Period.years {
                for month in 1...12 {
                    for region in regions {
                        text += "\(element),\(year)-\(month < 10 ? "0" : "")\(month),\(region),\(written % 997)\n"
                        written += 1
                        if text.utf8.count > 1 << 20 { try handle.write(contentsOf: Data(text.utf8)); text = "" }
                        if written == count { break outer }
                    }
                }
            }
        }
        try handle.write(contentsOf: Data(text.utf8))
        #expect(written == count, "the generator ran out of keys")
    }

    @Test("200 reads during a long import all answer 200 within 2 s", arguments: TestBackend.enabled)
    func readsDuringImport(backend: TestBackend) async throws {
        try await withBirlik(backend, onDisk: true) { app in
            let port = try freePort()
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            try app.server.start()
            let site = "http://127.0.0.1:\(port)"
            let session = try await app.session(DemoUsers.secretariat)
            let api = try await app.bearer(DemoUsers.secretariat)
            let csv = URL(fileURLWithPath: app.birlikDataDirectory).appendingPathComponent("load.csv")
            try Self.file(csv, count: Self.values)

            let rowsRead = ManagedAtomic<Int>(0)
            let catalog = Self.catalog
            let importing = Task {
                let handle = try FileHandle(forReadingFrom: csv)
                defer { try? handle.close() }
                return try await ValueImporter.run(TableRows(csv: DelimitedReader(.file(handle))), fileName: "load.csv", sha256: try Hashing.sha256Hex(file: csv),
                                                   actor: .system, dryRun: false, catalog: catalog, progress: { rowsRead.store($0, ordering: .relaxed) },
                                                   on: app.db, now: TestClock.now)
            }
            // The import's transaction is open (and writing) once it reports its first 10,000 rows.
            while rowsRead.load(ordering: .relaxed) < 10_000 { try await Task.sleep(for: .milliseconds(20)) }

            let reads: [(String, Identity)] = [
                (SiteURL.directory.path, session), (SiteURL.statistics.path, session), (SiteURL.plans.path, session),
                (SiteURL.dashboard.path, session), (SiteURL.apiOrganizations.path, api), (SiteURL.signals.path, session),
            ]
            struct Answer: Sendable { var path: String; var status: UInt; var seconds: Double }
            let answers = try await withThrowingTaskGroup(of: [Answer].self) { group in
                for lane in 0..<4 {
                    group.addTask {
                        var answers: [Answer] = []
                        for index in stride(from: lane, to: 200, by: 4) {
                            let (path, identity) = reads[index % reads.count]
                            let started = ContinuousClock.now
                            let response = try await app.client.get(URI(string: site + path), headers: identity.headers)
                            let elapsed = ContinuousClock.now - started
                            answers.append(Answer(path: path, status: response.status.code,
                                                  seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
                        }
                        return answers
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let importStillRunning = rowsRead.load(ordering: .relaxed) < Self.values
            let summary = try await importing.value
            await app.server.shutdown()

            #expect(answers.count == 200)
            #expect(answers.allSatisfy { $0.status == 200 }, "\(answers.filter { $0.status != 200 }.prefix(5))")
            let slowest = answers.max { $0.seconds < $1.seconds }
            #expect((slowest?.seconds ?? 0) < 2, "slowest read: \(String(describing: slowest))")
            #expect(importStillRunning, "the import ended before the reads did: nothing was read while it wrote")
            #expect(summary.values == Self.values && summary.changed == Self.values)
        }
    }
}
