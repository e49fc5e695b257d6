import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor

/// The calendar in a real browser, as a citizen reading Kazakh in the Latin alphabet: the Day of the
/// Languages in September, a subscription to Almaty's events, the day's encyclopedia article found by an
/// inflected form, a seminar's last seat and then its waiting list; no page wider than the screen.
@Suite("Browser: the calendar of events", .enabled(if: ProcessInfo.processInfo.environment["BIRLIK_BROWSER_TESTS"] == "1"), .serialized)
struct EventsBrowserTests {
    @Test("Find the Day of the Languages, subscribe to Almaty, take the last seat, then join the waiting list", arguments: [390, 1440])
    func citizen(width: Int) async throws {
        try await withBirlik { app in
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = try freePort()
            try app.server.start()
            defer { Task { await app.server.shutdown() } }
            let seminar = try #require(try await EventRecord.query(on: app.db).all().compactMap(\.value).first { $0.capacity == 3 })
            let year = TestClock.today.year
            let fits = { (browser: WebDriver) in
                let wide = try await browser.script("return document.documentElement.scrollWidth") as? Int ?? 0
                #expect(wide <= width, "the page is \(wide) px wide")
            }
            try await CivicBrowserTests.run(app, width: width, "events-calendar", as: nil) { browser, site in
                try await browser.open(site + "/")
                _ = try await browser.script("document.cookie = 'birlik_lang=kk; path=/'; document.cookie = 'birlik_script=latin; path=/'")
                try await browser.open(site + "/events?month=\(year)-09")
                let september = try await browser.waitForText("#agenda", containing: "05.09.\(year)")
                #expect(september.contains("Qazaqstan halqy tılderınıñ künı"), "the Day of the Languages, in Latin letters: \(september.prefix(300))")
                try await fits(browser)
                _ = try await browser.script("document.querySelector('#field-region').value = 'KZ-75'")
                try await browser.click("#event-filters button[type=submit]")
                _ = try await browser.waitForText("#agenda", containing: "")
                let webcal = try await browser.script("return document.querySelector('#feed a').getAttribute('href')") as? String ?? ""
                #expect(webcal.hasPrefix("webcal://") && webcal.contains("/events/feed.ics") && webcal.contains("region=KZ-75"))
                try await fits(browser)
                // The encyclopedia finds the day's article from an inflected form typed in Latin letters.
                try await browser.open(site + "/encyclopedia")
                try await browser.type("#field-q", "tılderge")
                try await browser.click("#article-search button[type=submit]")
                let hits = try await browser.waitForText("#hits", containing: "Qazaqstan halqy")
                #expect(hits.contains("Qazaqstan halqy tılderınıñ künı"))
                try await fits(browser)
            }
            for (index, email) in ["ainur@example.kz", "bolat@example.kz"].enumerated() {
                try await CivicBrowserTests.run(app, width: width, "events-registered-\(index)", as: nil) { browser, site in
                    try await browser.open(site + "/events/\(seminar.code)")
                    try await browser.type("#field-name", index == 0 ? "Aınur Serık" : "Bolat Nūrlan")
                    try await browser.type("#field-email", email)
                    try await browser.click("#field-consent")
                    try await browser.click("#register-form button[type=submit]")
                    _ = try await browser.waitForText("#registration-facts", containing: index == 0 ? "" : "1")
                    let page = try await browser.source()
                    #expect(page.contains("class=\"qr\"") == (index == 0), "a QR code only for a seat")
                    try await fits(browser)
                }
            }
            let statuses = try await EventStore.registrations(of: seminar.id, on: app.db).map(\.status)
            #expect(statuses == [.confirmed, .confirmed, .confirmed, .waitlisted])
        }
    }
}
