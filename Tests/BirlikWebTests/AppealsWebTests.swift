import BirlikCore
import BirlikStorage
import BirlikWeb
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// Citizens' appeals over HTTP, as a citizen and the staff meet them: the public form, the status link,
/// the council's steps, the statistics, and who may see what.
@Suite("Citizens' appeals")
struct AppealsWebTests {
    static let latinCookie = "birlik_csrf=\(Identity.anonymous.csrf); birlik_lang=kk; birlik_script=latin"

    static func statistics(_ app: Application) async throws -> (received: Int, answered: Int) {
        let response = try await app.request(.GET, "/api/v1/appeals/statistics?year=\(TestClock.today.year)")
        #expect(response.status == .ok)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        let total = json?["total"] as? [String: Any]
        return (total?["received"] as? Int ?? 0, total?["answered"] as? Int ?? 0)
    }

    static func timeline(_ page: String) -> String {
        guard let start = page.range(of: "<ol class=\"timeline\""), let end = page.range(of: "</ol>", range: start.upperBound..<page.endIndex) else { return "" }
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test("A citizen files in Kazakh Latin and follows the appeal by its link; the Almaty council accepts, extends and answers it; the status page and the staff page show the same notices; the statistics change; Abai's coordinator sees none of it")
    func endToEnd() async throws {
        try await withBirlik { app in
            let before = try await Self.statistics(app)
            let filed = try await app.request(.POST, "/appeals/new", headers: ["Cookie": Self.latinCookie], form: [
                "_csrf": Identity.anonymous.csrf, "name": "Ғалым Серікұлы", "email": "galym@example.kz", "place": "KZ-75", "category": "language",
                "text": "Мектепте қазақ тілі үйірмесі жабылды.", "points": "Үйірмені қайта ашу\nОқытушы тағайындау", "mayPublish": "true"])
            #expect(filed.status == .seeOther)
            let location = try #require(filed.headers.first(name: .location))
            #expect(location.hasPrefix("/appeals/status/") && location.hasSuffix("?notice=appeal-registered"))
            let link = String(location.prefix { $0 != "?" })
            let receipt = try await app.request(.GET, link, headers: ["Cookie": Self.latinCookie])
            #expect(receipt.status == .ok && receipt.headers.first(name: .cacheControl) == "no-store")
            let notices = Self.timeline(receipt.text)
            #expect(!notices.isEmpty && notices.unicodeScalars.allSatisfy { !(0x0400...0x04FF).contains($0.value) }, "the notices are not in Kazakh Latin: \(notices)")
            let record = try #require(try await AppealRecord.query(on: app.db).sort(\.$registeredAt, .descending).first())
            let id = try #require(record.id)
            #expect(receipt.text.contains(record.number))

            // Routed to the Almaty council: its member and the region's coordinator see it, Abai's does not.
            let council = try await app.session(DemoUsers.council)
            let abai = try await app.session(DemoUsers.abai)
            #expect(try await app.request(.GET, "/appeals", as: council).text.contains(record.number))
            #expect(try await app.request(.GET, "/appeals", as: try await app.session(DemoUsers.almaty)).text.contains(record.number))
            #expect(!(try await app.request(.GET, "/appeals", as: abai).text.contains(record.number)))
            #expect(try await app.request(.GET, "/appeals/\(id)", as: abai).status == .notFound)
            #expect(try await app.request(.POST, "/appeals/\(id)/step", as: abai, form: ["_csrf": abai.csrf, "step": "accept", "version": "1"]).status == .notFound)
            #expect(try await app.request(.GET, "/appeals/\(id)").status == .unauthorized)

            let step = { (form: [String: String]) in try await app.request(.POST, "/appeals/\(id)/step", as: council, form: form.merging(["_csrf": council.csrf]) { $1 }) }
            #expect(try await step(["step": "accept", "version": "1"]).status == .seeOther)
            let calendar = try await WorkingCalendarStore.calendar(on: app.db)
            let current = try #require(try await AppealRecord.find(id, on: app.db)?.appeal)
            let until = calendar.adding(workingDays: 5, to: current.dueOn)
            // A reason is required: the form answers with the error and nothing changes.
            let refused = try await step(["step": "extend", "version": "2", "until": until.description, "reason": ""])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await step(["step": "extend", "version": "2", "until": until.description, "reason": "Білім басқармасының қорытындысы сұралды"]).status == .seeOther)
            let extended = try await app.request(.GET, link, headers: ["Cookie": Self.latinCookie]).text
            let staffPage = try await app.request(.GET, "/appeals/\(id)", as: council).text
            #expect(extended.contains(until.dotted) && staffPage.contains(until.dotted))
            #expect(Self.timeline(extended).contains("Bılım basqarmasynyñ") || Self.timeline(extended).contains("Білім басқармасының"))

            // The answer asks for confirmation, then covers both points.
            let answer = ["step": "answer", "version": "3", "outcome0": "satisfied", "answer0": "Үйірме 1 желтоқсаннан ашылады.",
                          "outcome1": "explained", "answer1": "Оқытушы конкурс арқылы тағайындалады."]
            let ask = try await step(answer)
            #expect(ask.status == .ok && ask.text.contains("_confirmed"))
            #expect(try await step(answer.merging(["_confirmed": "1"]) { $1 }).status == .seeOther)
            let answered = try await app.request(.GET, link).text
            #expect(answered.contains("Үйірме 1 желтоқсаннан ашылады.") && answered.contains("challenge-form"))
            // Both pages render the same recorded steps.
            let staffAnswered = try await app.request(.GET, "/appeals/\(id)", as: council).text
            #expect(Self.timeline(answered).components(separatedBy: "<li>").count == Self.timeline(staffAnswered).components(separatedBy: "<li>").count)
            #expect(Self.timeline(answered).components(separatedBy: "<li>").count == 5, "registered, accepted, extended, answered")
            let api = try await app.request(.GET, "/api/v1/appeals/\(id)", as: try await app.bearer(DemoUsers.council))
            let json = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any]
            #expect((json?["steps"] as? [[String: Any]])?.compactMap { $0["status"] as? String } == ["registered", "accepted", "extended", "answered"])
            #expect(!api.text.contains("Ғалым") && !api.text.contains("galym@"), "the API gives no personal data")
            #expect(try await app.request(.GET, "/api/v1/appeals/\(id)", as: try await app.bearer(DemoUsers.abai)).status == .notFound)

            // The applicant agreed to publication: the answer is public, without their name or their words.
            let published = try await app.request(.GET, "/appeals/answers").text
            #expect(published.contains(record.number) && published.contains("Үйірме 1 желтоқсаннан ашылады."))
            #expect(!published.contains("Ғалым") && !published.contains("Мектепте қазақ тілі үйірмесі жабылды."))
            // The Secretariat turns the appeal into an instruction to an executor: the form starts from the appeal.
            let secretariat = try await app.session(DemoUsers.secretariat)
            #expect(try await app.request(.GET, "/appeals/\(id)", as: secretariat).text.contains("make-instruction"))
            let instructionForm = try await app.request(.GET, "/instructions/new?appeal=\(id)", as: secretariat).text
            #expect(instructionForm.contains(record.number) && instructionForm.contains("Мектепте қазақ тілі үйірмесі жабылды."))
            #expect(!(try await app.request(.GET, "/appeals/\(id)", as: council).text.contains("make-instruction")))
            let after = try await Self.statistics(app)
            #expect(after.received == before.received + 1 && after.answered == before.answered + 1)
            // The council was notified; the audit log has every step without the applicant's name.
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$dedupeKey == "appeal:new:\(id.uuidString)").count() == 1)
            let entries = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "appeal").filter(\.$entityID == id.uuidString).all()
            #expect(entries.count == 4)
            #expect(entries.allSatisfy { !($0.entry.after ?? "").contains("Ғалым") && !($0.entry.after ?? "").contains("galym@") })
            #expect(try await AuditLog.verify(on: app.db).isWhole)

            // The applicant challenges the answer through the same link.
            let token = String(link.dropFirst("/appeals/status/".count))
            let challenged = try await app.request(.POST, link + "/challenge", form: ["_csrf": Identity.anonymous.csrf, "grounds": "Оқытушы әлі жоқ."])
            #expect(challenged.status == .seeOther)
            #expect(try await AppealQueries.find(.token(token), on: app.db).appeal.status == .appealed)
        }
    }

    @Test("A message without a name goes to the early-warning queue as a signal; bad input comes back with every problem in the user's language and nothing lost")
    func anonymousAndBadInput() async throws {
        try await withBirlik { app in
            let signals = try await SignalRecord.query(on: app.db).count()
            let appeals = try await AppealRecord.query(on: app.db).count()
            let anonymous = try await app.request(.POST, "/appeals/new", form: [
                "_csrf": Identity.anonymous.csrf, "place": "KZ-75-01", "category": "hateSpeech", "text": "Чатта араздық тудыратын жазбалар таралуда."])
            #expect(anonymous.status == .seeOther && anonymous.headers.first(name: .location)?.contains("appeal-anonymous") == true)
            #expect(try await SignalRecord.query(on: app.db).count() == signals + 1)
            let signal = try #require(try await SignalRecord.query(on: app.db).filter(\.$source == "citizenAppeal").filter(\.$place == "KZ-75-01").first())
            #expect(signal.kind == "hateSpeechOnline" && signal.status == "reported")
            #expect(try await AppealRecord.query(on: app.db).count() == appeals)

            let typed = "Тіл курстарына жазылу мүмкін емес."
            let bad = try await app.request(.POST, "/appeals/new", headers: ["Accept-Language": "ru"], form: [
                "_csrf": Identity.anonymous.csrf, "name": "Анна", "email": "not-an-address", "place": "", "category": "language", "text": typed])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains(typed) && bad.text.contains("Регион или район"))
            #expect(try await AppealRecord.query(on: app.db).count() == appeals)
        }
    }

    @Test("An account follows its appeals: filed signed in, or taken over from the link; it opens them without the link, and no other account can")
    func accountFollowsAppeals() async throws {
        try await withBirlik { app in
            let citizen = try await app.session(DemoUsers.citizen)
            let filed = try await app.request(.POST, "/appeals/new", as: citizen, form: [
                "_csrf": citizen.csrf, "name": "Азамат Серікұлы", "place": "KZ-75", "category": "language", "text": "Тіл курсы қашан басталады?"])
            #expect(filed.status == .seeOther)
            let first = try #require(try await AppealRecord.query(on: app.db).filter(\.$text == "Тіл курсы қашан басталады?").first())
            let mine = try await app.request(.GET, "/appeals/mine", as: citizen, headers: ["Accept-Language": "en"])
            let firstID = try #require(first.id)
            #expect(mine.status == .ok && mine.text.contains(first.number) && mine.text.contains("/appeals/mine/\(firstID)"))
            let opened = try await app.request(.GET, "/appeals/mine/\(firstID)", as: citizen, headers: ["Accept-Language": "en"])
            #expect(opened.status == .ok && opened.text.contains("id=\"appeal-followed\"") && !opened.text.contains("status-qr"))

            // Filed without an account: the link offers to follow it; once followed, it is the account's too.
            let anonymous = try await app.request(.POST, "/appeals/new", form: [
                "_csrf": Identity.anonymous.csrf, "name": "Азамат", "place": "KZ-75", "category": "cultureAndTraditions", "text": "Мәдениет үйі жабылып қалды."])
            let link = String(try #require(anonymous.headers.first(name: .location)).prefix { $0 != "?" })
            let token = String(link.split(separator: "/").last ?? "")
            #expect(try await app.request(.GET, link).text.contains("follow-form") == false, "the public is offered to follow")
            #expect(try await app.request(.GET, link, as: citizen).text.contains("follow-form"))
            let followed = try await app.request(.POST, link + "/follow", as: citizen, form: ["_csrf": citizen.csrf])
            #expect(followed.status == .seeOther)
            let second = try #require(try await AppealQueries.find(.token(token), on: app.db).appeal)
            let citizenID = try #require(citizen.actor.userID)
            let followedNumbers = Set(try await AppealQueries.followed(by: citizenID, on: app.db).map(\.number))
            #expect(followedNumbers.isSuperset(of: [first.number, second.number]) && followedNumbers.count == 4, "the demo citizen follows two demo appeals and these two")
            #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$action == "follow").filter(\.$entityID == second.id.uuidString).count() == 1)

            // Nobody else opens it through their account, nor takes it over with the link.
            let abai = try await app.session(DemoUsers.abai)
            #expect(try await app.request(.GET, "/appeals/mine/\(second.id)", as: abai).status == .notFound)
            #expect(!(try await app.request(.GET, "/appeals/mine", as: abai).text.contains(second.number)))
            let takeover = try await app.request(.POST, link + "/follow", as: abai, headers: ["Accept-Language": "ru"], form: ["_csrf": abai.csrf])
            #expect(takeover.status == .conflict && takeover.text.contains("Это обращение уже отслеживает другая учётная запись"))
            #expect(try await app.request(.GET, "/appeals/mine").status == .unauthorized)
        }
    }

    @Test("Repeated appeals on one topic in one place feed early warning: the third within 30 days raises one signal there")
    func repeatedAppealsRaiseASignal() async throws {
        try await withBirlik { app in
            let before = try await SignalRecord.query(on: app.db).filter(\.$place == "KZ-79").count()
            for index in 1...4 {
                let filed = try await app.request(.POST, "/appeals/new", form: [
                    "_csrf": Identity.anonymous.csrf, "name": "Өтініш иесі \(index)", "place": "KZ-79", "category": "discrimination",
                    "text": "Жұмысқа қабылдауда ұлтына қарай бас тартылды (\(index))."])
                #expect(filed.status == .seeOther)
            }
            let signals = try await SignalRecord.query(on: app.db).filter(\.$place == "KZ-79").all()
            #expect(signals.count == before + 1, "one signal at the third appeal, none at the fourth")
            let raised = try #require(signals.first { $0.summary.hasPrefix("@appeal.repeatedSignal") })
            #expect(raised.kind == "interethnicIncident" && raised.source == "citizenAppeal")
            let secretariat = try await app.session(DemoUsers.secretariat)
            let page = try await app.request(.GET, "/signals/\(try #require(raised.id))", as: secretariat, headers: ["Accept-Language": "en"]).text
            #expect(page.contains("Repeated appeals on one topic within 30 days: 3") && page.contains("Appeals register (automatic)"))
        }
    }

    @Test("The working-day calendar: the public reads it and computes a deadline; only the Secretariat adds a decreed move, audited")
    func calendar() async throws {
        try await withBirlik { app in
            let page = try await app.request(.GET, "/calendar?year=2026&from=2026-03-20&count=15", headers: ["Accept-Language": "en"])
            #expect(page.status == .ok && page.text.contains("15.04.2026"))
            let council = try await app.session(DemoUsers.council)
            #expect(try await app.request(.POST, "/calendar", as: council, form: ["_csrf": council.csrf, "day": "2026-12-18", "kind": "dayOff", "note": "x"]).status == .forbidden)
            let secretariat = try await app.session(DemoUsers.secretariat)
            let weekend = try await app.request(.POST, "/calendar", as: secretariat, form: ["_csrf": secretariat.csrf, "day": "2026-12-19", "kind": "dayOff", "note": "Decree"])
            #expect(weekend.status == .unprocessableEntity)
            #expect(try await app.request(.POST, "/calendar", as: secretariat, form: ["_csrf": secretariat.csrf, "day": "2026-12-18", "kind": "dayOff", "note": "Decree No. 1"]).status == .seeOther)
            #expect(!(try await WorkingCalendarStore.calendar(on: app.db).isWorkingDay(Day(year: 2026, month: 12, day: 18))))
            #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "calendarEntry").filter(\.$entityID == "2026-12-18").count() == 1)
            // The same calendar counts an instruction's time left.
            let instruction = try #require(try await InstructionRecord.query(on: app.db).all().map(\.instruction)
                .first { $0.status == .onControl && $0.deadline > TestClock.today.adding(days: 7) })
            let left = try await WorkingCalendarStore.calendar(on: app.db).workingDays(from: TestClock.today, to: instruction.deadline)
            let instructionPage = try await app.request(.GET, "/instructions/\(instruction.id)", as: secretariat, headers: ["Accept-Language": "en"]).text
            #expect(instructionPage.contains("\(left) working days left"))
        }
    }
}

