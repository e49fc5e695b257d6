import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Mediation over HTTP as its users meet it: an alert opens a case, the conflict check blocks a tied
/// mediator, another signs the contract, holds two sessions and records an agreement whose document
/// verifies; the alert shows the outcome; another region sees nothing; a break-glass read is audited.
@Suite("Mediation")
struct MediationWebTests {
    @Test("From an alert to a verified agreement: conflict check, contract, two sessions, the signed DOCX and PDF, the outcome back on the alert; Abai sees none of it; the Secretariat's break-glass read is audited; texts are encrypted at rest")
    func alertToAgreement() async throws {
        try await withBirlik { app in
            let alert = Alert(id: UUID(), rule: "signal-spike-test", place: "KZ-75", month: try #require(Period(kind: .month, year: TestClock.today.year, index: TestClock.today.month)),
                              riskValue: 71, load: 3, baseline: 1, raisedAt: TestClock.now)
            try await AlertRecord(alert).create(on: app.db)
            let almaty = try await app.session(DemoUsers.almaty)
            let intake = try await app.request(.GET, "/mediation/new?origin=alert:\(alert.id)", as: almaty)
            #expect(intake.status == .ok && intake.text.contains("id=\"origin\""))
            let intakeForm = ["_csrf": almaty.csrf, "origin": "alert:\(alert.id)", "place": "KZ-75", "disputeType": "interethnic", "interethnic": "true",
                              "languages[]": "ru", "summary": "Спор о пользовании двором между соседями."]
            // A mistyped IIN is named in the user's language and nothing is opened.
            let mistyped = try await app.request(.POST, "/mediation/new", as: almaty, headers: ["Accept-Language": "ru"],
                                                 form: intakeForm.merging(["parties": "Ахмет Оспанов; 900101300127\nИван Петров"]) { $1 })
            #expect(mistyped.status == .unprocessableEntity && mistyped.text.contains("ИИН «900101300127» неверен"))
            #expect(try await MediationCaseRecord.query(on: app.db).count() == 0)
            let opened = try await app.request(.POST, "/mediation/new", as: almaty, form: intakeForm.merging([
                "parties": "Ахмет Оспанов; 900101300126; +7 701 123 45 67; Алматы, пр. Абая 10; association-kz-75-1\nИван Петров"]) { $1 })
            #expect(opened.status == .seeOther)
            let location = try #require(opened.headers.first(name: .location))
            let page = String(location.prefix { $0 != "?" })
            let record = try #require(try await MediationCaseRecord.query(on: app.db).first())
            let id = try #require(record.id)
            #expect(!record.sealed.contains("Ахмет") && !record.sealed.contains("900101300126") && record.sealed.hasPrefix("v1:"), "the parties are stored in clear")

            let step = { (identity: Identity, form: [String: String]) in
                try await app.request(.POST, page + "/step", as: identity, form: form.merging(["_csrf": identity.csrf]) { $1 })
            }
            #expect(try await step(almaty, ["step": "screen", "version": "1"]).status == .seeOther)
            let mediators = try await MediationQueries.mediators(on: app.db)
            let tied = try #require(mediators.first { $0.certificateNumber == "MED-2023-0452" })
            let free = try #require(mediators.first { $0.certificateNumber == "MED-2024-0117" })
            let blocked = try await step(almaty, ["step": "assign", "version": "2", "mediator": tied.id.uuidString])
            #expect(blocked.status == .unprocessableEntity && blocked.text.contains("Ахмет Оспанов"), "the conflict of interest was not named")
            #expect(try await step(almaty, ["step": "assign", "version": "2", "mediator": free.id.uuidString]).status == .seeOther)

            // The assigned mediator works the case.
            let mediator = try await app.session(DemoUsers.mediator)
            let today = TestClock.today
            #expect(try await step(mediator, ["step": "signContract", "version": "3", "termDays": "30"]).status == .seeOther)
            let working = try await app.request(.GET, page, as: mediator).text
            #expect(working.contains("900101300126 · +7 701 123 45 67 · Алматы, пр. Абая 10"), "the mediator does not see the party's contacts")
            // The term clock: a warning to the mediator's and the supervisor's organisations five days before the end, once.
            #expect(try await MediationStore.remindTerms(now: TestClock.now.addingTimeInterval(26 * 86_400), on: app.db) == 2)
            #expect(try await MediationStore.remindTerms(now: TestClock.now.addingTimeInterval(26 * 86_400), on: app.db) == 0)
            #expect(try await step(mediator, ["step": "session", "version": "4", "date": today.description, "outcome": "Стороны изложили позиции."]).status == .seeOther)
            #expect(try await step(mediator, ["step": "session", "version": "5", "date": today.description, "outcome": "Согласован график."]).status == .seeOther)
            #expect(try await step(mediator, ["step": "agreement", "version": "6", "agreement": "Двор используется по графику.\nСпорные вопросы решаются на встрече жильцов."]).status == .seeOther)
            let agreement = try await app.request(.GET, page + "/agreement.docx", as: mediator)
            #expect(agreement.status == .ok)
            let data = Data(buffer: agreement.body)
            #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$action == "export").filter(\.$entityID == id.uuidString).count() == 1,
                    "taking out a document with personal data is logged")
            let verdict = try await SignedDocuments.verify(data, detached: nil, dataDirectory: app.birlikDataDirectory, on: app.db)
            #expect(verdict == .untouched, "the agreement's signature does not verify")
            // Opened by a tool that did not write it.
            let text = try DocumentTools.python("import docx,sys; print('\\n'.join(p.text for p in docx.Document(sys.argv[1]).paragraphs))", data, extension: "docx")
            #expect(text.contains("Ахмет Оспанов, ИИН 900101300126, Алматы, пр. Абая 10") && text.contains("Двор используется по графику.") && text.contains("MED-2024-0117"), "\(text.prefix(300))")
            // The same agreement as PDF: printed when it was signed, signed too, read back by pdftotext.
            let pdf = try await app.request(.GET, page + "/agreement.pdf", as: mediator)
            #expect(pdf.status == .ok && pdf.headers.contentType?.description == "application/pdf")
            let pdfData = Data(buffer: pdf.body)
            #expect(try await SignedDocuments.verify(pdfData, detached: nil, dataDirectory: app.birlikDataDirectory, on: app.db) == .untouched)
            let pdfText = try DocumentTools.pdfToText(pdfData)
            #expect(pdfText.contains("Ахмет Оспанов") && pdfText.contains("Двор используется по графику.")
                    && pdfText.filter { !$0.isWhitespace }.contains("MED-2024-0117"), "\(pdfText.prefix(300))")
            #expect(try await MediationCaseRecord.find(id, on: app.db)?.agreementPDFSHA256 == ContentAddress(of: pdfData).sha256)

