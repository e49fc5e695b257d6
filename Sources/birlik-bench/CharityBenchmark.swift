import BirlikCore
import BirlikStorage
import BirlikWeb
import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// The charity ledger at national scale inside the benchmark process: `birlik ledger verify` against
/// hashing the same bytes with SHA-256 alone, a receipt's inclusion proof, the campaigns' report against
/// one hand-written query.
final class CharityBenchmark: @unchecked Sendable {
    let app: Application
    let directory: String
    let seedSeconds: Double

    static func start(_ configuration: BirlikConfiguration, campaigns: Int, donations: Int, disbursements: Int) async throws -> CharityBenchmark {
        let app = try await BirlikApplication.make(configuration, clock: .system, environment: Environment(name: "production", arguments: ["birlik-bench"]))
        app.logger.logLevel = .error
        do {
            try await Boot.prepare(app, demoPassword: nil)
            let started = Stopwatch()
            try await LedgerScaleSeed.load(campaigns: campaigns, donations: donations, disbursements: disbursements, today: app.birlikClock.today, on: app.db)
            return CharityBenchmark(app: app, directory: configuration.dataDirectory, seedSeconds: started.seconds)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    init(app: Application, directory: String, seedSeconds: Double) { self.app = app; self.directory = directory; self.seedSeconds = seedSeconds }

    /// Seconds of the whole check, seconds of SHA-256 over the same leaves' bytes, and whether it found the ledger whole.
    func verify() async throws -> (verify: Double, hashOnly: Double, entries: Int, problem: String?) {
        try await CharityStore.signTreeHead(dataDirectory: directory, on: app.db, now: app.birlikClock.now)
        let key = try DocumentSignature.publicKey(of: SignedDocuments.privateKey(dataDirectory: directory))
        let stopwatch = Stopwatch()
        let report = try await CharityQueries.verify(trustedKey: key, on: app.db)
        let verifySeconds = stopwatch.seconds
        // The same bytes, read beforehand, hashed as the leaves are.
        var bytes: [Data] = []
        var next = 0
        while true {
            let rows = try await LedgerEntryRecord.query(on: app.db).filter(\.$index >= next).sort(\.$index).limit(50_000).all()
            if rows.isEmpty { break }
            bytes += rows.compactMap(\.entry).map(\.canonicalBytes)
            next = (rows.last?.index ?? next) + 1
        }
        let hashing = Stopwatch()
        var tree = MerkleTree()
        for data in bytes { tree.append(leafHash: MerkleTree.leafHash(data)) }
        let hashSeconds = hashing.seconds
        return (verifySeconds, hashSeconds, report.entries, report.firstProblem ?? (tree.size == report.entries ? nil : "the hashed leaves differ in number"))
    }

    /// Median milliseconds of a receipt's page data (lookup, reversal check, inclusion proof, its check) over `count` random receipts.
    func inclusionProofs(count: Int) async throws -> (median: Double, p99: Double) {
        let references = try await LedgerEntryRecord.query(on: app.db).filter(\.$kind == LedgerEntry.Kind.incomingFunds.rawValue).limit(200_000).all(\.$reference)
        _ = try await CharityQueries.receipt(number: references[0], on: app.db)
        var times: [Double] = []
        for _ in 0..<count {
            let reference = references.randomElement() ?? references[0]
            let stopwatch = Stopwatch()
            let receipt = try await CharityQueries.receipt(number: reference, on: app.db)
            times.append(stopwatch.seconds * 1000)
            precondition(receipt.proofHolds)
        }
        times.sort()
        return (times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)])
    }

    /// Birlik's campaigns report (every campaign with raised, spent, donations) against one hand-written query.
    func report() async throws -> (birlik: Double, handWritten: Double, agree: Bool) {
        var figures: [CharityQueries.Figures] = []
        let birlik = try await AppealsBenchmark.median { figures = try await CharityQueries.campaigns(on: app.db) }
        let sql = app.db as! any SQLDatabase
        var rows: [String: Int64] = [:]
        let handWritten = try await AppealsBenchmark.median {
            rows = [:]
            for row in try await sql.raw("""
                SELECT c.code, CAST(SUM(CASE WHEN e.kind = 'incomingFunds' THEN e.amount_tiyn ELSE 0 END) AS BIGINT) AS raised
                FROM charity_campaigns c LEFT JOIN ledger_entries e ON e.campaign_id = c.id GROUP BY c.code
                """).all() {
                rows[try row.decode(column: "code", as: String.self)] = try row.decode(column: "raised", as: Int64?.self) ?? 0
            }
        }
        let agree = figures.count == rows.count && figures.allSatisfy { rows[$0.campaign.code] == $0.raised.tiyn }
        return (birlik, handWritten, agree)
    }

    func stop() async throws { try await app.asyncShutdown() }
}
