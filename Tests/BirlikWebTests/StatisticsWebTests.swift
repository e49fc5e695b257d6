import BirlikCore
import BirlikDocuments
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import BirlikWeb

/// The statistical database and early warning over HTTP: who may see and do what, the import a
/// coordinator makes in Kazakh, the open-data and early-warning APIs, and the exports.
@Suite("Statistics and early-warning pages and API")
struct StatisticsWebTests {
    static let people: [String?] = [nil, DemoUsers.admin, DemoUsers.secretariat, DemoUsers.almaty, DemoUsers.abai, DemoUsers.executor,
                                    DemoUsers.akimat, DemoUsers.council, DemoUsers.association, DemoUsers.citizen]

    @Test("Every statistics and early-warning page answers each role as the rules say")
    func routesByRole() async throws {
        try await withBirlik { app in
            let abaiSignal = try await SignalRecord.query(on: app.db).filter(\.$region == "KZ-10").first()
            let almatyAlert = try #require(try await AlertRecord.query(on: app.db).filter(\.$place == "KZ-75").first())
            let enterers = [DemoUsers.admin: UInt(200), DemoUsers.secretariat: 200, DemoUsers.almaty: 200, DemoUsers.abai: 200]
            let riskViewers = enterers
            var cases: [(String, [String: UInt], UInt, UInt)] = [
                ("/statistics", [:], 200, 200),
                ("/statistics?element=population.ethnicity&rows=category&columns=period&within=KZ-75&chart=stacked", [:], 200, 200),
                ("/statistics?element=census.population.ethnicity&rows=category&columns=period&export=xlsx", [:], 200, 200),
                ("/statistics?element=mediation.cases", [:], 401, 200),
                ("/statistics/entry?dataSet=apk-annual&period=2024", enterers, 401, 403),
                ("/statistics/import", enterers, 401, 403),
                ("/statistics/approval?dataSet=apk-annual&period=2024", enterers, 401, 403),
                ("/statistics/validation", [:], 401, 200),
                ("/early-warning", [:], 200, 200),
                ("/signals", [DemoUsers.citizen: 403], 401, 200),
                ("/signals/new", [DemoUsers.association: 403, DemoUsers.citizen: 403], 401, 200),
                ("/early-warning/alerts/\(try almatyAlert.requireID().uuidString)", [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.almaty: 200], 401, 404),
                ("/api/v1/data?element=population&period=2024", [:], 200, 200),
                ("/api/v1/data?element=mediation.cases", [DemoUsers.executor: 403, DemoUsers.akimat: 403, DemoUsers.council: 403, DemoUsers.association: 403,
                                                         DemoUsers.citizen: 403], 401, 200),
                ("/api/v1/signals", [DemoUsers.citizen: 403], 401, 200),
                ("/api/v1/risk", riskViewers, 401, 403),
            ]
            if let abaiSignal {
                cases.append(("/signals/\(try abaiSignal.requireID().uuidString)", [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.abai: 200], 401, 404))
            }
            for person in Self.people {
                let identity = try await app.identity(person)
                for (path, statuses, anonymous, otherwise) in cases {
                    let expected = person.map { statuses[$0] ?? otherwise } ?? anonymous
                    let response = try await app.request(.GET, path, as: identity)
                    #expect(response.status.code == expected, "\(person ?? "public") \(path)")
                }
            }
        }
    }

    static func windows1251(_ text: String) -> Data {
        Data(text.unicodeScalars.map { scalar -> UInt8 in
            if scalar.value < 0x80 { return UInt8(scalar.value) }
            if (0x410...0x44F).contains(scalar.value) { return UInt8(scalar.value - 0x410 + 0xC0) }
            return 0x3F
        })
    }

