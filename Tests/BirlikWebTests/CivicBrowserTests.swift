import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor

/// The civic paths in a real browser: a citizen's appeal in Kazakh Latin to its answer, and an alert's
/// mediation case to a signed agreement, through the pages and forms only.
@Suite("Browser: appeals and mediation", .enabled(if: ProcessInfo.processInfo.environment["BIRLIK_BROWSER_TESTS"] == "1"), .serialized)
struct CivicBrowserTests {
    static func run(_ app: Application, width: Int, _ name: String, as email: String?, _ body: (WebDriver, String) async throws -> Void) async throws {
        let site = "http://127.0.0.1:\(app.http.server.configuration.port)"
        let browser: WebDriver
        if let email { browser = try await BrowserTests.signedIn(app, site, email, width: width) } else {
            browser = try await WebDriver.start(client: app.client, language: "kk", width: width)
        }
        do {
            try await body(browser, site)
            try await BrowserTests.save(try await browser.screenshot(), "civic-\(width)-\(name).png")
        } catch {
            try? await BrowserTests.save(try await browser.screenshot(), "failure-civic-\(width)-\(name).png")
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    @Test("A citizen files an appeal in Kazakh Latin; the council accepts, extends and answers it; the citizen reads the answer through the link",
          arguments: [390, 1440])
    func appealPath(width: Int) async throws {
        try await withBirlik { app in
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = try freePort()
            try app.server.start()
            defer { Task { await app.server.shutdown() } }
            var statusLink = ""
            try await Self.run(app, width: width, "appeal-filed", as: nil) { browser, site in
                try await browser.open(site + "/")
                _ = try await browser.script("document.cookie = 'birlik_lang=kk; path=/'; document.cookie = 'birlik_script=latin; path=/'")
                try await browser.open(site + "/appeals/new")
                try await browser.type("#field-name", "Ğalym Serıkūly")
                try await browser.type("#field-email", "galym@example.kz")
                _ = try await browser.script("document.querySelector('#field-place').value = 'KZ-75'; document.querySelector('#field-category').value = 'language'")
                try await browser.type("#field-text", "Mektepte qazaq tılı üiırmesı jabyldy.")
                try await browser.type("#field-points", "Üiırmenı qaita ashu")
                try await browser.click("#appeal-form button[type=submit]")
                _ = try await browser.waitForText("#appeal-number", containing: "-")
                statusLink = try await browser.script("return location.pathname") as? String ?? ""
                #expect(statusLink.hasPrefix("/appeals/status/"))
            }
            let record = try #require(try await AppealRecord.query(on: app.db).sort(\.$registeredAt, .descending).first())
            #expect(record.script == "latin" && record.language == "kk")
            let id = try #require(record.id).uuidString
            try await Self.run(app, width: width, "appeal-answered", as: DemoUsers.council) { browser, site in
                try await browser.open(site + "/appeals/\(id)")
                try await browser.click("#step-accept button[type=submit]")
                _ = try await browser.waitForText("#appeal-timeline", containing: "Қарауға қабылданды")
                let calendar = try await WorkingCalendarStore.calendar(on: app.db)
                let until = calendar.adding(workingDays: 5, to: try #require(Day(record.dueOn)))
                _ = try await browser.script("document.querySelector('#step-extend #field-until').value = '\(until.description)'")
                try await browser.type("#step-extend #field-reason", "Білім басқармасының қорытындысы сұралды")
                try await browser.click("#step-extend button[type=submit]")
                _ = try await browser.waitForText("#appeal-timeline", containing: until.dotted)
                _ = try await browser.script("document.querySelector('#field-outcome0').value = 'satisfied'")
                try await browser.type("#field-answer0", "Үйірме 1 желтоқсаннан қайта ашылады.")
                try await browser.click("#step-answer button[type=submit]")
                try await BrowserTests.confirm(browser)
                _ = try await browser.waitForText("#appeal-answer", containing: "Үйірме")
            }
            let steps = try await AppealQueries.events(of: try #require(record.id), on: app.db).map(\.status)
            #expect(steps == [.registered, .accepted, .extended, .answered])
            try await Self.run(app, width: width, "appeal-read", as: nil) { browser, site in
                try await browser.open(site + statusLink)
                let answer = try await browser.text("#appeal-answer")
                #expect(answer.contains("Üiırme") || answer.contains("Үйірме"))
                #expect(try await browser.script("return document.querySelectorAll('#appeal-timeline li').length") as? Int == 4,
                        "registered, accepted, extended, answered")
                let wide = try await browser.script("return document.documentElement.scrollWidth") as? Int ?? 0
                #expect(wide <= width)
            }
        }
    }

    @Test("An alert opens a mediation case; the tied mediator is refused, another is assigned; the mediator signs the contract, holds two sessions, records the agreement; the alert shows the outcome")
    func mediationPath() async throws {
        try await withBirlik { app in
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = try freePort()
            try app.server.start()
            defer { Task { await app.server.shutdown() } }
            let alert = Alert(id: UUID(), rule: "browser-test", place: "KZ-75",
                              month: try #require(Period(kind: .month, year: TestClock.today.year, index: TestClock.today.month)),
                              riskValue: 64, load: 2, baseline: 1, raisedAt: TestClock.now)
            try await AlertRecord(alert).create(on: app.db)
            let mediators = try await MediationQueries.mediators(on: app.db)
            let tied = try #require(mediators.first { $0.certificateNumber == "MED-2023-0452" })
            let free = try #require(mediators.first { $0.certificateNumber == "MED-2024-0117" })
            var casePath = ""
            try await Self.run(app, width: 1440, "mediation-assigned", as: DemoUsers.almaty) { browser, site in
                try await browser.open(site + "/early-warning/alerts/\(alert.id)")
                try await browser.click("#open-mediation")
                _ = try await browser.waitForText("#origin", containing: "")
                _ = try await browser.script("document.querySelector('#field-disputeType').value = 'interethnic'")
                try await browser.type("#field-summary", "Аула мен автотұраққа байланысты көршілер арасындағы дау.")
                try await browser.type("#field-parties", "Ахмет Оспанов; association-kz-75-1\nИван Петров")
                try await browser.click("#intake-form button[type=submit]")
                _ = try await browser.waitForText("h1", containing: "M-")
                casePath = try await browser.script("return location.pathname") as? String ?? ""
                try await browser.click("#step-screen button[type=submit]")
                _ = try await browser.waitForText("#step-assign h3", containing: "")
                _ = try await browser.script("document.querySelector('#step-assign #field-mediator').value = '\(tied.id.uuidString)'")
                try await browser.click("#step-assign button[type=submit]")
                _ = try await browser.waitForText(".error-summary", containing: "Ахмет Оспанов")
                _ = try await browser.script("document.querySelector('#step-assign #field-mediator').value = '\(free.id.uuidString)'")
                try await browser.click("#step-assign button[type=submit]")
                _ = try await browser.waitForText(".facts", containing: "MED-2024-0117")
            }
            try await Self.run(app, width: 390, "mediation-agreement", as: DemoUsers.mediator) { browser, site in
                try await browser.open(site + casePath)
                try await browser.click("#step-signContract button[type=submit]")
                for outcome in ["Тараптар ұстанымдарын айтты.", "Кесте келісілді."] {
                    _ = try await browser.waitForText("#step-session h3", containing: "")
                    try await browser.type("#step-session #field-outcome", outcome)
                    try await browser.click("#step-session button[type=submit]")
                    _ = try await browser.waitForText("#confidential", containing: outcome)
                }
                try await browser.type("#field-agreement", "Аулаға кесте бойынша шығу.")
                try await browser.click("#step-agreement button[type=submit]")
                _ = try await browser.waitForText("#confidential", containing: "SHA-256")
                let wide = try await browser.script("return document.documentElement.scrollWidth") as? Int ?? 0
                #expect(wide <= 390)
            }
            #expect(try await AlertRecord.find(alert.id, on: app.db)?.outcome.contains("M-") == true)
        }
    }
}
