import BirlikCore
import BirlikDocuments
import BirlikStorage
import Fluent
import Foundation
import SQLKit
import Vapor

/// The work behind each `birlik` command, in functions that tests can call.
public enum Commands {
    /// Runs `body` with a configured application that is shut down afterwards.
    static func withApplication<T>(_ configuration: BirlikConfiguration, clock: BirlikClock, arguments: [String] = ["birlik"],
                                   _ body: (Application) async throws -> T) async throws -> T {
        try await BirlikApplication.run(configuration, clock: clock, environment: try Environment.detect(arguments: arguments), body)
    }

    /// `birlik serve`: migrate, load reference data (and the demo set into an empty database), serve.
    /// `demo`: `true` loads the demo set, `false` never does, `nil` loads it only on a server that listens
    /// on this machine alone, so that no reachable installation ever starts with demo accounts.
    public static func serve(_ configuration: BirlikConfiguration, clock: BirlikClock, demo: Bool?) async throws {
        try await withApplication(configuration, clock: clock, arguments: ["birlik", "serve"]) { app in
            try await app.autoMigrate()
            let fresh = try await UserRecord.query(on: app.db).count() == 0
            let password = fresh && (demo ?? configuration.isLoopback) ? try demoPassword(configuration) : nil
            try await Boot.prepare(app, demoPassword: password)
            // Files an older version kept on this machine's disk move into the shared database.
            let moved = try await app.birlik.files.moveLegacyFiles(on: app.db)
            if moved > 0 { app.logger.notice("stored files moved into the database", metadata: ["count": "\(moved)"]) }
            print("Birlik is running at http://\(configuration.host):\(configuration.port)")
            if try await UserRecord.query(on: app.db).filter(\.$isDemo == true).count() > 0 {
                printDemoSignIns(configuration, password: password)
            } else if fresh, demo == nil, !configuration.isLoopback {
                print("No demo data: Birlik listens on \(configuration.host), beyond this machine (`birlik serve --demo` loads it anyway).")
            }
            fflush(nil)
            // The corpus index is opened (and the sample corpus built into it) now, on the thread pool,
            // rather than on the first visitor's request.
            let corpus = app.birlik.corpus
            _ = app.threadPool.runIfActive(eventLoop: app.eventLoopGroup.next()) { _ = try corpus.index() }
            let schedule = reminderSchedule(app, clock: clock, every: configuration.reminderSeconds)
            let checkpoints = checkpointSchedule(app, clock: clock, every: 60)
            let mail = MailDispatcher.schedule(app, clock: clock, every: 15)
            let corpusSync = corpusSchedule(app)
            defer { schedule?.cancel(); checkpoints.cancel(); mail?.cancel(); corpusSync.cancel() }
            try await app.execute()
        }
    }

