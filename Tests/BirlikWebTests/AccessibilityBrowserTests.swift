import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor

/// The public pages under axe-core (run in Chromium): no serious or critical violation, in kk, kk-Latn,
/// ru and en, at a phone's width and a desktop's; each page's `lang` names its language and script;
/// screenshots of the portal's pages in `test-artifacts/`. axe-core comes from the axe-selenium-python
/// wheel (`.ci/run` puts its `axe.min.js` where `BIRLIK_AXE_JS` points).
@Suite("Browser: accessibility of the public pages", .enabled(if: ProcessInfo.processInfo.environment["BIRLIK_BROWSER_TESTS"] == "1"), .serialized)
struct AccessibilityBrowserTests {
    static let forms: [(name: String, language: String, script: String)] = [("kk", "kk", "cyrillic"), ("kk-Latn", "kk", "latin"), ("ru", "ru", "cyrillic"),
                                                                              ("en", "en", "cyrillic")]

    @Test("Every public page: no serious or critical axe violation, lang per language and script", arguments: [390, 1440])
    func publicPages(width: Int) async throws {
        guard let path = ProcessInfo.processInfo.environment["BIRLIK_AXE_JS"], let axe = try? String(contentsOfFile: path, encoding: .utf8) else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI provides axe-core through BIRLIK_AXE_JS")
            return
        }
        try await withBirlik { app in
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = try freePort()
            try app.server.start()
            defer { Task { await app.server.shutdown() } }
            let site = "http://127.0.0.1:\(app.http.server.configuration.port)"
            let event = try #require(try await EventRecord.query(on: app.db).all().compactMap(\.value).first { $0.capacity != nil })
            let news = try #require(try await NewsQueries.published(region: nil, tag: nil, on: app.db).last)
            let organization = try #require(try await OrganizationRecord.query(on: app.db).filter(\.$code == "apk-secretariat").first()?.code)
            let concept = try #require(try await LibraryItemRecord.query(on: app.db).filter(\.$collection == "normative").sort(\.$datestamp).first()?.code)
            let certificate = try #require(try await CertificateRecord.query(on: app.db).first()?.code)
            let group = try #require(try await CourseGroupRecord.query(on: app.db).sort(\.$firstDay, .descending).first()?.code)
            let initiative = try #require(try await YouthInitiativeRecord.query(on: app.db).first()?.code)
            let memorandum = try #require(try await AgreementRecord.query(on: app.db).filter(\.$status == "inForce").first()?.code)
            let practice = try #require(try await GoodPracticeRecord.query(on: app.db).filter(\.$isPublic == true).first()?.code)
            let portal = ["/", "/events", "/news", "/open-data", "/encyclopedia", "/library", "/courses", "/cooperation", "/youth", "/practices"]
            let pages = portal + ["/courses/results?region=KZ-75", "/courses/groups/\(group)", "/certificates/\(certificate)", "/cooperation/agreements/\(memorandum)", "/youth/\(initiative)", "/youth/statistics", "/practices/\(practice)", "/practices/adoptions", "/practices?q=клубтарында", "/library/\(concept)", "/library?q=тұжырымдамасын", "/events/\(event.code)", "/events/holidays?year=\(TestClock.today.year)", "/news/\(news.code)", "/open-data/organizations", "/encyclopedia/tilder-kuni", "/encyclopedia?q=тілдерге",
                                  "/directory", "/directory/\(organization)", "/map", "/statistics", "/appeals/new", "/charity", "/grants", "/sign-in"]
            let browser = try await WebDriver.start(client: app.client, language: "kk", width: width)
            do {
                try await browser.open(site + "/")
                for form in Self.forms {
                    for (name, value) in [("birlik_lang", form.language), ("birlik_script", form.script)] {
                        _ = try await browser.script("document.cookie = '\(name)=\(value); path=/'")
                    }
                    for page in pages {
                        try await browser.open(site + page)
                        let lang = try await browser.script("return document.documentElement.lang") as? String ?? ""
                        #expect(lang == (form.name == "kk-Latn" ? "kk-Latn" : form.language), "\(page) in \(form.name): lang=\(lang)")
                        _ = try await browser.script(axe + "\nreturn true;")
                        let found = try await browser.asyncScript("""
                            const done = arguments[arguments.length - 1];
                            axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
                              .filter(v => v.impact === 'serious' || v.impact === 'critical')
                              .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
                              .catch(e => done(['axe failed: ' + e]));
                            """) as? [String] ?? ["no answer from axe"]
                        #expect(found.isEmpty, "\(page) in \(form.name) at \(width) px: \(found.joined(separator: "; "))")
                        if portal.contains(page) {
                            let name = page == "/" ? "home" : String(page.dropFirst())
                            try await BrowserTests.save(try await browser.screenshot(), "portal-\(width)-\(form.name)-\(name).png")
                        }
                    }
                }
            } catch {
                await browser.quit()
                throw error
            }
            await browser.quit()
        }
    }
}
