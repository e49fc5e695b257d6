import BirlikWeb
import BirlikCore
import BirlikStorage
import Fluent
import Foundation
import SQLKit
import Vapor

/// The statistical database at national scale inside the benchmark process: ~10 million generated
/// values (20 regions, 220 districts, 11 years, monthly and yearly indicators broken down by
/// ethnicity), the national pivot against a hand-written GROUP BY, a 1,000,000-value CSV import
/// against `sqlite3 .import` of the same file, and a signed-in Secretariat session for the page load.
final class StatisticsBenchmark: @unchecked Sendable {
    let app: Application
    let baseURL: String
    let sessionCookie: String
    let values: Int
    let seedSeconds: Double
    let catalog: StatisticsCatalog
    let places: PlaceDirectory
    let directory: URL

    /// The generated districts: 11 per region, `KZ-NN-B01`…`KZ-NN-B11` (Birlik's real districts are not enough for the scale).
    static let districts: [Region] = ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }.flatMap { region in
        (1...11).map { Region(code: String(format: "%@-B%02d", region.code, $0), parent: region.code, kind: .district,
                              name: LocalizedText(kk: "Аудан \($0)", ru: "Район \($0)", en: "District \($0)"), center: LocalizedText()) }
    }

    /// The benchmark's indicators: the shipped ones plus generated monthly and yearly ones with an ethnicity breakdown.
    static func catalog(monthly: Int) -> StatisticsCatalog {
        let shared = StatisticsCatalog.shared
        func element(_ code: String, _ kind: Period.Kind) -> DataElement {
            DataElement(code: code, name: LocalizedText(kk: code, ru: code, en: code), valueType: .count, unit: "people", overPlaces: .sum,
                        overTime: .sum, periodKind: kind, level: .district, dimensions: [.ethnicity], isPublic: true, dataSet: "bench", source: nil)
        }
        let generated = (1...monthly).map { element(String(format: "bench.m%02d", $0), .month) } + (1...6).map { element("bench.y\($0)", .year) }
        return StatisticsCatalog(elements: shared.elements + generated, dataSets: shared.dataSets, rules: shared.rules)
    }

    static func start(_ configuration: BirlikConfiguration, values target: Int) async throws -> StatisticsBenchmark {
        let app = try await BirlikApplication.make(configuration, clock: .system, environment: Environment(name: "production", arguments: ["birlik-bench"]))
        app.logger.logLevel = .error
        do {
            try await Boot.prepare(app, demoPassword: nil)
            let groups = Disaggregation.Dimension.ethnicity.options.map(\.code)
            let perMonthly = districts.count * 132 * groups.count
            let yearly = districts.count * 11 * groups.count * 7
            let monthly = max(1, Int((Double(target - yearly) / Double(perMonthly)).rounded()))
            let catalog = Self.catalog(monthly: monthly)
            let started = Stopwatch()
            var count = 0
            var random = SystemRandomNumberGenerator()
            let now = app.birlikClock.now
            let codes = catalog.elements.filter { $0.dataSet == "bench" }.map { ($0.code, $0.periodKind) } + [("population.ethnicity", Period.Kind.year)]
            for (code, kind) in codes {
                var batch: [DataValue] = []
                for district in districts {
                    for year in 2015...2025 {
                        let periods = kind == .month ? (1...12).map { Period(kind: .month, year: year, index: $0)! } : [Period(kind: .year, year: year)!]
                        for period in periods {
                            for group in groups {
                                batch.append(DataValue(element: code, category: "ethnicity=\(group)", place: district.code, period: period,
                                                       value: Double(Int.random(in: 0...500, using: &random))))
                            }
                        }
                    }
                    if batch.count >= 50_000 {
                        try await ValueTable.insertNew(batch, source: .demo, enteredBy: "bench", at: now, on: app.db)
                        count += batch.count
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                try await ValueTable.insertNew(batch, source: .demo, enteredBy: "bench", at: now, on: app.db)
                count += batch.count
            }
            let seedSeconds = started.seconds
            let sessionCookie = try await app.benchSecretariatSession()
            try app.server.start()
            return StatisticsBenchmark(app: app, baseURL: "http://\(configuration.host):\(configuration.port)", sessionCookie: sessionCookie,
                                       values: count, seedSeconds: seedSeconds, catalog: catalog,
                                       places: PlaceDirectory(ReferenceData.regions + districts), directory: URL(fileURLWithPath: configuration.dataDirectory))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    init(app: Application, baseURL: String, sessionCookie: String, values: Int, seedSeconds: Double, catalog: StatisticsCatalog,
         places: PlaceDirectory, directory: URL) {
        self.app = app; self.baseURL = baseURL; self.sessionCookie = sessionCookie; self.values = values; self.seedSeconds = seedSeconds
        self.catalog = catalog; self.places = places; self.directory = directory
    }

    var isPostgres: Bool { (app.db as? any SQLDatabase)?.dialect.name == "postgresql" }

    /// The national pivot (element × region × year over every value) both ways: median milliseconds, and whether the numbers agree.
    func pivot() async throws -> (birlik: Double, handWritten: Double, agree: Bool, cells: Int) {
        let sql = app.db as! any SQLDatabase
        let elements = catalog.elements.filter { $0.dataSet == "bench" || $0.code == "population.ethnicity" }.map(\.code)
        var ours: [String: Double] = [:]
        var theirs: [String: Double] = [:]
        let birlik = try await ControlLoopBenchmark.median(3) {
            ours = [:]
            let tables = try await Pivot.tables(PivotRequest(rows: .place, columns: .period, elements: elements), actor: .system, catalog: catalog, on: app.db)
            for (element, table) in tables {
                for row in table.rowKeys { for column in table.columnKeys { ours["\(element)|\(row)|\(column)"] = table.cell(row, column)?.value } }
            }
        }
        let handWritten = try await ControlLoopBenchmark.median(3) {
            theirs = [:]
            for row in try await sql.raw("SELECT element, region, year, SUM(value) AS s FROM data_values GROUP BY element, region, year").all() {
                let element = try row.decode(column: "element", as: String.self)
                guard elements.contains(element) else { continue }
                theirs["\(element)|\(try row.decode(column: "region", as: String.self))|\(try row.decode(column: "year", as: Int.self))"] = try row.decode(column: "s", as: Double.self)
            }
        }
        let agree = ours.count == theirs.count && ours.allSatisfy { key, value in theirs[key].map { abs($0 - value) < 1e-6 } ?? false }
        return (birlik, handWritten, agree, ours.count)
    }

    /// Writes a CSV of `rows` new values (2026–2027, monthly, by ethnicity) and returns its URL.
    func importFile(rows: Int) throws -> URL {
        let url = directory.appendingPathComponent("bench-import.csv")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var text = "element,period,place,ethnicity,value\n"
        var written = 0
        let groups = Disaggregation.Dimension.ethnicity.options.map(\.code)
        let monthly = catalog.elements.filter { $0.dataSet == "bench" && $0.periodKind == .month }.map(\.code)
        outer: for code in monthly {
            for district in Self.districts {
                for year in 2026...2027 {
                    for month in 1...12 {
                        for group in groups {
                            text += "\(code),\(year)-\(month < 10 ? "0" : "")\(month),\(district.code),\(group),\(Int.random(in: 0...999))\n"
                            written += 1
                            if text.utf8.count > 1 << 20 { try handle.write(contentsOf: Data(text.utf8)); text = "" }
                            if written == rows { break outer }
                        }
                    }
                }
            }
        }
        try handle.write(contentsOf: Data(text.utf8))
        return url
    }

    /// Imports the file the way `birlik import values` does (streamed, checked, one transaction): seconds and values written.
    /// With `dryRun`, only reading and checking are timed.
    func importValues(_ url: URL, dryRun: Bool = false) async throws -> (seconds: Double, values: Int) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let start = Stopwatch()
        let summary = try await ValueImporter.run(TableRows(csv: DelimitedReader(.file(handle))), fileName: url.lastPathComponent,
                                                  sha256: try Hashing.sha256Hex(file: url), actor: .system, dryRun: dryRun,
                                                  catalog: catalog, places: places, on: app.db, now: app.birlikClock.now)
        return (start.seconds, summary.values)
    }

    func stop() async throws {
        try await Task.sleep(for: .seconds(2))
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
