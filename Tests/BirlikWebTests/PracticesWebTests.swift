import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// The base of good practices (S19): a practice from Almaty refused in Russian with nothing written, its
/// evidence read from Birlik's own figures, submitted only when complete, reviewed by an expert through
/// the one review engine, verified, published, found by an inflected Kazakh word, adopted by Abai, and
/// never seen or changed by another region or the public before it is published.
@Suite("Base of good practices")
struct PracticesWebTests {
    static func post(_ app: Application, _ path: String, as identity: Identity, _ form: [String: String]) async throws -> TestingHTTPResponse {
        var fields = form
        fields["_csrf"] = identity.csrf
        return try await app.request(.POST, path, as: identity, headers: ["Accept-Language": "ru"], form: fields)
    }

    static let text: [String: String] = [
        "domain": "language", "language": "kk", "region": "KZ-75",
        "title": "Ауладағы тіл сағаттары",
        "problem": "Көпқабатты үйлердің тұрғындары мемлекеттік тілде сөйлесуге мүмкіндік таппайды, курс бітірушілер деңгейін жоғалтады.",
        "method": "Әр сенбі сайын аулада ерікті тәлімгерлер ойындар мен әңгімелер арқылы тіл сағаттарын өткізеді, көршілер бірге келеді.",
        "resources": "Екі ерікті, үстелдер, шай; айына 30 мың теңге.",
        "outcomes": "Алты айда қатысушылардың жартысы курстың келесі деңгейіне жазылды; Birlik-тегі курс көрсеткіштері өсті.",
    ]

