import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The calendar of events (S15): an organiser's seminar from the form to the door (seats, the waiting
/// list, approval, check-in), the purge of attendees' data after the retention period, the report that
/// moves the month's statistics, and the iCalendar feeds read by a parser that did not write them.
@Suite("The calendar of events")
struct EventsWebTests {
    /// Reads a feed with Python's `icalendar` and prints one line per event, then the time zone.
    static let feedReader = """
        import sys, icalendar
        calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        for event in calendar.walk('VEVENT'):
            start = event.decoded('DTSTART')
            print('|'.join([str(event['UID']), str(int(event['SEQUENCE'])), str(event['STATUS']), start.isoformat(),
                            event.decoded('DTSTAMP').isoformat(), str(event['SUMMARY'])]))
        for zone in calendar.walk('VTIMEZONE'):
            print('TZ|' + str(zone['TZID']))
        """

    static func feed(_ response: TestingHTTPResponse) throws -> (events: [[String]], zones: [String]) {
        #expect(response.headers.first(name: .contentType)?.hasPrefix("text/calendar") == true)
        let output = try DocumentTools.python(feedReader, Data(buffer: response.body), extension: "ics")
        let lines = output.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        return (lines.filter { $0.first != "TZ" }, lines.filter { $0.first == "TZ" }.map { $0[1] })
    }

    /// `2026-11-30T10:00`, `days` after the clock's day.
    static func local(_ days: Int, _ hour: Int) -> String { "\(TestClock.today.adding(days: days).description)T\(String(format: "%02d", hour)):00" }

    /// A measure of the demo's plans as `plan-code/measure-code` (the plans are laid around the test's day).
    static func measureCode(_ app: Application) async throws -> String {
        let measure = try #require(try await MeasureRecord.query(on: app.db).first())
        let plan = try #require(try await PlanRecord.find(measure.planID, on: app.db))
        return "\(plan.code)/\(measure.code)"
    }

    static func eventForm(_ csrf: String, capacity: String, measure: String = "", moderated: Bool = false) -> [String: String] {
        var form = ["_csrf": csrf, "title": "Медиация негіздері: семинар", "kind": "professional", "region": "KZ-75", "venue": "Алматы, Достық үйі",
                    "languages[]": "kk", "startsAt": local(1, 10), "endsAt": local(1, 13), "capacity": capacity, "retentionDays": "30",
                    "measureCode": measure]
        if moderated { form["moderated"] = "true" }
        return form
    }

    static func register(_ app: Application, _ code: String, name: String, email: String) async throws -> TestingHTTPResponse {
        let visitor = Identity.anonymous
        return try await app.request(.POST, "/events/\(code)/register", as: visitor,
                                     form: ["_csrf": visitor.csrf, "name": name, "email": email, "consent": "true"])
    }

