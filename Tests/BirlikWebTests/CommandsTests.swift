import BirlikCore
import BirlikStorage
import BirlikTestSupport
import Foundation
import SQLKit
import Testing
@testable import BirlikWeb

/// The `birlik` commands on a real SQLite file, as an operator runs them.
@Suite("Commands", .serialized)
struct CommandsTests {
    static func configuration() -> BirlikConfiguration {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-cmd-\(UUID().uuidString)")
        var configuration = BirlikConfiguration(dataDirectory: directory.path)
        configuration.bcryptCost = 4
        return configuration
    }

    @Test("seed, then audit verify: whole; after a row is edited in the file: broken at that entry")
    func auditVerify() async throws {
        let configuration = Self.configuration()
        let count = try await Commands.seed(configuration, clock: TestClock.clock, demo: true, generate: nil)
        #expect(count == 240)
        #expect(try await Commands.verifyAudit(configuration, clock: TestClock.clock).isWhole)
        let edited = try await Commands.withApplication(configuration, clock: TestClock.clock) { app in
            let sql = app.db as! any SQLDatabase
            let sequence = try #require(try await sql.raw("SELECT MIN(sequence) AS n FROM audit_log WHERE after LIKE '%admin%'").first()).decode(column: "n", as: Int.self)
            try await sql.raw("UPDATE audit_log SET after = replace(after, 'admin', 'root') WHERE sequence = \(bind: sequence)").run()
            return sequence
        }
        let report = try await Commands.verifyAudit(configuration, clock: TestClock.clock)
        #expect(report.firstBroken?.sequence == edited)
        #expect(report.firstBroken?.reason == .contentChanged)
    }

    @Test("Someone who can write the database but not the key: an emptied, shortened or re-chained log fails verification",
          arguments: ["empty", "shorten", "rechain", "forge"])
    func auditCheckpoints(attack: String) async throws {
        let configuration = Self.configuration()
        _ = try await Commands.seed(configuration, clock: TestClock.clock, demo: true, generate: nil)
        let checkpoints = AuditCheckpoints.read(AuditCheckpoints.file(dataDirectory: configuration.dataDirectory))
        #expect(checkpoints.count == 1 && checkpoints[0].sequence > 2)
        #expect(try await Commands.verifyAudit(configuration, clock: TestClock.clock).isWhole)
        let expected: AuditChain.Reason = try await Commands.withApplication(configuration, clock: TestClock.clock) { app in
            let sql = app.db as! any SQLDatabase
            switch attack {
            case "empty":
                try await sql.raw("DELETE FROM audit_log").run()
                try await sql.raw("DELETE FROM audit_head").run()
                return .checkpointMissing
            case "shorten":
                let last = try await AuditEntryRecord.query(on: app.db).sort(\.$id, .descending).first()
                let keep = (last?.id ?? 2) - 1
                try await sql.raw("DELETE FROM audit_log WHERE sequence > \(bind: keep)").run()
                let kept = try #require(try await AuditEntryRecord.find(keep, on: app.db))
                try await sql.raw("UPDATE audit_head SET sequence = \(bind: keep), hash = \(bind: kept.hash)").run()
                return .checkpointMissing
            case "rechain":
                // Every entry rewritten with the public formula: the chain and head agree, the checkpoint does not.
                var previous = AuditEntry.genesisHash
                for record in try await AuditEntryRecord.query(on: app.db).sort(\.$id).all() {
                    var entry = record.entry
                    entry.actorName = "intruder"
                    entry.previousHash = previous
                    entry.hash = entry.computedHash
                    previous = entry.hash
                    try await sql.raw("UPDATE audit_log SET actor_name = \(bind: entry.actorName), previous_hash = \(bind: entry.previousHash), hash = \(bind: entry.hash) WHERE sequence = \(bind: entry.sequence)").run()
                }
                try await sql.raw("UPDATE audit_head SET hash = \(bind: previous)").run()
                #expect(try await AuditLog.verify(on: app.db).isWhole)
                return .checkpointMismatch
            default:
                var forged = checkpoints[0]
                forged.sequence += 1000
                let encoder = JSONEncoder()
                encoder.dateEncodingStrategy = .iso8601
                try (String(decoding: try encoder.encode(forged), as: UTF8.self) + "\n")
                    .write(to: AuditCheckpoints.file(dataDirectory: configuration.dataDirectory), atomically: true, encoding: .utf8)
                return .checkpointForged
            }
        }
        // The command itself must not seal the tampered log with a new checkpoint first.
        let report = try await Commands.verifyAudit(configuration, clock: TestClock.clock)
        #expect(report.firstBroken?.reason == expected, "\(attack): \(String(describing: report.firstBroken))")
    }

