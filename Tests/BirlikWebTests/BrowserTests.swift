import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor

/// A real browser (Debian's chromium through chromedriver) against a real server. Runs when
/// `BIRLIK_BROWSER_TESTS=1` (CI sets it); leaves screenshots in `test-artifacts/`.
@Suite("Browser", .enabled(if: ProcessInfo.processInfo.environment["BIRLIK_BROWSER_TESTS"] == "1"), .serialized)
struct BrowserTests {
    /// Confirms the action the page asks about (the confirmation page every irreversible action shows first).
    static func confirm(_ browser: WebDriver) async throws {
        _ = try await browser.waitForText("section.confirmation", containing: "")
        try await browser.click("form.confirmation-form button[type=submit]")
    }

    @Test("Sign in, switch to Kazakh, search the directory, switch to Latin script")
    func signInSwitchLanguageAndSearch() async throws {
        try await withBirlik { app in
            let port = try freePort()
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            try app.server.start()
            let site = "http://127.0.0.1:\(port)"
            let browser: WebDriver
            do {
                browser = try await WebDriver.start(client: app.client, language: "ru")
            } catch {
                await app.server.shutdown()
                throw error
            }
            do {
                try await browser.open(site + "/sign-in")
                #expect(try await browser.text("h1") == "Вход в систему")
                try await browser.type("#field-email", DemoUsers.secretariat)
                try await browser.type("#field-password", DemoUsers.password)
                try await browser.click("main form button[type=submit]")
                let signedIn = try await browser.waitForText(".site-header .who", containing: "Айгүл")
                #expect(signedIn.contains("Айгүл Сәрсенова"), "\(signedIn)")

                try await browser.click("form[action='/language/kk'] button")
                try await browser.waitForText("h1", containing: "бірегейлік")
                try await browser.open(site + "/directory")
                #expect(try await browser.script("return document.documentElement.lang") as? String == "kk")
                #expect(try await browser.text("h1") == "Ұйымдар тізілімі")
                try await browser.type("#field-q", "Аналар кеңесі")
                try await browser.click("form[role=search] button[type=submit]")
                let results = try await browser.waitForText(".directory-results", containing: "Табылды: 1")
                let found = results.contains("ҚХА Аналар кеңесі") && results.contains("Табылды: 1")
                #expect(found, "\(results.prefix(300))")
                try await Self.save(try await browser.screenshot(), "directory-kk.png")

                try await browser.click("a[href^='/script/latin']")
                #expect(try await browser.waitForText("h1", containing: "Ūiymdar") == "Ūiymdar tızılımı")
                try await browser.open(site + "/map")
                let hasMap = try await browser.source().contains("class=\"region-map\"")
                #expect(hasMap)
                try await Self.save(try await browser.screenshot(), "map-kk-latin.png")
            } catch {
                try? await Self.save(try await browser.screenshot(), "failure.png")
                await browser.quit()
                await app.server.shutdown()
                throw error
            }
            await browser.quit()
            await app.server.shutdown()
        }
    }

    /// A fresh browser signed in as `email`, in Kazakh.
    static func signedIn(_ app: Application, _ site: String, _ email: String, width: Int = 1280) async throws -> WebDriver {
        let browser = try await WebDriver.start(client: app.client, language: "kk", width: width)
        do {
            try await browser.open(site + "/sign-in")
            try await browser.type("#field-email", email)
            try await browser.type("#field-password", DemoUsers.password)
            try await browser.click("main form button[type=submit]")
            _ = try await browser.waitForText(".site-header .who", containing: "демо")
            return browser
        } catch {
            await browser.quit()
            throw error
        }
    }

