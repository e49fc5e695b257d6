import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// The media plan (S16): an organisation plans items and records their publications; plan against actual
/// per quarter and region counts every item once, checked against a count by hand and in the CSV; other
/// regions see nothing of it.
@Suite("Media plan")
struct MediaPlanWebTests {
    @Test("Plan, publish, cancel; the quarter's plan against actual is true; another region sees nothing", arguments: TestBackend.enabled)
    func planAgainstActual(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let association = try await app.session(DemoUsers.association)
            let today = TestClock.today
            let bad = try await app.request(.POST, "/media-plan/new", as: association, headers: ["Accept-Language": "ru"],
                                            form: ["_csrf": association.csrf, "plannedOn": "31.02.2026", "channel": "tv", "topic": "", "language": "kk", "region": "KZ-75",
                                                   "eventCode": "EV-1900-0001"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("EV-1900-0001"))
            let created = try await app.request(.POST, "/media-plan/new", as: association,
                                                form: ["_csrf": association.csrf, "plannedOn": today.description, "channel": "print", "topic": "Газеттегі мақала",
                                                       "language": "kk", "region": "KZ-75"])
            #expect(created.status == .seeOther)
            let code = try #require(created.headers.first(name: .location)?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            let item = try #require(try await MediaPlanRecord.query(on: app.db).filter(\.$code == code).first()?.value)
            let future = try await app.request(.POST, "/media-plan/\(code)/step", as: association, headers: ["Accept-Language": "en"],
                                               form: ["_csrf": association.csrf, "step": "publish", "version": String(item.version), "url": "https://example.kz/a",
                                                      "title": "Мақала", "publishedOn": today.adding(days: 1).description])
            #expect(future.status == .unprocessableEntity && future.text.contains("cannot be after today"))
            #expect(try await app.request(.POST, "/media-plan/\(code)/step", as: association,
                                          form: ["_csrf": association.csrf, "step": "publish", "version": String(item.version), "url": "https://example.kz/a",
                                                 "title": "Мақала", "publishedOn": today.description]).status == .seeOther)

            // The quarter by hand: every item of the quarter the Secretariat sees, by outcome.
            let quarter = item.quarter
            let secretariat = try await app.actor(DemoUsers.secretariat)
            let items = try await MediaPlanQueries.items(quarter: quarter, region: nil, actor: secretariat, on: app.db)
            let report = MediaPlanQueries.report(items, today: today)
            #expect(report.total.planned == items.count)
            #expect(report.total.published == items.filter { $0.status == .published }.count)
            #expect(report.total.onTime == items.filter { item in item.publication.map { $0.publishedOn <= item.plannedOn } ?? false }.count)
            #expect(report.total.cancelled == items.filter { $0.status == .cancelled }.count)
            #expect(report.total.overdue == items.filter { $0.status.isOpen && $0.plannedOn < today }.count)
            #expect(report.total.planned == report.total.published + report.total.cancelled + report.total.overdue + report.total.pending)
            #expect(report.lines.map(\.planned).reduce(0, +) == report.total.planned, "each item counted once, in its region")

            let secretariatSession = try await app.session(DemoUsers.secretariat)
            let csv = try await app.request(.GET, "/media-plan?quarter=\(quarter)&format=csv", as: secretariatSession, headers: ["Accept-Language": "en"])
            let lines = String(buffer: csv.body).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let total = try #require(lines.last)
            #expect(total.first == "Total" && total[1] == String(report.total.planned) && total[2] == String(report.total.published))

            // Another region's coordinator sees none of Almaty's items; the region's own coordinator does.
            let abai = try await app.session(DemoUsers.abai)
            let abaiPage = try await app.request(.GET, "/media-plan?quarter=\(quarter)", as: abai)
            #expect(abaiPage.status == .ok && !abaiPage.text.contains(code))
            #expect(try await app.request(.GET, "/media-plan/\(code)", as: abai).status == .notFound)
            #expect(try await app.request(.GET, "/media-plan/\(code)", as: try await app.session(DemoUsers.almaty)).status == .ok)
            #expect(try await app.request(.GET, "/media-plan").status != .ok, "the plan is for staff")
            #expect(try await app.request(.GET, "/media-plan?quarter=2026Q5", as: secretariatSession).status == .unprocessableEntity)
        }
    }
}
