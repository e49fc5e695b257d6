import Atomics
import FluentKit

/// What one application's database holds beside its connections: the lock that serialises its audited
/// writes and the number of audited changes committed through it. The database configuration carries
/// it (`DatabaseBackend.configuration(gate:)`), so two applications in one process share nothing. The
/// charity ledger's Merkle tree is kept here too, beside the database it mirrors.
public final class AuditGate: Sendable {
    let lock = SerialLock()
    private let committed = ManagedAtomic<Int>(0)
    let ledgerTree = LedgerTreeCache()

    public init() {}

    /// How many audited transactions have been committed through this gate: anything cached from the
    /// database before the number changed may be stale.
    public var changeCount: Int { committed.load(ordering: .acquiring) }

    func countCommit() { committed.wrappingIncrement(ordering: .releasing) }

    /// Something every cache dated by this gate may show changed without a commit through it (the corpus
    /// index took in texts accepted on another instance): counted as a change, so those caches refill.
    public func noteChangeFromElsewhere() { countCommit() }

    /// The gate of the application `db` belongs to.
    static func of(_ db: any Database) throws -> AuditGate {
        guard let configuration = db.context.configuration as? BirlikDatabaseConfiguration else { throw Missing() }
        return configuration.gate
    }

    /// A database opened without Birlik's configuration: it has no gate, so nothing may be written to it.
    struct Missing: Error, CustomStringConvertible {
        var description: String { "the database was not opened through DatabaseBackend.configuration(gate:)" }
    }
}