    @Test("The reporting path in the browser, on a phone and a desktop: the akimat submits, the coordinator returns, the akimat resubmits, the coordinator accepts",
          arguments: [390, 1440])
    func reportingPath(width: Int) async throws {
        try await withBirlik { app in
            let port = try freePort()
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            try app.server.start()
            let site = "http://127.0.0.1:\(port)"
            defer { Task { await app.server.shutdown() } }
            let akimat = try await app.organizationID("akimat-kz-75")
            let plan = try #require(try await PlanRecord.query(on: app.db).filter(\.$code == DemoPlans.almaty).first())
            let report = try #require(try await ReportRecord.query(on: app.db).filter(\.$planID == (try plan.requireID())).filter(\.$executorID == akimat)
                .filter(\.$status ~~ ["notStarted", "draft"]).filter(\.$dueDate >= TestClock.today.description).sort(\.$dueDate).first())
            let path = site + "/reports/\(try report.requireID().uuidString)"
            func step(_ email: String, _ name: String, _ body: (WebDriver) async throws -> Void) async throws {
                let browser = try await Self.signedIn(app, site, email, width: width)
                do {
                    try await body(browser)
                    try await Self.save(try await browser.screenshot(), "\(width)-\(name)")
                } catch {
                    try? await Self.save(try await browser.screenshot(), "failure-\(width)-\(name)")
                    await browser.quit()
                    throw error
                }
                await browser.quit()
            }
            try await step(DemoUsers.akimat, "report-submitted.png") { browser in
                try await browser.open(site + "/my-work")
                #expect(try await browser.source().contains(try report.requireID().uuidString))
                try await browser.open(path)
                _ = try await browser.script("document.querySelector('#field-execution').value = 'executed'")
                try await browser.type("#field-narrativeKK", "Ассамблея отырысы өтті, 40 бірлестік қатысты.")
                try await browser.click("button[name=submit][value=true]")
                try await Self.confirm(browser)
                _ = try await browser.waitForText(".badge", containing: "Жіберілді")
            }
            try await step(DemoUsers.almaty, "report-returned.png") { browser in
                try await browser.open(path)
                try await browser.type("form.decision:has(input[value=return]) textarea", "Қатысушылар тізімін қосыңыз")
                try await browser.click("form.decision:has(input[value=return]) button")
                try await Self.confirm(browser)
                _ = try await browser.waitForText(".badge", containing: "қайтарылды")
            }
            try await step(DemoUsers.akimat, "report-resubmitted.png") { browser in
                try await browser.open(path)
                #expect(try await browser.text(".notice.warning").contains("Қатысушылар тізімін қосыңыз"))
                try await browser.type("#field-narrativeRU", "Список участников приложен.")
                try await browser.click("button[name=submit][value=true]")
                try await Self.confirm(browser)
                _ = try await browser.waitForText(".badge", containing: "Жіберілді")
            }
            try await step(DemoUsers.almaty, "dashboard-after-accept.png") { browser in
                try await browser.open(path)
                try await browser.click("form.decision:has(input[value=accept]) button")
                try await Self.confirm(browser)
                _ = try await browser.waitForText(".badge", containing: "Қабылданды")
                try await browser.open(site + "/dashboard")
                #expect(try await browser.text("h1").contains("Алматы"))
                #expect(try await browser.source().contains("class=\"kpi-value\""))
            }
            #expect(try await ReportRecord.find(try report.requireID(), on: app.db)?.status == "accepted")
        }
    }

    @Test("A coordinator imports a Windows-1251 CSV: three problems in Kazakh, fixed, imported; the maps of the statistics and of early warning")
    func statisticsImportAndMaps() async throws {
        try await withBirlik { app in
            let port = try freePort()
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            try app.server.start()
            let site = "http://127.0.0.1:\(port)"
            defer { Task { await app.server.shutdown() } }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-browser-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let bad = directory.appendingPathComponent("bad.csv"), good = directory.appendingPathComponent("good.csv")
            try StatisticsWebTests.windows1251("Показатель;Период;Регион;Значение\r\nassociations.count;\(TestClock.today.year);Алматы;52\r\nassociations.count;\(TestClock.today.year)-13;Алматы;12\r\n"
                                                + "events.count;\(TestClock.today.year)-01;область Абай;4\r\nsurvey.relations-good;\(TestClock.today.year);Алматы;105,5\r\n").write(to: bad)
            try StatisticsWebTests.windows1251("Показатель;Период;Регион;Значение\r\nassociations.count;\(TestClock.today.year);Алматы;52\r\nsurvey.relations-good;\(TestClock.today.year);Алматы;85,5\r\n").write(to: good)
            let browser = try await Self.signedIn(app, site, DemoUsers.almaty)
            do {
                try await browser.open(site + "/statistics/import")
                try await browser.type("#field-file", bad.path)
                try await browser.click("form.upload button[type=submit]")
                let problems = try await browser.waitForText("#import-problems", containing: "Табылған қателер: 3")
                #expect(problems.contains("Мұндай кезең жоқ") && problems.contains("құқығыңыз жоқ") && problems.contains("Үлес 0-ден 100-ге дейін"))
                try await Self.save(try await browser.screenshot(), "import-problems-kk.png")
                try await browser.type("#field-file", good.path)
                try await browser.click("form.upload button[type=submit]")
                _ = try await browser.waitForText("#import-ready", containing: "2")
                try await browser.click("#import-commit")
                _ = try await browser.waitForText("#import-done", containing: "Импортталды: 2")
                try await Self.save(try await browser.screenshot(), "import-done-kk.png")
                try await browser.open(site + "/early-warning")
                #expect(try await browser.source().contains("id=\"risk-map\""))
                #expect(try await browser.text("#review-banner").contains("Тексеруді күтетін сигналдар"))
                try await Self.save(try await browser.screenshot(), "early-warning-kk.png")
            } catch {
                try? await Self.save(try await browser.screenshot(), "failure-statistics.png")
                await browser.quit()
                throw error
            }
            await browser.quit()
            // The public, in each language, sees the map and the census table and may download them.
            for (language, heading) in [("kk", "Ұлтаралық қатынастардың"), ("ru", "межэтнических отношений"), ("en", "interethnic relations")] {
                let visitor = try await WebDriver.start(client: app.client, language: language)
                do {
                    try await visitor.open(site + "/statistics?element=population&year=2024")
                    #expect(try await visitor.text("h1").contains(heading))
                    #expect(try await visitor.source().contains("id=\"statistics-map\""))
                    try await Self.save(try await visitor.screenshot(), "statistics-map-\(language).png")
                    try await visitor.open(site + "/statistics?element=census.population.ethnicity&rows=category&columns=period")
                    let census = try await visitor.source()
                    #expect(census.contains("13") && census.contains("export=xlsx"))
                } catch {
                    try? await Self.save(try await visitor.screenshot(), "failure-statistics-\(language).png")
                    await visitor.quit()
                    throw error
                }
                await visitor.quit()
            }
            #expect(try await StatisticsStorageTestsShim.count(app, "SELECT COUNT(*) AS n FROM data_values WHERE period = '\(TestClock.today.year)' AND place = 'KZ-75' AND element IN ('associations.count', 'survey.relations-good')") == 2)
        }
    }

    static func save(_ png: Data, _ name: String) async throws {
        let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("test-artifacts")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try png.write(to: directory.appendingPathComponent(name))
    }

    @Test("Every page fits a phone (390 px) and a desktop (1440 px) in kk, kk-Latn, ru and en: nothing wider than the screen, chart and map text at 12 px or more, the desktop menu on one row")
    func readableAtBothWidths() async throws {
        try await withBirlik { app in
            let port = try freePort()
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            try app.server.start()
            let site = "http://127.0.0.1:\(port)"
            let report = try await ControlLoopWebTests.almatyReport(app, open: true)
            let pages = ["/", "/directory", "/map", "/regions", "/strategy", "/plans", "/plans/\(DemoPlans.almaty)", "/measures", "/reports/\(report.id.uuidString)",
                         "/my-work", "/dashboard", "/instructions", "/statistics", "/statistics?element=population&rows=place&columns=period&chart=stacked",
                         "/statistics/entry", "/statistics/import", "/early-warning", "/signals", "/signals/new", "/corpus", "/corpus?q=тіл",
                         "/corpus/submissions", "/annual-report", "/admin/users", "/admin/audit",
                         "/appeals", "/appeals/new", "/appeals/statistics", "/calendar?from=2026-03-20&count=15"]
            let forms: [(name: String, language: String, script: String)] = [("kk", "kk", "cyrillic"), ("kk-Latn", "kk", "latin"), ("ru", "ru", "cyrillic"), ("en", "en", "cyrillic")]
            let secretariat = try await app.session(DemoUsers.secretariat)
            let token = try #require(secretariat.headers.first(name: .cookie)?.split(separator: "=", maxSplits: 1).last.map(String.init))
            for width in [390, 1440] {
                let browser = try await WebDriver.start(client: app.client, language: "kk", width: width)
                do {
                    try await browser.open(site + "/")
                    for form in forms {
                        // The session, language and script as cookies, as the switches set them.
                        for (name, value) in [("birlik_session", token), ("birlik_lang", form.language), ("birlik_script", form.script)] {
                            _ = try await browser.script("document.cookie = '\(name)=\(value); path=/'")
                        }
                        for page in pages {
                            try await browser.open(site + page)
                            let wide = try await browser.script("return document.documentElement.scrollWidth") as? Int ?? 0
                            #expect(wide <= width, "\(page) in \(form.name) is \(wide) px wide on a \(width) px screen")
                            let small = try await browser.script("""
                                return Array.from(document.querySelectorAll('svg text')).filter(t => t.getBoundingClientRect().height > 0
                                  && t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize) < 11.9).length
                                """) as? Int ?? 0
                            #expect(small == 0, "\(page) in \(form.name) at \(width) px: \(small) chart or map texts under 12 px")
                            if width == 1440 {
                                let rows = try await browser.script("return new Set(Array.from(document.querySelectorAll('.main-nav li')).map(li => Math.round(li.getBoundingClientRect().top))).size") as? Int ?? 0
                                #expect(rows == 1, "\(page) in \(form.name): the menu takes \(rows) rows")
                            }
                            if form.name == "kk" || width == 390 {
                                let name = page == "/" ? "home" : page.hasPrefix("/reports/") ? "report"
                                    : String(page.dropFirst()).replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "?", with: "_")
                                try await Self.save(try await browser.screenshot(), "layout-\(width)-\(form.name)-\(name.prefix(60)).png")
                            }
                        }
                    }
                } catch {
                    await browser.quit()
                    await app.server.shutdown()
                    throw error
                }
                await browser.quit()
            }
            await app.server.shutdown()
        }
    }
}
