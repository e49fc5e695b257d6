import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor

/// Courses and certificates in a real browser at a phone's width, through the pages and forms only: an
/// association opens a "Тілдарын" course; four people enrol without an account and the fourth waits; the
/// teacher marks three sessions and enters the skill scores; three learners finish at B1; one of them opens
/// her certificate from her own page, and the QR code on it, read from the screenshot by a decoder that did
/// not draw it (zbarimg), opens the verify page without signing in. The Secretariat sees the memorandum that
/// ends in 80 days among the expiring agreements.
@Suite("Browser: courses and certificates", .enabled(if: ProcessInfo.processInfo.environment["BIRLIK_BROWSER_TESTS"] == "1"), .serialized)
struct CoursesBrowserTests {
    @Test("Open a course, enrol four (one waits), mark, assess, certify, verify from the QR code — at a phone's width", arguments: [390])
    func courseToVerifiedCertificate(width: Int) async throws {
        try await withBirlik { app in
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = try freePort()
            try app.server.start()
            defer { Task { await app.server.shutdown() } }
            let fits = { (browser: WebDriver) in
                let wide = try await browser.script("return document.documentElement.scrollWidth") as? Int ?? 0
                #expect(wide <= width, "the page is \(wide) px wide")
            }
            var coursePath = ""
            try await CivicBrowserTests.run(app, width: width, "course-opened", as: DemoUsers.association) { browser, site in
                try await browser.open(site + "/courses/new")
                _ = try await browser.script("""
                    const set = (id, value) => { document.querySelector('#course-form #field-' + id).value = value };
                    set('kind', 'stateLanguage'); set('audience', 'public'); set('region', 'KZ-75'); set('targetLevel', 'B1');
                    set('format', 'inPerson'); set('instructionLanguage', 'ru');
                    """)
                try await browser.type("#course-form #field-title", "Тілдарын: кешкі топ, B1 деңгейіне дейін")
                try await browser.type("#course-form #field-hours", "72")
                try await browser.type("#course-form #field-minAttendance", "70")
                try await browser.type("#course-form #field-validityMonths", "24")
                try await browser.click("#course-form button[type=submit]")
                _ = try await browser.waitForText("h1", containing: "кешкі топ")
                coursePath = try await browser.script("return location.pathname") as? String ?? ""
                try await fits(browser)
            }
            let courseCode = String(coursePath.dropFirst("/courses/".count))
            let course = try #require(try await CourseRecord.query(on: app.db).filter(\.$code == courseCode).first()?.value, "no course at \(coursePath)")
            // The group form accepts only days ahead; a group opened three weeks ago, whose first sessions are
            // behind, is laid through the store as it would have been then.
            let host = try await app.actor(DemoUsers.association)
            let today = TestClock.today
            let group = try await CourseStore.addGroup(CourseGroupDraft(teacher: "Айгүл Сейітова", venue: "Достық үйі, 12-аудитория",
                                                                        firstDay: today.adding(days: -20).description, weekdays: Array(0...6), startTime: "18:30",
                                                                        minutes: "90", sessions: "30", capacity: "3"),
                                                       to: course.id, actor: host, on: app.db, now: today.adding(days: -21).noon)

            var learningPaths: [String] = []
            try await CivicBrowserTests.run(app, width: width, "course-enrolled", as: nil) { browser, site in
                for (name, entry) in [("Ольга Ким", "A2"), ("Сергей Иванов", "A2"), ("Әсел Нұрланқызы", "A1"), ("Дмитрий Пак", "")] {
                    try await browser.open(site + "/courses/groups/\(group.code)")
                    try await browser.type("#enrol-form #field-name", name)
                    _ = try await browser.script("""
                        document.querySelector('#enrol-form #field-ageBand').value = '30-44';
                        document.querySelector('#enrol-form #field-entryLevel').value = '\(entry)';
                        document.querySelector('#enrol-form #field-consent').checked = true;
                        """)
                    try await browser.click("#enrol-form button[type=submit]")
                    _ = try await browser.waitForText("#learning-facts", containing: name)
                    learningPaths.append(try await browser.script("return location.pathname") as? String ?? "")
                }
                let waiting = try await browser.text("#learning-facts")
                #expect(waiting.contains("күту тізімінде") && waiting.contains("кезектегі орны: 1"), "\(waiting)")
                try await fits(browser)
            }
            #expect(learningPaths.count == 4 && learningPaths.allSatisfy { $0.hasPrefix("/learning/") })

            try await CivicBrowserTests.run(app, width: width, "course-assessed", as: DemoUsers.association) { browser, site in
                try await browser.open(site + "/courses/groups/\(group.code)")
                // Three sessions: each time the form offers the next one not yet held, everyone studying ticked.
                for session in 1...3 {
                    #expect(try await browser.script("return document.querySelector('#attendance-form #field-session').value") as? String == String(session))
                    try await browser.click("#attendance-form button[type=submit]")
                    try await Self.waitFor(browser, "return document.querySelector('#attendance-form #field-session').value === '\(session + 1)'")
                }
                let learners = try await CourseQueries.learners(of: group.id, actor: host, on: app.db).filter { $0.status == .enrolled }
                #expect(learners.count == 3)
                for learner in learners {
                    let key = learner.id.uuidString.lowercased()
                    for skill in LanguageSkill.allCases {
                        try await browser.type("#step-\(key)-result #field-\(key)-score_\(skill.rawValue)", "72")
                    }
                    try await browser.click("#step-\(key)-result button[type=submit]")
                    _ = try await browser.waitForText("#learners", containing: "72 · 72 · 72 · 72 · 72")
                    try await Self.waitFor(browser, "return !document.querySelector('#step-\(key)-result')")
                }
                let table = try await browser.text("#learners")
                #expect(table.components(separatedBy: "BK-").count - 1 == 3, "three certificates: \(table)")
                try await fits(browser)
            }

            try await CivicBrowserTests.run(app, width: width, "certificate-verified", as: nil) { browser, site in
                try await browser.open(site + learningPaths[0])
                try await browser.click("a.button[href^='/certificates/']")
                _ = try await browser.waitForText("#certificate-status", containing: "жарамды")
                _ = try await browser.script("document.querySelector('#certificate-qr').scrollIntoView({block: 'center'})")
                let link = try Self.decodeQR(try await browser.screenshot())
                let path = try #require(URL(string: link)?.path, "the QR code reads \(link)")
                #expect(path.hasPrefix("/certificates/BK-"))
                // The link as a phone's camera opens it: a new visit, nobody signed in.
                try await browser.open(site + path)
                _ = try await browser.waitForText("#certificate-status", containing: "жарамды")
                let facts = try await browser.text("#certificate-facts"), source = try await browser.source()
                #expect(facts.contains("Ольга Ким") && facts.contains("кешкі топ") && !source.contains("revoke-form"))
                #expect(try await browser.script("return document.querySelector(\"a[href$='/badge.jwt']\") !== null") as? Bool == true)
                try await fits(browser)
            }

            try await CivicBrowserTests.run(app, width: width, "cooperation-expiring", as: DemoUsers.secretariat) { browser, site in
                try await browser.open(site + "/cooperation")
                let memorandum = try #require(try await AgreementRecord.query(on: app.db).all().compactMap(\.value).first { $0.daysLeft(on: today) == 80 })
                _ = try await browser.waitForText("#expiring", containing: memorandum.title)
                try await fits(browser)
            }
        }
    }

    /// Polls `condition` (a script returning a boolean) for up to thirty seconds.
    static func waitFor(_ browser: WebDriver, _ condition: String) async throws {
        for _ in 0..<120 {
            if try await browser.script(condition) as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("waited 30 s for: \(condition)")
    }

    /// The text of the QR code in a screenshot.
    static func decodeQR(_ png: Data) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try png.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try QRDecoder.decode(file)
    }
}
