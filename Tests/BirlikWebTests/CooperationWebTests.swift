import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// International cooperation (S20) as the Secretariat, a region and the public use it: partners refused
/// with every problem named in Russian and nothing written, a memorandum from draft to force, public
/// without its confidential clauses, its alert 90 and 30 days before it ends written once each, its
/// obligations linked to an event and overdue on the keepers' page, renewal, and another region kept out.
@Suite("International cooperation")
struct CooperationWebTests {
    static func post(_ app: Application, _ path: String, as identity: Identity, _ form: [String: String]) async throws -> TestingHTTPResponse {
        var fields = form
        fields["_csrf"] = identity.csrf
        return try await app.request(.POST, path, as: identity, headers: ["Accept-Language": "ru"], form: fields)
    }

    @Test("A memorandum from draft to force and renewal: partners and agreements checked, confidential clauses never public, the expiry alert written once per threshold",
          arguments: TestBackend.enabled)
    func memorandum(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            let today = TestClock.today
            let partnersBefore = try await PartnerRecord.query(on: app.db).count()

            let bad = try await Self.post(app, "/cooperation/partners", as: secretariat,
                                          ["kind": "diasporaAssociation", "name": "Казахская община Омска", "country": "Россия", "identifier": "omsk 1", "website": "ftp://x"])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Укажите страну двумя буквами ISO 3166", "Укажите идентификатор в виде org-id", "Казахская община Омска"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await PartnerRecord.query(on: app.db).count() == partnersBefore, "nothing was written")
            let good = try await Self.post(app, "/cooperation/partners", as: secretariat,
                                           ["kind": "diasporaAssociation", "name": "Казахская община Омска", "country": "ru", "identifier": "RU-INN-5500000000"])
            #expect(good.status == .seeOther)
            let partner = try #require(try await PartnerRecord.query(on: app.db).sort(\.$code, .descending).first()?.value)
            #expect(partner.country == "RU" && partner.code == String(format: "PRT-%04d", partnersBefore + 1))

            // The agreement: an unknown partner refused; a draft is the keepers' alone.
            let confidential = "Смета обменов: 4,2 млн тенге"
            var form = ["kind": "memorandum", "title": "Меморандум о летних языковых лагерях", "summary": "Летние лагеря казахского языка для детей соотечественников.",
                        "confidential": confidential, "partners": "PRT-9999", "region": "KZ", "endsOn": today.adding(days: 80).description, "renewal": "byDecision"]
            let unknown = try await Self.post(app, "/cooperation/agreements/new", as: secretariat, form)
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("Таких партнёров нет в реестре: PRT-9999."))
            form["partners"] = partner.code.lowercased()
            #expect(try await Self.post(app, "/cooperation/agreements/new", as: secretariat, form).status == .seeOther)
            var agreement = try #require(try await AgreementRecord.query(on: app.db).sort(\.$code, .descending).first()?.value)
            #expect(agreement.partnerIDs == [partner.id] && agreement.status == .draft)
            #expect(try await app.request(.GET, "/cooperation/agreements/\(agreement.code)").status == .notFound)

