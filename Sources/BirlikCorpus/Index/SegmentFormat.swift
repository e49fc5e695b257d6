import Foundation

/// The files of one index segment. Per attribute `a`:
/// - `a.lex`: the distinct values, UTF-8, concatenated in byte order (so a value's id is its rank);
/// - `a.lexoff`: n + 1 little-endian u32 byte offsets into `a.lex`;
/// - `a.col`: one u32 value id per token position;
/// - `a.postoff`: n + 1 u32 offsets into `a.post`;
/// - `a.post`: for each value id in turn, the positions holding it, ascending (a positional inverted index).
/// Beside them, `sentences.u32` (the first position of each sentence) and `documents.json`.
enum SegmentFormat {
    static let sentences = "sentences.u32"
    static let documents = "documents.json"
    static func lexicon(_ attribute: String) -> String { "\(attribute).lex" }
    static func lexiconOffsets(_ attribute: String) -> String { "\(attribute).lexoff" }
    static func column(_ attribute: String) -> String { "\(attribute).col" }
    static func postingOffsets(_ attribute: String) -> String { "\(attribute).postoff" }
    static func postings(_ attribute: String) -> String { "\(attribute).post" }

    /// What `documents.json` holds: the attribute names and the documents with segment-local positions.
    struct Catalog: Codable {
        var attributes: [String]
        var tokens: Int
        var documents: [TokenTable.Document]
    }

    /// The files of a segment holding `table`, by name. Attributes are encoded in parallel.
    static func encode(_ table: TokenTable) -> [String: Data] {
        let results = ParallelResults<[String: Data]>(count: table.attributes.count, initial: [:])
        DispatchQueue.concurrentPerform(iterations: table.attributes.count) { column in
            results.set(column, encode(table.values[column], tokenValues: table.tokenValues[column], positions: table.positions,
                                       attribute: table.attributes[column]))
        }
        var files: [String: Data] = [:]
        for result in results.values { files.merge(result) { $1 } }
        files[sentences] = data(table.sentenceStarts.map { UInt32($0) })
        let catalog = Catalog(attributes: table.attributes, tokens: table.count, documents: table.documents)
        files[documents] = (try? JSONEncoder().encode(catalog)) ?? Data()
        return files
    }

    /// The five files of one attribute: its distinct values, the value of each distinct token, and the
    /// distinct token at each position.
    static func encode(_ interner: Interner, tokenValues: [UInt32], positions: [UInt32], attribute: String) -> [String: Data] {
        let distinct = interner.distinct
        // Values in UTF-8 byte order; old id → rank.
        let order = interner.pool.withUnsafeBufferPointer { pool in
            let starts = interner.starts
            return (0..<distinct).sorted { a, b in
                UnsafeBufferPointer(rebasing: pool[starts[a]..<starts[a + 1]])
                    .lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: pool[starts[b]..<starts[b + 1]]))
            }
        }
        var rank = [UInt32](repeating: 0, count: distinct)
        for (newID, oldID) in order.enumerated() { rank[oldID] = UInt32(newID) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(interner.pool.count)
        var offsets: [UInt32] = [0]
        offsets.reserveCapacity(distinct + 1)
        for oldID in order {
            interner.withBytes(oldID) { bytes.append(contentsOf: $0) }
            offsets.append(UInt32(bytes.count))
        }
        // The column and the postings are written straight into the buffers the files are made of: no zeroing
        // and no copy of the two largest arrays.
        let count = positions.count
        let ids = WordBuffer(count: count)
        let tokenRank = tokenValues.map { rank[Int($0)] }
        tokenRank.withUnsafeBufferPointer { tokenRank in
            positions.withUnsafeBufferPointer { positions in
                for position in 0..<count { ids.words[position] = tokenRank[Int(positions[position])] }
            }
        }
        // Counting sort of positions by value id gives every posting list at once, each ascending.
        var starts = [UInt32](repeating: 0, count: distinct + 1)
        for position in 0..<count { starts[Int(ids.words[position]) + 1] += 1 }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var fill = starts
        let postings = WordBuffer(count: count)
        fill.withUnsafeMutableBufferPointer { fill in
            for position in 0..<count {
                let id = Int(ids.words[position])
                postings.words[Int(fill[id])] = UInt32(position)
                fill[id] += 1
            }
        }
        return [lexicon(attribute): Data(bytes), lexiconOffsets(attribute): data(offsets), column(attribute): ids.data(),
                postingOffsets(attribute): data(starts), self.postings(attribute): postings.data()]
    }

    /// Little-endian u32 words in memory of their own, handed to `Data` without a copy.
    struct WordBuffer {
        let words: UnsafeMutableBufferPointer<UInt32>
        let count: Int

        init(count: Int) {
            self.count = count
            words = .allocate(capacity: max(count, 1))
        }

        /// The words as file contents; the `Data` frees the memory.
        func data() -> Data {
            Data(bytesNoCopy: words.baseAddress!, count: count * 4, deallocator: .custom { pointer, _ in pointer.deallocate() })
        }
    }

    static func data(_ words: [UInt32]) -> Data {
        // Little-endian on disk; every platform Birlik runs on is little-endian, so no conversion is needed.
        words.withUnsafeBufferPointer { Data(buffer: $0) }
    }
}

/// One slot per parallel task. Writes take a lock: even writes to distinct slots mutate the one array
/// (its uniqueness check and mutation marks), which concurrent tasks must not do at once.
final class ParallelResults<Value>: @unchecked Sendable {
    private var slots: [Value]
    private let lock = NSLock()

    init(count: Int, initial: Value) { slots = Array(repeating: initial, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
