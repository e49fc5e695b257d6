import Foundation

/// The tokens of a batch of documents being indexed, with their attributes (word form, lowercase form,
/// lemma, part of speech, tags): per attribute, the distinct values and one value id per position;
/// sentence and document boundaries beside them. `CorpusIndex.adding` writes it as a segment.
/// A table is filled by one thread at a time (its attributes are interned in parallel inside `append`).
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
    let interners: [Interner]
    /// The first position of each sentence, ascending.
    public private(set) var sentenceStarts: [Int] = []
    public private(set) var documents: [Document] = []
    public var count: Int { interners.first?.ids.count ?? 0 }

    public static let standardAttributes = ["word", "lower", "lemma", "pos", "tags"]

    public init(attributes: [String] = TokenTable.standardAttributes) {
        self.attributes = attributes
        interners = attributes.map { _ in Interner() }
    }

    /// Appends a document: each sentence a list of tokens, each token its attribute values by name (missing ones empty).
    public func append(document id: String, metadata: [String: String], sentences: [[[String: String]]]) {
        append(document: id, metadata: metadata, tokens: sentences.map { sentence in sentence.map { token in attributes.map { token[$0] ?? "" } } })
    }

    /// Appends a document: each sentence a list of tokens, each token its attribute values in column order.
    public func append(document id: String, metadata: [String: String], tokens sentences: [[[String]]]) {
        let start = count
        var position = start
        for sentence in sentences where !sentence.isEmpty {
            sentenceStarts.append(position)
            position += sentence.count
        }
        // One flat list of values per attribute, so that each parallel task reads only its own.
        let width = interners.count
        var values = [[String]](repeating: [], count: width)
        for column in 0..<width { values[column].reserveCapacity(position - start) }
        for sentence in sentences {
            for token in sentence {
                for column in 0..<width { values[column].append(column < token.count ? token[column] : "") }
            }
        }
        let interners = self.interners
        let columns = values
        let work: @Sendable (Int) -> Void = { column in interners[column].append(contentsOf: columns[column]) }
        if position - start >= 1_000, width > 1 {
            DispatchQueue.concurrentPerform(iterations: width, execute: work)
        } else {
            for column in 0..<width { work(column) }
        }
        documents.append(Document(id: id, start: start, end: count, metadata: metadata))
    }
}
