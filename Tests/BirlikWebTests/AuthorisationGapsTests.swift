import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
@testable import BirlikWeb

/// A user acts only on what is theirs: stored files through the record that owns them, an
/// organisation's identity through its coordinator, a report's files within its entry window.
@Suite("Authorisation gaps")
struct AuthorisationGapsTests {
    @Test("The import runner opens only a file its user uploaded, never another's by its hash")
    func importOwnFilesOnly() async throws {
        try await withBirlik { app in
            let almaty = try await app.session(DemoUsers.almaty), abai = try await app.session(DemoUsers.abai)
            let csv = Data("Показатель;Период;Регион;Значение\nassociations.count;\(TestClock.today.year);KZ-75;50\n".utf8)
            var (headers, body) = PlanSheetTests.multipart(almaty, file: csv, name: "almaty.csv")
            headers.replaceOrAdd(name: .acceptLanguage, value: "ru")
            let uploaded = try await app.request(.POST, "/statistics/import", as: almaty, headers: headers, body: body)
            #expect(uploaded.status == .ok && uploaded.text.contains("import-ready"))
            let sha = ContentAddress(of: csv).sha256
            let columns = ["column0": "element", "column1": "period", "column2": "place", "column3": "value"]
            let own = try await app.request(.POST, "/statistics/import/run", as: almaty, form: ["_csrf": almaty.csrf, "sha256": sha, "mode": "check"].merging(columns) { $1 })
            #expect(own.status == .ok)
            // Abai's coordinator names Almaty's file by its hash: nothing of it is read or shown.
            let other = try await app.request(.POST, "/statistics/import/run", as: abai, form: ["_csrf": abai.csrf, "sha256": sha, "mode": "check"].merging(columns) { $1 })
            #expect(other.status == .unprocessableEntity && !other.text.contains("associations.count") && !other.text.contains("Показатель"))
            // Nor a report's attachment, which no one uploaded through the import.
            let attachment = try await app.birlik.files.store(Data("Жасырын;есеп\n1;2\n".utf8), mediaType: "text/csv", originalName: "x.csv",
                                                              on: app.db, now: TestClock.now)
            let hidden = try await app.request(.POST, "/statistics/import/run", as: almaty, form: ["_csrf": almaty.csrf, "sha256": attachment.sha256, "mode": "check"].merging(columns) { $1 })
            #expect(hidden.status == .unprocessableEntity && !hidden.text.contains("Жасырын"))
        }
    }

    @Test("An organisation's own users edit its profile, not its code, type, region or parent")
    func identityFields() async throws {
        try await withBirlik { app in
            let association = try await app.actor(DemoUsers.association), almaty = try await app.actor(DemoUsers.almaty)
            let record = try #require(try await OrganizationRecord.query(on: app.db).filter(\.$code == "association-kz-75-1").first())
            let organization = record.organization
            let parentCode = try await organization.parentID.asyncMap { try await OrganizationRecord.find($0, on: app.db)?.code } ?? nil
            var draft = OrganizationDraft(organization, parentCode: parentCode)
            for change in [{ (d: inout OrganizationDraft) in d.regionCode = "KZ-10" }, { $0.type = "friendshipHouse" }, { $0.code = "association-x" },
                           { $0.parentCode = "apk-secretariat" }] {
                var changed = draft
                change(&changed)
                await expectFailure(.forbidden) { try await OrganizationStore.update(id: organization.id, changed, actor: association, on: app.db, now: TestClock.now) }
            }
            #expect(try await OrganizationRecord.find(organization.id, on: app.db)?.organization.regionCode == organization.regionCode)
            draft.descriptionKK = "Жаңа сипаттама"
            let updated = try await OrganizationStore.update(id: organization.id, draft, actor: association, on: app.db, now: TestClock.now)
            #expect(updated.description.kk == "Жаңа сипаттама")
            // The region's coordinator may move it within the region.
            var moved = OrganizationDraft(updated, parentCode: parentCode)
            moved.code = "association-kz-75-1a"
            #expect(try await OrganizationStore.update(id: organization.id, moved, actor: almaty, on: app.db, now: TestClock.now).code == "association-kz-75-1a")
        }
    }

    @Test("A reporter who may not read signals is thanked on the form, not sent to a page they cannot open")
    func signalReporter() async throws {
        try await withBirlik { app in
            let akimat = try await app.session(DemoUsers.akimat)
            let response = try await app.request(.POST, "/signals/new", as: akimat, headers: ["Accept-Language": "ru"], form: [
                "_csrf": akimat.csrf, "date": TestClock.today.description, "place": "KZ-75", "kind": "ethnicDispute", "groups": "kazakhs",
                "severity": "2", "source": "citizenAppeal", "summary": "Спор соседей"])
            #expect(response.status == .seeOther)
            let location = try #require(response.headers.first(name: .location))
            #expect(location.hasPrefix("/signals/new"))
            let page = try await app.request(.GET, location, as: akimat, headers: ["Accept-Language": "ru"])
            #expect(page.status == .ok && page.text.contains("Сигнал зарегистрирован"))
        }
    }