    @Test("A coordinator imports a Windows-1251 CSV: three bad rows are shown in Kazakh, nothing lands; fixed, it imports")
    func importInKazakh() async throws {
        try await withBirlik { app in
            let almaty = try await app.session(DemoUsers.almaty)
            let bad = Self.windows1251("Показатель;Период;Регион;Значение\r\nassociations.count;\(TestClock.today.year);Алматы;51\r\nassociations.count;\(TestClock.today.year)-13;Алматы;12\r\n"
                                       + "events.count;\(TestClock.today.year)-01;область Абай;4\r\nsurvey.relations-good;\(TestClock.today.year);Алматы;105,5\r\n")
            var (headers, body) = PlanSheetTests.multipart(almaty, file: bad, name: "values.csv")
            headers.replaceOrAdd(name: .acceptLanguage, value: "kk")
            var response = try await app.request(.POST, "/statistics/import", as: almaty, headers: headers, body: body)
            #expect(response.status == .unprocessableEntity)
            let page = response.text
            #expect(page.contains("Табылған қателер: 3"))
            #expect(page.contains("Мұндай кезең жоқ") && page.contains("Бұл аумақтың деректерін енгізуге құқығыңыз жоқ") && page.contains("Үлес 0-ден 100-ге дейін"))
            #expect(page.contains("Windows-1251"))
            let stored = try await StatisticsStorageTestsShim.count(app, "SELECT COUNT(*) AS n FROM data_values WHERE period = '\(TestClock.today.year)' AND element IN ('associations.count', 'events.count', 'survey.relations-good')")
            #expect(stored == 0)
            let good = Self.windows1251("Показатель;Период;Регион;Значение\r\nassociations.count;\(TestClock.today.year);Алматы;51\r\nsurvey.relations-good;\(TestClock.today.year);Алматы;85,5\r\n")
            (headers, body) = PlanSheetTests.multipart(almaty, file: good, name: "values.csv")
            headers.replaceOrAdd(name: .acceptLanguage, value: "kk")
            response = try await app.request(.POST, "/statistics/import", as: almaty, headers: headers, body: body)
            #expect(response.status == .ok && response.text.contains("import-ready"))
            let sha = ContentAddress(of: good).sha256
            response = try await app.request(.POST, "/statistics/import/run", as: almaty, headers: ["Accept-Language": "kk"], form: [
                "_csrf": almaty.csrf, "sha256": sha, "fileName": "values.csv", "mode": "commit",
                "column0": "element", "column1": "period", "column2": "place", "column3": "value",
            ])
            #expect(response.status == .ok && response.text.contains("Импортталды: 2 мән"))
            #expect(try await StatisticsStorageTestsShim.count(app, "SELECT COUNT(*) AS n FROM data_values WHERE period = '\(TestClock.today.year)' AND place = 'KZ-75' AND element IN ('associations.count', 'survey.relations-good')") == 2)
            // Another region's coordinator cannot even open the import.
            let citizen = try await app.session(DemoUsers.citizen)
            (headers, body) = PlanSheetTests.multipart(citizen, file: good, name: "values.csv")
            #expect(try await app.request(.POST, "/statistics/import", as: citizen, headers: headers, body: body).status == .forbidden)
            // Data entry: a bad number comes back in the form with the typed text kept.
            response = try await app.request(.POST, "/statistics/entry?dataSet=apk-annual&place=KZ-75&period=\(TestClock.today.year)", as: almaty, headers: ["Accept-Language": "ru"],
                                             form: ["_csrf": almaty.csrf, "v:associations.count|": "много", "v:friendship-houses.count|": "3"])
            #expect(response.status == .unprocessableEntity && response.text.contains("много") && response.text.contains("Это не число"))
        }
    }

