import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor

/// The charity ledger in a real browser, through the pages and forms only: an association opens a
/// campaign, records a donation and imports a bank statement (one with a bad row refused whole, then the
/// fixed one); a disbursement approved by two people and paid; the public reads the balance and checks a
/// receipt's inclusion proof; no page is wider than the screen.
@Suite("Browser: the charity ledger", .enabled(if: ProcessInfo.processInfo.environment["BIRLIK_BROWSER_TESTS"] == "1"), .serialized)
struct CharityBrowserTests {
    @Test("Campaign, donation, bank statement, two approvals, payment, the public page and a receipt's proof", arguments: [390, 1440])
    func campaignPath(width: Int) async throws {
        try await withBirlik { app in
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = try freePort()
            try app.server.start()
            defer { Task { await app.server.shutdown() } }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-statement-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let day = TestClock.today.dotted
            let bad = directory.appendingPathComponent("bad.csv"), good = directory.appendingPathComponent("good.csv")
            try Data("Күні,Сома,Төлеуші\n\(day),5000,Айбек\n\(day),бес мың,Қате жол\n".utf8).write(to: bad)
            try Data("Күні,Сома,Төлеуші\n\(day),5000,Айбек\n\(day),3000,Сәуле\n".utf8).write(to: good)
            let title = "Қыстық көмір — \(width)"
            let fits = { (browser: WebDriver) in
                let wide = try await browser.script("return document.documentElement.scrollWidth") as? Int ?? 0
                #expect(wide <= width, "the page is \(wide) px wide")
            }
            var path = ""
            try await CivicBrowserTests.run(app, width: width, "campaign-opened", as: DemoUsers.association) { browser, site in
                try await browser.open(site + "/charity/new")
                try await browser.type("#field-title", title)
                try await browser.type("#field-purpose", "Жалғыз тұратын қарттарға қысқа көмір.")
                _ = try await browser.script("document.querySelector('#field-beneficiaryCategory').value = 'elderly'; document.querySelector('#field-region').value = 'KZ-75'")
                try await browser.type("#field-goal", "500 000")
                try await browser.click("#campaign-form button[type=submit]")
                _ = try await browser.waitForText("h1", containing: title)
                path = try await browser.script("return location.pathname") as? String ?? ""
                try await browser.type("#donation-form #field-amount", "25 000")
                try await browser.type("#donation-form #field-publicName", "Айгерім")
                try await browser.click("#donation-form button[type=submit]")
                _ = try await browser.waitForText("#ledger", containing: "Айгерім")
                try await browser.type("#statement-form #field-file", bad.path)
                try await browser.click("#statement-form button[type=submit]")
                _ = try await browser.waitForText("#import-problems", containing: "бес мың")
                try await browser.type("#statement-form #field-file", good.path)
                try await browser.click("#statement-form button[type=submit]")
                _ = try await browser.waitForText("#ledger", containing: "Сәуле")
                try await browser.type("#disbursement-form #field-amount", "20 000")
                try await browser.type("#disbursement-form #field-purpose", "2 тонна көмір")
                try await browser.type("#disbursement-form #field-recipient", "Отын қоймасы ЖШС")
                try await browser.type("#disbursement-form #field-evidence", "Шот-фактура № 118")
                try await browser.click("#disbursement-form button[type=submit]")
                _ = try await browser.waitForText("#disbursements ~ article h3, .disbursement h3", containing: "D-")
                try await browser.click("form[id$='-submit'] button[type=submit]")
                _ = try await browser.waitForText(".disbursement", containing: "")
                try await fits(browser)
            }
            #expect(path.hasPrefix("/charity/C-"))
            for approver in [DemoUsers.secretariat, DemoUsers.admin] {
                try await CivicBrowserTests.run(app, width: width, "disbursement-approved", as: approver) { browser, site in
                    try await browser.open(site + path)
                    try await browser.click("form[id$='-approve'] button[type=submit]")
                    _ = try await browser.waitForText(".notice, .disbursement", containing: "")
                }
            }
            try await CivicBrowserTests.run(app, width: width, "disbursement-paid", as: DemoUsers.association) { browser, site in
                try await browser.open(site + path)
                try await browser.click("form[id$='-pay'] button[type=submit]")
                _ = try await browser.waitForText(".disbursement", containing: "20")
            }
            let code = String(path.dropFirst("/charity/".count))
            let figures = try await CharityQueries.campaign(code: code, on: app.db)
            #expect(figures.raised == Money(tiyn: 3_300_000) && figures.spent == Money(tiyn: 2_000_000) && figures.donations == 3)
            _ = try await CharityStore.signTreeHead(dataDirectory: app.birlikDataDirectory, on: app.db, now: TestClock.now)
            let receipt = try #require(try await LedgerEntryRecord.query(on: app.db).filter(\.$memo == "Айгерім").filter(\.$campaignID == figures.campaign.id).first()?.reference)
            try await CivicBrowserTests.run(app, width: width, "receipt-checked", as: nil) { browser, site in
                try await browser.open(site + path)
                _ = try await browser.waitForText("main", containing: figures.balance.description)
                #expect(!(try await browser.source()).contains("Отын қоймасы"), "the recipient is never public")
                try await browser.open(site + "/charity/receipts/\(receipt)")
                _ = try await browser.waitForText("#inclusion-proof", containing: "")
                #expect(try await browser.text("#receipt-amount").contains("25"))
                try await fits(browser)
            }
        }
    }
}
