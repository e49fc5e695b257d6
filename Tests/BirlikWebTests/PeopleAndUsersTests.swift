import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor

@Suite("People of an organisation and user accounts")
struct PeopleAndUsersTests {
    @Test("An association adds and removes its own people; another region cannot; bad input comes back inline")
    func people() async throws {
        try await withBirlik { app in
            let association = try await app.session(DemoUsers.association)
            let form = ["_csrf": association.csrf, "fullName": "Ирина Пак", "positionKK": "Төрағаның орынбасары",
                        "positionRU": "Заместитель председателя", "email": "irina@example.kz", "phone": "+7 701 000 00 00"]
            let added = try await app.request(.POST, "/organizations/association-kz-75-1/people", as: association, form: form)
            #expect(added.status == .seeOther)
            let page = try await app.request(.GET, "/organizations/association-kz-75-1", as: association).text
            #expect(page.contains("Ирина Пак") && page.contains("irina@example.kz"))
            let publicPage = try await app.request(.GET, "/organizations/association-kz-75-1").text
            #expect(publicPage.contains("Ирина Пак") && !publicPage.contains("irina@example.kz"))

            let abai = try await app.session(DemoUsers.abai)
            var foreign = form
            foreign["_csrf"] = abai.csrf
            #expect(try await app.request(.POST, "/organizations/association-kz-75-1/people", as: abai, form: foreign).status == .forbidden)

            let invalid = try await app.request(.POST, "/organizations/association-kz-75-1/people", as: association,
                                                headers: ["Accept-Language": "ru"],
                                                form: ["_csrf": association.csrf, "fullName": "", "email": "nope"])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.text.contains("Обязательное поле.") && invalid.text.contains("Некорректный адрес электронной почты."))

            let organization = try await OrganizationQueries.find(code: "association-kz-75-1", actor: association.actor, on: app.db)
            let person = try #require(try await OrganizationQueries.people(of: organization.id, on: app.db).first { $0.fullName == "Ирина Пак" })
            let path = "/organizations/association-kz-75-1/people/\(person.id.uuidString)/delete"
            #expect(try await app.request(.POST, path, as: abai, form: ["_csrf": abai.csrf]).status == .forbidden)
            // Removing asks first (a page without JavaScript) and removes nothing until confirmed.
            let asked = try await app.request(.POST, path, as: association, headers: ["Accept-Language": "en"], form: ["_csrf": association.csrf])
            #expect(asked.status == .ok && asked.text.contains("Please confirm") && asked.text.contains("Remove Ирина Пак"))
            #expect(asked.text.contains("name=\"_confirmed\" value=\"1\"") && asked.text.contains("value=\"\(association.csrf)\""))
            #expect(try await OrganizationQueries.people(of: organization.id, on: app.db).contains { $0.id == person.id })
            #expect(try await app.request(.POST, path, as: association, form: ["_csrf": association.csrf, "_confirmed": "1"]).status == .seeOther)
            #expect(try await OrganizationQueries.people(of: organization.id, on: app.db).contains { $0.id == person.id } == false)
            let log = try await AuditLog.list(AuditLog.Filter(entityType: "person"), page: 1, on: app.db)
            #expect(log.items.map(\.action) == ["delete", "create"])
        }
    }

    @Test("Administrators see and add users; coordinators see their region's users only")
    func users() async throws {
        try await withBirlik { app in
            let admin = try await app.session(DemoUsers.admin)
            let all = try await app.request(.GET, "/admin/users", as: admin).text
            #expect(all.contains("abai@birlik.kz") && all.contains("almaty@birlik.kz") && all.contains("Пайдаланушы қосу"))
            let almaty = try await app.session(DemoUsers.almaty)
            let regional = try await app.request(.GET, "/admin/users", as: almaty).text
            #expect(regional.contains("council@birlik.kz") && regional.contains("association@birlik.kz"))
            #expect(!regional.contains("abai@birlik.kz") && !regional.contains("secretariat@birlik.kz"))
            #expect(!regional.contains("Пайдаланушы қосу"))
            let form = ["_csrf": admin.csrf, "email": "officer@akimat.kz", "displayName": "Officer", "role": "executor",
                        "organization": "akimat-kz-75", "password": "Strong-pass-2025"]
            var foreign = form
            foreign["_csrf"] = almaty.csrf
            #expect(try await app.request(.POST, "/admin/users", as: almaty, form: foreign).status == .forbidden)
            let weak = try await app.request(.POST, "/admin/users", as: admin, headers: ["Accept-Language": "en"],
                                             form: form.merging(["password": "short"]) { $1 })
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.text.contains("The password must be at least 10 characters long.") && weak.text.contains("value=\"officer@akimat.kz\""))
            #expect(try await app.request(.POST, "/admin/users", as: admin, form: form).status == .seeOther)
            let duplicate = try await app.request(.POST, "/admin/users", as: admin, form: form)
            #expect(duplicate.status == .conflict)
            let user = try await UserRecord.query(on: app.db).filter(\.$email == "officer@akimat.kz").first()
            #expect(user?.role == "executor")
            let filtered = try await app.request(.GET, "/admin/users?role=executor", as: admin).text
            #expect(filtered.contains("officer@akimat.kz") && !filtered.contains("mediator@birlik.kz"))
        }
    }
}