    func version(_ app: Application, _ code: String) async throws -> String {
        String(try #require(try await GoodPracticeRecord.query(on: app.db).filter(\.$code == code).first()).version)
    }

    @Test("A practice from Almaty: refused in Russian, complete before it is submitted, reviewed, verified, published, found and adopted by Abai",
          arguments: TestBackend.enabled)
    func practiceToAdoption(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let almaty = try await app.session(DemoUsers.almaty)
            let before = try await GoodPracticeRecord.query(on: app.db).count()
            let audited = try await AuditEntryRecord.query(on: app.db).count()

            // Bad input: every problem named in Russian, nothing written.
            var bad = Self.text
            bad["domain"] = "astrology"; bad["title"] = "  "; bad["region"] = "KZ-99"
            let refused = try await Self.post(app, "/practices/new", as: almaty, bad)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Обязательное поле.") && refused.text.contains("Ауладағы тіл сағаттары") == false)
            #expect(refused.text.contains("Әр сенбі сайын аулада"), "what was typed comes back")
            #expect(try await GoodPracticeRecord.query(on: app.db).count() == before)
            #expect(try await AuditEntryRecord.query(on: app.db).count() == audited)

            var elsewhere = Self.text
            elsewhere["region"] = "KZ-10"
            let abaisRegion = try await Self.post(app, "/practices/new", as: almaty, elsewhere)
            #expect(abaisRegion.status == .unprocessableEntity && abaisRegion.text.contains("Описать практику можно только для своего региона."))

            let created = try await Self.post(app, "/practices/new", as: almaty, Self.text)
            #expect(created.status == .seeOther)
            let code = try #require(created.headers.first(name: .location)?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            #expect(code.hasPrefix("GP-\(TestClock.today.year)-"))

            // A draft: neither the public nor another region sees it; Abai cannot change it.
            let abai = try await app.session(DemoUsers.abai)
            #expect(try await app.request(.GET, "/practices/\(code)").status != .ok)
            #expect(try await app.request(.GET, "/practices/\(code)", as: abai).status == .notFound)
            #expect(try await Self.post(app, "/practices/\(code)/evidence", as: abai, ["version": try await version(app, code), "kind": "courses", "place": "KZ-75",
                                                                                         "year": String(TestClock.today.year), "note": "Курсы Алматы"]).status == .notFound)
            #expect(!(try await app.request(.GET, "/practices?q=сағаттары").text.contains(code)))

            // Not complete without evidence: submitting is refused.
            let early = try await Self.post(app, "/practices/\(code)/step", as: almaty, ["step": "submit", "version": try await version(app, code)])
            #expect(early.status == .conflict && early.text.contains("Практика ещё не полна"))

            // Evidence: an unknown campaign and a bad year refused; the region's courses linked with today's figure.
            let noCampaign = try await Self.post(app, "/practices/\(code)/evidence", as: almaty, ["version": try await version(app, code), "kind": "campaign",
                                                                                                    "reference": "C-1999-X", "place": "KZ-75", "year": "1999", "note": "Сбор для клубов"])
            #expect(noCampaign.status == .unprocessableEntity && noCampaign.text.contains("Введите число от 2000 до \(TestClock.today.year)."))
            let noSuch = try await Self.post(app, "/practices/\(code)/evidence", as: almaty, ["version": try await version(app, code), "kind": "campaign",
                                                                                                "reference": "C-1999-X", "place": "KZ-75", "year": String(TestClock.today.year), "note": "Сбор для клубов"])
            #expect(noSuch.status == .unprocessableEntity && noSuch.text.contains("Благотворительной кампании с таким кодом нет."))
            let confidential = try await Self.post(app, "/practices/\(code)/evidence", as: almaty, ["version": try await version(app, code), "kind": "indicator",
                                                                                                     "reference": "mediation.cases", "place": "KZ-75",
                                                                                                     "year": String(TestClock.today.year), "note": "Дела медиации"])
            #expect(confidential.status == .unprocessableEntity && confidential.text.contains("Этот показатель не публичный"))
            let courses = try await CourseQueries.results(region: "KZ-75", on: app.db)
            #expect(try await Self.post(app, "/practices/\(code)/evidence", as: almaty, ["version": try await version(app, code), "kind": "courses", "place": "KZ-75",
                                                                                           "year": String(TestClock.today.year), "note": "Выпускники курсов Алматы"]).status == .seeOther)
            let linked = try #require(try await PracticeQueries.practice(code: code, actor: .system, on: app.db).evidence.first)
            #expect(linked.linkedValue == Double(courses.completed), "the figure is Birlik's own, not typed")

            // A Russian translation; the Kazakh original stays the original.
            var translation = ["version": try await version(app, code), "lang": "ru"]
            for (name, value) in [("title", "Языковые часы во дворе"), ("problem", "Жители многоэтажек не находят, где говорить на государственном языке."),
                                  ("method", "По субботам во дворе волонтёры проводят языковые часы в игре и беседе."), ("resources", "Два волонтёра"),
                                  ("outcomes", "Половина участников записалась на следующий уровень курса.")] { translation["ru-\(name)"] = value }
            #expect(try await Self.post(app, "/practices/\(code)/translate", as: almaty, translation).status == .seeOther)
            let completeness = PracticeCompleteness(try await PracticeQueries.practice(code: code, actor: .system, on: app.db))
            #expect(completeness.canSubmit && completeness.percent == 88 && completeness.missing == [.translationTwo])
            #expect(try await Self.post(app, "/practices/\(code)/step", as: almaty, ["step": "submit", "version": try await version(app, code)]).status == .seeOther)
            #expect(try await Self.post(app, "/practices/\(code)/evidence", as: almaty, ["version": try await version(app, code), "kind": "courses", "place": "KZ-75",
                                                                                           "year": String(TestClock.today.year), "note": "Ещё выпускники"]).status == .conflict,
                    "submitted: no more changes")

            // The Secretariat assigns an expert; the author cannot verify; a verdict needs the review.
            let secretariat = try await app.session(DemoUsers.secretariat)
            let expertUser = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "expert3@birlik.kz").first())
            #expect(try await Self.post(app, "/practices/\(code)/reviewers", as: secretariat, ["reviewer": try #require(expertUser.id).uuidString]).status == .seeOther)
            #expect(try await Self.post(app, "/practices/\(code)/step", as: almaty, ["step": "verify", "version": try await version(app, code)]).status == .forbidden)
            let tooSoon = try await Self.post(app, "/practices/\(code)/step", as: secretariat, ["step": "verify", "version": try await version(app, code)])
            #expect(tooSoon.status == .conflict && tooSoon.text.contains("Для решения нужна оценка хотя бы одного эксперта."))

            // The expert declares no conflict, reads the practice with its evidence, scores it on the practices' form.
            let practiceID = try #require(try await GoodPracticeRecord.query(on: app.db).filter(\.$code == code).first()?.id)
            let assignment = try #require(try await ReviewStore.assignments(of: practiceID, on: app.db).first)
            let expert = try await app.session("expert3@birlik.kz")
            #expect(!(try await app.request(.GET, "/reviews/\(assignment.id.uuidString)", as: expert).text.contains("Әр сенбі сайын")), "nothing before the declaration")
            #expect(try await Self.post(app, "/reviews/\(assignment.id.uuidString)/step", as: expert, ["step": "respond", "conflict": "no", "version": "1"]).status == .seeOther)
            let reading = try await app.request(.GET, "/reviews/\(assignment.id.uuidString)", as: expert, headers: ["Accept-Language": "ru"])
            #expect(reading.text.contains("Әр сенбі сайын") && reading.text.contains("Воспроизводимость в другом регионе") && reading.text.contains("Выпускники курсов Алматы"))
            var scores = ["step": "submit", "version": "2", "confidence": "4", "comment": "Простая и дешёвая практика, результат подтверждён курсами."]
            for criterion in ReviewForm.practices.criteria { scores["score-\(criterion.code)"] = "8" }
            #expect(try await Self.post(app, "/reviews/\(assignment.id.uuidString)/step", as: expert, scores).status == .seeOther)

            // Verified, published: public, with the live figure; the review is complete.
            #expect(try await Self.post(app, "/practices/\(code)/step", as: secretariat, ["step": "verify", "version": try await version(app, code)]).status == .seeOther)
            #expect(try await ReviewStore.assignments(of: practiceID, on: app.db).first?.status == .complete)
            #expect(try await Self.post(app, "/practices/\(code)/step", as: secretariat, ["step": "publish", "version": try await version(app, code)]).status == .seeOther)
            let page = try await app.request(.GET, "/practices/\(code)", headers: ["Accept-Language": "ru"])
            #expect(page.status == .ok && page.text.contains("Языковые часы во дворе") && page.text.contains("перевод не проверен"))
            #expect(page.text.contains("Выпускники курсов Алматы"))
            for query in ["сағаттарының", "sağattary", "часов"] {
                let found = try await app.request(.GET, "/practices?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query)")
                #expect(found.text.contains(code), "\(query)")
            }

            // Abai adopts it: not for Almaty itself, not in the future; once.
            let own = try await Self.post(app, "/practices/\(code)/adoptions", as: abai, ["region": "KZ-75", "adoptedOn": TestClock.today.description,
                                                                                        "result": "Открыли два клуба в Семее."])
            #expect(own.status == .forbidden || own.text.contains("Практика проводилась в этом регионе"))
            let ahead = try await Self.post(app, "/practices/\(code)/adoptions", as: abai, ["region": "KZ-10", "adoptedOn": TestClock.today.adding(days: 3).description,
                                                                                          "result": "Открыли два клуба в Семее."])
            #expect(ahead.status == .unprocessableEntity && ahead.text.contains("Дата внедрения не может быть позже сегодняшней.") && ahead.text.contains("Открыли два клуба в Семее."))
            #expect(try await Self.post(app, "/practices/\(code)/adoptions", as: abai, ["region": "KZ-10", "adoptedOn": TestClock.today.adding(days: -3).description,
                                                                                      "result": "Открыли два клуба в Семее."]).status == .seeOther)
            let again = try await Self.post(app, "/practices/\(code)/adoptions", as: abai, ["region": "KZ-10", "adoptedOn": TestClock.today.description,
                                                                                          "result": "Ещё один клуб в Семее."])
            #expect(again.status == .unprocessableEntity && again.text.contains("Внедрение в этом регионе уже записано."))
            let map = try await PracticeQueries.adoptionMap(on: app.db)
            #expect(map.first { $0.region == "KZ-10" }?.adopted.contains { $0.practice.code == code } == true)
            #expect(map.first { $0.region == "KZ-75" }?.published.contains { $0.code == code } == true)
            let mapPage = try await app.request(.GET, "/practices/adoptions", headers: ["Accept-Language": "ru"])
            #expect(mapPage.status == .ok && mapPage.text.contains(code))

            // Every change is in the audit log, and the chain holds.
            let actions = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "practice").filter(\.$entityID == code).all().map(\.action)
            #expect(Set(actions).isSuperset(of: ["create", "addEvidence", "translate", "submit", "toReview", "verify", "publish"]))
            #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "practiceAdoption").count() >= 1)
        }
    }

    @Test("An outdated translation is shown as such and the original is read instead", arguments: TestBackend.enabled)
    func outdatedTranslation(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let association = try await app.actor(DemoUsers.association)
            let now = app.birlikClock.now
            var practice = try await PracticeStore.create(PracticeDraft(domain: "youth", language: "ru", region: "KZ-75",
                                                                        text: GoodPractice.Text(title: "Школа вожатых", problem: "Мало вожатых")),
                                                          actor: association, on: app.db, now: now)
            practice = try await PracticeStore.translate(practice.id, into: .kk, text: GoodPractice.Text(title: "Тәлімгерлер мектебі"), version: practice.version,
                                                         actor: association, on: app.db, now: now)
            #expect(practice.translationStatus(.kk) == .draft && practice.text(in: .kk).language == .kk)
            practice = try await PracticeStore.update(practice.id, PracticeDraft(domain: "youth", language: "ru", region: "KZ-75",
                                                                                 text: GoodPractice.Text(title: "Школа вожатых и наставников", problem: "Мало вожатых")),
                                                      version: practice.version, actor: association, on: app.db, now: now)
            #expect(practice.translationStatus(.kk) == .outdated && practice.text(in: .kk).language == .ru)
            let abai = try await app.actor(DemoUsers.abai)
            await expectFailure(.notFound) {
                try await PracticeStore.update(practice.id, PracticeDraft(practice), version: practice.version, actor: abai, on: app.db, now: now)
            }
        }
    }
}
