import BirlikCore
import BirlikStorage
import BirlikTestSupport
import Foundation
import Testing
import FluentKit
import Vapor
@testable import BirlikWeb

@Suite("Languages, sign-in and operations")
struct LanguageAndSessionTests {
    @Test("The audit log speaks the reader's language: every action and kind of record written has a name in the catalog")
    func auditVocabulary() async throws {
        try await withBirlik { app in
            // The demo set's seeds, and a change through the registry, the plans and the reports.
            let secretariat = try await app.actor(DemoUsers.secretariat)
            let plan = try #require(try await PlanRecord.query(on: app.db).filter(\.$code == DemoPlans.almaty).first()).plan
            _ = try await PlanStore.transition(id: plan.id, .amend, version: plan.version, actor: secretariat, on: app.db, now: TestClock.now)
            let entries = try await AuditEntryRecord.query(on: app.db).all()
            let actions = Set(entries.map(\.action)), types = Set(entries.map(\.entityType))
            #expect(actions.contains("amend") && types.contains("plan"))
            #expect(actions.filter { L10nKey(rawValue: "audit.action.\($0)") == nil }.isEmpty, "actions without a name: \(actions)")
            #expect(types.filter { L10nKey(rawValue: "audit.entity.\($0)") == nil }.isEmpty, "kinds of record without a name: \(types)")
            let admin = try await app.session(DemoUsers.admin)
            let cookie = (admin.headers.first(name: .cookie) ?? "") + "; birlik_lang=ru"
            let page = try await app.request(.GET, SiteURL.audit.path, as: admin, headers: ["Cookie": cookie]).text
            #expect(!page.contains("<td>amend</td>") && !page.contains("<td>plan<br>"))
            #expect(page.contains("<td>Изменение</td>") && page.contains("<td>План<br>"))
        }
    }

    @Test("The language follows the user's choice, then Accept-Language, then Kazakh")
    func languageChoice() async throws {
        try await withBirlik { app in
            #expect(try await app.request(.GET, "/directory").text.contains("Ұйымдар тізілімі"))
            #expect(try await app.request(.GET, "/directory", headers: ["Accept-Language": "ru-RU,ru;q=0.9"]).text.contains("Реестр организаций"))
            #expect(try await app.request(.GET, "/directory", headers: ["Accept-Language": "en"]).text.contains("<html lang=\"en\">"))
            let chosen = try await app.request(.GET, "/directory", headers: ["Accept-Language": "en", "Cookie": "birlik_lang=kk"]).text
            #expect(chosen.contains("<html lang=\"kk\">") && chosen.contains("Ұйымдар тізілімі"))
            let latin = try await app.request(.GET, "/directory", headers: ["Cookie": "birlik_lang=kk; birlik_script=latin"]).text
            #expect(latin.contains("Ūiymdar tızılımı"))
            #expect(latin.contains("Qazaqstan halqy Assambleiasy") || latin.contains("Qazaqstan halqy"))
            // Choosing a language is a POST with the form token; a GET changes nothing.
            #expect(try await app.request(.GET, "/language/ru?back=/map").status == .notFound)
            #expect(try await app.request(.POST, "/language/ru", form: ["back": "/map"]).status == .forbidden)
            let anonymous = Identity.anonymous
            let switched = try await app.request(.POST, "/language/ru", as: anonymous, form: ["_csrf": anonymous.csrf, "back": "/map"])
            #expect(switched.status == .seeOther && switched.headers.first(name: .location) == "/map")
            #expect(switched.headers[.setCookie].contains { $0.contains("birlik_lang=ru") && $0.contains("HttpOnly") && $0.contains("SameSite=Lax") })
            let offsite = try await app.request(.POST, "/language/ru", as: anonymous, form: ["_csrf": anonymous.csrf, "back": "//evil.example"])
            #expect(offsite.headers.first(name: .location) == "/")
        }
    }

    @Test("A signed-in user's language is remembered")
    func rememberedLanguage() async throws {
        try await withBirlik { app in
            let almaty = try await app.session(DemoUsers.almaty)
            _ = try await app.request(.POST, "/language/ru", as: almaty, form: ["_csrf": almaty.csrf, "back": "/"])
            let user = try await UserRecord.query(on: app.db).filter(\.$email == DemoUsers.almaty).first()
            #expect(user?.preferredLanguage == "ru")
            #expect(try await app.request(.GET, "/", as: almaty).text.contains("<html lang=\"ru\">"))
        }
    }

