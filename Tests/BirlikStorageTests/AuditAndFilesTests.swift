import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@Suite("Audit log, files, accounts and backups on SQLite and PostgreSQL")
struct AuditAndFilesTests {
    static let secretariat = Actor(userID: UUID(), role: .secretariat, organizationID: nil, regionCode: "KZ", displayName: "secretariat")

    static func makeChanges(_ birlik: TestDatabase) async throws {
        for index in 0..<3 {
            _ = try await OrganizationStore.create(OrganizationDraft(code: "ngo-\(index)", type: "ngo", nameKK: "ҮЕҰ \(index)", regionCode: "KZ-71"),
                                                   actor: secretariat, on: birlik.db, now: TestClock.now)
        }
    }

    @Test("Editing a row behind Birlik's back is caught", arguments: TestBackend.enabled)
    func tamperUpdate(backend: TestBackend) async throws {
        try await withDatabase(backend, demo: false) { birlik in
            try await Self.makeChanges(birlik)
            #expect(try await AuditLog.verify(on: birlik.db).isWhole)
            try await (birlik.db as! any SQLDatabase).raw("UPDATE audit_log SET actor_name = 'someone else' WHERE sequence = 2").run()
            let report = try await AuditLog.verify(on: birlik.db)
            #expect(report.firstBroken?.sequence == 2)
            #expect(report.firstBroken?.reason == .contentChanged)
        }
    }

    @Test("Deleting or inserting rows behind Birlik's back is caught", arguments: TestBackend.enabled)
    func tamperDeleteInsert(backend: TestBackend) async throws {
        try await withDatabase(backend, demo: false) { birlik in
            try await Self.makeChanges(birlik)
            let sql = birlik.db as! any SQLDatabase
            try await sql.raw("DELETE FROM audit_log WHERE sequence = 3").run()
            #expect(try await AuditLog.verify(on: birlik.db).firstBroken?.reason == .sequenceGap)
            try await sql.raw("INSERT INTO audit_log (sequence, at, actor_id, actor_name, action, entity_type, entity_id, previous_hash, hash) VALUES (3, 'x', 'x', 'x', 'create', 'organization', 'x', 'x', 'x')").run()
            #expect(try await AuditLog.verify(on: birlik.db).firstBroken?.sequence == 3)
            try await sql.raw("DELETE FROM audit_log WHERE sequence >= 3").run()
            #expect(try await AuditLog.verify(on: birlik.db).firstBroken?.reason == .headMismatch)
        }
    }

