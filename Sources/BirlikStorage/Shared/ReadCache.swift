import Foundation
import NIOConcurrencyHelpers

/// Remembers the results of read queries that many requests repeat (directory counts, the region
/// tree) until an audited change commits in this process, and for `lifetime` at most (changes made
/// by other server instances).
public final class ReadCache<Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var storedAt: Date
        var changeCount: Int
    }

    private let lifetime: TimeInterval
    private let capacity: Int
    private let entries = NIOLockedValueBox([String: Entry]())

    public init(lifetime: TimeInterval = 5, capacity: Int = 2048) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached value for `key`, or the value `load` produces (then kept).
    public func value(_ key: String, now: Date = Date(), load: () async throws -> Value) async throws -> Value {
        let changes = AuditLog.changeCount
        let cached = entries.withLockedValue { table -> Value? in
            guard let entry = table[key], entry.changeCount == changes, now.timeIntervalSince(entry.storedAt) < lifetime else { return nil }
            return entry.value
        }
        if let cached { return cached }
        let value = try await load()
        entries.withLockedValue { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = Entry(value: value, storedAt: now, changeCount: changes)
        }
        return value
    }
}
