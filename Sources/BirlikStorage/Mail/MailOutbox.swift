import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// A row of `mail_outbox`: one e-mail to send.
public final class OutboxRecord: Model, @unchecked Sendable {
    public static let schema = "mail_outbox"

    @ID(key: .id) public var id: UUID?
    @Field(key: "recipient") public var recipient: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "kind") public var kind: String
    @Field(key: "dedupe_key") public var dedupeKey: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    @OptionalField(key: "claimed_until") public var claimedUntil: Date?
    @OptionalField(key: "sent_at") public var sentAt: Date?
    @Field(key: "last_error") public var lastError: String

    public init() {}
}

/// The durable outbox of e-mail notices. A notice is written in the same transaction as the change it
/// tells of, so a change never goes without its notice nor a notice without its change; senders claim rows
/// with a lease (one conditional UPDATE, so two instances never claim one row), send, and mark them sent.
/// A server that stops between sending and marking sends that one message again after the lease: at least
/// once, never lost.
public enum MailOutbox {
    /// The most attempts before a message is given up (its last error stays on the row).
    public static let maximumAttempts = 8

    /// Queues `message` inside an audited change, unless one with `dedupe` exists or the address cannot
    /// take mail; `true` when queued.
    @discardableResult
    public static func enqueue(_ message: MailMessage, kind: String, dedupe: String, audit: AuditWriter) async throws -> Bool {
        guard MailMessage.isSendable(message.to),
              try await OutboxRecord.query(on: audit.db).filter(\.$dedupeKey == dedupe).count() == 0 else { return false }
        let record = OutboxRecord()
        record.id = UUID(); record.recipient = message.to; record.subject = message.subject; record.body = message.body; record.kind = kind
        record.dedupeKey = dedupe; record.createdAt = audit.now; record.attempts = 0; record.nextAttemptAt = audit.now; record.lastError = ""
        try await record.create(on: audit.db)
        return true
    }

    /// A message claimed for sending.
    public struct Claimed: Sendable {
        public var id: UUID
        public var message: MailMessage
        public var attempts: Int
    }

    /// Claims up to `limit` messages due now for `lease` seconds.
    public static func claim(limit: Int = 20, lease: TimeInterval = 120, now: Date, on db: any Database) async throws -> [Claimed] {
        let candidates = try await OutboxRecord.query(on: db).filter(\.$sentAt == nil).filter(\.$nextAttemptAt <= now)
            .filter(\.$attempts < maximumAttempts).group(.or) { $0.filter(\.$claimedUntil == nil).filter(\.$claimedUntil < now) }
            .sort(\.$createdAt).limit(limit).all()
        let sql = db as! any SQLDatabase
        var claimed: [Claimed] = []
        for row in candidates {
            guard let id = row.id else { continue }
            let won = try await sql.raw("""
                UPDATE \(ident: OutboxRecord.schema) SET claimed_until = \(bind: now.addingTimeInterval(lease)), attempts = attempts + 1
                WHERE id = \(bind: id) AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < \(bind: now)) RETURNING id
                """).all()
            if !won.isEmpty {
                claimed.append(Claimed(id: id, message: MailMessage(to: row.recipient, subject: row.subject, body: row.body), attempts: row.attempts + 1))
            }
        }
        return claimed
    }

    /// Records what came of a run: the sent rows and the failed ones (tried again later, backing off).
    public static func settle(sent: [UUID], failed: [(id: UUID, attempts: Int, error: String)], now: Date, on db: any Database) async throws {
        guard !sent.isEmpty || !failed.isEmpty else { return }
        try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            if !sent.isEmpty {
                try await OutboxRecord.query(on: audit.db).filter(\.$id ~~ sent).set(\.$sentAt, to: now).set(\.$claimedUntil, to: nil).update()
            }
            for failure in failed {
                try await OutboxRecord.query(on: audit.db).filter(\.$id == failure.id)
                    .set(\.$lastError, to: String(failure.error.prefix(500))).set(\.$claimedUntil, to: nil)
                    .set(\.$nextAttemptAt, to: now.addingTimeInterval(TimeInterval(60 * failure.attempts * failure.attempts))).update()
            }
            try await audit.record("send", "mail", id: Day(now).description, before: Nothing?.none,
                                   after: ["sent": sent.count, "failed": failed.count])
        }
    }

    /// How many messages wait to be sent (for the health page and tests).
    public static func pending(on db: any Database) async throws -> Int {
        try await OutboxRecord.query(on: db).filter(\.$sentAt == nil).filter(\.$attempts < maximumAttempts).count()
    }
}