    /// The scheduled work of a server: reminders every `seconds` (none when 0). Every instance may run
    /// it; the audit lock serialises the runs and each reminder has a unique key, so each is written once.
    static func reminderSchedule(_ app: Application, clock: BirlikClock, every seconds: Int) -> Task<Void, Never>? {
        guard seconds > 0 else { return nil }
        let database = app.db
        let logger = app.logger
        let directory = app.birlikDataDirectory
        return Task {
            while !Task.isCancelled {
                do {
                    let written = try await Notifications.runReminders(now: clock.now, on: database)
                    if written > 0 { logger.info("reminders written", metadata: ["count": "\(written)"]) }
                    // The ledger's tree head, signed when the ledger has grown since the last one.
                    try await CharityStore.signTreeHead(dataDirectory: directory, on: database, now: clock.now)
                    // News whose publishing time has come.
                    try await NewsStore.releaseDue(now: clock.now, on: database)
                    // Attendees' personal data past their event's retention period.
                    let purged = try await EventStore.purgeExpired(now: clock.now, on: database)
                    if purged > 0 { logger.info("event registrations purged", metadata: ["count": "\(purged)"]) }
                } catch {
                    logger.error("reminders failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(nanoseconds: UInt64(seconds) * 1_000_000_000)
            }
        }
    }

    /// Keeps the corpus index up to date with segments other processes wrote and texts accepted on other
    /// instances, every `CorpusLibrary.syncInterval`.
    static func corpusSchedule(_ app: Application) -> Task<Void, Never> {
        let corpus = app.birlik.corpus, files = app.birlik.files, database = app.db, logger = app.logger, gate = app.birlik.gate
        return Task {
            while !Task.isCancelled {
                do {
                    if try await corpus.synchronize(files: files, on: database) {
                        // Cached search pages and answers are older than the index now.
                        gate.noteChangeFromElsewhere()
                        logger.info("corpus index updated from elsewhere")
                    }
                } catch {
                    logger.error("corpus synchronisation failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: CorpusLibrary.syncInterval)
            }
        }
    }

    /// A signed checkpoint of the audit chain every `seconds` the log has grown (and a last one when the
    /// server stops, written by `withApplication`).
    static func checkpointSchedule(_ app: Application, clock: BirlikClock, every seconds: Int) -> Task<Void, Never> {
        let database = app.db, logger = app.logger, directory = app.birlikDataDirectory
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(seconds) * 1_000_000_000)
                // A cancelled sleep ends at once: the server is stopping, and its last checkpoint is written by `withApplication`.
                guard !Task.isCancelled else { return }
                do {
                    try await AuditCheckpoints.record(dataDirectory: directory, now: clock.now, on: database)
                } catch {
                    logger.error("audit checkpoint failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// `birlik audit checkpoint`: writes (when the log grew) and returns the newest signed checkpoint.
    public static func auditCheckpoint(_ configuration: BirlikConfiguration, clock: BirlikClock) async throws -> AuditCheckpoint? {
        try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            return try await AuditCheckpoints.record(dataDirectory: configuration.dataDirectory, now: clock.now, on: app.db)
        }
    }

    /// `birlik ledger verify`: every entry against its leaf hash, the tree against every signed head.
    public static func verifyLedger(_ configuration: BirlikConfiguration, clock: BirlikClock) async throws -> CharityQueries.Verification {
        try await withApplication(configuration, clock: clock) { app in
            let key = try DocumentSignature.publicKey(of: SignedDocuments.privateKey(dataDirectory: configuration.dataDirectory))
            return try await CharityQueries.verify(trustedKey: key, on: app.db)
        }
    }

    /// `birlik ledger import`: a bank statement's donations into a campaign, all in one transaction (the
    /// receipts numbered as by hand); as the system, for the organiser's treasurer who hands over the file.
    public static func importDonations(_ configuration: BirlikConfiguration, clock: BirlikClock, campaign code: String, file: String,
                                       progress: (@Sendable (Int) -> Void)? = nil) async throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let lines = try BankStatement.read(data, today: clock.today)
        return try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            let campaign = try await CharityQueries.campaign(code: code, on: app.db).campaign
            return try await CharityStore.importDonations(lines, to: campaign.id, actor: .system, keys: try DonorKeys(dataDirectory: configuration.dataDirectory),
                                                          on: app.db, now: clock.now, progress: progress).count
        }
    }

    /// `birlik ledger sign`: a signed tree head of the ledger as it stands.
    public static func signLedger(_ configuration: BirlikConfiguration, clock: BirlikClock) async throws -> TreeHead? {
        try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            return try await CharityStore.signTreeHead(dataDirectory: configuration.dataDirectory, on: app.db, now: clock.now)
        }
    }

    /// `birlik migrate`.
    public static func migrate(_ configuration: BirlikConfiguration, clock: BirlikClock) async throws {
        try await withApplication(configuration, clock: clock) { app in try await app.autoMigrate() }
    }

    /// The demo users' password: `BIRLIK_DEMO_PASSWORD`, or a new one written to the data directory
    /// (readable by its owner only) so that it can be looked up after it was printed once.
    static func demoPassword(_ configuration: BirlikConfiguration) throws -> String {
        if let fixed = configuration.demoPassword { return fixed }
        let password = DemoSeed.generatePassword()
        let text = "Birlik demo sign-ins (\(DemoSeed.users.count) users, one password)\npassword: \(password)\n"
            + DemoSeed.users.map { "\($0.role.rawValue): \($0.email)" }.joined(separator: "\n") + "\n"
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let file = configuration.demoPasswordFile.path
        try? FileManager.default.removeItem(atPath: file)
        guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure("could not write \(file)")
        }
        return password
    }

    /// The demo sign-ins; the password itself only when it was just generated (it is printed once).
    static func printDemoSignIns(_ configuration: BirlikConfiguration, password: String?) {
        if let password, configuration.demoPassword == nil {
            print("Demo sign-ins (password \(password), shown once; kept in \(configuration.demoPasswordFile.path), readable by you only):")
        } else if configuration.demoPassword != nil {
            print("Demo sign-ins (the password BIRLIK_DEMO_PASSWORD sets):")
        } else {
            print("Demo sign-ins (the password is in \(configuration.demoPasswordFile.path)):")
        }
        for user in DemoSeed.users {
            print("  \(user.role.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(user.email)")
        }
    }

    /// `birlik seed`: returns the number of organisations afterwards.
    public static func seed(_ configuration: BirlikConfiguration, clock: BirlikClock, demo: Bool, generate: Int?) async throws -> Int {
        try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            let fresh = try await UserRecord.query(on: app.db).filter(\.$isDemo == true).count() == 0
            let password = demo && fresh ? try demoPassword(configuration) : nil
            try await Boot.prepare(app, demoPassword: password)
            if demo { printDemoSignIns(configuration, password: password) }
            if let generate { try await BenchSeed.load(count: generate, now: clock.now, on: app.db) }
            return try await OrganizationRecord.query(on: app.db).count()
        }
    }