            // The outcome went back to the alert.
            let alertPage = try await app.request(.GET, "/early-warning/alerts/\(alert.id)", as: almaty, headers: ["Accept-Language": "ru"]).text
            #expect(try await AlertRecord.find(alert.id, on: app.db)?.outcome.contains(record.number) == true)
            _ = alertPage

            // Another region sees nothing of it.
            let abai = try await app.session(DemoUsers.abai)
            #expect(!(try await app.request(.GET, "/mediation", as: abai).text.contains(record.number)))
            #expect(try await app.request(.GET, page, as: abai).status == .notFound)
            #expect(try await app.request(.GET, page + "/agreement.docx", as: abai).status == .notFound)
            #expect(try await app.request(.GET, page + "/agreement.pdf", as: abai).status == .notFound)

            // The Secretariat is neither the mediator nor the supervisor: a break-glass read, with a reason, audited.
            let secretariat = try await app.session(DemoUsers.secretariat)
            let closed = try await app.request(.GET, page, as: secretariat).text
            #expect(!closed.contains("Ахмет Оспанов") && closed.contains("break-glass"))
            #expect(try await app.request(.POST, page + "/break-glass", as: secretariat, form: ["_csrf": secretariat.csrf, "reason": "short"]).status == .unprocessableEntity)
            let glass = try await app.request(.POST, page + "/break-glass", as: secretariat, form: ["_csrf": secretariat.csrf, "reason": "Проверка жалобы на медиатора"])
            #expect(glass.status == .ok && glass.text.contains("Ахмет Оспанов"))
            let reads = try await AuditEntryRecord.query(on: app.db).filter(\.$action == "breakGlass").filter(\.$entityID == id.uuidString).count()
            #expect(reads == 1)
            #expect(try await AuditLog.verify(on: app.db).isWhole)
        }
    }

    @Test("The public looks a mediator up by certificate number without signing in; the register shows no ties to the public")
    func publicLookup() async throws {
        try await withBirlik { app in
            let found = try await app.request(.GET, "/mediators?certificate=MED-2024-0117", headers: ["Accept-Language": "en"])
            #expect(found.status == .ok && found.text.contains("id=\"lookup-result\"") && found.text.contains("Марат Ибраев"))
            let missing = try await app.request(.GET, "/mediators?certificate=NOPE-1", headers: ["Accept-Language": "en"])
            #expect(missing.text.contains("No mediator with certificate No. NOPE-1"))
            #expect(!found.text.contains("Declared ties"))
            #expect(try await app.request(.GET, "/mediation").status == .unauthorized)
        }
    }
}
