import Foundation
import NIOConcurrencyHelpers

/// Counts attempts per key (an IP address) in a sliding window; used to slow down password guessing.
final class RateLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let attempts = NIOLockedValueBox([String: [Date]]())

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records an attempt; `false` when the key has used up its attempts in the window.
    func allow(_ key: String, now: Date = Date()) -> Bool {
        attempts.withLockedValue { table in
            var recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
            guard recent.count < limit else {
                table[key] = recent
                return false
            }
            recent.append(now)
            table[key] = recent
            if table.count > 10_000 { table = table.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last!) < window } }
            return true
        }
    }
}