    /// `birlik user create`; problems come back as readable English lines.
    public static func createUser(_ configuration: BirlikConfiguration, clock: BirlikClock, email: String, password: String, role: Role,
                                  organization: String?, name: String?) async throws -> String {
        try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            do {
                let user = try await UserStore.create(email: email, password: password, role: role, organizationCode: organization,
                                                      displayName: name ?? email, hasher: app.birlik.hasher, actor: .system, on: app.db, now: clock.now)
                return user.email
            } catch let DomainError.invalid(problems) {
                let l10n = Localizer(.en)
                throw CommandFailure(problems.map { "\($0.field): \(l10n($0.key, $0.arguments))" }.joined(separator: "\n"))
            } catch let error as DomainError {
                throw CommandFailure(Localizer(.en)(error.messageKey))
            }
        }
    }

    /// `birlik import values FILE [--dry-run]`: the same reader as the web import; a CSV streams from
    /// disk. Throws `ImportFailure` with every problem.
    public static func importValues(_ configuration: BirlikConfiguration, clock: BirlikClock, file: String, dryRun: Bool,
                                    progress: (@Sendable (Int) -> Void)? = nil) async throws -> ValueImporter.Summary {
        let url = URL(fileURLWithPath: file)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let magic = try handle.read(upToCount: 4) ?? Data()
        try handle.seek(toOffset: 0)
        let rows: TableRows
        if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            guard let sheet = try? XLSXReader.rows(try Data(contentsOf: url)) else {
                throw ImportFailure(problems: [ImportProblem(row: 1, column: "", value: url.lastPathComponent, .importNotTable)])
            }
            rows = TableRows(sheet: sheet)
        } else {
            rows = TableRows(csv: DelimitedReader(.file(handle)))
        }
        let sha = try Hashing.sha256Hex(file: url)
        return try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            return try await ValueImporter.run(rows, fileName: url.lastPathComponent, sha256: sha, actor: .system, dryRun: dryRun,
                                               progress: progress, on: app.db, now: clock.now)
        }
    }

    /// `birlik audit verify`.
    public static func verifyAudit(_ configuration: BirlikConfiguration, clock: BirlikClock, exported: String? = nil) async throws -> AuditChain.Report {
        try await withApplication(configuration, clock: clock) { app in
            try await AuditCheckpoints.verify(dataDirectory: configuration.dataDirectory, exported: exported.map { URL(fileURLWithPath: $0) },
                                              on: app.db)
        }
    }

    /// `birlik report annual`: writes the signed report to `out` and its detached signature to `out.sig.json`.
    public static func annualReport(_ configuration: BirlikConfiguration, clock: BirlikClock, year: Int, language: Language, format: AnnualReportService.Format,
                                    out: String) async throws -> DocumentSignature {
        try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            let output = try await AnnualReportService.generate(year: year, language: language, format: format, actor: .system,
                                                                dataDirectory: configuration.dataDirectory, on: app.db, now: clock.now)
            let url = URL(fileURLWithPath: out)
            try output.data.write(to: url)
            try JSONEncoder.signatures.encode(output.signature).write(to: URL(fileURLWithPath: out + ".sig.json"))
            return output.signature
        }
    }

    /// `birlik report verify FILE`: `nil` when Birlik never signed these bytes.
    public static func verifyReport(_ configuration: BirlikConfiguration, clock: BirlikClock, file: String) async throws -> DocumentSignature.Verdict? {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let detached = (try? Data(contentsOf: URL(fileURLWithPath: file + ".sig.json"))).flatMap {
            try? JSONDecoder.signatures.decode(DocumentSignature.self, from: $0)
        }
        return try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            return try await SignedDocuments.verify(data, detached: detached, dataDirectory: configuration.dataDirectory, on: app.db)
        }
    }

    /// `birlik remind`: the scheduled reminders (due soon, overdue); safe to run from every instance.
    public static func remind(_ configuration: BirlikConfiguration, clock: BirlikClock) async throws -> Int {
        try await withApplication(configuration, clock: clock) { app in try await Notifications.runReminders(now: clock.now, on: app.db) }
    }

    /// `birlik open-data publish`: a new version of every open dataset whose content changed; returns them.
    public static func publishOpenData(_ configuration: BirlikConfiguration, clock: BirlikClock, note: String) async throws -> [DatasetVersion] {
        try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            return try await OpenDataController.publishAll(app, note: note, now: clock.now)
        }
    }

    /// `birlik mail send`: sends what the outbox holds now; returns how many went and how many wait.
    public static func sendMail(_ configuration: BirlikConfiguration, clock: BirlikClock) async throws -> (sent: Int, waiting: Int) {
        try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            let sent = try await MailDispatcher.run(app, now: clock.now)
            return (sent, try await MailOutbox.pending(on: app.db))
        }
    }

    /// `birlik backup FILE`.
    public static func backup(_ configuration: BirlikConfiguration, clock: BirlikClock, to file: String) async throws -> Backup.Manifest {
        try await withApplication(configuration, clock: clock) { app in
            try await Backup.write(to: URL(fileURLWithPath: file), files: configuration.fileStore, now: clock.now, on: app.db)
        }
    }

    /// `birlik restore FILE`.
    public static func restore(_ configuration: BirlikConfiguration, clock: BirlikClock, from file: String) async throws -> Backup.Manifest {
        try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            let manifest = try await Backup.restore(from: URL(fileURLWithPath: file), files: configuration.fileStore, on: app.db)
            // The corpus index is rebuilt from the accepted submissions and their restored files.
            let accepted = try await CorpusSubmissionStore.accepted(documentIDs: CorpusSubmissionStore.acceptedDocumentIDs(on: app.db), on: app.db)
            try await app.birlik.corpus.restore(accepted, files: app.birlik.files, on: app.db)
            return manifest
        }
    }

    /// `birlik i18n missing`: catalog gaps, and record names without a translation per language.
    public static func missingTranslations(_ configuration: BirlikConfiguration, clock: BirlikClock) async throws -> (catalog: [(key: String, language: Language)], records: [Language: Int]) {
        let records = try await withApplication(configuration, clock: clock) { app in
            try await app.autoMigrate()
            return try await TranslationGaps.count(on: app.db)
        }
        return (L10nCatalog.shared.missing(), records)
    }
}

extension Application {
    /// `true` once the migrations have created the audit log (a command may run before any did).
    func hasAuditLog() async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'audit_head'"
            : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'audit_head' AND table_schema = ANY (current_schemas(false))"
        return try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0 > 0
    }
}

extension JSONEncoder {
    /// Detached signatures: sorted keys, ISO 8601 dates.
    static var signatures: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var signatures: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// A command failed for a reason the user can act on.
public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
