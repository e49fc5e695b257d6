import BirlikCore
import BirlikDocuments
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// The control loop over HTTP: who may see and do what, the whole reporting path through the forms,
/// the API, the exports and the annual report opened by tools that did not write it.
@Suite("Control loop pages, API and documents")
struct ControlLoopWebTests {
    @Test("A form sent after its session ended keeps what was typed on the answer, and signing in leads back to the form's page")
    func typedTextSurvivesAnEndedSession() async throws {
        try await withBirlik { app in
            let report = try await Self.almatyReport(app, status: .notStarted, open: true)
            let page = "/reports/\(report.id.uuidString)"
            let narrative = "Үш отырыс өтті, 420 адам қатысты; хаттамалар қоса беріледі."
            // The session has ended: the browser sends the form with no valid session cookie.
            let response = try await app.request(.POST, page + "/enter", headers: ["Accept-Language": "en", "Host": "localhost", "Referer": "http://localhost\(page)"],
                                                 form: ["_csrf": "stale", "execution": "executed", "narrativeKK": narrative, "version": "\(report.version)"])
            #expect(response.status == .unauthorized)
            #expect(response.text.contains(narrative) && response.text.contains("What you typed has not been saved"))
            #expect(response.text.contains("href=\"/sign-in?back=/reports/\(report.id.uuidString)\""),
                    "signing in should lead back to the report page, not to the form's POST address")
        }
    }

    @Test("Success messages say what happened: a submitted report names where it went")
    func successMessagesSayWhatHappened() async throws {
        try await withBirlik { app in
            let report = try await Self.almatyReport(app, status: .notStarted, open: true)
            let akimat = try await app.session(DemoUsers.akimat)
            let english: HTTPHeaders = ["Accept-Language": "en"]
            let submitted = try await app.request(.POST, "/reports/\(report.id.uuidString)/enter", as: akimat, headers: english, form: [
                "_confirmed": "1", "_csrf": akimat.csrf, "execution": "executed", "narrativeKK": "Өтті.", "submit": "true", "version": "\(report.version)"])
            #expect(submitted.status == .seeOther)
            let page = try await app.request(.GET, try #require(submitted.headers.first(name: .location)), as: akimat, headers: english)
            let almaty = try #require(ReferenceData.regions.first { $0.code == "KZ-75" }?.name.en)
            #expect(page.text.contains("Report submitted for the coordinator&#39;s decision (\(almaty))."), "the notice does not say where the report went")
            #expect(!page.text.contains("Changes saved."))
        }
    }

    @Test("The English and Russian annual reports have their own words: narratives written in another language are marked, units translated")
    func annualReportLanguages() async throws {
        try await withBirlik { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            let year = TestClock.today.year - 1
            let english = try await app.request(.GET, "/annual-report?year=\(year)&lang=en&format=html", as: secretariat).text
            let narratives = english.components(separatedBy: "<ul class=\"narratives\">").dropFirst()
                .flatMap { $0.components(separatedBy: "</ul>")[0].components(separatedBy: "<li>").dropFirst() }
            #expect(!narratives.isEmpty, "the demo year has narratives to show")
            #expect(narratives.allSatisfy { $0.contains("(original in Kazakh)") || $0.contains("(original in Russian)") }, "\(narratives.prefix(2))")
            #expect(!english.contains(" адам") && english.contains(" people"), "units stay in Kazakh in the English report")
            let russian = try await app.request(.GET, "/annual-report?year=\(year)&lang=ru&format=html", as: secretariat).text
            #expect(!russian.contains(" адам") && russian.contains(" человек"))
        }
    }

    @Test("While an approved plan is amended, the public keeps seeing the version in force, never nothing")
    func amendmentKeepsVersionInForcePublic() async throws {
        try await withBirlik { app in
            let record = try #require(try await PlanRecord.query(on: app.db).filter(\.$code == DemoPlans.almaty).first())
            let approved = record.plan
            let measures = try await PlanQueries.measures(of: approved.id, on: app.db)
            let secretariat = try await app.actor(DemoUsers.secretariat)
            let draft = try await PlanStore.transition(id: approved.id, .amend, version: approved.version, actor: secretariat, on: app.db, now: TestClock.now)
            #expect(draft.status == .draft && draft.isUnderAmendment)
            // The draft changes: a measure is renamed in the next version.
            let renamed = try #require(measures.first)
            try await MeasureRecord.query(on: app.db).filter(\.$id == renamed.id).set(\.$titleKK, to: "Жаңа редакциядағы іс-шара").update()
            let english: HTTPHeaders = ["Accept-Language": "en"]
            let page = try await app.request(.GET, "/plans/\(DemoPlans.almaty)", headers: english)
            #expect(page.status == .ok)
            #expect(page.text.contains("Shown here is the version in force"))
            #expect(!page.text.contains("Жаңа редакциядағы"), "the public sees the draft of the next version")
            let list = try await app.request(.GET, "/api/v1/plans", headers: english)
            #expect(list.text.contains(DemoPlans.almaty))
            let publicMeasures = try await PlanQueries.measures(PlanQueries.MeasureFilter(planID: approved.id), actor: .anonymous, on: app.db)
            #expect(publicMeasures.count == measures.count && publicMeasures.allSatisfy { $0.1.status != .draft })
            // The region's coordinator works on the draft itself.
            let coordinator = try await app.session(DemoUsers.almaty)
            let working = try await app.request(.GET, "/plans/\(DemoPlans.almaty)", as: coordinator, headers: english)
            #expect(!working.text.contains("Shown here is the version in force"))
        }
    }

    static let people: [String?] = [nil, DemoUsers.admin, DemoUsers.secretariat, DemoUsers.almaty, DemoUsers.abai, DemoUsers.executor,
                                    DemoUsers.akimat, DemoUsers.council, DemoUsers.association, DemoUsers.citizen]

    /// A report of the Almaty akimat on Almaty's current regional plan.
    /// With `open`, one still inside its entry window (due today or later).
    static func almatyReport(_ app: Application, status: ReportStatus? = nil, open: Bool = false) async throws -> Report {
        let akimat = try await app.organizationID("akimat-kz-75")
        let plan = try #require(try await PlanRecord.query(on: app.db).filter(\.$code == DemoPlans.almaty).first())
        let query = ReportRecord.query(on: app.db).filter(\.$planID == (try plan.requireID())).filter(\.$executorID == akimat)
        if let status { query.filter(\.$status == status.rawValue) }
        if open { query.filter(\.$dueDate >= TestClock.today.description) }
        return try #require(try await query.sort(\.$dueDate).first()).report
    }

    @Test("Every control-loop page answers each role as the rules say")
    func routesByRole() async throws {
        try await withBirlik { app in
            let accepted = try await Self.almatyReport(app, status: .accepted)
            let draft = try await Self.almatyReport(app, status: .notStarted)
            let measure = try #require(try await MeasureRecord.find(draft.measureID, on: app.db))
            let instruction = try #require(try await InstructionRecord.query(on: app.db).filter(\.$number == DemoPlans.overdueInstruction).first())
            let controllers = [DemoUsers.admin: UInt(200), DemoUsers.secretariat: 200, DemoUsers.almaty: 200, DemoUsers.abai: 200,
                               DemoUsers.executor: 200, DemoUsers.akimat: 200, DemoUsers.council: 200, DemoUsers.association: 200]
            let cases: [(String, [String: UInt], UInt, UInt)] = [
                ("/strategy", [:], 200, 200),
                ("/strategy?q=медиация", [:], 200, 200),
                ("/plans", [:], 200, 200),
                ("/plans/kz-2021-2025", [:], 200, 200),
                ("/plans/kz-2021-2025/versions?from=1&to=2", [:], 200, 200),
                ("/measures?task=C2.D1", [:], 200, 200),
                ("/measures/\(try measure.requireID().uuidString)", [:], 200, 200),
                // Astana's draft plan: the Secretariat, and no one outside Astana.
                ("/plans/\(DemoPlans.astanaDraft)", [DemoUsers.admin: 200, DemoUsers.secretariat: 200], 401, 404),
                // An accepted report is public; an unstarted one belongs to its executor and the region.
                ("/reports/\(accepted.id.uuidString)", [:], 200, 200),
                ("/reports/\(draft.id.uuidString)", [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.almaty: 200, DemoUsers.akimat: 200], 401, 404),
                ("/reports/not-an-id", [:], 404, 404),
                ("/dashboard", controllers, 401, 403),
                ("/dashboard?year=2024&export=xlsx&table=territories", controllers, 401, 403),
                ("/my-work", [:], 401, 200),
                ("/instructions", [:], 401, 200),
                ("/instructions/\(try instruction.requireID().uuidString)", [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.akimat: 200], 401, 404),
                ("/instructions/new", [DemoUsers.admin: 200, DemoUsers.secretariat: 200], 401, 403),
                ("/plans/new", [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.almaty: 200, DemoUsers.abai: 200], 401, 403),
                // Measures are added to drafts only: the plan's controllers are told it is approved.
                ("/plans/\(DemoPlans.almaty)/measures/new", [DemoUsers.admin: 409, DemoUsers.secretariat: 409, DemoUsers.almaty: 409], 401, 403),
                ("/annual-report", [DemoUsers.admin: 200, DemoUsers.secretariat: 200], 401, 403),
                ("/api/v1/plans", [:], 200, 200),
                ("/api/v1/measures?plan=kz-2021-2025", [:], 200, 200),
                ("/api/v1/dashboard/summary", controllers, 401, 403),
            ]
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

    @Test("Each region sees only its own reports; the public only plans in force")
    func scoping() async throws {
        try await withBirlik { app in
            let abai = try await app.bearer(DemoUsers.abai)
            let almaty = try await app.bearer(DemoUsers.almaty)
            let abaiSummary = try await app.request(.GET, "/api/v1/dashboard/summary", as: abai).text
            #expect(abaiSummary.contains("\"KZ-10\"") && !abaiSummary.contains("\"KZ-75\""))
            #expect(abaiSummary.contains("reportingRate") && abaiSummary.contains("definitions"))
            let almatyPage = try await app.request(.GET, "/dashboard?region=KZ-10", as: try await app.session(DemoUsers.almaty)).text
            #expect(almatyPage.contains("Алматы") && !almatyPage.contains("Абай облысы"))
            let almatyPlans = try await app.request(.GET, "/api/v1/plans", as: almaty).text
            #expect(!almatyPlans.contains(DemoPlans.astanaDraft))
            let publicPlans = try await app.request(.GET, "/api/v1/plans").text
            #expect(publicPlans.contains("kz-2021-2025") && !publicPlans.contains("\"draft\""))
            let unknown = try await app.request(.GET, "/api/v1/measures?executor=no-such-body", as: almaty, headers: ["Accept-Language": "ru"])
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("Организации с таким кодом нет"))
            // Abai's coordinator cannot decide on an Almaty report, even with a valid form.
            let record = try #require(try await ReportRecord.find(try await Self.almatyReport(app, status: .notStarted).id, on: app.db))
            record.status = ReportStatus.submitted.rawValue
            try await record.update(on: app.db)
            let submitted = record.report
            let abaiSession = try await app.session(DemoUsers.abai)
            let response = try await app.request(.POST, "/reports/\(submitted.id.uuidString)/decide", as: abaiSession,
                                                 form: ["_confirmed": "1", "_csrf": abaiSession.csrf, "transition": "accept", "version": "\(submitted.version)"])
            #expect(response.status == .notFound)
            #expect(try await ReportRecord.find(submitted.id, on: app.db)?.status == ReportStatus.submitted.rawValue)
        }
    }

    @Test("The whole path: the Secretariat approves, the akimat reports, the coordinator returns, the Secretariat accepts, the figures move")
    func reportingPath() async throws {
        try await withBirlik { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            let year = TestClock.today.year
            let deadline = Day(TestClock.now.addingTimeInterval(30 * 86_400))
            var response = try await app.request(.POST, "/plans/new", as: secretariat, form: [
                "_csrf": secretariat.csrf, "code": "kz-test", "titleKK": "Сынақ жоспары", "regionCode": "KZ", "conceptCode": "C2",
                "startYear": "\(year)", "endYear": "\(year + 1)", "version": "0"])
            #expect(response.status == .seeOther)
            // A measure without an executor, with a negative budget and a deadline outside the plan: every problem named, nothing written.
            response = try await app.request(.POST, "/plans/kz-test/measures/new", as: secretariat, headers: ["Accept-Language": "ru"], form: [
                "_csrf": secretariat.csrf, "code": "1", "titleKK": "Іс-шара", "taskCodes[]": "C2.T1", "executorCode": "", "completionForm": "report",
                "deadlineKind": "date", "deadlineDate": "01.01.2040", "budgetSource": "local", "amount": "-10", "weight": "1", "version": "0"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Укажите ответственного исполнителя") && response.text.contains("Значение не может быть отрицательным"))
            #expect(response.text.contains("Срок выходит за годы плана"))
            response = try await app.request(.POST, "/plans/kz-test/measures/new", as: secretariat, form: [
                "_csrf": secretariat.csrf, "code": "1", "titleKK": "Достық фестивалі", "taskCodes[]": "C2.D2.A7", "executorCode": "akimat-kz-75",
                "completionForm": "eventHeld", "deadlineKind": "date", "deadlineDate": deadline.description, "budgetSource": "local",
                "amount": "2 000 000", "weight": "1", "version": "0"])
            #expect(response.status == .seeOther)
            let plan = try #require(try await PlanRecord.query(on: app.db).filter(\.$code == "kz-test").first())
            response = try await app.request(.POST, "/plans/kz-test/status", as: secretariat,
                                             form: ["_confirmed": "1", "_csrf": secretariat.csrf, "transition": "approve", "version": "\(plan.version)"])
            #expect(response.status == .seeOther)
            let report = try #require(try await ReportRecord.query(on: app.db).filter(\.$planID == (try plan.requireID())).first()).report
            // The akimat's officer finds it in "my work", saves and submits.
            let akimat = try await app.session(DemoUsers.akimat)
            #expect(try await app.request(.GET, "/my-work", as: akimat).text.contains("/reports/\(report.id.uuidString)"))
            let path = "/reports/\(report.id.uuidString)"
            response = try await app.request(.POST, path + "/enter", as: akimat, form: [
                "_csrf": akimat.csrf, "execution": "executed", "narrativeKK": "Фестиваль өтті, 1200 адам қатысты.", "submit": "false",
                "version": "\(report.version)"])
            #expect(response.status == .seeOther)
            // A second officer holding the old version: a conflict in Kazakh, and the typed text is still on the page.
            response = try await app.request(.POST, path + "/enter", as: akimat, headers: ["Accept-Language": "kk"], form: [
                "_csrf": akimat.csrf, "execution": "partlyExecuted", "narrativeKK": "Менің мәтінім жоғалмауы керек", "submit": "false",
                "version": "\(report.version)"])
            #expect(response.status == .conflict)
            #expect(response.text.contains("Менің мәтінім жоғалмауы керек") && response.text.contains("басқа пайдаланушы сақтады"))
            var saved = try #require(try await ReportRecord.find(report.id, on: app.db)).report
            #expect(saved.narrative.kk == "Фестиваль өтті, 1200 адам қатысты.")
            response = try await app.request(.POST, path + "/enter", as: akimat, form: ["_confirmed": "1", 
                "_csrf": akimat.csrf, "execution": "executed", "narrativeKK": "Фестиваль өтті, 1200 адам қатысты.", "submit": "true",
                "version": "\(saved.version)"])
            #expect(response.status == .seeOther)
            saved = try #require(try await ReportRecord.find(report.id, on: app.db)).report
            #expect(saved.status == .submitted)
            // Almaty's coordinator returns it with a comment; the officer corrects and resubmits.
            let almaty = try await app.session(DemoUsers.almaty)
            var current = try #require(try await ReportRecord.find(report.id, on: app.db)).report
            response = try await app.request(.POST, path + "/decide", as: almaty, form: ["_confirmed": "1", 
                "_csrf": almaty.csrf, "transition": "return", "comment": "Қатысушылар тізімін қосыңыз", "version": "\(current.version)"])
            #expect(response.status == .seeOther)
            #expect(try await app.request(.GET, path, as: akimat).text.contains("Қатысушылар тізімін қосыңыз"))
            current = try #require(try await ReportRecord.find(report.id, on: app.db)).report
            response = try await app.request(.POST, path + "/enter", as: akimat, form: ["_confirmed": "1", 
                "_csrf": akimat.csrf, "execution": "executed", "narrativeKK": "Фестиваль өтті, тізім қоса берілді.", "submit": "true",
                "version": "\(current.version)"])
            #expect(response.status == .seeOther)
            // The coordinator may not accept a national-plan report; the Secretariat does.
            current = try #require(try await ReportRecord.find(report.id, on: app.db)).report
            response = try await app.request(.POST, path + "/decide", as: almaty, form: ["_confirmed": "1", 
                "_csrf": almaty.csrf, "transition": "accept", "version": "\(current.version)"])
            #expect(response.status == .forbidden)
            let before = try await app.request(.GET, "/api/v1/dashboard/summary", as: try await app.bearer(DemoUsers.secretariat)).text
            response = try await app.request(.POST, path + "/decide", as: secretariat, form: ["_confirmed": "1", 
                "_csrf": secretariat.csrf, "transition": "accept", "version": "\(current.version)"])
            #expect(response.status == .seeOther)
            #expect(try await ReportRecord.find(report.id, on: app.db)?.status == "accepted")
            let after = try await app.request(.GET, "/api/v1/dashboard/summary", as: try await app.bearer(DemoUsers.secretariat)).text
            #expect(before != after)
            let timeline = try await app.request(.GET, "/measures/\(report.measureID.uuidString)", as: secretariat).text
            #expect(timeline.contains("Есеп пысықтауға қайтарылды") && timeline.contains("Есеп қабылданды"))
            #expect(try await AuditLog.verify(on: app.db).isWhole)
        }
    }

    @Test("Exports and the annual report open in tools that did not write them, and the signature holds", .enabled(if: DocumentTools.available))
    func documents() async throws {
        try await withBirlik { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            let xlsx = try await app.request(.GET, "/dashboard?export=xlsx&table=territories", as: secretariat)
            let cells = try DocumentTools.python("""
                import openpyxl, sys
                book = openpyxl.load_workbook(sys.argv[1]); sheet = book.active
                print(sheet.max_row, sheet['B1'].value, [row[1].value for row in sheet.iter_rows(min_row=2)][:20])
                """, Data(buffer: xlsx.body), extension: "xlsx")
            #expect((Int(cells.prefix { $0 != " " }) ?? 0) >= 21 && cells.contains("Алматы"), "\(cells)")
            let docx = try await app.request(.GET, "/annual-report?year=2024&lang=kk&format=docx", as: secretariat)
            #expect(docx.status == .ok)
            let text = try DocumentTools.python("""
                import docx, sys
                document = docx.Document(sys.argv[1])
                print('\\n'.join(p.text for p in document.paragraphs if p.style.name in ('Title', 'Heading 1')))
                print(document.tables[0].rows[1].cells[0].text, document.tables[0].rows[1].cells[1].text)
                """, Data(buffer: docx.body), extension: "docx")
            #expect(text.contains("2024 жылғы қорытындылары туралы Мемлекет басшысына баяндама"))
            #expect(text.contains("Жиынтық көрсеткіштер") && text.contains("Орындалмаған іс-шаралар") && text.contains("Күшіндегі жоспарлар 3"))
            let russian = try await app.request(.GET, "/annual-report?year=2024&lang=ru&format=pdf", as: secretariat)
            #expect(russian.headers.contentType?.description.hasPrefix("application/pdf") == true)
            let pdfText = try DocumentTools.pdfToText(Data(buffer: russian.body))
            #expect(pdfText.contains("Доклад Главе государства") && pdfText.contains("Сводные показатели"))
            // The register knows both files; one changed byte and the check fails.
            let directory = app.birlikDataDirectory
            var bytes = Data(buffer: docx.body)
            #expect(try await SignedDocuments.verify(bytes, detached: nil, dataDirectory: directory, on: app.db) == .untouched)
            bytes[bytes.count / 2] ^= 0x01
            #expect(try await SignedDocuments.verify(bytes, detached: nil, dataDirectory: directory, on: app.db) == nil)
        }
    }
}

/// The tools that check generated documents: python-docx and openpyxl (Debian's python3-docx and
/// python3-openpyxl) and pdftotext (poppler-utils).
enum DocumentTools {
    static let pythonPath = "/usr/bin/python3"

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") && (try? python("import docx, openpyxl; print('ok')", Data())) == "ok"
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        while process.isRunning { usleep(10_000) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func python(_ script: String, _ file: Data, extension suffix: String = "bin") throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-doc-\(UUID().uuidString).\(suffix)")
        try file.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try run(pythonPath, ["-c", script, url.path])
    }

    static func pdfToText(_ file: Data) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-doc-\(UUID().uuidString).pdf")
        try file.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try run("/usr/bin/pdftotext", ["-layout", url.path, "-"])
    }

}

@Suite("Plan import and export in the ministries' XLSX layout")
struct PlanSheetTests {
    static func multipart(_ identity: Identity, file: Data, name: String = "plan.xlsx", language: String = "kk",
                          fields: [String: String] = [:]) -> (HTTPHeaders, ByteBuffer) {
        multipart(fields: ["_csrf": identity.csrf, "language": language].merging(fields) { $1 }, file: file, name: name)
    }

    /// A browser's file upload: `fields` and one file named `name`, as `multipart/form-data`.
    static func multipart(fields: [String: String], file: Data, name: String) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "birlik-\(UUID().uuidString)"
        var body = Data()
        func part(_ header: String, _ content: Data) {
            body.append(Data("--\(boundary)\r\n\(header)\r\n\r\n".utf8))
            body.append(content)
            body.append(Data("\r\n".utf8))
        }
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { part("Content-Disposition: form-data; name=\"\(key)\"", Data(value.utf8)) }
        part("Content-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream", file)
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return (headers, ByteBuffer(data: body))
    }

    @Test("A plan exported as XLSX imports into a draft plan whole; bad files and bad rows are refused with every problem named")
    func roundTrip() async throws {
        try await withBirlik { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            let exported = try await app.request(.GET, "/plans/kz-2021-2025/export.xlsx", as: secretariat)
            #expect(exported.status == .ok)
            let file = Data(buffer: exported.body)
            let rows = try XLSXReader.rows(file)
            #expect(rows.first?.first == "№" && rows.count == 11)
            #expect(rows[1].contains { $0.contains("(mci)") })
            _ = try await app.request(.POST, "/plans/new", as: secretariat, form: [
                "_csrf": secretariat.csrf, "code": "kz-import", "titleKK": "Жүктелген жоспар", "regionCode": "KZ", "conceptCode": "C2",
                "startYear": "2021", "endYear": "2025", "version": "0"])
            let plan = try #require(try await PlanRecord.query(on: app.db).filter(\.$code == "kz-import").first())
            func upload(_ data: Data, language: String = "kk") async throws -> TestingHTTPResponse {
                var (headers, body) = Self.multipart(secretariat, file: data, language: language)
                headers.replaceOrAdd(name: .acceptLanguage, value: "ru")
                return try await app.request(.POST, "/plans/kz-import/import", as: secretariat, headers: headers, body: body)
            }
            // Not a spreadsheet; a zip bomb; a missing column; bad rows: nothing lands.
            var response = try await upload(Data("№;Мероприятие\n1;x".utf8))
            #expect(response.status == .unprocessableEntity && response.text.contains("Это не файл XLSX"))
            response = try await upload(try OOXMLPackage.zip([("xl/worksheets/sheet1.xml", Data(count: 60 << 20))]))
            #expect(response.status == .payloadTooLarge && response.text.contains("zip-бомба"))
            let missing = try XLSXWriter(sheets: [.init(name: "p", header: ["№", "Іс-шараның атауы"], rows: [["1", "Іс-шара"]])]).data()
            response = try await upload(missing)
            #expect(response.status == .unprocessableEntity && response.text.contains("Нет столбца «Форма завершения»"))
            var broken = rows
            broken[2][3] = "Белгісіз (no-such-body)"
            broken[3][4] = "кейін"
            let brokenFile = try XLSXWriter(sheets: [.init(name: "p", header: broken[0], rows: broken.dropFirst().map { $0.map { XLSXWriter.Cell.text($0) } })]).data()
            response = try await upload(brokenFile)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Строка 4") && response.text.contains("Срок: дата"), "\(response.text.suffix(3000))")
            #expect(try await MeasureRecord.query(on: app.db).filter(\.$planID == (try plan.requireID())).count() == 0)
            // The exported file itself lands whole, and again without duplicating anything.
            response = try await upload(file)
            #expect(response.status == .seeOther)
            #expect(try await MeasureRecord.query(on: app.db).filter(\.$planID == (try plan.requireID())).count() == 10)
            response = try await upload(file)
            #expect(try await MeasureRecord.query(on: app.db).filter(\.$planID == (try plan.requireID())).count() == 10)
            let imported = try await PlanQueries.measures(of: try plan.requireID(), on: app.db)
            let original = try await PlanQueries.measures(of: try #require(try await PlanRecord.query(on: app.db).filter(\.$code == "kz-2021-2025").first()).requireID(), on: app.db)
            #expect(imported.map(\.taskCodes) == original.map(\.taskCodes) && imported.map(\.amount) == original.map(\.amount))
            #expect(imported.map(\.executors) == original.map(\.executors) && imported.map(\.deadline) == original.map(\.deadline))
        }
    }
}

@Suite("Report attachments")
struct AttachmentTests {
    @Test("Executors attach PDFs and Office files; wrong types, oversized files and zip bombs are refused; other regions see nothing")
    func attachments() async throws {
        try await withBirlik { app in
            let report = try await ControlLoopWebTests.almatyReport(app, status: .notStarted, open: true)
            let akimat = try await app.session(DemoUsers.akimat)
            let path = "/reports/\(report.id.uuidString)"
            func upload(_ data: Data, _ name: String, as identity: Identity) async throws -> TestingHTTPResponse {
                var (headers, body) = PlanSheetTests.multipart(identity, file: data, name: name)
                headers.replaceOrAdd(name: .acceptLanguage, value: "ru")
                return try await app.request(.POST, path + "/attachments", as: identity, headers: headers, body: body)
            }
            let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
            var response = try await upload(pdf, "есеп.pdf", as: akimat)
            #expect(response.status == .seeOther)
            let sheet = try XLSXWriter(sheets: [.init(name: "s", header: ["Көрсеткіш"], rows: [[.number(42)]])]).data()
            response = try await upload(sheet, "көрсеткіштер.xlsx", as: akimat)
            #expect(response.status == .seeOther)
            response = try await upload(Data("MZ\u{90}\u{0}binary".utf8), "virus.pdf", as: akimat)
            #expect(response.status == .unprocessableEntity && response.text.contains("Можно прикрепить только PDF"))
            response = try await upload(try OOXMLPackage.zip([("word/document.xml", Data(count: 60 << 20))]), "bomb.docx", as: akimat)
            #expect(response.status == .unprocessableEntity && response.text.contains("zip-бомба"))
            response = try await upload(Data([0x25, 0x50, 0x44, 0x46, 0x2D]) + Data(count: 11 << 20), "big.pdf", as: akimat)
            #expect(response.status == .unprocessableEntity && response.text.contains("10 МБ"))
            // Someone who may not enter the report cannot attach to it.
            let abai = try await app.session(DemoUsers.abai)
            #expect(try await upload(pdf, "x.pdf", as: abai).status == .notFound)
            let attachments = try await ReportQueries.attachments(of: report.id, on: app.db)
            #expect(attachments.map(\.fileName) == ["есеп.pdf", "көрсеткіштер.xlsx"])
            let link = "\(path)/attachments/\(attachments[0].sha256)"
            let download = try await app.request(.GET, link, as: try await app.session(DemoUsers.almaty))
            #expect(download.status == .ok && Data(buffer: download.body) == pdf)
            #expect(try await app.request(.GET, link, as: abai).status == .notFound)
            #expect(try await app.request(.GET, link).status == .unauthorized)
            #expect(try await app.request(.GET, path, as: akimat).text.contains("көрсеткіштер.xlsx"))
        }
    }

    @Test("What an officer typed survives attaching a file, even a refused one; a wrong file can be removed until the report is submitted")
    func typedTextSurvivesAttach() async throws {
        try await withBirlik { app in
            let report = try await ControlLoopWebTests.almatyReport(app, status: .notStarted, open: true)
            let akimat = try await app.session(DemoUsers.akimat)
            let path = "/reports/\(report.id.uuidString)"
            let narrative = "Өңірлік ассамблеяның үш отырысы өтті; 420 қатысушы."
            let typed = ["execution": "inProgress", "narrativeKK": narrative, "narrativeRU": "", "version": String(report.version)]
            // A refused file: the page comes back with the text as typed, and the text is saved as a draft.
            var (headers, body) = PlanSheetTests.multipart(akimat, file: Data("MZ\u{90}binary".utf8), name: "virus.pdf", fields: typed)
            var response = try await app.request(.POST, path + "/attachments", as: akimat, headers: headers, body: body)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains(narrative), "the narrative typed beside a refused file is gone")
            #expect(try await ReportQueries.find(id: report.id, actor: .system, on: app.db).narrative.kk == narrative)
            // A good file lands with the text, and says so.
            let current = try await ReportQueries.find(id: report.id, actor: .system, on: app.db)
            var again = typed
            again["version"] = String(current.version)
            again["narrativeRU"] = "Прошли три заседания."
            let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
            (headers, body) = PlanSheetTests.multipart(akimat, file: pdf, name: "wrong.pdf", fields: again)
            response = try await app.request(.POST, path + "/attachments", as: akimat, headers: headers, body: body)
            #expect(response.status == .seeOther)
            let saved = try await ReportQueries.find(id: report.id, actor: .system, on: app.db)
            #expect(saved.narrative.kk == narrative && saved.narrative.ru == "Прошли три заседания.")
            let files = try await ReportQueries.attachments(of: report.id, on: app.db)
            #expect(files.map(\.fileName) == ["wrong.pdf"])
            // The wrong file is removed; another region's officer cannot remove anything.
            let sha = try #require(files.first).sha256
            let abai = try await app.session(DemoUsers.abai)
            #expect(try await app.request(.POST, "\(path)/attachments/\(sha)/remove", as: abai, form: ["_confirmed": "1", "_csrf": abai.csrf]).status == .notFound)
            response = try await app.request(.POST, "\(path)/attachments/\(sha)/remove", as: akimat, headers: ["Accept-Language": "en"], form: ["_confirmed": "1", "_csrf": akimat.csrf])
            #expect(response.status == .seeOther)
            #expect(try await ReportQueries.attachments(of: report.id, on: app.db).isEmpty)
            let page = try await app.request(.GET, try #require(response.headers.first(name: .location)), as: akimat, headers: ["Accept-Language": "en"])
            #expect(page.text.contains("File removed from the report."))
            // Once submitted, its files stay.
            (headers, body) = PlanSheetTests.multipart(akimat, file: pdf, name: "act.pdf", fields: [:])
            _ = try await app.request(.POST, path + "/attachments", as: akimat, headers: headers, body: body)
            let submitted = try await ReportQueries.find(id: report.id, actor: .system, on: app.db)
            _ = try await ReportStore.enter(id: report.id, ReportDraft(submitted), submit: true, actor: try await app.actor(DemoUsers.akimat),
                                            on: app.db, now: TestClock.now)
            let act = try #require(try await ReportQueries.attachments(of: report.id, on: app.db).first).sha256
            #expect(try await app.request(.POST, "\(path)/attachments/\(act)/remove", as: akimat, form: ["_confirmed": "1", "_csrf": akimat.csrf]).status == .conflict)
        }
    }
}
