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

    /// The files of a segment holding `table`, by name.
    static func encode(_ table: TokenTable) -> [String: Data] {
        var files: [String: Data] = [:]
        for (column, attribute) in table.attributes.enumerated() {
            let lexicon = table.lexicons[column]
            // Values in UTF-8 byte order; old id → rank.
            let order = lexicon.indices.sorted { lexicon[$0].utf8.lexicographicallyPrecedes(lexicon[$1].utf8) }
            var rank = [UInt32](repeating: 0, count: lexicon.count)
            for (newID, oldID) in order.enumerated() { rank[oldID] = UInt32(newID) }
            var bytes = Data()
            var offsets: [UInt32] = [0]
            offsets.reserveCapacity(lexicon.count + 1)
            for oldID in order {
                bytes.append(contentsOf: lexicon[oldID].utf8)
                offsets.append(UInt32(bytes.count))
            }
            let ids = table.columns[column].map { rank[Int($0)] }
            // Counting sort of positions by value id gives every posting list at once, each ascending.
            var starts = [UInt32](repeating: 0, count: lexicon.count + 1)
            for id in ids { starts[Int(id) + 1] += 1 }
            for index in 1..<starts.count { starts[index] += starts[index - 1] }
            var fill = starts
            var postings = [UInt32](repeating: 0, count: ids.count)
            for (position, id) in ids.enumerated() {
                postings[Int(fill[Int(id)])] = UInt32(position)
                fill[Int(id)] += 1
            }
            files[Self.lexicon(attribute)] = bytes
            files[lexiconOffsets(attribute)] = data(offsets)
            files[self.column(attribute)] = data(ids)
            files[postingOffsets(attribute)] = data(starts)
            files[self.postings(attribute)] = data(postings)
        }
        files[sentences] = data(table.sentenceStarts.map { UInt32($0) })
        let catalog = Catalog(attributes: table.attributes, tokens: table.count, documents: table.documents)
        files[documents] = (try? JSONEncoder().encode(catalog)) ?? Data()
        return files
    }

    static func data(_ words: [UInt32]) -> Data {
        words.map(\.littleEndian).withUnsafeBufferPointer { Data(buffer: $0) }
    }
}
