import Foundation

/// Loads tables into an index in bulk: each table is encoded and written as a segment on a background
/// thread while the caller fills the next one, so interning (one core) and encoding (the others) overlap.
/// At most one table waits to be written, which bounds memory to two tables.
public final class CorpusIndexBuilder: @unchecked Sendable {
    private var index: CorpusIndex
    private var failure: CorpusIndexError?
    private let writer = DispatchQueue(label: "birlik.corpus.segment-writer")
    private let slot = DispatchSemaphore(value: 1)

    /// A builder adding segments to `index`.
    public init(_ index: CorpusIndex) {
        self.index = index
    }

    /// Hands `table` over to be written as the next segment, once the previous one is written. The table
    /// must not be changed afterwards.
    public func add(_ table: TokenTable) {
        slot.wait()
        writer.async { [self] in
            defer { slot.signal() }
            guard failure == nil else { return }
            do throws(CorpusIndexError) { index = try index.adding(table) } catch { failure = error }
        }
    }

    /// Waits for every segment to be written and returns the index holding them all.
    public func finish() throws(CorpusIndexError) -> CorpusIndex {
        let (index, failure) = writer.sync { (self.index, self.failure) }
        if let failure { throw failure }
        return index
    }
}
