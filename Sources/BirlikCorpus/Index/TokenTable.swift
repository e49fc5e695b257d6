import Foundation

/// The tokens of a batch of documents being indexed, with their attributes (word form, lowercase form,
/// lemma, part of speech, tags); sentence and document boundaries beside them. `CorpusIndex.adding` writes
/// it as a segment.
///
/// A token's attributes mostly come together (a word form brings its lemma and tags along), so a table
/// interns whole tokens: one hash lookup per position finds the token's id, and only a token seen for the
/// first time has its attribute values interned one by one. Each attribute's value ids per position are
/// derived from the token ids when the segment is encoded.
public final class TokenTable: @unchecked Sendable {
    /// One document: its positions and its metadata (title, author, year, genre, source, licence …).
    public struct Document: Sendable, Hashable, Codable {
        public var id: String
        public var start: Int
        public var end: Int
        public var metadata: [String: String]
    }

    /// The attributes every token has, in column order.
    public let attributes: [String]
    /// Per attribute, its distinct values.
    let values: [Interner]
    /// The distinct tokens: every attribute's value, each after its length.
    private let tokens = Interner(capacity: 1 << 16)
    /// Per attribute, the value id of each distinct token.
    private(set) var tokenValues: [[UInt32]]
    /// The distinct token at each position.
    private(set) var positions: [UInt32] = []
    /// The first position of each sentence, ascending.
    public private(set) var sentenceStarts: [Int] = []
    public private(set) var documents: [Document] = []
    public var count: Int { positions.count }

    public static let standardAttributes = ["word", "lower", "lemma", "pos", "tags"]

    public init(attributes: [String] = TokenTable.standardAttributes) {
        self.attributes = attributes
        values = attributes.map { _ in Interner() }
        tokenValues = attributes.map { _ in [] }
    }

    /// Appends a document: each sentence a list of tokens, each token its attribute values by name (missing ones empty).
    public func append(document id: String, metadata: [String: String], sentences: [[[String: String]]]) {
        append(document: id, metadata: metadata, tokens: sentences.map { sentence in sentence.map { token in attributes.map { token[$0] ?? "" } } })
    }

    /// Appends a document: each sentence a list of tokens, each token its attribute values in column order.
    public func append(document id: String, metadata: [String: String], tokens sentences: [[[String]]]) {
        let start = count
        let width = attributes.count
        var key: [UInt8] = []
        key.reserveCapacity(256)
        var ends = [Int](repeating: 0, count: width)
        // The growing arrays are moved into locals for the loop (no exclusivity checks, no copy-on-write).
        var positions: [UInt32] = [], sentenceStarts: [Int] = []
        swap(&positions, &self.positions); swap(&sentenceStarts, &self.sentenceStarts)
        defer { swap(&positions, &self.positions); swap(&sentenceStarts, &self.sentenceStarts) }
        tokens.batch { batch in
            for sentence in sentences where !sentence.isEmpty {
                sentenceStarts.append(positions.count)
                for token in sentence {
                    key.removeAll(keepingCapacity: true)
                    var column = 0
                    for value in token.prefix(width) {
                        Self.append(value, to: &key)
                        ends[column] = key.count
                        column += 1
                    }
                    while column < width {
                        Self.append("", to: &key)
                        ends[column] = key.count
                        column += 1
                    }
                    let (tokenID, added) = key.withUnsafeBufferPointer { batch.intern($0) }
                    if added { addValues(of: key, ends: ends) }
                    positions.append(UInt32(tokenID))
                }
            }
        }
        documents.append(Document(id: id, start: start, end: positions.count, metadata: metadata))
    }

    /// Appends `value` to a token's key: its UTF-8 length as four bytes, then its bytes.
    @inline(__always)
    private static func append(_ value: String, to key: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { key.append(contentsOf: $0) }
            key.append(contentsOf: bytes)
        }
    }

    /// Interns each attribute value of a token seen for the first time.
    private func addValues(of key: [UInt8], ends: [Int]) {
        key.withUnsafeBufferPointer { key in
            for column in ends.indices {
                let valueStart = (column == 0 ? 0 : ends[column - 1]) + 4
                let value = UnsafeBufferPointer(rebasing: key[valueStart..<ends[column]])
                tokenValues[column].append(UInt32(values[column].intern(value).id))
            }
        }
    }
}
