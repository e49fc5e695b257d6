import Foundation

/// Checks that the audit log is whole: no line changed, removed or slipped in behind Birlik's back.
public enum AuditChain {
    /// What `verify` found.
    public struct Report: Sendable, Equatable {
        /// How many entries were checked.
        public var checked: Int
        /// The first entry that breaks the chain, and why; `nil` when the chain is whole.
        public var firstBroken: (sequence: Int, reason: Reason)?

        public var isWhole: Bool { firstBroken == nil }

        public static func == (lhs: Report, rhs: Report) -> Bool {
            lhs.checked == rhs.checked && lhs.firstBroken?.sequence == rhs.firstBroken?.sequence
                && lhs.firstBroken?.reason == rhs.firstBroken?.reason
        }
    }

    public enum Reason: String, Sendable, Equatable {
        /// The entry's content no longer matches its own hash: it was edited.
        case contentChanged = "content changed"
        /// The entry does not point at the hash of the entry before it: a line before it was changed or inserted.
        case linkBroken = "link to the previous entry broken"
        /// A sequence number is missing or repeated: a line was deleted or inserted.
        case sequenceGap = "sequence number missing or repeated"
        /// The last entry is not the head Birlik recorded: lines were removed from the end.
        case headMismatch = "last entry does not match the recorded head"
        /// A signed checkpoint names an entry the log no longer has: the log was emptied or cut short.
        case checkpointMissing = "an entry a signed checkpoint names is missing (the log was emptied or cut short)"
        /// A signed checkpoint names an entry whose hash is now another: the log was rebuilt.
        case checkpointMismatch = "an entry differs from the one a signed checkpoint names (the log was rebuilt)"
        /// A checkpoint's signature is not Birlik's: the checkpoint file was forged.
        case checkpointForged = "a checkpoint is not signed with Birlik's key"
        /// The log is empty while the database holds data that only audited changes can have written.
        case emptyWithData = "the log is empty, yet the database holds data"
    }

    /// Checks the chain's entries against signed checkpoints: each must be signed with `trustedKey` and
    /// name an entry that still exists with the same hash. `hashes` maps sequence numbers to hashes.
    public static func verify(checkpoints: [AuditCheckpoint], hashes: [Int: String], trustedKey: Data) -> (sequence: Int, reason: Reason)? {
        for checkpoint in checkpoints.sorted(by: { $0.sequence < $1.sequence }) {
            guard checkpoint.isSigned(by: trustedKey) else { return (checkpoint.sequence, .checkpointForged) }
            guard checkpoint.sequence > 0 else { continue }
            guard let hash = hashes[checkpoint.sequence] else { return (checkpoint.sequence, .checkpointMissing) }
            guard hash == checkpoint.hash else { return (checkpoint.sequence, .checkpointMismatch) }
        }
        return nil
    }

    /// Verifies `entries` (in sequence order) and, when given, the recorded head (last sequence and hash).
    public static func verify(_ entries: [AuditEntry], head: (sequence: Int, hash: String)? = nil) -> Report {
        var previous: AuditEntry?
        for entry in entries {
            let expected = (previous?.sequence ?? 0) + 1
            if entry.sequence != expected {
                return Report(checked: entries.count, firstBroken: (min(entry.sequence, expected), .sequenceGap))
            }
            if entry.computedHash != entry.hash {
                return Report(checked: entries.count, firstBroken: (entry.sequence, .contentChanged))
            }
            if entry.previousHash != (previous?.hash ?? AuditEntry.genesisHash) {
                return Report(checked: entries.count, firstBroken: (entry.sequence, .linkBroken))
            }
            previous = entry
        }
        if let head, head.sequence != (previous?.sequence ?? 0) || head.hash != (previous?.hash ?? AuditEntry.genesisHash) {
            return Report(checked: entries.count, firstBroken: ((previous?.sequence ?? 0) + 1, .headMismatch))
        }
        return Report(checked: entries.count, firstBroken: nil)
    }
}
