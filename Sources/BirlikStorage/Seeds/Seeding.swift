import BirlikCore
import FluentKit

/// What a migrated database is given before it serves: the reference data, then (when asked) the demo
/// set, then the planner's statistics. The server's start and the storage tests call the same steps.
public enum Seeding {
    /// With `demoPassword`, the demo set is loaded (into a database that has none) with that password.
    public static func load(clock: BirlikClock, hasher: any PasswordHashing, demoPassword: String?, on db: any Database) async throws {
        try await ReferenceSeed.load(now: clock.now, on: db)
        if let demoPassword { try await DemoSeed.load(hasher: hasher, clock: clock, password: demoPassword, on: db) }
        try await PlannerStatistics.refresh(on: db)
    }
}