    @Test("A seminar from the form to the door: seats, the waiting list, a freed seat, check-in, other regions kept out, data purged after its period",
          arguments: TestBackend.enabled)
    func seminar(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let association = try await app.session(DemoUsers.association)
            // Bad input: every problem named in the user's language, nothing saved.
            var bad = Self.eventForm(association.csrf, capacity: "0")
            bad["endsAt"] = Self.local(1, 9); bad["venue"] = ""
            let refused = try await app.request(.POST, "/events/new", as: association, headers: ["Accept-Language": "ru"], form: bad)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Окончание должно быть позже начала") && refused.text.contains("Число мест"))
            let before = try await EventRecord.query(on: app.db).count()
            let measure = try await Self.measureCode(app)
            #expect(try await app.request(.POST, "/events/new", as: association, form: Self.eventForm(association.csrf, capacity: "2", measure: measure)).status == .seeOther)
            #expect(try await EventRecord.query(on: app.db).count() == before + 1)
            let event = try #require(try await EventRecord.query(on: app.db).filter(\.$status == "planned").sort(\.$code, .descending).first()?.value)
            #expect(event.measureID != nil && event.languages == ["kk"])

            // Two seats: the third registrant waits; the same address cannot register twice.
            let mailsBefore = try await OutboxRecord.query(on: app.db).filter(\.$kind == "event").count()
            var tokens: [String] = []
            for (index, email) in ["a@example.kz", "b@example.kz", "c@example.kz"].enumerated() {
                let response = try await Self.register(app, event.code, name: "Қатысушы \(index + 1)", email: email)
                #expect(response.status == .seeOther)
                let location = try #require(response.headers.first(name: .location))
                tokens.append(String(try #require(location.split(separator: "/").last?.split(separator: "?").first)))
            }
            let twice = try await Self.register(app, event.code, name: "Қатысушы", email: "A@example.kz")
            #expect(twice.status == .unprocessableEntity && twice.text.contains("тіркелген"))
            try #require(tokens.count == 3)
            let statuses = { try await EventStore.registrations(of: event.id, on: app.db).map(\.status) }
            #expect(try await statuses() == [.confirmed, .confirmed, .waitlisted])
            let waiting = try await app.request(.GET, "/events/registrations/\(tokens[2])", headers: ["Accept-Language": "en"])
            #expect(waiting.status == .ok && waiting.text.contains("On the waiting list · place in the queue: 1") && !waiting.text.contains("class=\"qr\""))
            #expect(try await app.request(.GET, "/events/registrations/\(tokens[0])").text.contains("class=\"qr\""))
            #expect(try await app.request(.GET, "/events/registrations/not-a-token").status == .notFound)
            let mails = try await OutboxRecord.query(on: app.db).filter(\.$kind == "event").count()
            #expect(mails == mailsBefore + 3)

            // The first gives up: asked to confirm, then the seat goes to the one waiting, who is told.
            let visitor = Identity.anonymous
            let ask = try await app.request(.POST, "/events/registrations/\(tokens[0])/cancel", as: visitor, form: ["_csrf": visitor.csrf])
            #expect(ask.status == .ok && ask.text.contains("_confirmed"))
            #expect(try await app.request(.POST, "/events/registrations/\(tokens[0])/cancel", as: visitor,
                                          form: ["_csrf": visitor.csrf, "_confirmed": "1"]).status == .seeOther)
            #expect(try await statuses() == [.cancelled, .confirmed, .confirmed])
            #expect(try await OutboxRecord.query(on: app.db).filter(\.$kind == "event").count() == mails + 2)

            // Another region's coordinator sees the public event but not who registered, and cannot steer it.
            let abai = try await app.session(DemoUsers.abai)
            let page = try await app.request(.GET, "/events/\(event.code)", as: abai)
            #expect(page.status == .ok && !page.text.contains("c@example.kz") && !page.text.contains("registrations-table"))
            #expect(try await app.request(.POST, "/events/\(event.code)/step", as: abai,
                                          form: ["_csrf": abai.csrf, "step": "confirm", "version": String(event.version)]).status == .forbidden)
            #expect(try await app.request(.GET, "/events/check-in/\(tokens[2])", as: abai).status == .forbidden)
            let abaiActor = try await app.actor(DemoUsers.abai)
            #expect(try await EventQueries.registrations(of: event.id, actor: abaiActor, on: app.db).isEmpty)
            let almaty = try await app.actor(DemoUsers.almaty)
            #expect(try await EventQueries.registrations(of: event.id, actor: almaty, on: app.db).count == 3)
            #expect(try await app.request(.GET, "/events/\(event.code)", as: association).text.contains("c@example.kz"))

            // At the door: the organiser checks in a seated attendee once; a waiting or cancelled one is refused.
            let door = try await app.request(.GET, "/events/check-in/\(tokens[2])", as: association)
            #expect(door.status == .ok && door.text.contains("Қатысушы 3"))
            #expect(try await app.request(.POST, "/events/check-in/\(tokens[2])", as: association, form: ["_csrf": association.csrf]).status == .seeOther)
            #expect(try await app.request(.POST, "/events/check-in/\(tokens[2])", as: association, form: ["_csrf": association.csrf]).status == .conflict)
            #expect(try await app.request(.POST, "/events/check-in/\(tokens[0])", as: association, form: ["_csrf": association.csrf]).status == .conflict)
            #expect(try await EventQueries.counts(of: event.id, on: app.db) == EventQueries.Counts(confirmed: 2, waitlisted: 0, pending: 0, checkedIn: 1))

            // Past the retention period the names and addresses are gone; the counts stay.
            let current = try #require(try await EventRecord.find(event.id, on: app.db)?.value)
            #expect(try await EventStore.purgeExpired(now: current.purgeAt.addingTimeInterval(-60), on: app.db) == 0)
            #expect(try await EventStore.purgeExpired(now: current.purgeAt.addingTimeInterval(60), on: app.db) == 3)
            let purged = try await EventStore.registrations(of: event.id, on: app.db)
            #expect(purged.allSatisfy { $0.purged && $0.name.isEmpty && $0.email.isEmpty })
            #expect(try await EventQueries.counts(of: event.id, on: app.db) == EventQueries.Counts(confirmed: 2, waitlisted: 0, pending: 0, checkedIn: 1))
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT count(*) AS n FROM event_registrations WHERE event_id = \(bind: event.id) AND email <> ''").first()
            #expect(try rows?.decode(column: "n", as: Int.self) == 0)
            let entries = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "eventRegistration").all()
            #expect(!entries.isEmpty && entries.allSatisfy { !($0.after ?? "").contains("example.kz") }, "the audit log keeps no attendee's address")
            #expect(try await AuditLog.verify(on: app.db).isWhole)
        }
    }

    @Test("A moderated event: requests wait for the organiser, who approves into a seat or declines", arguments: [TestBackend.sqlite])
    func moderated(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let association = try await app.session(DemoUsers.association)
            #expect(try await app.request(.POST, "/events/new", as: association,
                                          form: Self.eventForm(association.csrf, capacity: "1", moderated: true)).status == .seeOther)
            let event = try #require(try await EventRecord.query(on: app.db).filter(\.$status == "planned").sort(\.$code, .descending).first()?.value)
            #expect(event.moderated)
            for email in ["p@example.kz", "q@example.kz"] { #expect(try await Self.register(app, event.code, name: "Өтініш", email: email).status == .seeOther) }
            var registrations = try await EventStore.registrations(of: event.id, on: app.db)
            #expect(registrations.map(\.status) == [.pending, .pending])
            for (registration, decision) in zip(registrations, ["approve", "approve"]) {
                #expect(try await app.request(.POST, "/events/\(event.code)/registrations/\(registration.id.uuidString)/moderate", as: association,
                                              form: ["_csrf": association.csrf, "decision": decision, "version": String(registration.version)]).status == .seeOther)
            }
            registrations = try await EventStore.registrations(of: event.id, on: app.db)
            #expect(registrations.map(\.status) == [.confirmed, .waitlisted], "one seat: the second approved request waits")
            try #require(registrations.count == 2)
            let council = try await app.session(DemoUsers.council)
            #expect(try await app.request(.POST, "/events/\(event.code)/registrations/\(registrations[1].id.uuidString)/moderate", as: council,
                                          form: ["_csrf": council.csrf, "decision": "decline", "version": String(registrations[1].version)]).status == .forbidden)
        }
    }

    @Test("The feeds: every event with UID, DTSTAMP and SEQUENCE in Asia/Almaty, a cancellation published as CANCELLED, a new date raising SEQUENCE; the holiday register",
          arguments: [TestBackend.sqlite])
    func feeds(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let almaty = try Self.feed(try await app.request(.GET, "/events/feed.ics?region=KZ-75"))
            #expect(almaty.zones == ["Asia/Almaty"])
            #expect(almaty.events.count == 4, "the demo's four events in Almaty")
            #expect(almaty.events.allSatisfy { $0.count == 6 && $0[0].hasSuffix("@birlik.kz") && $0[3].hasSuffix("+05:00") })
            #expect(almaty.events.contains { $0[2] == "CANCELLED" && $0[5].contains("Шаңырақ") }, "a cancelled event stays in the feed")
            #expect(try Self.feed(try await app.request(.GET, "/events/feed.ics?region=KZ-10")).events.isEmpty)
            #expect(try await app.request(.GET, "/events/feed.ics?region=KZ-99").status == .unprocessableEntity)
            #expect(try await app.request(.GET, "/events/feed.ics?kind=party").status == .unprocessableEntity)
            #expect(try await app.request(.GET, "/events?month=2026-13").status == .unprocessableEntity)

            // The organiser moves the seminar: the event's own feed shows the new time with SEQUENCE raised.
            let association = try await app.session(DemoUsers.association)
            let seminar = try #require(try await EventRecord.query(on: app.db).filter(\.$status == "confirmed").all().compactMap(\.value).first { $0.capacity == 3 })
            let before = try #require(try Self.feed(try await app.request(.GET, "/events/\(seminar.code)/calendar.ics")).events.first)
            #expect(try await app.request(.POST, "/events/\(seminar.code)/step", as: association,
                                          form: ["_csrf": association.csrf, "step": "reschedule", "version": String(seminar.version),
                                                 "startsAt": Self.local(12, 15), "endsAt": Self.local(12, 18)]).status == .seeOther)
            let after = try #require(try Self.feed(try await app.request(.GET, "/events/\(seminar.code)/calendar.ics")).events.first)
            #expect(after[0] == before[0] && Int(after[1]) == (Int(before[1]) ?? 0) + 1)
            #expect(after[3] == "\(TestClock.today.adding(days: 12).description)T15:00:00+05:00")
            // Its registrants' personal feed follows them.
            let registration = try #require(try await EventStore.registrations(of: seminar.id, on: app.db).first)
            let mine = try Self.feed(try await app.request(.GET, "/events/registrations/\(registration.token)/calendar.ics"))
            #expect(mine.events.map { $0[0] } == [after[0]])

            // The holiday register: the Day of the Languages on 5 September, with its basis; Nauryz over three days.
            let year = TestClock.today.year
            let register = try await app.request(.GET, "/events/holidays?year=\(year)", headers: ["Accept-Language": "ru"])
            #expect(register.text.contains("05.09.\(year)") && register.text.contains("День языков народа Казахстана"))
            #expect(register.text.contains("Закон Республики Казахстан от 13 декабря 2001 года № 267-II"))
            let september = try await app.request(.GET, "/events?month=\(year)-09", headers: ["Accept-Language": "en"])
            #expect(september.text.contains("Day of Languages of the People of Kazakhstan"))
            let holidays = try Self.feed(try await app.request(.GET, "/events/holidays.ics"))
            #expect(holidays.events.contains { $0[0] == "nauryz-\(year)@birlik.kz" && $0[3] == "\(year)-03-21" })
        }
    }

    @Test("A held event's report moves the month's statistics once, an amendment by the difference, and never into approved figures",
          arguments: TestBackend.enabled)
    func reportFeedsStatistics(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let organiser = try await app.actor(DemoUsers.association)
            let now = app.birlikClock.now
            let noLink: EventStore.RegistrationLink = { _ in "" }
            let start = now.addingTimeInterval(3600)
            let draft = EventDraft(title: "Достық кеші", kind: "regional", region: "KZ-75-01", venue: "Алматы", languages: ["kk", "ru"],
                                   startsAt: EventTime.local(start), endsAt: EventTime.local(start.addingTimeInterval(7200)))
            var event = try await EventStore.save(draft, id: nil, version: 0, actor: organiser, on: app.db, now: now, link: noLink)
            await expectFailure(.conflict(.eventsNotStarted)) {
                try await EventStore.apply(.hold, to: event.id, version: event.version, actor: organiser, on: app.db, now: now, link: noLink)
            }
            event = try await EventStore.apply(.hold, to: event.id, version: event.version, actor: organiser, on: app.db, now: start, link: noLink)
            let month = Period.month(of: event.startDay)
            func value(_ element: String, _ category: String = "") async throws -> Double {
                try await (app.db as! any SQLDatabase).raw("""
                    SELECT value FROM data_values WHERE element = \(bind: element) AND category = \(bind: category) AND place = 'KZ-75' AND period = \(bind: month.description)
                    """).first()?.decode(column: "value", as: Double.self) ?? 0
            }
            let count = try await value("events.count"), women = try await value("events.participants", "sex=f"), men = try await value("events.participants", "sex=m")
            let report = try EventReportDraft(women: "30", men: "20", mediaLinks: "https://example.kz/news/1").validated(keeping: [], on: event.startDay)
            event = try await EventStore.apply(.report(report), to: event.id, version: event.version, actor: organiser, on: app.db, now: start, link: noLink)
            #expect(try await [value("events.count"), value("events.participants", "sex=f"), value("events.participants", "sex=m")] == [count + 1, women + 30, men + 20])
            let amended = try EventReportDraft(women: "32", men: "20").validated(keeping: [], on: event.startDay)
            event = try await EventStore.apply(.report(amended), to: event.id, version: event.version, actor: organiser, on: app.db, now: start, link: noLink)
            #expect(try await [value("events.count"), value("events.participants", "sex=f"), value("events.participants", "sex=m")] == [count + 1, women + 32, men + 20])
            #expect(throws: DomainError.self) { try EventReportDraft(women: "-1", men: "x", mediaLinks: "javascript:alert(1)").validated(keeping: [], on: event.startDay) }

            // Once the month's figures are approved, the report waits: nothing moves.
            let secretariat = try await app.actor(DemoUsers.secretariat)
            try await ApprovalStore.approve(dataSet: "apk-monthly", place: "KZ-75", period: month, level: "KZ-75", actor: secretariat, on: app.db, now: now)
            let locked = try EventReportDraft(women: "40", men: "20").validated(keeping: [], on: event.startDay)
            await expectFailure(.conflict(.statisticsLocked)) {
                try await EventStore.apply(.report(locked), to: event.id, version: event.version, actor: organiser, on: app.db, now: start, link: noLink)
            }
            #expect(try await value("events.participants", "sex=f") == women + 32)
            #expect(try await EventRecord.find(event.id, on: app.db)?.value?.report?.women == 32)
        }
    }
}
