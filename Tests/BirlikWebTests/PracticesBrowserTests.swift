import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor

/// The base of good practices in a real browser, through the pages and forms only: Almaty describes a
/// practice, links a figure and a translation and submits it; the Secretariat assigns an expert, who
/// declares no conflict and scores it; the Secretariat verifies and publishes it; Abai records its adoption;
/// the public finds it by an inflected word. No page is wider than the screen.
@Suite("Browser: good practices", .enabled(if: ProcessInfo.processInfo.environment["BIRLIK_BROWSER_TESTS"] == "1"), .serialized)
struct PracticesBrowserTests {
    @Test("Describe, evidence, translate, submit, review, verify, publish, adopt, find — at a phone's width", arguments: [390])
    func practiceToAdoption(width: Int) async throws {
        try await withBirlik { app in
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = try freePort()
            try app.server.start()
            defer { Task { await app.server.shutdown() } }
            let expert = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "expert3@birlik.kz").first()?.id)
            let fits = { (browser: WebDriver) in
                let wide = try await browser.script("return document.documentElement.scrollWidth") as? Int ?? 0
                #expect(wide <= width, "the page is \(wide) px wide")
            }
            var path = ""
            try await CivicBrowserTests.run(app, width: width, "practice-submitted", as: DemoUsers.almaty) { browser, site in
                try await browser.open(site + "/practices")
                try await browser.click("a[href='/practices/new']")
                _ = try await browser.script("document.querySelector('#field-domain').value = 'youth'")
                try await browser.type("#field-title", "Жастар үйіндегі пікірсайыс клубтары")
                try await browser.type("#field-problem", "Әр түрлі ұлт жастары мектептен кейін бір-бірімен аз араласады, қалалық жастар үйі бос тұрады.")
                try await browser.type("#field-method", "Апта сайын екі тілде пікірсайыс өтеді; командалар аралас құрылады, тақырыптарды жастардың өздері таңдайды.")
                try await browser.type("#field-resources", "Жастар үйінің залы, екі модератор.")
                try await browser.type("#field-outcomes", "Жыл ішінде клубтарға үш жүз жас қатысты, олардың жартысы еріктілер қатарына қосылды.")
                try await browser.click("#practice-form button[type=submit]")
                _ = try await browser.waitForText("#practice-status", containing: "жоба")
                path = try await browser.script("return location.pathname") as? String ?? ""
                _ = try await browser.script("document.querySelector('#evidence-form #field-kind').value = 'courses'")
                try await browser.type("#evidence-form #field-note", "Алматы курстарын бітірушілер")
                try await browser.click("#evidence-form button[type=submit]")
                _ = try await browser.waitForText("#evidence", containing: "Алматы курстарын бітірушілер")
                try await browser.click("#translate-ru summary")
                try await browser.type("#translate-ru #field-ru-title", "Дебатные клубы в Доме молодёжи")
                try await browser.click("#translate-ru button[type=submit]")
                _ = try await browser.waitForText("#languages", containing: "тексерілмеген")
                try await browser.click("#step-submit button[type=submit]")
                _ = try await browser.waitForText("#practice-status", containing: "жіберілді")
                try await fits(browser)
            }
            #expect(path.hasPrefix("/practices/GP-"))
            try await CivicBrowserTests.run(app, width: width, "practice-assigned", as: DemoUsers.secretariat) { browser, site in
                try await browser.open(site + path)
                _ = try await browser.script("document.querySelector('#assign-reviewer #field-reviewer').value = '\(expert.uuidString)'")
                try await browser.click("#assign-reviewer button[type=submit]")
                _ = try await browser.waitForText("#review-assignments", containing: "Гүлмира")
                try await fits(browser)
            }
            let practiceID = try #require(try await GoodPracticeRecord.query(on: app.db).filter(\.$code == String(path.dropFirst("/practices/".count))).first()?.id)
            let assignment = try #require(try await ReviewStore.assignments(of: practiceID, on: app.db).first)
            try await CivicBrowserTests.run(app, width: width, "practice-scored", as: "expert3@birlik.kz") { browser, site in
                try await browser.open(site + "/reviews/\(assignment.id.uuidString)")
                #expect(!(try await browser.source()).contains("пікірсайыс өтеді"), "nothing of the practice before the declaration")
                try await browser.click("#step-respond input[value=no]")
                try await browser.click("#step-respond button[type=submit]")
                _ = try await browser.waitForText("#subject", containing: "пікірсайыс өтеді")
                _ = try await browser.script("""
                    for (const select of document.querySelectorAll('#step-submit select')) { select.value = select.id === 'field-confidence' ? '4' : '9' }
                    """)
                try await browser.type("#step-submit #field-comment", "Қарапайым, арзан әрі басқа өңірде оңай қайталанады.")
                try await browser.click("#step-submit button[type=submit]")
                _ = try await browser.waitForText("#scores", containing: "90")
                try await fits(browser)
            }
            try await CivicBrowserTests.run(app, width: width, "practice-published", as: DemoUsers.secretariat) { browser, site in
                try await browser.open(site + path)
                try await browser.click("#step-verify button[type=submit]")
                _ = try await browser.waitForText("#practice-status", containing: "тексерілді")
                try await browser.click("#step-publish button[type=submit]")
                _ = try await browser.waitForText("#practice-status", containing: "жарияланды")
            }
            try await CivicBrowserTests.run(app, width: width, "practice-adopted", as: DemoUsers.abai) { browser, site in
                try await browser.open(site + path)
                try await browser.type("#adopt-form #field-result", "Семейдегі жастар үйінде екі клуб ашылды.")
                try await browser.click("#adopt-form button[type=submit]")
                _ = try await browser.waitForText("#adoptions", containing: "Семейдегі жастар үйінде")
                try await fits(browser)
            }
            try await CivicBrowserTests.run(app, width: width, "practice-found", as: nil) { browser, site in
                try await browser.open(site + "/practices?q=" + ("клубтарына".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""))
                try await browser.click("#practices a[href='\(path)']")
                _ = try await browser.waitForText("#adoptions", containing: "Абай")
                try await fits(browser)
            }
        }
    }
}
