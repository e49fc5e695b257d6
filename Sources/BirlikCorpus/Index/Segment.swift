import Foundation

/// One immutable part of a corpus index, as written by `SegmentFormat`: documents are added to a corpus
/// as new segments, never by rewriting old ones. Positions here are local to the segment.
final class Segment: Sendable {
    /// The columns of one attribute.
    struct Column: Sendable {
        let lexicon: MappedFile
        let lexiconOffsets: MappedFile
        let ids: MappedFile
        let postingOffsets: MappedFile
        let postings: MappedFile

        /// The number of distinct values.
        var distinct: Int { lexiconOffsets.wordCount - 1 }

        /// The value with id `id`.
        func value(_ id: Int) -> String {
            let start = lexiconOffsets.word(id), end = lexiconOffsets.word(id + 1)
            return String(decoding: UnsafeRawBufferPointer(rebasing: lexicon.bytes[start..<end]), as: UTF8.self)
        }

        /// The id of `value`, by binary search over the byte-ordered lexicon.
        func id(of value: String) -> Int? {
            let key = Array(value.utf8)
            let id = lowerBound(key)
            guard id < distinct else { return nil }
            let stored = UnsafeRawBufferPointer(rebasing: lexicon.bytes[lexiconOffsets.word(id)..<lexiconOffsets.word(id + 1)])
            return stored.elementsEqual(key) ? id : nil
        }

        /// The first id whose value is not below `key` in byte order.
        func lowerBound(_ key: [UInt8]) -> Int {
            var low = 0, high = distinct
            while low < high {
                let middle = (low + high) / 2
                let start = lexiconOffsets.word(middle), end = lexiconOffsets.word(middle + 1)
                if UnsafeRawBufferPointer(rebasing: lexicon.bytes[start..<end]).lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// The ids of the values that start with `prefix`: a contiguous range, since the lexicon is byte-ordered.
        func ids(withPrefix prefix: String) -> Range<Int> {
            let key = Array(prefix.utf8)
            // No UTF-8 byte is 0xFF, so key + [0xFF] sorts after every value with the prefix.
            return lowerBound(key)..<lowerBound(key + [0xFF])
        }

        /// The value id at `position`.
        @inline(__always) func id(at position: Int) -> Int { ids.word(position) }

        /// The range of `postings` holding the positions of value `id`.
        func postingRange(_ id: Int) -> Range<Int> { postingOffsets.word(id)..<postingOffsets.word(id + 1) }
    }

    let name: String
    let attributes: [String]
    let count: Int
    let columns: [Column]
    let sentenceStarts: MappedFile
    let documents: [TokenTable.Document]
    /// Each document's first position and the position after its last, for fast scans.
    let documentStarts: [Int]
    let documentEnds: [Int]

    /// Opens the segment stored in `directory` (or held in `files`, for an index that lives in memory).
    init(name: String, directory: URL?, files: [String: Data] = [:]) throws(CorpusIndexError) {
        func file(_ file: String) throws(CorpusIndexError) -> MappedFile {
            if let directory { return try MappedFile(path: directory.appendingPathComponent(file).path) }
            guard let data = files[file] else { throw .unreadable(file) }
            return MappedFile(data: data)
        }
        let catalogData: Data
        if let directory {
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(SegmentFormat.documents)) else {
                throw .unreadable(SegmentFormat.documents)
            }
            catalogData = data
        } else {
            catalogData = files[SegmentFormat.documents] ?? Data()
        }
        guard let catalog = try? JSONDecoder().decode(SegmentFormat.Catalog.self, from: catalogData) else {
            throw .damaged("\(name)/\(SegmentFormat.documents)")
        }
        self.name = name
        attributes = catalog.attributes
        count = catalog.tokens
        documents = catalog.documents
        documentStarts = catalog.documents.map(\.start)
        documentEnds = catalog.documents.map(\.end)
        var columns: [Column] = []
        for attribute in catalog.attributes {
            let column = Column(lexicon: try file(SegmentFormat.lexicon(attribute)),
                                lexiconOffsets: try file(SegmentFormat.lexiconOffsets(attribute)),
                                ids: try file(SegmentFormat.column(attribute)),
                                postingOffsets: try file(SegmentFormat.postingOffsets(attribute)),
                                postings: try file(SegmentFormat.postings(attribute)))
            guard column.ids.wordCount == count, column.postings.wordCount == count,
                  column.lexiconOffsets.wordCount >= 1, column.postingOffsets.wordCount == column.lexiconOffsets.wordCount,
                  column.lexiconOffsets.word(column.distinct) == column.lexicon.bytes.count else {
                throw .damaged("\(name)/\(attribute)")
            }
            columns.append(column)
        }
        self.columns = columns
        sentenceStarts = try file(SegmentFormat.sentences)
    }

    /// The positions of the sentence holding `position`.
    func sentenceRange(of position: Int) -> Range<Int> {
        var low = 0, high = sentenceStarts.wordCount
        while low < high {
            let middle = (low + high) / 2
            if sentenceStarts.word(middle) <= position { low = middle + 1 } else { high = middle }
        }
        let start = low > 0 ? sentenceStarts.word(low - 1) : 0
        let end = low < sentenceStarts.wordCount ? sentenceStarts.word(low) : count
        return start..<end
    }

    /// The index (in `documents`) of the document holding `position`.
    func documentIndex(of position: Int) -> Int? {
        var low = 0, high = documents.count
        while low < high {
            let middle = (low + high) / 2
            if documentEnds[middle] <= position { low = middle + 1 } else { high = middle }
        }
        return low < documents.count && documentStarts[low] <= position ? low : nil
    }
}