    @Test("Files are stored once under their SHA-256", arguments: TestBackend.enabled)
    func files(backend: TestBackend) async throws {
        try await withDatabase(backend, demo: false) { birlik in
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString)")
            let store = FileStore(root: root)
            let data = Data("Қазақстан халқы Ассамблеясы".utf8)
            let first = try await store.store(data, mediaType: "text/plain", originalName: "a.txt", on: birlik.db, now: TestClock.now)
            let second = try await store.store(data, mediaType: "text/plain", originalName: "b.txt", on: birlik.db, now: TestClock.now)
            #expect(first == second)
            #expect(try await store.data(at: first, on: birlik.db) == data)
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(first.relativePath).path))
            #expect(try await StoredFileRecord.query(on: birlik.db).count() == 1)
            try Data("tampered".utf8).write(to: root.appendingPathComponent(first.relativePath))
            #expect(try await store.data(at: first, on: birlik.db) == nil)
        }
    }

    @Test("Files kept in the database are read by any instance, checked, and moved in from the old folder when first read",
          arguments: TestBackend.enabled)
    func filesInDatabase(backend: TestBackend) async throws {
        try await withDatabase(backend, demo: false) { birlik in
            let sql = try #require(birlik.db as? any SQLDatabase)
            let legacy = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString)")
            let shared = FileStore(place: .database(legacy: legacy))
            let data = Data("Бірлік — ортақ қор".utf8)
            let address = try await shared.store(data, mediaType: "text/plain", originalName: "a.txt", on: birlik.db, now: TestClock.now)
            #expect(!FileManager.default.fileExists(atPath: legacy.appendingPathComponent(address.relativePath).path))
            // Another instance, with a folder of its own, reads the same bytes.
            let other = FileStore(place: .database(legacy: FileManager.default.temporaryDirectory.appendingPathComponent("other-\(UUID().uuidString)")))
            #expect(try await other.data(at: address, on: birlik.db) == data)

            let old = Data("ескі файл".utf8)
            let oldAddress = try await FileStore(root: legacy).store(old, mediaType: "text/plain", originalName: "old.txt", on: birlik.db, now: TestClock.now)
            #expect(try await other.data(at: oldAddress, on: birlik.db) == nil)
            #expect(try await shared.data(at: oldAddress, on: birlik.db) == old)
            #expect(try await other.data(at: oldAddress, on: birlik.db) == old)

            // A server starting on PostgreSQL moves the rest of the old folder in: every instance reads it then.
            let older = Data("бұрынғы файл".utf8)
            let olderAddress = try await FileStore(root: legacy).store(older, mediaType: "text/plain", originalName: "older.txt", on: birlik.db, now: TestClock.now)
            // A damaged file (bytes that are not its name) is left where it is.
            let damaged = legacy.appendingPathComponent(ContentAddress(of: Data("x".utf8)).relativePath)
            try FileManager.default.createDirectory(at: damaged.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("not its name".utf8).write(to: damaged)
            #expect(try await shared.moveLegacyFiles(on: birlik.db) == 1)
            #expect(try await shared.moveLegacyFiles(on: birlik.db) == 0)
            #expect(try await other.data(at: olderAddress, on: birlik.db) == older)
            #expect(try await FileStore(root: legacy).moveLegacyFiles(on: birlik.db) == 0)

            try await sql.update(StoredFileContents.schema).set("bytes", to: SQLBind(Data("tampered".utf8)))
                .where("sha256", .equal, SQLBind(address.sha256)).run()
            #expect(try await other.data(at: address, on: birlik.db) == nil)
            #expect(try await other.data(at: ContentAddress(of: Data("absent".utf8)), on: birlik.db) == nil)
        }
    }

    @Test("Wrong passwords slow an account down, never lock it; the answer is the same for unknown addresses", arguments: TestBackend.enabled)
    func slowedDown(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            func signIn(_ email: String, _ password: String, at now: Date) async throws -> UserRecord {
                try await UserStore.signIn(email: email, password: password, hasher: testHasher, now: now, on: birlik.db)
            }
            #expect(UserStore.delay(afterFailures: 2) == 0 && UserStore.delay(afterFailures: 3) == 30 && UserStore.delay(afterFailures: 4) == 60)
            #expect(UserStore.delay(afterFailures: 40) == UserStore.longestDelay && UserStore.delay(afterFailures: Int.max) == UserStore.longestDelay)
            for _ in 0..<3 {
                await expectFailure(.invalidCredentials) { try await signIn(DemoUsers.citizen, "wrong-password-1", at: TestClock.now) }
            }
            // Within the delay even the right password gets the answer an unknown address gets.
            await expectFailure(.invalidCredentials) { try await signIn(DemoUsers.citizen, DemoUsers.password, at: TestClock.now) }
            await expectFailure(.invalidCredentials) { try await signIn("nobody@birlik.kz", DemoUsers.password, at: TestClock.now) }
            let later = TestClock.now.addingTimeInterval(UserStore.delay(afterFailures: 3) + 1)
            #expect(try await signIn(DemoUsers.citizen, DemoUsers.password, at: later).email == DemoUsers.citizen)
            #expect(try await UserRecord.query(on: birlik.db).filter(\.$email == DemoUsers.citizen).first()?.failedLogins == 0)
            let failures = try await AuditEntryRecord.query(on: birlik.db).filter(\.$action == "signInFailed").count()
            #expect(failures == 3)
        }
    }

    @Test("Forty parallel guesses get at most three password checks before the account waits", arguments: TestBackend.enabled)
    func parallelGuesses(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let db = birlik.db
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        do {
                            _ = try await UserStore.signIn(email: DemoUsers.executor, password: "guess-\(index)", hasher: testHasher, now: TestClock.now, on: db)
                            return true
                        } catch { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(!results.contains(true))
            #expect(try await AuditEntryRecord.query(on: birlik.db).filter(\.$action == "signInFailed").count() <= 3)
        }
    }

    @Test("Accounts are disabled, re-enabled, given roles and new passwords; every token ends with the old access", arguments: TestBackend.enabled)
    func accounts(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let admin = try await birlik.actor(DemoUsers.admin), almaty = try await birlik.actor(DemoUsers.almaty)
            let user = try #require(try await UserRecord.query(on: birlik.db).filter(\.$email == DemoUsers.akimat).first())
            let id = try user.requireID()
            let session = try await TokenStore.issue(for: id, kind: .api, lifetime: 3600, now: TestClock.now, on: birlik.db)
            func apply(_ change: AccountStore.Change, as actor: Actor) async throws {
                try await AccountStore.apply(change, to: id, actor: actor, hasher: testHasher, now: TestClock.now, on: birlik.db)
            }
            // A coordinator sees the region's accounts but does not manage them.
            await expectFailure(.forbidden) { try await apply(.disable, as: almaty) }
            try await apply(.disable, as: admin)
            #expect(try await TokenStore.resolve(session.token, kind: .api, now: TestClock.now, on: birlik.db) == nil)
            await expectFailure(.invalidCredentials) {
                try await UserStore.signIn(email: DemoUsers.akimat, password: DemoUsers.password, hasher: testHasher, now: TestClock.now, on: birlik.db)
            }
            try await apply(.enable, as: admin)
            try await apply(.role(.councilMember), as: admin)
            #expect(try await UserRecord.find(id, on: birlik.db)?.role == "councilMember")
            await expectInvalid(["password"]) { try await apply(.resetPassword("short"), as: admin) }
            try await apply(.resetPassword("Fresh-passphrase-77"), as: admin)
            #expect(try await UserStore.signIn(email: DemoUsers.akimat, password: "Fresh-passphrase-77", hasher: testHasher,
                                               now: TestClock.now, on: birlik.db).email == DemoUsers.akimat)
            // No one changes their own account here.
            await expectFailure(.forbidden) {
                try await AccountStore.apply(.role(.citizen), to: try #require(admin.userID), actor: admin, hasher: testHasher, now: TestClock.now, on: birlik.db)
            }
            // A user's own password: the current one proves it; other sessions end.
            let akimat = try await birlik.actor(DemoUsers.akimat)
            let other = try await TokenStore.issue(for: id, kind: .session, lifetime: 3600, now: TestClock.now, on: birlik.db)
            let kept = try await TokenStore.issue(for: id, kind: .session, lifetime: 3600, now: TestClock.now, on: birlik.db)
            await expectInvalid(["current"]) {
                try await AccountStore.changeOwnPassword(current: "wrong", new: "Another-passphrase-88", actor: akimat, keepingToken: kept.token,
                                                         hasher: testHasher, now: TestClock.now, on: birlik.db)
            }
            try await AccountStore.changeOwnPassword(current: "Fresh-passphrase-77", new: "Another-passphrase-88", actor: akimat, keepingToken: kept.token,
                                                     hasher: testHasher, now: TestClock.now, on: birlik.db)
            #expect(try await TokenStore.resolve(other.token, kind: .session, now: TestClock.now, on: birlik.db) == nil)
            #expect(try await TokenStore.resolve(kept.token, kind: .session, now: TestClock.now, on: birlik.db) != nil)
            #expect(try await AuditLog.verify(on: birlik.db).isWhole)
        }
    }

    @Test("Users need a known organisation, a good password and a new e-mail", arguments: TestBackend.enabled)
    func users(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            do {
                _ = try await UserStore.create(email: "bad", password: "short", role: .executor, organizationCode: "nowhere",
                                               displayName: "", hasher: testHasher, actor: .system, on: birlik.db, now: TestClock.now)
                Issue.record("accepted")
            } catch let DomainError.invalid(problems) {
                #expect(Set(problems.map(\.field)) == ["email", "password", "organization"])
            }
            await expectFailure(DomainError.conflict(.errorDuplicateEmail)) {
                try await UserStore.create(email: DemoUsers.citizen, password: "Another-pass-99", role: .citizen, organizationCode: nil,
                                           displayName: "", hasher: testHasher, actor: .system, on: birlik.db, now: TestClock.now)
            }
            let user = try await UserStore.create(email: "New.Officer@Gov.kz", password: "Officer-pass-2025", role: .executor,
                                                  organizationCode: "mci", displayName: "Officer", hasher: testHasher, actor: .system, on: birlik.db, now: TestClock.now)
            #expect(user.email == "new.officer@gov.kz")
            let entry = try await AuditLog.list(AuditLog.Filter(entityType: "user"), page: 1, on: birlik.db).items.first
            #expect(entry?.after?.contains("new.officer@gov.kz") == true)
            #expect(entry?.after?.contains("$2") == false)
        }
    }

    @Test("A backup restores into an empty database with its audit chain whole", arguments: TestBackend.enabled)
    func backupRestore(backend: TestBackend) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString).zip")
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("backup-files-\(UUID().uuidString)")
        let counts = try await withDatabase(backend) { birlik in
            _ = try await FileStore(root: files).store(Data("файл".utf8), mediaType: "text/plain", originalName: "f.txt", on: birlik.db, now: TestClock.now)
            let manifest = try await Backup.write(to: file, files: FileStore(root: files), now: TestClock.now, on: birlik.db)
            return manifest.counts
        }
        let restoredFiles = FileManager.default.temporaryDirectory.appendingPathComponent("restored-\(UUID().uuidString)")
        try await withDatabase(backend, seed: false) { birlik in
            try await Backup.restore(from: file, files: FileStore(root: restoredFiles), on: birlik.db)
            #expect(try await OrganizationRecord.query(on: birlik.db).count() == counts["organizations"])
            #expect(try await UserRecord.query(on: birlik.db).count() == counts["users"])
            #expect(try await ReportRecord.query(on: birlik.db).count() == counts["reports"] && counts["reports", default: 0] > 0)
            #expect(try await PlanVersionRecord.query(on: birlik.db).count() == counts["plan_versions"])
            #expect(try await InstructionEventRecord.query(on: birlik.db).count() == counts["instruction_events"])
            #expect(try await SignalRecord.query(on: birlik.db).count() == counts["signals"] && counts["signals", default: 0] > 0)
            #expect(try await AlertRecord.query(on: birlik.db).count() == counts["alerts"])
            let values = try await OpenData.values(element: "census.population.ethnicity", period: "2021", place: nil, by: "ethnicity", actor: .anonymous, on: birlik.db)
            #expect(values.count == 11 && counts["data_values", default: 0] > 1000)
            #expect(try await AuditLog.verify(on: birlik.db).isWhole)
            #expect(try await FileStore(root: restoredFiles).data(at: ContentAddress(of: Data("файл".utf8)), on: birlik.db) == Data("файл".utf8))
            do {
                _ = try await Backup.restore(from: file, files: FileStore(root: restoredFiles), on: birlik.db)
                Issue.record("a backup was restored over existing data")
            } catch Backup.Failure.notEmpty {
            }
        }
    }
}