/// E-mail as a real part: the outbox, the SMTP client, and a real SMTP server (Python's aiosmtpd) that
/// stores what it receives in a Maildir, read back by Python's own mail parser.
@Suite("E-mail notices")
struct MailTests {
    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("An applicant's notice leaves through the outbox to a real SMTP server once, in Kazakh, the subject encoded so its letters survive")
    func noticeReachesSMTPServer() async throws {
        guard (try? Self.python(["-c", "import aiosmtpd"]))?.status == 0 else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs python3-aiosmtpd; it is missing")
            return
        }
        let port = try freePort()
        let maildir = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-mail-\(UUID().uuidString)").path
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); try? FileManager.default.removeItem(atPath: maildir) }
        let settings = try #require(SMTPSettings(url: "smtp://127.0.0.1:\(port)", from: "Бірлік <no-reply@birlik.kz>"))
        try await withBirlik(mail: settings) { app in
            let filed = try await app.request(.POST, "/appeals/new", headers: ["Cookie": "birlik_csrf=\(Identity.anonymous.csrf); birlik_lang=kk"], form: [
                "_csrf": Identity.anonymous.csrf, "name": "Әлия Нұрланқызы", "email": "aliya@example.kz", "place": "KZ-75", "category": "language",
                "text": "Ересектерге арналған қазақ тілі курсы қашан ашылады?"])
            #expect(filed.status == .seeOther)
            let number = try #require(try await AppealRecord.query(on: app.db).sort(\.$registeredAt, .descending).first()?.number)
            #expect(try await MailOutbox.pending(on: app.db) == 1)
            // The server may need a moment to listen.
            var sent = 0
            for _ in 0..<50 where sent == 0 {
                sent = try await MailDispatcher.run(app, now: TestClock.now.addingTimeInterval(Double(sent)))
                if sent == 0 {
                    try await OutboxRecord.query(on: app.db).set(\.$nextAttemptAt, to: TestClock.now).set(\.$claimedUntil, to: nil).update()
                    try await Task.sleep(nanoseconds: 100_000_000)
                }
            }
            #expect(sent == 1)
            #expect(try await MailDispatcher.run(app, now: TestClock.now.addingTimeInterval(600)) == 0, "a sent notice is sent once")
            #expect(try await MailOutbox.pending(on: app.db) == 0)
            let read = try Self.python(["-c", """
                import mailbox, sys, email.header
                messages = list(mailbox.Maildir(sys.argv[1], create=False))
                print(len(messages))
                m = messages[0]
                print(str(email.header.make_header(email.header.decode_header(m['Subject']))))
                print(m['To']); print(m.get_content_charset())
                print(str(email.header.make_header(email.header.decode_header(m['From']))))
                print(m.get_payload(decode=True).decode('utf-8'))
                """, maildir])
            #expect(read.status == 0, "\(read.output)")
            let lines = read.output.components(separatedBy: "\n")
            #expect(lines.first == "1")
            #expect(lines.dropFirst().first == "№ \(number) өтініш: Тіркелді", "\(read.output)")
            #expect(read.output.contains("aliya@example.kz") && read.output.contains("utf-8") && read.output.contains("Бірлік <no-reply@birlik.kz>"))
            #expect(read.output.contains("Өтінішіңіз тіркелді") && read.output.contains("/appeals/status/"))
        }
    }

    /// A mail server that insists on STARTTLS and authentication (aiosmtpd's own API), with a certificate
    /// of an authority made for the test.
    static let tlsServer = """
        import sys, ssl, time
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Mailbox
        from aiosmtpd.smtp import AuthResult, LoginPassword
        cert, key, port, maildir = sys.argv[1:5]
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        def check(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login == b"birlik" and data.password == b"s3cret pass"
            return AuthResult(success=ok, handled=False, message=None if ok else "535 5.7.8 Authentication credentials invalid")
        controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=int(port), server_hostname="localhost", tls_context=context,
                                require_starttls=True, authenticator=check, auth_required=True, auth_require_tls=True)
        controller.start()
        print("ready", flush=True)
        while True:
            time.sleep(60)
        """

    @Test("Over STARTTLS with the password: the certificate is checked against the configured authority and the notice arrives; a wrong password or an unknown authority is refused")
    func startTLSAndAuthentication() async throws {
        guard (try? Self.python(["-c", "import aiosmtpd"]))?.status == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs python3-aiosmtpd and openssl; one is missing")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cert = directory.appendingPathComponent("cert.pem").path, key = directory.appendingPathComponent("key.pem").path
        let maildir = directory.appendingPathComponent("mail").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
        let port = try freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = ["-c", Self.tlsServer, cert, key, String(port), maildir]
        let ready = Pipe()
        server.standardOutput = ready
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        _ = ready.fileHandleForReading.availableData  // "ready" once it listens
        let message = MailMessage(to: "aliya@example.kz", subject: "Өтініш қабылданды", body: "Сәлеметсіз бе! Өтінішіңіз қаралуда.")

        let wrong = try #require(SMTPSettings(url: "smtp://birlik:wrong@localhost:\(port)?starttls=required", from: "Бірлік <no-reply@birlik.kz>", trustRoots: cert))
        await #expect(throws: SMTPError.self) { _ = try await SMTPClient(settings: wrong).send([("one", message)], now: TestClock.now) }
        let untrusted = try #require(SMTPSettings(url: "smtp://birlik:s3cret%20pass@localhost:\(port)", from: "Бірлік <no-reply@birlik.kz>"))
        await #expect(throws: (any Error).self, "a certificate of an unknown authority was accepted") {
            _ = try await SMTPClient(settings: untrusted).send([("two", message)], now: TestClock.now)
        }
        let settings = try #require(SMTPSettings(url: "smtp://birlik:s3cret%20pass@localhost:\(port)?starttls=required", from: "Бірлік <no-reply@birlik.kz>",
                                                 trustRoots: cert))
        let failures = try await SMTPClient(settings: settings).send([("three", message)], now: TestClock.now)
        #expect(failures.isEmpty, "\(failures)")
        let read = try Self.python(["-c", """
            import mailbox, sys, email.header
            messages = list(mailbox.Maildir(sys.argv[1], create=False))
            print(len(messages))
            print(str(email.header.make_header(email.header.decode_header(messages[0]['Subject']))))
            """, maildir])
        #expect(read.output.components(separatedBy: "\n").prefix(2) == ["1", "Өтініш қабылданды"], "\(read.output)")
    }
}
