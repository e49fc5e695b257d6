import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor

/// A grant application in a real browser, through the pages and forms only: an association applies to
/// the demo call and submits, the grant operator admits it and assigns an expert, the expert declares no
/// conflict, scores it and sees the scores; no page is wider than the screen.
@Suite("Browser: grants and reviews", .enabled(if: ProcessInfo.processInfo.environment["BIRLIK_BROWSER_TESTS"] == "1"), .serialized)
struct GrantsBrowserTests {
    @Test("Apply, admit, assign, declare, score — at a phone's width and a desktop's", arguments: [390, 1440])
    func applicationToScores(width: Int) async throws {
        try await withBirlik { app in
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = try freePort()
            try app.server.start()
            defer { Task { await app.server.shutdown() } }
            let call = try #require(try await GrantCallRecord.query(on: app.db).first()?.value)
            let lot = try #require(try await GrantLotRecord.query(on: app.db).filter(\.$id == call.lotIDs[0]).first()?.value)
            let expert = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "expert2@birlik.kz").first()?.id)
            let fits = { (browser: WebDriver) in
                let wide = try await browser.script("return document.documentElement.scrollWidth") as? Int ?? 0
                #expect(wide <= width, "the page is \(wide) px wide")
            }
            var path = ""
            try await CivicBrowserTests.run(app, width: width, "grant-applied", as: DemoUsers.association) { browser, site in
                try await browser.open(site + "/grants/calls/\(call.code)")
                _ = try await browser.script("document.querySelector('#field-lotCode').value = '\(lot.code)'; document.querySelector('#field-language').value = 'kk'")
                try await browser.type("#field-title", "Көршілер кеңесі")
                try await browser.type("#field-summary", String(repeating: "Жоба көп пәтерлі үйлерде көршілер кеңесін құрып, дауларды медиация арқылы шешуге үйретеді. ", count: 2))
                try await browser.type("#field-budget", "4 000 000")
                try await browser.click("#apply-form button[type=submit]")
                _ = try await browser.waitForText("#application-facts", containing: "Жоба")
                path = try await browser.script("return location.pathname") as? String ?? ""
                try await browser.click("#step-submit button[type=submit]")
                _ = try await browser.waitForText("#application-facts", containing: "сәйкестікке тексерілуде")
                try await fits(browser)
            }
            #expect(path.hasPrefix("/grants/applications/"))
            try await CivicBrowserTests.run(app, width: width, "grant-admitted", as: DemoUsers.secretariat) { browser, site in
                try await browser.open(site + path)
                try await browser.click("#step-admit button[type=submit]")
                _ = try await browser.waitForText("#assign-form h3", containing: "")
                _ = try await browser.script("document.querySelector('#assign-form #field-reviewer').value = '\(expert.uuidString)'")
                try await browser.click("#assign-form button[type=submit]")
                _ = try await browser.waitForText("#reviews", containing: "Наталья Ли")
                try await fits(browser)
            }
            try await CivicBrowserTests.run(app, width: width, "grant-scored", as: "expert2@birlik.kz") { browser, site in
                try await browser.open(site + "/reviews")
                try await browser.click("#assignments a")
                _ = try await browser.waitForText("#step-respond h3", containing: "")
                let before = try await browser.source()
                #expect(!before.contains("Көршілер кеңесі"), "nothing of the application before the declaration")
                try await browser.click("#step-respond input[value=no]")
                try await browser.click("#step-respond button[type=submit]")
                _ = try await browser.waitForText("#subject h2", containing: "Көршілер кеңесі")
                _ = try await browser.script("""
                    for (const select of document.querySelectorAll('#step-submit select')) { select.value = select.id === 'field-confidence' ? '4' : '8' }
                    """)
                try await browser.type("#step-submit #field-comment", "Әдіс нақты, бюджет шынайы, нәтижесі өлшенеді.")
                try await browser.click("#step-submit button[type=submit]")
                _ = try await browser.waitForText("#scores", containing: "80")
                try await fits(browser)
            }
            let application = try #require(try await GrantApplicationRecord.query(on: app.db).filter(\.$status == "expertReview").all().compactMap(\.value)
                .first { $0.title == "Көршілер кеңесі" })
            #expect(try await ReviewStore.assignments(of: application.id, on: app.db).first?.status == .received)
        }
    }
}