    @Test("Records show which translations they lack")
    func missingTranslations() async throws {
        try await withBirlik { app in
            let page = try await app.request(.GET, "/organizations/association-kz-75-3", headers: ["Accept-Language": "en"]).text
            #expect(page.contains("Translation missing"))
            let list = try await app.request(.GET, "/api/v1/organizations/association-kz-75-3").text
            #expect(list.contains("\"missingTranslations\":[\"en\"]"))
        }
    }

    @Test("Signing in sets a safe session cookie; wrong passwords are refused and then rate-limited")
    func signIn() async throws {
        try await withBirlik { app in
            let anonymous = Identity.anonymous
            let ok = try await app.request(.POST, "/sign-in", as: anonymous,
                                           form: ["_csrf": anonymous.csrf, "email": "Secretariat@birlik.kz", "password": DemoUsers.password, "back": "/map"])
            #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "/map")
            let cookie = try #require(ok.headers[.setCookie].first { $0.hasPrefix("birlik_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            let secure = try await app.request(.POST, "/sign-in", as: anonymous, headers: ["X-Forwarded-Proto": "https"],
                                               form: ["_csrf": anonymous.csrf, "email": DemoUsers.citizen, "password": DemoUsers.password])
            #expect(secure.headers[.setCookie].contains { $0.hasPrefix("birlik_session=") && $0.contains("Secure") })
            let noToken = try await app.request(.POST, "/sign-in", form: ["email": DemoUsers.citizen, "password": DemoUsers.password])
            #expect(noToken.status == .forbidden)
            let wrong = try await app.request(.POST, "/sign-in", as: anonymous, headers: ["Accept-Language": "kk"],
                                              form: ["_csrf": anonymous.csrf, "email": DemoUsers.mediator, "password": "wrong-pass-123"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Электрондық пошта немесе құпиясөз қате."))
            #expect(wrong.text.contains("value=\"mediator@birlik.kz\""))
            // Twelve guesses sent together, so that all of them fall inside the limiter's minute however slowly a
            // loaded machine answers: ten are checked (and refused), the rest are turned away unchecked.
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await app.request(.POST, "/sign-in", as: anonymous,
                                              form: ["_csrf": anonymous.csrf, "email": "nobody@birlik.kz", "password": "x"]).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.contains(429) && statuses.allSatisfy { $0 == 401 || $0 == 429 }, "\(statuses)")
        }
    }

    @Test("Signing out ends the session")
    func signOut() async throws {
        try await withBirlik { app in
            let session = try await app.session(DemoUsers.secretariat)
            #expect(try await app.request(.GET, "/admin/audit", as: session).status == .ok)
            let out = try await app.request(.POST, "/sign-out", as: session, form: ["_csrf": session.csrf])
            #expect(out.status == .seeOther)
            #expect(try await app.request(.GET, "/admin/audit", as: session).status == .unauthorized)
        }
    }

    @Test("The audit page shows the chain's state and filters entries")
    func auditPage() async throws {
        try await withBirlik { app in
            let admin = try await app.session(DemoUsers.admin)
            let page = try await app.request(.GET, "/admin/audit?type=user", as: admin, headers: ["Accept-Language": "en"]).text
            #expect(page.contains("The chain is whole"))
            #expect(page.contains("citizen@birlik.kz"))
            #expect(!page.contains("reference-data"))
        }
    }

    @Test("A scraper reads /metrics with its token; a wrong token reads nothing")
    func metricsToken() async throws {
        try await withBirlik { app in
            app.birlik.configuration.metricsToken = "scrape-secret-0123456789"
            let right: HTTPHeaders = ["Authorization": "Bearer scrape-secret-0123456789"]
            let wrong: HTTPHeaders = ["Authorization": "Bearer scrape-secret-0123456780"]
            let scraped = try await app.request(.GET, "/metrics", headers: right)
            #expect(scraped.status == .ok)
            let refused = try await app.request(.GET, "/metrics", headers: wrong)
            #expect(refused.status == .unauthorized)
            let elsewhere = try await app.request(.GET, "/api/v1/plans", headers: right)
            #expect(elsewhere.status == .unauthorized)
        }
    }

    @Test("Health, metrics and the stylesheet")
    func operations() async throws {
        try await withBirlik { app in
            #expect(try await app.request(.GET, "/health").text == #"{"status":"ok"}"#)
            _ = try await app.request(.GET, "/directory")
            #expect(try await app.request(.GET, "/metrics").status == .unauthorized)
            let metrics = try await app.request(.GET, "/metrics", as: try await app.session(DemoUsers.admin))
            #expect(metrics.headers.contentType?.description.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains("birlik_http_requests_total{method=\"GET\",route=\"/directory\",status=\"200\"}"))
            #expect(metrics.text.contains("birlik_http_request_duration_seconds_bucket"))
        }
    }
}
