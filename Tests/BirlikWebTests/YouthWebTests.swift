import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// Youth and social lifts (S18): an organiser's initiative refused line by line in Russian and nothing
/// written, sign-up with the minor's rule and full shifts, hours verified only after the shift and only
/// by the organiser's side, a portfolio with verified hours and a certificate, printed to PDF and read
/// back by pdftotext, and statistics that count each volunteer once and show no names.
@Suite("Youth and social lifts")
struct YouthWebTests {
    static func post(_ app: Application, _ path: String, as identity: Identity, _ form: [String: String]) async throws -> TestingHTTPResponse {
        var fields = form
        fields["_csrf"] = identity.csrf
        return try await app.request(.POST, path, as: identity, headers: ["Accept-Language": "ru"], form: fields)
    }

    @Test("An initiative from the form to a verified portfolio: shifts checked line by line, a minor needs a guardian, a full shift refuses, hours verified after the shift",
          arguments: TestBackend.enabled)
    func initiativeToPortfolio(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let organiser = try await app.session(DemoUsers.association)
            let today = TestClock.today
            let before = try await YouthInitiativeRecord.query(on: app.db).count()
            let bad = try await Self.post(app, "/youth/new", as: organiser, ["title": "Эко-субботник", "region": "KZ-75",
                                                                             "shifts": "Уборка | \(today.adding(days: 3)) | 4 | 2\nУборка | завтра | 4 | 2"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Строка 2: пишите «роль | ГГГГ-ММ-ДД | часы 1–12 | число мест»"))
            #expect(try await YouthInitiativeRecord.query(on: app.db).count() == before)
            let organiserActor = try await app.actor(DemoUsers.association)
            // Created three days ago with a shift yesterday and one next week.
            var initiative = try await YouthStore.create(YouthInitiativeDraft(title: "Эко-субботник", region: "KZ-75",
                                                                              shifts: "Уборка парка | \(today.adding(days: -1)) | 4 | 2\nУборка парка | \(today.adding(days: 7)) | 4 | 1"),
                                                         actor: organiserActor, on: app.db, now: today.adding(days: -3).noon)
            initiative = try await YouthStore.apply(.open, to: initiative.id, version: initiative.version, actor: organiserActor, on: app.db, now: today.adding(days: -3).noon)
            let yesterday = initiative.positions[0].shifts[0], nextWeek = initiative.positions[0].shifts[1]

            // A 16-year-old without a guardian is refused in Russian; with one, accepted.
            let minorYear = String(today.year - 16)
            let noGuardian = try await Self.post(app, "/youth/\(initiative.code)/sign-up", as: .anonymous,
                                                 ["name": "Тимур", "birthYear": minorYear, "consent": "true", "shift": nextWeek.id.uuidString])
            #expect(noGuardian.status == .unprocessableEntity && noGuardian.text.contains("Для несовершеннолетних укажите ФИО родителя"))
            let minor = try await Self.post(app, "/youth/\(initiative.code)/sign-up", as: .anonymous,
                                            ["name": "Тимур", "birthYear": minorYear, "guardianName": "Ольга Ким", "parentalConsent": "true", "consent": "true",
                                             "shift": nextWeek.id.uuidString])
            #expect(minor.status == .seeOther)
            let full = try await Self.post(app, "/youth/\(initiative.code)/sign-up", as: .anonymous,
                                           ["name": "Айгерім", "birthYear": String(today.year - 20), "consent": "true", "shift": nextWeek.id.uuidString])
            #expect(full.status == .unprocessableEntity && full.text.contains("На этой смене не осталось мест."))

            // Yesterday's shift: signed up through the store the day before, then verified today.
            let (volunteer, participation) = try await YouthStore.signUp(SignUpDraft(name: "Айару Смағұлова", birthYear: String(today.year - 19), consent: true,
                                                                                     shift: yesterday.id.uuidString),
                                                                         volunteerToken: nil, for: initiative.id, actor: .anonymous, on: app.db, now: today.adding(days: -2).noon)
            let abai = try await app.session(DemoUsers.abai)
            #expect(try await Self.post(app, "/youth/participations/\(participation.id.uuidString)", as: abai,
                                        ["version": String(participation.version), "present": "yes", "hours": "4"]).status == .notFound)
            let tooMany = try await Self.post(app, "/youth/participations/\(participation.id.uuidString)", as: organiser,
                                              ["version": String(participation.version), "present": "yes", "hours": "9"])
            #expect(tooMany.status == .unprocessableEntity && tooMany.text.contains("Введите число от 1 до 4."))
            #expect(try await Self.post(app, "/youth/participations/\(participation.id.uuidString)", as: organiser,
                                        ["version": String(participation.version), "present": "yes", "hours": "4"]).status == .seeOther)
            let minorParticipation = try #require(try await ParticipationRecord.query(on: app.db).filter(\.$shiftID == nextWeek.id).first()?.value)
            #expect(try await Self.post(app, "/youth/participations/\(minorParticipation.id.uuidString)", as: organiser,
                                        ["version": String(minorParticipation.version), "present": "yes", "hours": "4"]).text.contains("Смена ещё не прошла"))

            // The portfolio: verified hours, a certificate in her name only, the PDF read back.
            let page = try await app.request(.GET, "/volunteers/\(volunteer.token)", headers: ["Accept-Language": "ru"])
            #expect(page.status == .ok && page.text.contains("Айару Смағұлова") && page.text.contains("Уборка парка"))
            let someoneElses = try #require(try await CertificateRecord.query(on: app.db).first()?.value)
            let refused = try await Self.post(app, "/volunteers/\(volunteer.token)", as: .anonymous, ["certificate": someoneElses.code])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Такого сертификата нет, или он выдан на другое имя."))
            let portfolio = try #require(try await YouthQueries.portfolio(token: volunteer.token, on: app.db))
            #expect(portfolio.verifiedHours == 4)
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") {
                let pdf = try await app.request(.GET, "/volunteers/\(volunteer.token)/portfolio.pdf", headers: ["Accept-Language": "ru"])
                #expect(pdf.status == .ok && pdf.headers.first(name: .contentType) == "application/pdf")
                let text = try Self.pdftotext(Data(buffer: pdf.body))
                #expect(text.contains("Айару Смағұлова") && text.contains("Подтверждённые часы: 4") && text.contains("Уборка парка"), "\(text)")
            }

            // Statistics: hours by region and age band, each volunteer once, no names.
            let stats = try await app.request(.GET, "/youth/statistics", headers: ["Accept-Language": "ru"])
            #expect(stats.status == .ok && !stats.text.contains("Айару") && !stats.text.contains("Тимур"))
            let figures = try await YouthQueries.statistics(on: app.db).filter { $0.initiativeID == initiative.id }
            #expect(figures.map(\.hours) == [4] && figures.map(\.ageBand) == ["18-29"] && figures.map(\.volunteers) == [1])

            // The audit log keeps no volunteer's name.
            let entries = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType ~~ ["volunteer", "participation"]).all()
            #expect(!entries.isEmpty && entries.allSatisfy { !(($0.before ?? "") + ($0.after ?? "")).contains("Айару") })
        }
    }

    static func pdftotext(_ pdf: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("youth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("portfolio.pdf")
        try pdf.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-enc", "UTF-8", file.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
