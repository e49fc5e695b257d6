import BirlikCore
import BirlikStorage
import BirlikTestSupport
import Foundation
import Testing
import FluentKit
import Vapor

@Suite("Forms, errors and escaping")
struct FormsAndErrorsTests {
    @Test("A form with a missing value comes back with an inline error in the user's language and writes nothing")
    func inlineErrors() async throws {
        try await withBirlik { app in
            let almaty = try await app.session(DemoUsers.almaty)
            let before = try await OrganizationRecord.query(on: app.db).count()
            let entries = try await AuditEntryRecord.query(on: app.db).count()
            let form = ["_csrf": almaty.csrf, "code": "жаман код", "type": "ngo", "nameKK": "", "nameRU": "Новое <b>НПО</b>",
                        "regionCode": "KZ-75", "email": "not-an-email", "version": "0"]
            let russian = try await app.request(.POST, "/organizations/new", as: almaty,
                                                headers: ["Accept-Language": "ru-RU,ru;q=0.9"],
                                                form: form)
            #expect(russian.status == .unprocessableEntity)
            #expect(russian.text.contains("Обязательное поле."))
            #expect(russian.text.contains("Некорректный адрес электронной почты."))
            #expect(russian.text.contains("value=\"Новое &lt;b&gt;НПО&lt;/b&gt;\""))
            #expect(russian.text.contains("aria-invalid=\"true\""))
            let kazakh = try await app.request(.POST, "/organizations/new", as: almaty, headers: ["Accept-Language": "kk"], form: form)
            #expect(kazakh.text.contains("Міндетті өріс."))
            #expect(try await OrganizationRecord.query(on: app.db).count() == before)
            #expect(try await AuditEntryRecord.query(on: app.db).count() == entries)
        }
    }

    @Test("Two officers editing one record: the second gets a conflict and keeps their values")
    func staleEdit() async throws {
        try await withBirlik { app in
            let almaty = try await app.session(DemoUsers.almaty)
            let organization = try await OrganizationQueries.find(code: "council-kz-75", actor: almaty.actor, on: app.db)
            var form = ["_csrf": almaty.csrf, "code": organization.code, "type": organization.type.rawValue, "nameKK": organization.name.kk!,
                        "regionCode": organization.regionCode, "version": String(organization.version), "languages[]": "kk"]
            form["nameEN"] = "First officer's name"
            #expect(try await app.request(.POST, "/organizations/council-kz-75/edit", as: almaty, form: form).status == .seeOther)
            form["nameEN"] = "Second officer's name"
            let second = try await app.request(.POST, "/organizations/council-kz-75/edit", as: almaty, headers: ["Accept-Language": "en"], form: form)
            #expect(second.status == .conflict)
            #expect(second.text.contains("Someone else saved this record after you opened it"))
            #expect(second.text.contains("Second officer&#39;s name"))
            let stored = try await OrganizationQueries.find(code: "council-kz-75", actor: almaty.actor, on: app.db)
            #expect(stored.name.en == "First officer's name")
        }
    }

    @Test("What users type never breaks the page", arguments: ["<script>alert('x')</script> «Қазақ» \"Русский\" & Co"])
    func escaping(text: String) async throws {
        try await withBirlik { app in
            let secretariat = try await app.bearer(DemoUsers.secretariat)
            let body = try String(decoding: JSONEncoder().encode([
                "code": "escape-test", "type": "ngo", "region": "KZ-75",
            ]), as: UTF8.self).dropLast() + ",\"name\":{\"kk\":\(String(decoding: JSONEncoder().encode(text), as: UTF8.self))}}"
            let created = try await app.request(.POST, "/api/v1/organizations", as: secretariat, json: String(body))
            #expect(created.status == .created)
            for path in ["/organizations/escape-test", "/directory?q=%D2%9B%D0%B0%D0%B7%D0%B0%D2%9B", "/directory?q=%3Cscript%3E"] {
                let page = try await app.request(.GET, path).text
                #expect(!page.contains("<script>alert"), "\(path)")
            }
            let profile = try await app.request(.GET, "/organizations/escape-test").text
            #expect(profile.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; «Қазақ» &quot;Русский&quot; &amp; Co"))
        }
    }

