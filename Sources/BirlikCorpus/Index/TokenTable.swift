import Foundation

/// The tokens of a corpus with their attributes (word form, lowercase form, lemma, part of speech, tags):
/// per attribute, one lexicon of distinct values and one value id per corpus position; sentence and
/// document boundaries beside them. Queries compare a pattern once per distinct value, never once per token.
public struct TokenTable: Sendable {
    /// One document: its positions and its metadata (title, author, year, genre, source, licence …).
    public struct Document: Sendable, Hashable, Codable {
        public var id: String
        public var start: Int
        public var end: Int
        public var metadata: [String: String]
    }

    /// The attributes every token has, in column order.
    public let attributes: [String]
    public private(set) var lexicons: [[String]]
    private var lookup: [[String: Int32]]
    public private(set) var columns: [[Int32]]
    /// The first position of each sentence, ascending.
    public private(set) var sentenceStarts: [Int] = []
    public private(set) var documents: [Document] = []
    public var count: Int { columns.first?.count ?? 0 }

    public static let standardAttributes = ["word", "lower", "lemma", "pos", "tags"]

    public init(attributes: [String] = TokenTable.standardAttributes) {
        self.attributes = attributes
        lexicons = attributes.map { _ in [] }
        lookup = attributes.map { _ in [:] }
        columns = attributes.map { _ in [] }
    }

    /// The column number of an attribute.
    public func column(_ attribute: String) -> Int? { attributes.firstIndex(of: attribute) }

    /// Appends a document: each sentence a list of tokens, each token its attribute values (missing ones empty).
    public mutating func append(document id: String, metadata: [String: String], sentences: [[[String: String]]]) {
        let start = count
        for sentence in sentences where !sentence.isEmpty {
            sentenceStarts.append(count)
            for token in sentence {
                for (column, attribute) in attributes.enumerated() {
                    let value = token[attribute] ?? ""
                    let id: Int32
                    if let known = lookup[column][value] {
                        id = known
                    } else {
                        id = Int32(lexicons[column].count)
                        lexicons[column].append(value)
                        lookup[column][value] = id
                    }
                    columns[column].append(id)
                }
            }
        }
        documents.append(Document(id: id, start: start, end: count, metadata: metadata))
    }

    /// The value of `attribute` at `position`.
    public func value(_ attribute: String, at position: Int) -> String? {
        guard let column = column(attribute), position >= 0, position < count else { return nil }
        return lexicons[column][Int(columns[column][position])]
    }

    /// The sentence number of a position.
    public func sentence(of position: Int) -> Int {
        var low = 0, high = sentenceStarts.count
        while low < high {
            let middle = (low + high) / 2
            if sentenceStarts[middle] <= position { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    /// The document holding a position.
    public func document(of position: Int) -> Document? {
        var low = 0, high = documents.count
        while low < high {
            let middle = (low + high) / 2
            if documents[middle].end <= position { low = middle + 1 } else { high = middle }
        }
        return low < documents.count && documents[low].start <= position ? documents[low] : nil
    }
}
