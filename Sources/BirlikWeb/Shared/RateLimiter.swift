import Foundation
import NIOConcurrencyHelpers

/// Counts attempts per key (an IP address) in a sliding window; used to slow down password guessing.
final class RateLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let attempts = NIOLockedValueBox([String: [ContinuousClock.Instant]]())

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records an attempt; `false` when the key has used up its attempts in the window (elapsed time, on the
    /// continuous clock).
    func allow(_ key: String, now: ContinuousClock.Instant = .now) -> Bool {
        let window = Duration.milliseconds(Int64(self.window * 1000))
        return attempts.withLockedValue { table in
            var recent = (table[key] ?? []).filter { now - $0 < window }
            guard recent.count < limit else {
                table[key] = recent
                return false
            }
            recent.append(now)
            table[key] = recent
            if table.count > 10_000 { table = table.filter { ($0.value.last).map { now - $0 < window } ?? false } }
            return true
        }
    }
}