    @Test("API errors: 400 malformed, 401 no token, 403 wrong region, 409 duplicate, 413 too large, 422 invalid")
    func apiErrors() async throws {
        try await withBirlik { app in
            let almaty = try await app.bearer(DemoUsers.almaty)
            let malformed = try await app.request(.POST, "/api/v1/organizations", as: almaty, json: "{\"code\": ")
            #expect(malformed.status == .badRequest)
            #expect(malformed.text.contains("\"code\":\"malformed\""))
            let wrongType = try await app.request(.POST, "/api/v1/organizations", as: almaty, json: "{\"code\": 5}")
            #expect(wrongType.status == .badRequest)
            let anonymous = try await app.request(.POST, "/api/v1/organizations", json: "{}")
            #expect(anonymous.status == .unauthorized)
            let cookie = try await app.session(DemoUsers.almaty)
            #expect(try await app.request(.POST, "/api/v1/organizations", as: cookie, json: "{}").status == .unauthorized)
            let elsewhere = try await app.request(.POST, "/api/v1/organizations", as: almaty,
                                                  json: #"{"code":"abai-x","type":"ngo","region":"KZ-10","name":{"kk":"Ұйым"}}"#)
            #expect(elsewhere.status == .forbidden)
            let duplicate = try await app.request(.POST, "/api/v1/organizations", as: almaty, headers: ["Accept-Language": "ru"],
                                                  json: #"{"code":"council-kz-75","type":"ngo","region":"KZ-75","name":{"kk":"Ұйым"}}"#)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.text.contains("Организация с таким кодом уже существует."))
            let invalid = try await app.request(.POST, "/api/v1/organizations", as: almaty, headers: ["Accept-Language": "kk"],
                                                json: #"{"code":"new-one","type":"spaceship","region":"KZ-75"}"#)
            #expect(invalid.status == .unprocessableEntity)
            let error = try JSONDecoder().decode(APIErrorShape.self, from: Data(buffer: invalid.body))
            #expect(Set(error.error.fields.map(\.field)) == ["type", "nameKK"])
            #expect(error.error.fields.contains { $0.message == "Міндетті өріс." })
            let huge = String(repeating: "а", count: 1_100_000)
            let tooLarge = try await app.request(.POST, "/api/v1/organizations", as: almaty, json: "{\"code\":\"\(huge)\"}",
                                                 overNetwork: true)
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(try await app.request(.GET, "/api/v1/organizations?region=Almaty").status == .badRequest)
            #expect(try await app.request(.GET, "/api/v1/organizations", headers: ["Authorization": "Bearer nonsense"]).status == .unauthorized)
            let notFound = try await app.request(.GET, "/api/v1/nothing-here")
            #expect(notFound.status == .notFound && notFound.text.contains("\"status\":404"))
        }
    }

    @Test("API tokens: issued for a password, used for writes, audited changes")
    func apiTokens() async throws {
        try await withBirlik { app in
            let wrong = try await app.request(.POST, "/api/v1/auth/token", json: #"{"email":"secretariat@birlik.kz","password":"nope-nope-1"}"#)
            #expect(wrong.status == .unauthorized)
            let issued = try await app.request(.POST, "/api/v1/auth/token", json: #"{"email":"secretariat@birlik.kz","password":"Birlik-demo-2025"}"#)
            #expect(issued.status == .ok)
            let token = try JSONDecoder().decode([String: String].self, from: Data(buffer: issued.body))["token"] ?? ""
            let created = try await app.request(.POST, "/api/v1/organizations", headers: ["Authorization": "Bearer \(token)"],
                                                json: #"{"code":"api-made","type":"ngo","region":"KZ-71","name":{"kk":"API ұйымы","ru":"Организация API"}}"#)
            #expect(created.status == .created)
            #expect(created.headers.first(name: .location) == "/api/v1/organizations/api-made")
            let update = try await app.request(.PUT, "/api/v1/organizations/api-made", headers: ["Authorization": "Bearer \(token)"],
                                               json: #"{"code":"api-made","type":"ngo","region":"KZ-71","name":{"kk":"API ұйымы","en":"API organisation"},"version":1}"#)
            #expect(update.status == .ok)
            let stale = try await app.request(.PUT, "/api/v1/organizations/api-made", headers: ["Authorization": "Bearer \(token)"],
                                              json: #"{"code":"api-made","type":"ngo","region":"KZ-71","name":{"kk":"X"},"version":1}"#)
            #expect(stale.status == .conflict)
            #expect(try await app.request(.DELETE, "/api/v1/organizations/api-made", headers: ["Authorization": "Bearer \(token)"]).status == .noContent)
            let log = try await AuditLog.list(AuditLog.Filter(entityType: "organization"), page: 1, on: app.db)
            #expect(log.items.prefix(3).map(\.action) == ["delete", "update", "create"])
            #expect(log.items[0].actorName.contains("Айгүл"))
        }
    }
}

struct APIErrorShape: Decodable {
    struct Body: Decodable {
        struct Field: Decodable {
            var field: String
            var message: String
        }

        var status: Int
        var code: String
        var message: String
        var fields: [Field]
    }

    var error: Body
}
