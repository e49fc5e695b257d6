import Foundation
import NIOConcurrencyHelpers

/// Remembers the results of read queries that many requests repeat (directory counts, the region
/// tree) until an audited change commits through the application's `AuditGate`, and for `lifetime`
/// at most (changes made by other server instances).
public final class ReadCache<Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var storedAt: ContinuousClock.Instant
        var changeCount: Int
    }

    private let lifetime: TimeInterval
    private let capacity: Int
    private let entries = NIOLockedValueBox([String: Entry]())
    private let gate: AuditGate

    public init(lifetime: TimeInterval = 5, capacity: Int = 2048, gate: AuditGate) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.gate = gate
    }

    /// Requests waiting for a value another request is loading, by change count and key.
    private let flights = NIOLockedValueBox([String: [CheckedContinuation<Value?, any Error>]]())

    /// The cached value for `key`, or the value `load` produces (then kept). Concurrent misses of one
    /// key load once: the others wait for that load and share its value (or its error).
    public func value(_ key: String, now: ContinuousClock.Instant = .now, load: () async throws -> Value) async throws -> Value {
        let changes = gate.changeCount
        if let cached = lookup(key, changes: changes, now: now) { return cached }
        let flight = "\(changes)|\(key)"
        let leads = flights.withLockedValue { table -> Bool in
            if table[flight] != nil { return false }
            table[flight] = []
            return true
        }
        if !leads {
            // While one request refreshes a value that merely aged, the others keep the aged one.
            if let aged = lookup(key, changes: changes, now: now, ignoringAge: true) { return aged }
            let shared: Value? = try await withCheckedThrowingContinuation { continuation in
                let queued = flights.withLockedValue { table -> Bool in
                    guard table[flight] != nil else { return false }
                    table[flight]!.append(continuation)
                    return true
                }
                if !queued { continuation.resume(returning: nil) }
            }
            if let shared { return shared }
            if let cached = lookup(key, changes: changes, now: now) { return cached }
            return try await load()
        }
        do {
            let value = try await load()
            entries.withLockedValue { table in
                if table.count >= capacity { table.removeAll(keepingCapacity: true) }
                table[key] = Entry(value: value, storedAt: now, changeCount: changes)
            }
            for waiter in flights.withLockedValue({ $0.removeValue(forKey: flight) ?? [] }) { waiter.resume(returning: value) }
            return value
        } catch {
            for waiter in flights.withLockedValue({ $0.removeValue(forKey: flight) ?? [] }) { waiter.resume(throwing: error) }
            throw error
        }
    }

    private func lookup(_ key: String, changes: Int, now: ContinuousClock.Instant, ignoringAge: Bool = false) -> Value? {
        entries.withLockedValue { table -> Value? in
            guard let entry = table[key], entry.changeCount == changes,
                  ignoringAge || now - entry.storedAt < .milliseconds(Int64(lifetime * 1000)) else { return nil }
            return entry.value
        }
    }

}
