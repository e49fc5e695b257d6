import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor
@testable import BirlikWeb

/// `birlik import values` killed with SIGKILL in the middle of a long import: the database is exactly as
/// it was before, and its audit chain is whole. Then the same file imports completely.
@Suite("An interrupted import", .enabled(if: birlikBinary != nil), .serialized)
struct ImportInterruptionTests {
    /// A large valid CSV: monthly indicators of every region over a century of months.
    static func bigFile(_ url: URL) throws -> Int {
        var text = "element,period,place,sex,value\n"
        var rows = 0
        let regions = ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }.map(\.code)
        for year in 1990...2089 {
            for month in 1...12 {
                let period = String(format: "%04d-%02d", year, month)
                for region in regions {
                    for element in ["events.count", "mediation.cases", "mediation.agreements"] { text += "\(element),\(period),\(region),,\(rows % 50)\n"; rows += 1 }
                    for sex in ["f", "m"] { text += "events.participants,\(period),\(region),\(sex),\(rows % 900)\n"; rows += 1 }
                }
            }
        }
        try Data(text.utf8).write(to: url)
        return rows
    }

    static func run(_ binary: String, _ arguments: [String], environment: [String: String], progress: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = progress ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("SIGKILL mid-import leaves the database as before; the same file then imports whole", arguments: TestBackend.enabled)
    func killed(backend: TestBackend) async throws {
        let binary = try #require(birlikBinary)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var environment = ["BIRLIK_DATA_DIR": directory.path, "BIRLIK_BCRYPT_COST": "4", "BIRLIK_TODAY": TestClock.today.description]
        if backend == .postgres, let url = TestBackend.postgresURL {
            // A database of its own, so the test owns every row in it.
            let name = "birlik_kill_\(UInt32.random(in: 0..<UInt32.max))"
            try await withBirlik(.postgres, demo: false, seed: false) { app in
                try await (app.db as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: name)").run()
            }
            environment["DATABASE_URL"] = url.components(separatedBy: "/").dropLast().joined(separator: "/") + "/" + name
        }
        let seed = try Self.run(binary, ["seed"], environment: environment)
        seed.waitUntilExit()
        #expect(seed.terminationStatus == 0)
        let file = directory.appendingPathComponent("big.csv")
        let rows = try Self.bigFile(file)
        func count() async throws -> (values: Int, audit: Int) {
            var configuration = BirlikConfiguration(dataDirectory: directory.path)
            if let url = environment["DATABASE_URL"] { configuration.database = .from(databaseURL: url, dataDirectory: directory.path) }
            return try await Commands.withApplication(configuration, clock: TestClock.clock) { app in
                let sql = app.db as! any SQLDatabase
                let values = try #require(try await sql.raw("SELECT COUNT(*) AS n FROM data_values").first()).decode(column: "n", as: Int.self)
                let audit = try #require(try await sql.raw("SELECT COUNT(*) AS n FROM audit_log").first()).decode(column: "n", as: Int.self)
                return (values, audit)
            }
        }
        let before = try await count()
        // Kill it once it reports 20,000 rows read: by then it has written 18,000 of them in its transaction.
        let progress = Pipe()
        let importing = try Self.run(binary, ["import", "values", file.path], environment: environment, progress: progress)
        var seen = ""
        while importing.isRunning, !seen.contains("20000 rows") {
            seen += String(decoding: progress.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(importing.isRunning, "the import finished before it could be interrupted")
        kill(importing.processIdentifier, SIGKILL)
        importing.waitUntilExit()
        let after = try await count()
        #expect(after.values == before.values && after.audit == before.audit)
        let verify = try Self.run(binary, ["audit", "verify"], environment: environment)
        verify.waitUntilExit()
        #expect(verify.terminationStatus == 0)
        let again = try Self.run(binary, ["import", "values", file.path], environment: environment)
        again.waitUntilExit()
        #expect(again.terminationStatus == 0)
        #expect(try await count().values == before.values + rows)
    }

    @Test("SIGKILL mid-way through a bank statement's import leaves the ledger, its tree and the audit chain as before; the same file then imports whole", arguments: TestBackend.enabled)
    func ledgerKilled(backend: TestBackend) async throws {
        let binary = try #require(birlikBinary)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-kill-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var environment = ["BIRLIK_DATA_DIR": directory.path, "BIRLIK_BCRYPT_COST": "4", "BIRLIK_TODAY": TestClock.today.description]
        if backend == .postgres, let url = TestBackend.postgresURL {
            let name = "birlik_kill_\(UInt32.random(in: 0..<UInt32.max))"
            try await withBirlik(.postgres, demo: false, seed: false) { app in
                try await (app.db as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: name)").run()
            }
            environment["DATABASE_URL"] = url.components(separatedBy: "/").dropLast().joined(separator: "/") + "/" + name
        }
        let seed = try Self.run(binary, ["seed", "--demo"], environment: environment)
        seed.waitUntilExit()
        #expect(seed.terminationStatus == 0)
        // A year of a busy campaign's statement: 20,000 transfers up to the test day, the commands' today.
        let today = TestClock.today
        let file = directory.appendingPathComponent("statement.csv")
        var text = "Күні,Сома,Төлеуші\n"
        let rows = 20_000
        for row in 0..<rows { text += "\(today.adding(days: -(row % 300)).dotted),\(100 + row % 900),\(row % 7 == 0 ? "" : "Донор \(row)")\n" }
        try Data(text.utf8).write(to: file)
        var configuration = BirlikConfiguration(dataDirectory: directory.path)
        if let url = environment["DATABASE_URL"] { configuration.database = .from(databaseURL: url, dataDirectory: directory.path) }
        let code = try await Commands.withApplication(configuration, clock: TestClock.clock) { app in
            try #require(try await CampaignRecord.query(on: app.db).all().first { $0.code.hasPrefix("C-") }?.code)
        }
        func state() async throws -> (entries: Int, audit: Int, root: String) {
            try await Commands.withApplication(configuration, clock: TestClock.clock) { app in
                let sql = app.db as! any SQLDatabase
                let entries = try #require(try await sql.raw("SELECT COUNT(*) AS n FROM ledger_entries").first()).decode(column: "n", as: Int.self)
                let audit = try #require(try await sql.raw("SELECT COUNT(*) AS n FROM audit_log").first()).decode(column: "n", as: Int.self)
                return (entries, audit, Hashing.hex(try await CharityQueries.tree(on: app.db).root()))
            }
        }
        let before = try await state()
        let progress = Pipe()
        let importing = try Self.run(binary, ["ledger", "import", "--campaign", code, file.path], environment: environment, progress: progress)
        var seen = ""
        while importing.isRunning, !seen.contains("4000 donations") {
            seen += String(decoding: progress.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(importing.isRunning, "the import finished before it could be interrupted")
        kill(importing.processIdentifier, SIGKILL)
        importing.waitUntilExit()
        let after = try await state()
        #expect(after.entries == before.entries && after.audit == before.audit && after.root == before.root)
        for command in [["ledger", "verify"], ["audit", "verify"]] {
            let verify = try Self.run(binary, command, environment: environment)
            verify.waitUntilExit()
            #expect(verify.terminationStatus == 0, "\(command)")
        }
        let again = try Self.run(binary, ["ledger", "import", "--campaign", code, file.path], environment: environment)
        again.waitUntilExit()
        #expect(again.terminationStatus == 0)
        #expect(try await state().entries == before.entries + rows)
        let verify = try Self.run(binary, ["ledger", "verify"], environment: environment)
        verify.waitUntilExit()
        #expect(verify.terminationStatus == 0)
    }
}