            // Signed (not in the future), then in force: public, without the confidential clauses.
            let future = try await Self.post(app, "/cooperation/agreements/\(agreement.code)/step", as: secretariat,
                                             ["step": "sign", "version": String(agreement.version), "signedOn": today.adding(days: 1).description, "place": "Омск", "signatories": "Стороны"])
            #expect(future.status == .unprocessableEntity && future.text.contains("Дата подписания не может быть в будущем."))
            #expect(try await Self.post(app, "/cooperation/agreements/\(agreement.code)/step", as: secretariat,
                                        ["step": "sign", "version": String(agreement.version), "signedOn": today.adding(days: -5).description, "place": "Омск",
                                         "signatories": "Секретариат АНК; председатель общины"]).status == .seeOther)
            agreement = try #require(try await AgreementRecord.find(agreement.id, on: app.db)?.value)
            #expect(try await Self.post(app, "/cooperation/agreements/\(agreement.code)/step", as: secretariat,
                                        ["step": "enterIntoForce", "version": String(agreement.version), "startsOn": today.adding(days: -5).description]).status == .seeOther)
            let public_ = try await app.request(.GET, "/cooperation/agreements/\(agreement.code)", headers: ["Accept-Language": "ru"])
            #expect(public_.status == .ok && public_.text.contains("Летние лагеря") && !public_.text.contains(confidential) && public_.text.contains("истекает"))
            #expect(try await app.request(.GET, "/cooperation/agreements/\(agreement.code)", as: secretariat).text.contains(confidential))
            #expect(try await app.request(.GET, "/cooperation", headers: ["Accept-Language": "ru"]).text.contains("Меморандум о летних языковых лагерях"))

            // The alert: 80 days left is past the 90-day threshold, written once; at 30 days, once more.
            let keeper = try #require(try await app.actor(DemoUsers.secretariat).organizationID)
            func alerts() async throws -> Int {
                try await NotificationRecord.query(on: app.db).filter(\.$organizationID == keeper).filter(\.$kind == "agreement").all()
                    .filter { $0.link.hasSuffix(agreement.code) }.count
            }
            _ = try await CooperationStore.remindExpiring(now: TestClock.now, on: app.db)
            _ = try await CooperationStore.remindExpiring(now: TestClock.now, on: app.db)
            #expect(try await alerts() == 1)
            _ = try await CooperationStore.remindExpiring(now: today.adding(days: 55).noon, on: app.db)
            #expect(try await alerts() == 2)

            // Obligations: an unknown event refused, a real one linked; one already due is overdue for the keepers.
            agreement = try #require(try await AgreementRecord.find(agreement.id, on: app.db)?.value)
            let event = try #require(try await EventRecord.query(on: app.db).first()?.code)
            let noEvent = try await Self.post(app, "/cooperation/agreements/\(agreement.code)/step", as: secretariat,
                                              ["step": "obligation", "version": String(agreement.version), "text": "Лагерь", "dueOn": today.adding(days: 20).description,
                                               "eventCode": "EV-1999-0001"])
            #expect(noEvent.status == .unprocessableEntity && noEvent.text.contains("Мероприятия EV-1999-0001 нет в календаре."))
            #expect(try await Self.post(app, "/cooperation/agreements/\(agreement.code)/step", as: secretariat,
                                        ["step": "obligation", "version": String(agreement.version), "text": "Провести лагерь", "dueOn": today.adding(days: 20).description,
                                         "eventCode": event]).status == .seeOther)
            agreement = try #require(try await AgreementRecord.find(agreement.id, on: app.db)?.value)
            #expect(try await Self.post(app, "/cooperation/agreements/\(agreement.code)/step", as: secretariat,
                                        ["step": "obligation", "version": String(agreement.version), "text": "Передать учебники", "dueOn": today.adding(days: -1).description]).status == .seeOther)
            let overview = try await app.request(.GET, "/cooperation", as: secretariat, headers: ["Accept-Language": "ru"])
            #expect(overview.text.contains("id=\"overdue-obligations\"") && overview.text.contains("Передать учебники"))
            #expect(!(try await app.request(.GET, "/cooperation").text.contains("Передать учебники")), "overdue obligations are the keepers' view")
            let dashboard = try await app.request(.GET, "/dashboard", as: secretariat, headers: ["Accept-Language": "ru"])
            #expect(dashboard.text.contains("Просроченные обязательства по соглашениям с зарубежными партнёрами") && dashboard.text.contains("Передать учебники"))
            #expect(!(try await app.request(.GET, "/dashboard", as: try await app.session(DemoUsers.abai)).text.contains("Передать учебники")),
                    "another region's dashboard does not list it")

            // Another region's coordinator cannot change it; renewal must move the end later.
            agreement = try #require(try await AgreementRecord.find(agreement.id, on: app.db)?.value)
            let abai = try await app.session(DemoUsers.abai)
            #expect(try await Self.post(app, "/cooperation/agreements/\(agreement.code)/step", as: abai,
                                        ["step": "terminate", "version": String(agreement.version), "reason": "—"]).status == .forbidden)
            let earlier = try await Self.post(app, "/cooperation/agreements/\(agreement.code)/step", as: secretariat,
                                              ["step": "renew", "version": String(agreement.version), "until": today.adding(days: 10).description])
            #expect(earlier.status == .unprocessableEntity && earlier.text.contains("Новая дата окончания должна быть позже текущей."))
            #expect(try await Self.post(app, "/cooperation/agreements/\(agreement.code)/step", as: secretariat,
                                        ["step": "renew", "version": String(agreement.version), "until": today.adding(days: 800).description]).status == .seeOther)
            agreement = try #require(try await AgreementRecord.find(agreement.id, on: app.db)?.value)
            #expect(agreement.state(on: today) == .renewed && agreement.state(on: today.adding(days: 750)) == .expiring && agreement.state(on: today.adding(days: 801)) == .expired)

            // The partner's page lists the agreement; its keepers edit it and make it inactive: no longer public.
            #expect(try await app.request(.GET, "/cooperation/partners/\(partner.code)").text.contains("Меморандум о летних языковых лагерях"))
            let edit = ["kind": "diasporaAssociation", "name": "Казахская община Омска", "country": "RU", "identifier": "RU-INN-5500000000",
                        "version": String(partner.version)]
            var badEdit = edit
            badEdit["country"] = "Russia"
            #expect(try await Self.post(app, "/cooperation/partners/\(partner.code)", as: secretariat, badEdit).status == .unprocessableEntity)
            #expect(try await Self.post(app, "/cooperation/partners/\(partner.code)", as: secretariat, edit).status == .seeOther)
            #expect(try await PartnerRecord.find(partner.id, on: app.db)?.value?.active == false)
            #expect(try await app.request(.GET, "/cooperation/partners/\(partner.code)").status == .notFound)
            #expect(!(try await app.request(.GET, "/cooperation").text.contains("Казахская община Омска")))
            #expect(try await app.request(.GET, "/cooperation/partners/\(partner.code)", as: secretariat).status == .ok)

            // The audit log keeps the agreement's course, never its confidential clauses.
            let audited = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "agreement").filter(\.$entityID == agreement.id.uuidString).sort(\.$id).all()
            #expect(audited.map(\.action) == ["create", "sign", "enterIntoForce", "addObligation", "addObligation", "renew"])
            #expect(audited.allSatisfy { !(($0.before ?? "") + ($0.after ?? "")).contains("4,2 млн") })
        }
    }

    @Test("The demo's memorandum ends in 80 days: its alert is written by the scheduled reminders and the public page shows it expiring")
    func demoAlert() async throws {
        try await withBirlik(.sqlite) { app in
            let memorandum = try #require(try await AgreementRecord.query(on: app.db).filter(\.$status == "inForce").all().compactMap(\.value)
                .first { $0.daysLeft(on: TestClock.today) == 80 })
            #expect(memorandum.state(on: TestClock.today) == .expiring)
            _ = try await Notifications.runReminders(now: TestClock.now, on: app.db)
            let alerts = try await NotificationRecord.query(on: app.db).filter(\.$kind == "agreement").all()
            #expect(alerts.contains { $0.link == "/cooperation/agreements/\(memorandum.code)" && $0.arguments.contains("\"days\":\"80\"") })
            let page = try await app.request(.GET, "/cooperation", headers: ["Accept-Language": "kk"])
            #expect(page.text.contains("id=\"expiring\"") && page.text.contains(memorandum.title))
        }
    }
}