    @Test("No known password: the demo password is generated per installation, kept owner-only, and works; none beyond loopback")
    func demoPassword() async throws {
        let configuration = Self.configuration()
        _ = try await Commands.seed(configuration, clock: TestClock.clock, demo: true, generate: nil)
        let attributes = try FileManager.default.attributesOfItem(atPath: configuration.demoPasswordFile.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let text = try String(contentsOf: configuration.demoPasswordFile, encoding: .utf8)
        let password = try #require(text.split(separator: "\n").first { $0.hasPrefix("password: ") }).dropFirst("password: ".count)
        #expect(password.count >= 20 && password != "Birlik-demo-2025" && password != DemoSeed.generatePassword())
        let user = try await Commands.withApplication(configuration, clock: TestClock.clock) { app in
            try await UserStore.signIn(email: DemoUsers.secretariat, password: String(password), hasher: app.birlik.hasher, now: TestClock.now, on: app.db)
        }
        #expect(user.email == DemoUsers.secretariat)
        for (host, loopback) in [("127.0.0.1", true), ("localhost", true), ("::1", true), ("0.0.0.0", false), ("10.1.2.3", false)] {
            var other = configuration
            other.host = host
            #expect(other.isLoopback == loopback, "\(host)")
        }
    }

    @Test("user create checks its input; backup and restore move every table of the demo to a new data directory")
    func usersAndBackups() async throws {
        let configuration = Self.configuration()
        _ = try await Commands.seed(configuration, clock: TestClock.clock, demo: true, generate: nil)
        do {
            _ = try await Commands.createUser(configuration, clock: TestClock.clock, email: "officer@gov.kz", password: "short", role: .executor,
                                              organization: "nowhere", name: nil)
            Issue.record("accepted a bad user")
        } catch let failure as CommandFailure {
            #expect(failure.description.contains("password: The password must be at least 10 characters long."))
            #expect(failure.description.contains("organization: There is no organisation with this code."))
        }
        let email = try await Commands.createUser(configuration, clock: TestClock.clock, email: "Officer@Gov.kz", password: "Strong-pass-2025", role: .executor,
                                                  organization: "mci", name: "Officer")
        #expect(email == "officer@gov.kz")
        // An accepted corpus text: its submission, its stored file and its place in the index.
        let documentID = try await Commands.withApplication(configuration, clock: TestClock.clock) { app in
            let text = Data("Қазақстан халқы Ассамблеясы бірлікті нығайтады. Достық үйі ашылды.".utf8)
            let address = try await app.birlik.files.store(text, mediaType: "text/plain", originalName: "dostyq.txt", on: app.db, now: TestClock.now)
            let secretariat = Actor.system
            let submission = try await CorpusSubmissionStore.submit(
                CorpusSubmissionDraft(title: "Достық", author: "Демо", year: "2024", genre: "other", source: "demo", licence: "CC BY 4.0"),
                sha256: address.sha256, fileName: "dostyq.txt", tokens: 9, actor: secretariat, today: TestClock.today, on: app.db, now: TestClock.now)
            let library = app.birlik.corpus, files = app.birlik.files, db = app.db
            let accepted = try await CorpusSubmissionStore.review(submission.id, accept: true, note: "", version: submission.version, actor: secretariat,
                                                                  on: app.db, now: TestClock.now) { submission in
                let id = "submission-\(submission.id.uuidString.lowercased())"
                try library.add(try await CorpusLibrary.document(submission, files: files, on: db), id: id)
                return id
            }
            return try #require(accepted.documentID)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-\(UUID().uuidString).zip").path
        let written = try await Commands.backup(configuration, clock: TestClock.clock, to: file)
        // Every table of the database is in the backup but sessions and the migrations' bookkeeping.
        let tables = try await Commands.withApplication(configuration, clock: TestClock.clock) { app in
            let sql = app.db as! any SQLDatabase
            return try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all().map { try $0.decode(column: "name", as: String.self) }
        }
        #expect(Set(written.counts.keys) == Set(tables).subtracting(Backup.excludedTables))
        for table in ["appeals", "mediators", "ledger_entries", "grant_applications", "events", "news_items", "article_revisions", "dataset_versions", "media_plan_items"] {
            #expect((written.counts[table] ?? 0) > 0, "the demo has rows in \(table)")
        }
        let target = Self.configuration()
        let restored = try await Commands.restore(target, clock: TestClock.clock, from: file)
        #expect(restored.counts == written.counts)
        let reread = try await Commands.withApplication(target, clock: TestClock.clock) { app in
            try await EventRegistrationRecord.query(on: app.db).count()
        }
        #expect(reread == written.counts["event_registrations"])
        let found = try await Commands.withApplication(target, clock: TestClock.clock) { app in
            try app.birlik.corpus.index().documents.contains { $0.id == documentID }
        }
        #expect(found, "the accepted corpus text is back in the restored index")
        #expect(try await Commands.verifyAudit(target, clock: TestClock.clock).isWhole)
        let (catalog, records) = try await Commands.missingTranslations(target, clock: TestClock.clock)
        #expect(catalog.isEmpty)
        #expect(records[.kk] == 0)
    }
}

@Suite("Configuration from the environment")
struct ConfigurationTests {
    @Test("A variable set to something unusable stops the start, naming it; unset or empty ones take their defaults")
    func invalidVariables() throws {
        let defaults = try BirlikConfiguration.fromEnvironment([:])
        #expect(defaults.port == 8080 && defaults.bcryptCost == 12 && !defaults.database.isPostgres)
        #expect(try BirlikConfiguration.fromEnvironment(["BIRLIK_PORT": ""]).port == 8080)
        #expect(try BirlikConfiguration.fromEnvironment(["BIRLIK_PORT": "9000"]).port == 9000)
        for (variable, value) in [("BIRLIK_PORT", "abc"), ("BIRLIK_PORT", "70000"), ("BIRLIK_PORT", "9223372036854775808"),
                                  ("BIRLIK_BCRYPT_COST", "99"), ("BIRLIK_SECURE_COOKIES", "yes"), ("BIRLIK_MAX_BODY", "-1"),
                                  ("DATABASE_URL", "mysql://x"), ("BIRLIK_REMINDER_SECONDS", "1e9")] {
            do {
                _ = try BirlikConfiguration.fromEnvironment([variable: value])
                Issue.record("\(variable)=\(value) was accepted")
            } catch let error as BirlikConfiguration.Invalid {
                #expect(error.variable == variable && error.description.hasPrefix("\(variable)="))
            }
        }
    }

    @Test("BIRLIK_TODAY sets the day the commands take for today; the clock runs on from noon of it; a malformed day stops the start")
    func today() throws {
        let start = Date()
        let clock = BirlikClock.running(from: Day(year: 2027, month: 3, day: 21), start: start)
        #expect(clock.today == Day(year: 2027, month: 3, day: 21))
        #expect(abs(clock.now.timeIntervalSince(Day(year: 2027, month: 3, day: 21).noon) - Date().timeIntervalSince(start)) < 1)
        #expect(try BirlikConfiguration.clock(["BIRLIK_TODAY": "2027-03-21"]).today == Day(year: 2027, month: 3, day: 21))
        #expect(throws: BirlikConfiguration.Invalid.self) { try BirlikConfiguration.clock(["BIRLIK_TODAY": "2027-02-30"]) }
    }
}
