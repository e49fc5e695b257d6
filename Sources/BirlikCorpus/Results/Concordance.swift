import Foundation

/// A KWIC concordance line: the left context, the match and the right context, with the document.
public struct ConcordanceLine: Sendable, Hashable, Codable {
    public var document: String
    public var position: Int
    public var left: String
    public var match: String
    public var right: String
}

/// Concordances, frequency lists and collocations over the matches of a search.
public enum CorpusResults {
    /// How concordance lines are ordered.
    public enum Sort: String, Sendable, CaseIterable {
        /// In corpus order.
        case position
        /// By the words just before the match, nearest first.
        case left
        /// By the words just after the match.
        case right
        /// By a metadata attribute of the document (year, genre …), then position.
        case metadata
    }

    /// KWIC lines with `context` tokens on each side (never crossing a document), sorted, one page of them.
    public static func concordance(_ matches: [CQPSearch.Match], in table: CorpusIndex, attribute: String = "word", context: Int = 5,
                                   sort: Sort = .position, metadata: String? = nil, page: Int = 0, perPage: Int = 50) -> [ConcordanceLine] {
        func text(_ range: Range<Int>) -> [String] { range.compactMap { table.value(attribute, at: $0) } }
        var lines: [(ConcordanceLine, key: [String])] = matches.compactMap { match in
            guard let document = table.document(of: match.start) else { return nil }
            let left = text(max(document.start, match.start - context)..<match.start)
            let right = text(match.end..<min(document.end, match.end + context))
            let key: [String]
            switch sort {
            case .position: key = []
            case .left: key = left.reversed().map { $0.lowercased() }
            case .right: key = right.map { $0.lowercased() }
            case .metadata: key = [metadata.flatMap { document.metadata[$0] } ?? ""]
            }
            return (ConcordanceLine(document: document.id, position: match.start, left: left.joined(separator: " "),
                                    match: text(match.start..<match.end).joined(separator: " "), right: right.joined(separator: " ")), key)
        }
        if sort != .position {
            lines.sort { a, b in
                for (x, y) in zip(a.key, b.key) where x != y { return x < y }
                return a.key.count != b.key.count ? a.key.count < b.key.count : a.0.position < b.0.position
            }
        }
        // Page and size are bounded before they are multiplied: no page number can overflow the offset.
        let size = min(max(perPage, 1), 1_000)
        let start = min(max(page, 0), lines.count / size + 1) * size
        return start < lines.count ? lines[start..<min(lines.count, start + size)].map(\.0) : []
    }

    /// A random sample of `size` matches, the same for the same seed.
    public static func sample(_ matches: [CQPSearch.Match], size: Int, seed: UInt64) -> [CQPSearch.Match] {
        guard matches.count > size else { return matches }
        var state = seed
        var pool = matches
        for index in 0..<size {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let pick = index + Int((state >> 33) % UInt64(pool.count - index))
            pool.swapAt(index, pick)
        }
        return Array(pool[0..<size]).sorted { $0.start < $1.start }
    }

    /// How often each value of `attribute` (over the matches' tokens), or of a document metadata field, occurs; most frequent first.
    public static func frequencies(_ matches: [CQPSearch.Match], in table: CorpusIndex, attribute: String) -> [(value: String, count: Int)] {
        var counts: [String: Int] = [:]
        let isToken = table.column(attribute) != nil
        for match in matches {
            if isToken {
                let key = (match.start..<match.end).compactMap { table.value(attribute, at: $0) }.joined(separator: " ")
                counts[key, default: 0] += 1
            } else if let document = table.document(of: match.start) {
                counts[document.metadata[attribute] ?? "", default: 0] += 1
            }
        }
        return counts.map { ($0.key, $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    }

    /// A collocate of the node (the matches) within a window, with the usual association measures.
    public struct Collocate: Sendable, Hashable, Codable {
        public var value: String
        /// Times it occurs in the window around the node.
        public var cooccurrences: Int
        /// Times it occurs in the corpus.
        public var frequency: Int
        /// Mutual information: log2(O · N ÷ (f(node) · f(collocate) · window)).
        public var mutualInformation: Double
        /// t-score: (O − E) ÷ √O.
        public var tScore: Double
        /// logDice: 14 + log2(2·O ÷ (f(node) + f(collocate))).
        public var logDice: Double
    }

    /// Collocates of the matches within `left`/`right` tokens (inside the sentence), by `attribute`;
    /// those seen fewer than `minimum` times are left out. Sorted by logDice.
    public static func collocations(_ matches: [CQPSearch.Match], in table: CorpusIndex, attribute: String = "lower",
                                    left: Int = 3, right: Int = 3, minimum: Int = 2) -> [Collocate] {
        guard table.column(attribute) != nil, table.count > 0 else { return [] }
        var observed: [String: Int] = [:]
        for match in matches {
            let sentence = table.sentenceRange(of: match.start)
            for position in max(sentence.lowerBound, match.start - left)..<min(sentence.upperBound, match.end + right)
            where position < match.start || position >= match.end {
                if let value = table.value(attribute, at: position) { observed[value, default: 0] += 1 }
            }
        }
        let total = Double(table.count)
        let node = Double(matches.count)
        let window = Double(left + right)
        return observed.compactMap { value, count -> Collocate? in
            guard count >= minimum, value.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
            let frequency = Double(max(table.frequency(attribute, value), count))
            let o = Double(count)
            let expected = node * frequency * window / total
            return Collocate(value: value, cooccurrences: count, frequency: Int(frequency),
                             mutualInformation: log2(o * total / (node * frequency * window)),
                             tScore: (o - expected) / o.squareRoot(),
                             logDice: 14 + log2(2 * o / (node + frequency)))
        }.sorted { $0.logDice != $1.logDice ? $0.logDice > $1.logDice : $0.value < $1.value }
    }
}
