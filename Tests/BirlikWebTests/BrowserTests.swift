import BirlikStorage
import BirlikTestSupport
import Foundation
import Testing
import Vapor

/// A real browser (Debian's chromium through chromedriver) against a real server. Runs when
/// `BIRLIK_BROWSER_TESTS=1` (CI sets it); leaves screenshots in `test-artifacts/`.
@Suite("Browser", .enabled(if: ProcessInfo.processInfo.environment["BIRLIK_BROWSER_TESTS"] == "1"), .serialized)
struct BrowserTests {
    @Test("Sign in, switch to Kazakh, search the directory, switch to Latin script")
    func signInSwitchLanguageAndSearch() async throws {
        try await withBirlik { app in
            let port = Int.random(in: 40_000..<50_000)
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
                try await browser.type("#field-password", DemoSeed.password)
                try await browser.click("main form button[type=submit]")
                let signedIn = try await browser.waitForText(".site-header .who", containing: "Айгүл")
                #expect(signedIn.contains("Айгүл Сәрсенова"), "\(signedIn)")

                try await browser.click("a[hreflang=kk]")
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

    static func save(_ png: Data, _ name: String) async throws {
        let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("test-artifacts")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try png.write(to: directory.appendingPathComponent(name))
    }
}
