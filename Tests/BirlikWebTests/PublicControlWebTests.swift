import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// Public control by a council of public accord, through the pages: the plan, the control, the final
/// document within its term, the object's answer per recommendation, a hearing announced in time, and
/// each recommendation followed to its end.
@Suite("Public control")
struct PublicControlWebTests {
    @Test("The Almaty council controls the city akimat: final document, the akimat's reasoned answers, a hearing three working days ahead, every recommendation tracked; public from the final document; Abai cannot act")
    func councilControlsAkimat() async throws {
        try await withBirlik { app in
            let council = try await app.session(DemoUsers.council)
            let planned = try await app.request(.POST, "/public-control/new", as: council, form: [
                "_csrf": council.csrf, "councilCode": "council-kz-75", "objectCode": "akimat-kz-75",
                "subject": "Мемлекеттік тілді оқыту курстарының қолжетімділігі", "period": "2026Q4"])
            #expect(planned.status == .seeOther)
            let page = String(try #require(planned.headers.first(name: .location)).prefix { $0 != "?" })
            #expect(try await app.request(.GET, page).status == .unauthorized, "a planned case is not yet public")
            let step = { (identity: Identity, form: [String: String]) in
                try await app.request(.POST, page + "/step", as: identity, form: form.merging(["_csrf": identity.csrf]) { $1 })
            }
            let abai = try await app.session(DemoUsers.abai)
            #expect(try await step(abai, ["step": "start", "version": "1"]).status == .notFound)
            #expect(try await step(council, ["step": "start", "version": "1"]).status == .seeOther)
            #expect(try await step(council, ["step": "finish", "version": "2"]).status == .seeOther)
            #expect(try await step(council, ["step": "finalDocument", "version": "3", "findings": "Курстар тек орталықта өтеді.",
                                             "recommendations": "Аудандарда топтар ашу\nКешкі топтар ұйымдастыру"]).status == .seeOther)
            let published = try await app.request(.GET, page, headers: ["Accept-Language": "en"])
            #expect(published.status == .ok && published.text.contains("Аудандарда топтар ашу") && !published.text.contains("step-answer"))
            // The akimat answers each recommendation, with a reason.
            let akimat = try await app.session(DemoUsers.akimat)
            #expect(try await step(akimat, ["step": "answer", "version": "4", "accepted0": "yes", "reason0": "2027 жылдан ашылады"]).status == .unprocessableEntity)
            #expect(try await step(akimat, ["step": "answer", "version": "4", "accepted0": "yes", "reason0": "2027 жылдан ашылады",
                                            "accepted1": "no", "reason1": "Оқытушылар жетіспейді"]).status == .seeOther)
            let executor = try await app.session(DemoUsers.executor)
            #expect(try await step(executor, ["step": "track", "version": "5", "state0": "implemented", "state1": "rejected"]).status == .forbidden)
            // A hearing needs three working days' notice.
            let calendar = try await WorkingCalendarStore.calendar(on: app.db)
            let tooSoon = calendar.adding(workingDays: 1, to: TestClock.today)
            #expect(try await step(council, ["step": "hearing", "version": "5", "hearingOn": tooSoon.description, "hearingPlace": "Достық үйі"]).status == .unprocessableEntity)
            let inTime = calendar.adding(workingDays: 3, to: TestClock.today)
            #expect(try await step(council, ["step": "hearing", "version": "5", "hearingOn": inTime.description, "hearingPlace": "Достық үйі"]).status == .seeOther)
            #expect(try await step(council, ["step": "close", "version": "6"]).status == .unprocessableEntity, "open recommendations block the close")
            #expect(try await step(council, ["step": "track", "version": "6", "state0": "implemented", "state1": "rejected"]).status == .seeOther)
            #expect(try await step(council, ["step": "close", "version": "7"]).status == .seeOther)
            let record = try #require(try await PublicControlRecord.query(on: app.db).first()?.value)
            #expect(record.status == .closed && record.recommendations.map(\.state) == [.implemented, .rejected])
            #expect(record.answerDue == calendar.adding(workingDays: 10, to: TestClock.today))
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$dedupeKey == "control:final:\(record.id.uuidString)").count() == 1)
            #expect(try await app.request(.GET, "/public-control").text.contains(record.number))
        }
    }
}
