import BirlikCore
import BirlikStorage
import Foundation
import Vapor

/// Sends the outbox: claims what is due (a lease no other instance can take), sends it over one SMTP
/// connection, and records what went and what failed. Runs every few seconds on each `birlik serve` with
/// `BIRLIK_SMTP_URL` set, and once with `birlik mail`.
public enum MailDispatcher {
    /// One run; returns how many messages the server took.
    @discardableResult
    public static func run(_ app: Application, now: Date) async throws -> Int {
        guard let settings = app.birlik.configuration.mail else { return 0 }
        let claimed = try await MailOutbox.claim(now: now, on: app.db)
        guard !claimed.isEmpty else { return 0 }
        var failures: [String: String]
        do {
            failures = try await SMTPClient(settings: settings).send(claimed.map { ($0.id.uuidString, $0.message) }, now: now)
        } catch {
            // No conversation at all (the server is down): every claimed message waits for the next attempt.
            failures = Dictionary(uniqueKeysWithValues: claimed.map { ($0.id.uuidString, "\(error)") })
        }
        let sent = claimed.filter { failures[$0.id.uuidString] == nil }.map(\.id)
        let failed = claimed.compactMap { item in failures[item.id.uuidString].map { (id: item.id, attempts: item.attempts, error: $0) } }
        try await MailOutbox.settle(sent: sent, failed: failed, now: now, on: app.db)
        if !failed.isEmpty { app.logger.warning("mail not sent", metadata: ["count": "\(failed.count)", "error": "\(failed[0].error)"]) }
        return sent.count
    }

    /// The schedule of a server with mail configured (none otherwise).
    static func schedule(_ app: Application, clock: BirlikClock, every seconds: Int) -> Task<Void, Never>? {
        guard app.birlik.configuration.mail != nil else { return nil }
        return Task {
            while !Task.isCancelled {
                do { try await run(app, now: clock.now) } catch { app.logger.error("mail dispatch failed", metadata: ["error": "\(error)"]) }
                try? await Task.sleep(nanoseconds: UInt64(seconds) * 1_000_000_000)
            }
        }
    }
}
