import BirlikCore
import BirlikStorage
import BirlikTestSupport
@testable import BirlikWeb
import Foundation
import SQLKit
import Testing
import Vapor

/// The built `birlik` executable, when the tests run from the package directory.
let birlikBinary: String? = {
    let path = FileManager.default.currentDirectoryPath + "/.build/debug/birlik"
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

/// Two `birlik serve` processes on one PostgreSQL database: sessions travel between them, a race on
/// one report has exactly one winner, and scheduled reminders are written once.
@Suite("Several instances on one PostgreSQL", .enabled(if: birlikBinary != nil && TestBackend.enabled.contains(.postgres)), .serialized)
struct MultiInstanceTests {
    static var binary: String? { birlikBinary }

    /// A cookie-keeping client of one server.
    struct Browser {
        var client: any Client
        var cookies: [String: String] = [:]

        mutating func send(_ method: HTTPMethod, _ url: String, form: [String: String]? = nil) async throws -> ClientResponse {
            var headers = HTTPHeaders()
            if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
            var request = ClientRequest(method: method, url: URI(string: url), headers: headers)
            if let form {
                request.headers.contentType = .urlEncodedForm
                request.body = ByteBuffer(string: form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                    .joined(separator: "&"))
            }
            let response = try await Self.sendOnce(client, request, again: method == .GET)
            for value in response.headers[.setCookie] {
                let pair = value.split(separator: ";").first.map(String.init) ?? ""
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { cookies[parts[0]] = parts[1] }
            }
            return response
        }

        /// Sends a form with one file, as a browser's file upload does.
        mutating func upload(_ url: String, fields: [String: String], file: Data, name: String) async throws -> ClientResponse {
            var (headers, body) = PlanSheetTests.multipart(fields: fields.merging(["_csrf": csrf]) { $1 }, file: file, name: name)
            if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
            return try await Self.sendOnce(client, ClientRequest(method: .POST, url: URI(string: url), headers: headers, body: body), again: true)
        }

        /// Sends `request`; when `again` (a request that may be repeated: a page read, an upload whose content
        /// is its name), once more if the pooled connection was closed under it as it was sent.
        static func sendOnce(_ client: any Client, _ request: ClientRequest, again: Bool) async throws -> ClientResponse {
            do {
                return try await client.send(request)
            } catch let error as HTTPClientError where again && error == .remoteConnectionClosed {
                return try await client.send(request)
            }
        }

        /// The form token: the session's once signed in (read from a page), the cookie's before.
        var formToken: String?
        var csrf: String { formToken ?? cookies["birlik_csrf"] ?? "" }

        mutating func readFormToken(_ site: String) async throws {
            let page = Self.text(try await send(.GET, site + "/my-work"))
            formToken = page.range(of: #"name="_csrf" value="[^"]+""#, options: .regularExpression)
                .map { String(page[$0]).replacingOccurrences(of: #"name="_csrf" value=""#, with: "").replacingOccurrences(of: "\"", with: "") }
        }

        static func text(_ response: ClientResponse) -> String { response.body.map { String(buffer: $0) } ?? "" }
    }

    static func start(_ binary: String, port: Int, environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["BIRLIK_PORT": "\(port)"]) { _, new in new }) { _, new in new }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-multi-\(port).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    static func waitUntilHealthy(_ client: any Client, _ site: String, _ process: Process) async throws {
        for _ in 0..<300 {
            guard process.isRunning else { throw Abort(.internalServerError, reason: "\(site) exited (status \(process.terminationStatus))") }
            if let response = try? await client.get(URI(string: site + "/health"), beforeSend: { $0.timeout = .seconds(2) }),
               response.status == .ok { return }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        throw Abort(.gatewayTimeout, reason: "\(site) did not start")
    }


    static func run(_ binary: String, _ arguments: [String], environment: [String: String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning { try await Task.sleep(nanoseconds: 50_000_000) }
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test("""
        Two instances with data directories of their own: a session opened on one works on the other; an attachment \
        uploaded on one downloads from the other; an import started on one shows its progress and outcome on the other; \
        a corpus text accepted on one is found on the other within 5 seconds; one of two simultaneous decisions wins; \
        reminders run once
        """)
    func twoInstances() async throws {
        let binary = try #require(Self.binary)
        try await withBirlik(.postgres, demo: false) { app in
            // Redirects are checked, not followed: a sign-in answers 303 with its cookie.
            app.http.client.configuration.redirectConfiguration = .disallow
            let sql = app.db as! any SQLDatabase
            let name = "birlik_multi_\(UInt32.random(in: 0..<UInt32.max))"
            try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            let base = TestBackend.postgresURL!.components(separatedBy: "/").dropLast().joined(separator: "/")
            // Each instance has a data directory of its own, as on two machines; they share the database, and the
            // keys, which are deployed to every instance like any secret (docs/architecture.md).
            let dataA = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-multi-a-\(UUID().uuidString)").path
            let dataB = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-multi-b-\(UUID().uuidString)").path
            let environment = ["DATABASE_URL": "\(base)/\(name)", "BIRLIK_DATA_DIR": dataA, "BIRLIK_BCRYPT_COST": "4", "LOG_LEVEL": "warning",
                               "BIRLIK_REMINDER_SECONDS": "0", "BIRLIK_PAGE_CACHE_SECONDS": "0",
                               "BIRLIK_DEMO_PASSWORD": DemoUsers.password, "BIRLIK_TODAY": TestClock.today.description]
            var ports = (try freePort(), try freePort())
            while ports.1 == ports.0 { ports.1 = try freePort() }
            let first = try Self.start(binary, port: ports.0, environment: environment)
            var processes = [first]
            defer { for process in processes where process.isRunning { process.terminate() } }
            let siteA = "http://127.0.0.1:\(ports.0)", siteB = "http://127.0.0.1:\(ports.1)"
            try await Self.waitUntilHealthy(app.client, siteA, first)
            try FileManager.default.createDirectory(atPath: dataB, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: dataA + "/keys", toPath: dataB + "/keys")
            let second = try Self.start(binary, port: ports.1, environment: environment.merging(["BIRLIK_DATA_DIR": dataB]) { $1 })
            processes.append(second)
            try await Self.waitUntilHealthy(app.client, siteB, second)

            // Sign in on A; the same cookie opens a page for the signed-in user on B.
            func signIn(_ email: String, on site: String) async throws -> Browser {
                var browser = Browser(client: app.client)
                _ = try await browser.send(.GET, site + "/sign-in")
                let response = try await browser.send(.POST, site + "/sign-in", form: ["email": email, "password": DemoUsers.password, "_csrf": browser.csrf])
                #expect(response.status == .seeOther, "sign-in \(email)")
                try await browser.readFormToken(site)
                return browser
            }
            var secretariat = try await signIn(DemoUsers.secretariat, on: siteA)
            let onB = try await secretariat.send(.GET, siteB + "/my-work")
            #expect(onB.status == .ok && Browser.text(onB).contains("Айгүл"))

            // A plan with one measure of the Almaty akimat (and the ministry as co-executor) due in five days,
            // approved on B, reported on A.
            let deadline = Day(TestClock.now.addingTimeInterval(5 * 86_400))
            var response = try await secretariat.send(.POST, siteA + "/plans/new", form: [
                "_csrf": secretariat.csrf, "code": "kz-multi", "titleKK": "Екі сервер", "regionCode": "KZ", "conceptCode": "C2",
                "startYear": "\(deadline.year)", "endYear": "\(deadline.year)", "version": "0"])
            #expect(response.status == .seeOther)
            response = try await secretariat.send(.POST, siteB + "/plans/kz-multi/measures/new", form: [
                "_csrf": secretariat.csrf, "code": "1", "titleKK": "Іс-шара", "taskCodes[]": "C2.T1", "executorCode": "akimat-kz-75",
                "coExecutorCodes": "mci", "completionForm": "report", "deadlineKind": "date", "deadlineDate": deadline.description, "budgetSource": "notRequired",
                "weight": "1", "version": "0"])
            #expect(response.status == .seeOther)
            let planPage = Browser.text(try await secretariat.send(.GET, siteB + "/plans/kz-multi"))
            let planVersion = planPage.range(of: #"name="version" value="(\d+)""#, options: .regularExpression)
                .map { String(planPage[$0]).filter(\.isNumber) } ?? "1"
            response = try await secretariat.send(.POST, siteB + "/plans/kz-multi/status", form: ["_confirmed": "1", "_csrf": secretariat.csrf, "transition": "approve", "version": planVersion])
            #expect(response.status == .seeOther)
            var akimat = try await signIn(DemoUsers.akimat, on: siteA)
            let work = Browser.text(try await akimat.send(.GET, siteA + "/my-work"))
            let reportPath = try #require(work.range(of: #"/reports/[0-9A-F-]{36}">kz-multi"#, options: .regularExpression)
                .map { String(work[$0].dropLast("\">kz-multi".count)) })
            // An attachment uploaded on A downloads from B, byte for byte; B's data directory holds no copy.
            let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
            response = try await akimat.upload(siteA + reportPath + "/attachments", fields: [:], file: pdf, name: "есеп.pdf")
            #expect(response.status == .seeOther, "\(Browser.text(response).prefix(400))")
            let download = try await akimat.send(.GET, siteB + reportPath + "/attachments/" + ContentAddress(of: pdf).sha256)
            #expect(download.status == .ok && download.body.map { Data(buffer: $0) } == pdf)
            #expect(!FileManager.default.fileExists(atPath: dataB + "/files/" + ContentAddress(of: pdf).relativePath))
            var reportPage = Browser.text(try await akimat.send(.GET, siteB + reportPath))
            func version(_ page: String) -> String {
                page.range(of: #"name="version" value="(\d+)""#, options: .regularExpression).map { String(page[$0]).filter(\.isNumber) } ?? "0"
            }
            response = try await akimat.send(.POST, siteA + reportPath + "/enter", form: ["_confirmed": "1", 
                "_csrf": akimat.csrf, "execution": "executed", "narrativeKK": "Орындалды", "submit": "true", "version": version(reportPage)])
            #expect(response.status == .seeOther, "\(Browser.text(response).components(separatedBy: "<main").last?.prefix(800) ?? "")")

            // The Secretariat accepts on A while Almaty's coordinator returns on B, both from the same version.
            var almaty = try await signIn(DemoUsers.almaty, on: siteB)
            reportPage = Browser.text(try await secretariat.send(.GET, siteA + reportPath))
            let seen = version(reportPage)
            let secretariatCopy = secretariat, almatyCopy = almaty
            async let accept = { var browser = secretariatCopy
                return try await browser.send(.POST, siteA + reportPath + "/decide", form: ["_confirmed": "1", "_csrf": browser.csrf, "transition": "accept", "version": seen]) }()
            async let giveBack = { var browser = almatyCopy
                return try await browser.send(.POST, siteB + reportPath + "/decide", form: ["_confirmed": "1", "_csrf": browser.csrf, "transition": "return", "comment": "Толықтырыңыз", "version": seen]) }()
            let outcomes = try await [accept.status, giveBack.status]
            #expect(outcomes.filter { $0 == .seeOther }.count == 1, "\(outcomes)")
            #expect(outcomes.filter { $0 == .conflict }.count == 1, "\(outcomes)")
            let loser = outcomes[0] == .conflict ? try await secretariat.send(.GET, siteA + reportPath) : try await almaty.send(.GET, siteB + reportPath)
            #expect(loser.status == .ok)

            // A large import started on A: its job page on B shows the progress, then the dry run's outcome; the
            // import itself, run from B, reads the file uploaded on A and is followed to its end on A.
            let big = FileManager.default.temporaryDirectory.appendingPathComponent("multi-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: big) }
            _ = try ImportInterruptionTests.bigFile(big)
            let file = try Data(contentsOf: big)
            func follow(_ location: String, on site: String, until marker: String, as browser: inout Browser) async throws -> String {
                var page = ""
                for _ in 0..<900 {
                    let response = try await browser.send(.GET, site + location)
                    #expect(response.status == .ok)
                    page = Browser.text(response)
                    guard page.contains("import-progress") else { break }
                    #expect(page.contains("<progress"))
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(page.contains(marker), "\(page.components(separatedBy: "<main").last?.prefix(800) ?? "")")
                return page
            }
            response = try await secretariat.upload(siteA + "/statistics/import", fields: [:], file: file, name: "big.csv")
            var location = try #require(response.headers.first(name: .location))
            #expect(location.hasPrefix("/statistics/import/jobs/"))
            _ = try await follow(location, on: siteB, until: "import-ready", as: &secretariat)
            response = try await secretariat.send(.POST, siteB + "/statistics/import/run", form: [
                "_csrf": secretariat.csrf, "sha256": ContentAddress(of: file).sha256, "fileName": "big.csv", "mode": "commit",
                "column0": "element", "column1": "period", "column2": "place", "column3": "sex", "column4": "value"])
            location = try #require(response.headers.first(name: .location))
            _ = try await follow(location, on: siteA, until: "import-done", as: &secretariat)

            // A corpus text submitted and accepted on A is found on B within 5 seconds, without a restart.
            var association = try await signIn(DemoUsers.association, on: siteA)
            let word = "Екісерверлік"
            func found(on site: String) async throws -> Int {
                let search = try await association.send(.GET, site + "/api/v1/corpus/search?q=" + (word.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                let result = try JSONDecoder().decode(CorpusController.APIResult.self, from: Data(buffer: try #require(search.body)))
                return result.total
            }
            #expect(try await found(on: siteB) == 0)
            response = try await association.upload(siteA + "/corpus/submissions", fields: [
                "title": "Екі сервер", "author": "Бірлік", "year": "2026", "genre": "fiction", "licence": "CC BY-SA 4.0",
            ], file: Data("\(word) жүйе екі машинада жұмыс істейді. \(word) қор ортақ.".utf8), name: "мәтін.txt")
            let submission = try #require(response.headers.first(name: .location)?.components(separatedBy: "?").first)
            #expect(submission.hasPrefix("/corpus/submissions/"), "\(Browser.text(response).prefix(600))")
            response = try await secretariat.send(.POST, siteA + submission + "/review", form: ["_csrf": secretariat.csrf, "decision": "accept", "version": "1"])
            #expect(response.status == .seeOther)
            let accepted = ContinuousClock.now
            var onOther = 0
            while onOther == 0, ContinuousClock.now - accepted < .seconds(5) {
                onOther = try await found(on: siteB)
                if onOther == 0 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(onOther == 2, "not found on the other instance within 5 seconds")

            // The scheduled work, started by both instances at once, writes each reminder once: each kind of
            // reminder is one transaction under the audit lock and each reminder has a unique key, so the two
            // runs may share the kinds between them, and a third run finds nothing left to write.
            let runs = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<2 { group.addTask { try await Self.run(binary, ["remind"], environment: environment) } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let written = runs.compactMap { $0.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines).dropLast()) } }
            #expect(written.count == 2 && written.reduce(0, +) > 0, "\(runs)")
            #expect(try await Self.run(binary, ["remind"], environment: environment).contains("written: 0."))
            for process in processes { process.terminate() }
            while processes.contains(where: \.isRunning) { try await Task.sleep(nanoseconds: 50_000_000) }
            try await sql.raw("DROP DATABASE \(unsafeRaw: name)").run()
            try? FileManager.default.removeItem(atPath: dataA)
            try? FileManager.default.removeItem(atPath: dataB)
        }
    }
}