    @Test("The signal form chooses nothing that feeds the risk index: kind, severity and source start empty, the place is the user's own")
    func signalFormDefaults() async throws {
        try await withBirlik { app in
            let mediator = try await app.session(DemoUsers.almaty)
            let page = try await app.request(.GET, "/signals/new", as: mediator, headers: ["Accept-Language": "ru"]).text
            for field in ["kind", "severity", "source"] {
                let start = try #require(page.range(of: "name=\"\(field)\""))
                let options = String(page[start.lowerBound...]).components(separatedBy: "</select>")[0]
                #expect(options.contains("<option value=\"\">— выберите —</option>") && !options.contains(" selected"), "\(field)")
            }
            #expect(page.contains("<option value=\"KZ-75\" selected"))
            // Sent as the form arrives, nothing is filed: each empty choice is named.
            let response = try await app.request(.POST, "/signals/new", as: mediator, headers: ["Accept-Language": "ru"], form: [
                "_csrf": mediator.csrf, "date": TestClock.today.description, "place": "KZ-75", "kind": "", "severity": "", "source": "", "summary": "x"])
            #expect(response.status == .unprocessableEntity)
        }
    }

    @Test("Signing in from a page that needs it lands on that page, not on the home page")
    func signInKeepsThePage() async throws {
        try await withBirlik { app in
            let refused = try await app.request(.GET, "/my-work?tab=due")
            #expect(refused.status == .unauthorized)
            let link = try #require(refused.text.firstMatch(of: /href="(\/sign-in\?back=[^"]+)"/).map { String($0.1) })
            let form = try await app.request(.GET, link.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(form.text.contains("name=\"back\" value=\"/my-work?tab=due\""))
            let anonymous = Identity.anonymous
            let signedIn = try await app.request(.POST, "/sign-in", as: anonymous, form: [
                "_csrf": anonymous.csrf, "email": DemoUsers.akimat, "password": DemoUsers.password, "back": "/my-work?tab=due"])
            #expect(signedIn.status == .seeOther && signedIn.headers.first(name: .location) == "/my-work?tab=due")
        }
    }

    @Test("Files are attached only within the report's entry window")
    func attachWithinWindow() async throws {
        try await withBirlik { app in
            let report = try await ControlLoopWebTests.almatyReport(app, status: .notStarted)
            let akimat = try await app.actor(DemoUsers.akimat)
            let pdf = Data("%PDF-1.4\n%%EOF\n".utf8)
            let files = app.birlik.files
            await expectFailure(.conflict(.errorDeadlinePassed)) {
                try await ReportStore.attach(id: report.id, data: pdf, fileName: "late.pdf", files: files, actor: akimat, on: app.db,
                                             now: report.due.adding(days: 1).noon)
            }
            #expect(try await ReportStore.attach(id: report.id, data: pdf, fileName: "ontime.pdf", files: files, actor: akimat, on: app.db,
                                                 now: report.due.noon).fileName == "ontime.pdf")
        }
    }
}

@Suite("Accounts over HTTP")
struct AccountPagesTests {
    @Test("An administrator disables an account from its page and its sessions end at once; others see or change nothing")
    func disableOverHTTP() async throws {
        try await withBirlik { app in
            let admin = try await app.session(DemoUsers.admin), almaty = try await app.session(DemoUsers.almaty), abai = try await app.session(DemoUsers.abai)
            let akimat = try await app.session(DemoUsers.akimat)
            let id = try #require(try await UserRecord.query(on: app.db).filter(\.$email == DemoUsers.akimat).first()?.requireID())
            let path = "/admin/users/\(id.uuidString)"
            let page = try await app.request(.GET, path, as: admin, headers: ["Accept-Language": "ru"])
            #expect(page.status == .ok && page.text.contains("Отключить учётную запись") && page.text.contains("Задать новый пароль"))
            let regional = try await app.request(.GET, path, as: almaty)
            #expect(regional.status == .ok && !regional.text.contains("name=\"action\""))
            #expect(try await app.request(.GET, path, as: abai).status == .notFound)
            #expect(try await app.request(.POST, path, as: almaty, form: ["_csrf": almaty.csrf, "action": "disable"]).status == .forbidden)
            #expect(try await app.request(.GET, "/my-work", as: akimat).status == .ok)
            let disabled = try await app.request(.POST, path, as: admin, form: ["_csrf": admin.csrf, "action": "disable"])
            #expect(disabled.status == .seeOther)
            #expect(try await app.request(.GET, "/my-work", as: akimat).status == .unauthorized)
            let weak = try await app.request(.POST, path, as: admin, headers: ["Accept-Language": "kk"], form: ["_csrf": admin.csrf, "action": "password", "password": "123"])
            #expect(weak.status == .unprocessableEntity)
            let own = try await app.request(.GET, "/account/password", as: almaty)
            #expect(own.status == .ok && own.text.contains("autocomplete=\"current-password\""))
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self { case let .some(value): try await transform(value); case .none: nil }
    }
}
