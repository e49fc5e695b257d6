/// Elapsed time for measurements (benchmarks, progress lines), on the continuous clock: a change of the
/// wall clock cannot disturb it, and it is never "now" (that is `BirlikClock`'s).
public struct Stopwatch: Sendable {
    private let start = ContinuousClock.now

    public init() {}

    /// Seconds since the stopwatch was made.
    public var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