    @Test("Open data: the census by ethnic group, errors named in the caller's language; the early-warning API is scoped")
    func api() async throws {
        try await withBirlik { app in
            var response = try await app.request(.GET, "/api/v1/data?element=census.population.ethnicity&period=2021&by=ethnicity")
            #expect(response.status == .ok)
            struct Payload: Decodable { struct Item: Decodable { var category: String?; var value: Double; var source: String }; var data: [Item] }
            let census = try JSONDecoder().decode(Payload.self, from: Data(buffer: response.body))
            #expect(census.data.count == 11 && census.data.allSatisfy { $0.source == "census" })
            #expect(census.data.first { $0.category == "ethnicity=russians" }?.value == 2_981_946)
            response = try await app.request(.GET, "/api/v1/data?element=nope&period=2024Q7", headers: ["Accept-Language": "ru"])
            #expect(response.status == .unprocessableEntity && response.text.contains("Такого показателя нет"))
            let almaty = try await app.bearer(DemoUsers.almaty)
            response = try await app.request(.GET, "/api/v1/signals", as: almaty)
            struct Signals: Decodable { struct Item: Decodable { var place: String }; var signals: [Item] }
            let signals = try JSONDecoder().decode(Signals.self, from: Data(buffer: response.body))
            #expect(!signals.signals.isEmpty && signals.signals.allSatisfy { $0.place.hasPrefix("KZ-75") })
            response = try await app.request(.GET, "/api/v1/risk?period=\(Period.month(of: TestClock.today).description)", as: almaty)
            struct Risk: Decodable { struct Item: Decodable { var place: String; var value: Double }; var formula: String; var risk: [Item] }
            let risk = try JSONDecoder().decode(Risk.self, from: Data(buffer: response.body))
            #expect(risk.risk.map(\.place) == ["KZ-75"] && risk.risk[0].value >= 50 && risk.formula == RiskIndex.formula)
            #expect(try await app.request(.GET, "/api/v1/risk?period=2026-13", as: almaty).status == .unprocessableEntity)
        }
    }

    @Test("The Secretariat reviews in a batch, assigns the alert's response and closes it over the forms")
    func earlyWarningFlow() async throws {
        try await withBirlik { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            var page = try await app.request(.GET, "/early-warning", as: secretariat).text
            #expect(page.contains("review-banner") && page.contains("risk-map") && page.contains(RiskIndex.formula.replacingOccurrences(of: "·", with: "·")))
            let waiting = try await SignalRecord.query(on: app.db).filter(\.$status == "reported").filter(\.$region == "KZ-75").all()
            var form = ["_csrf": secretariat.csrf, "decision": "verify", "note": "Тексерілді"]
            for (index, signal) in waiting.enumerated() { form["ids[\(index)]"] = try signal.requireID().uuidString }
            // A batch decision asks first, carrying every signal of the batch; nothing changes until confirmed.
            let asked = try await app.request(.POST, "/signals/review", as: secretariat, form: form)
            #expect(asked.status == .ok && waiting.allSatisfy { asked.text.contains($0.id?.uuidString ?? "-") })
            #expect(try await SignalRecord.query(on: app.db).filter(\.$status == "reported").filter(\.$region == "KZ-75").count() == waiting.count)
            form["_confirmed"] = "1"
            var response = try await app.request(.POST, "/signals/review", as: secretariat, form: form)
            #expect(response.status == .seeOther)
            #expect(try await SignalRecord.query(on: app.db).filter(\.$status == "reported").filter(\.$region == "KZ-75").count() == 0)
            let alert = try #require(try await AlertRecord.query(on: app.db).filter(\.$place == "KZ-75").first())
            response = try await app.request(.POST, "/early-warning/alerts/\(try alert.requireID().uuidString)/assign", as: secretariat, headers: ["Accept-Language": "en"],
                                             form: ["_csrf": secretariat.csrf, "responsibleCode": "nowhere", "task": "", "deadline": "yesterday", "version": "\(alert.version)"])
            #expect(response.status == .unprocessableEntity && response.text.contains("error-summary"))
            response = try await app.request(.POST, "/early-warning/alerts/\(try alert.requireID().uuidString)/assign", as: secretariat,
                                             form: ["_csrf": secretariat.csrf, "responsibleCode": "public-accord-kz-75", "task": "Жиын өткізу",
                                                    "deadline": TestClock.today.adding(days: 10).description, "version": "\(alert.version)"])
            #expect(response.status == .seeOther)
            let almaty = try await app.session(DemoUsers.almaty)
            response = try await app.request(.POST, "/early-warning/alerts/\(try alert.requireID().uuidString)/close", as: almaty,
                                             form: ["_csrf": almaty.csrf, "outcome": "Жиын өтті", "version": "\(alert.version + 1)"])
            #expect(response.status == .seeOther)
            page = try await app.request(.GET, "/early-warning/alerts/\(try alert.requireID().uuidString)", as: almaty, headers: ["Accept-Language": "ru"]).text
            #expect(page.contains("Закрыто"))
            // Abai's coordinator cannot see Almaty's alert.
            let abai = try await app.session(DemoUsers.abai)
            #expect(try await app.request(.GET, "/early-warning/alerts/\(try alert.requireID().uuidString)", as: abai).status == .notFound)
        }
    }

    @Test("The pivot exports as XLSX and CSV that other tools open with the same numbers")
    func exports() async throws {
        try await withBirlik { app in
            let response = try await app.request(.GET, "/statistics?element=census.population.ethnicity&rows=category&columns=period&export=xlsx",
                                                 headers: ["Accept-Language": "kk"])
            #expect(response.status == .ok)
            let csv = try await app.request(.GET, "/statistics?element=census.population.ethnicity&rows=category&columns=period&export=csv").text
            #expect(csv.contains("13497891") && csv.contains("10096763"))
            guard DocumentTools.available else { return }
            let text = try DocumentTools.python("""
                import sys, openpyxl
                ws = openpyxl.load_workbook(sys.argv[1]).active
                rows = list(ws.iter_rows(values_only=True))
                print(rows[0][0]); print(rows[1][0], int(rows[1][2]))
                """, Data(buffer: response.body), extension: "xlsx")
            #expect(text.contains("Бөлініс") && text.contains("Қазақтар 13497891"), "\(text)")
        }
    }

    @Test("A background import whose server stopped is shown as interrupted, in the user's language, not as progress forever",
          arguments: TestBackend.enabled)
    func interruptedImport(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            // A job recorded as running by a server that is gone (this one never ran it).
            func job(beatAgo seconds: TimeInterval) async throws -> String {
                var job = ImportJob(owner: secretariat.actor.userID, fileName: "big.csv", totalRows: 120_000, dryRun: false, encoding: "UTF-8",
                                    header: ["element", "period", "place", "value"], mapping: ImportMapping(),
                                    startedAt: TestClock.now.addingTimeInterval(-seconds))
                job.beatAt = job.startedAt
                try await ImportJobStore.start(job, on: app.db)
                try await ImportJobStore.progress(job.id, rowsRead: 40_000, now: TestClock.now.addingTimeInterval(-seconds), on: app.db)
                return "/statistics/import/jobs/\(job.id.uuidString)"
            }
            let silent = try await app.request(.GET, try await job(beatAgo: 120), as: secretariat, headers: ["Accept-Language": "ru"])
            #expect(silent.status == .ok)
            #expect(silent.text.contains("Импорт не завершён") && !silent.text.contains("<progress"), "\(silent.text.prefix(1500))")
            // On PostgreSQL another instance may still be running a job that spoke a moment ago: its progress is shown.
            let recent = try await app.request(.GET, try await job(beatAgo: 5), as: secretariat, headers: ["Accept-Language": "kk"])
            if backend == .postgres {
                #expect(recent.text.contains("<progress") && !recent.text.contains("Импорт аяқталмады"), "\(recent.text.prefix(1500))")
            } else {
                #expect(recent.text.contains("Импорт аяқталмады") && !recent.text.contains("<progress"))
            }
        }
    }

    @Test("A large file imports in the background: its page shows the progress, then the outcome")
    func backgroundImport() async throws {
        try await withBirlik { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-big-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: url) }
            let rows = try ImportInterruptionTests.bigFile(url)
            let data = try Data(contentsOf: url)
            #expect(data.count > ImportJobs.threshold)
            func follow(_ response: TestingHTTPResponse) async throws -> String {
                let location = try #require(response.headers.first(name: .location))
                #expect(location.hasPrefix("/statistics/import/jobs/"))
                let id = try #require(UUID(uuidString: String(location.dropFirst("/statistics/import/jobs/".count).prefix(36))))
                // Right after the upload the page shows the progress (or, on a fast machine, the outcome).
                let first = try await app.request(.GET, location, as: secretariat, headers: ["Accept-Language": "en"]).text
                #expect(first.contains("import-progress") ? first.contains("http-equiv=\"refresh\"") && first.contains("<progress") : true)
                // Wait for the job itself (on SQLite a request during the import waits for the one connection).
                for _ in 0..<1500 {
                    guard let job = try await app.birlik.imports.job(id, owner: secretariat.actor.userID, on: app.db) else { break }
                    if case .running = job.state { try await Task.sleep(for: .milliseconds(200)); continue }
                    break
                }
                return try await app.request(.GET, location, as: secretariat, headers: ["Accept-Language": "en"]).text
            }
            let (headers, body) = PlanSheetTests.multipart(secretariat, file: data, name: "big.csv")
            var page = try await follow(try await app.request(.POST, "/statistics/import", as: secretariat, headers: headers, body: body))
            #expect(page.contains("import-ready") && page.contains("import-mapping"))
            page = try await follow(try await app.request(.POST, "/statistics/import/run", as: secretariat, form: [
                "_csrf": secretariat.csrf, "sha256": ContentAddress(of: data).sha256, "fileName": "big.csv", "mode": "commit",
                "column0": "element", "column1": "period", "column2": "place", "column3": "sex", "column4": "value",
            ]))
            #expect(page.contains("import-done"), "\(page.prefix(2000))")
            #expect(try await StatisticsStorageTestsShim.count(app, "SELECT COUNT(*) AS n FROM data_values WHERE year = 2050") == rows / 100)
            // Someone else cannot look at the job.
            let abai = try await app.session(DemoUsers.abai)
            let location = "/statistics/import/jobs/\(UUID().uuidString)"
            #expect(try await app.request(.GET, location, as: abai).status == .notFound)
        }
    }

    @Test("Random bytes never crash the XLSX reader behind the import")
    func fuzzXLSX() throws {
        var generator = SystemRandomNumberGenerator()
        let valid = try XLSXWriter(sheets: [.init(name: "v", header: ["element", "period", "place", "value"], rows: [["population", "2024", "KZ-75", .number(5)]])]).data()
        for round in 0..<200 {
            var bytes = [UInt8](valid)
            if round % 2 == 0 {
                for _ in 0..<Int.random(in: 1...20, using: &generator) { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            } else {
                bytes = (0..<Int.random(in: 0...400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                bytes.replaceSubrange(0..<min(4, bytes.count), with: [0x50, 0x4B, 0x03, 0x04].prefix(bytes.count))
            }
            _ = try? XLSXReader.rows(Data(bytes))
        }
    }

    @Test("A chart never piles up a stock or a share, and says when it shows only some of the rows")
    func chartsAddUpOnlyWhatAddsUp() async throws {
        try await withBirlik { app in
            let english: HTTPHeaders = ["Accept-Language": "en"]
            // The population is a stock: stacked over years it would count everyone again every year.
            let stock = try await app.request(.GET, "/statistics?element=population&rows=period&columns=place&chart=stacked", headers: english)
            #expect(stock.status == .ok)
            #expect(stock.text.contains("do not add up along"), "a stacked stock is drawn without a word")
            // Events add up over a year: stacking them is true, and no note is needed.
            let flow = try await app.request(.GET, "/statistics?element=events.count&rows=period&columns=place&chart=stacked", headers: english)
            #expect(flow.status == .ok && !flow.text.contains("do not add up along"))
            // Twenty regions as rows: the chart draws eight and says so.
            let regions = try await app.request(.GET, "/statistics?element=population&rows=place&columns=period", headers: english)
            #expect(regions.text.contains("The chart shows the first 8 of"))
        }
    }
}

/// Counting rows with raw SQL, shared with the storage suite's way of checking.
enum StatisticsStorageTestsShim {
    static func count(_ app: Application, _ sql: String) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
