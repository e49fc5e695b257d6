import Foundation

/// Runs a CQP query over a token table: each token condition becomes the set of lexicon ids it accepts
/// (a pattern is tried once per distinct value, by `TokenRegex`, in linear time), the sequence pattern
/// becomes a small automaton run from every position (no backtracking), and time and result limits stop it.
public struct CQPSearch: Sendable {
    /// A match: its first position and the position after its last token.
    public struct Match: Sendable, Hashable {
        public var start: Int
        public var end: Int
    }

    /// Why a search stopped early.
    public enum Stop: Sendable, Hashable {
        case complete, resultLimit, timeLimit
    }

    public var maximumResults = 10_000
    public var timeLimit: TimeInterval = 5
    /// The longest match, in tokens (unbounded repetition stops here).
    public var maximumLength = 50

    public init(maximumResults: Int = 10_000, timeLimit: TimeInterval = 5, maximumLength: Int = 50) {
        self.maximumResults = maximumResults
        self.timeLimit = timeLimit
        self.maximumLength = maximumLength
    }

    /// The automaton of a pattern: states with token tests and ε-moves.
    struct Automaton {
        enum Edge { case token(Int), epsilon }
        var edges: [[(Edge, Int)]] = [[]]
        var tests: [(Int) -> Bool] = []
        let accept: Int

        init(_ pattern: CQPQuery.Pattern, test: (CQPQuery.Condition) throws(CQPError) -> (Int) -> Bool) throws(CQPError) {
            var edges: [[(Edge, Int)]] = [[]]
            var tests: [(Int) -> Bool] = []
            func newState() -> Int { edges.append([]); return edges.count - 1 }
            func build(_ pattern: CQPQuery.Pattern, from: Int) throws(CQPError) -> Int {
                switch pattern {
                case let .token(condition):
                    tests.append(try test(condition))
                    let to = newState()
                    edges[from].append((.token(tests.count - 1), to))
                    return to
                case let .sequence(items):
                    var current = from
                    for item in items { current = try build(item, from: current) }
                    return current
                case let .alternatives(options):
                    let end = newState()
                    for option in options { edges[try build(option, from: from)].append((.epsilon, end)) }
                    return end
                case let .repeated(inner, minimum, maximum):
                    var current = from
                    for _ in 0..<minimum { current = try build(inner, from: current) }
                    if let maximum {
                        let end = newState()
                        edges[current].append((.epsilon, end))
                        for _ in minimum..<max(minimum, maximum) {
                            current = try build(inner, from: current)
                            edges[current].append((.epsilon, end))
                        }
                        return end
                    }
                    // Unbounded: a loop back through the inner pattern.
                    let loop = newState()
                    edges[current].append((.epsilon, loop))
                    let after = try build(inner, from: loop)
                    edges[after].append((.epsilon, loop))
                    return loop
                }
            }
            accept = try build(pattern, from: 0)
            self.edges = edges
            self.tests = tests
        }

        func closure(_ states: Set<Int>) -> Set<Int> {
            var result = states
            var stack = Array(states)
            while let state = stack.popLast() {
                for (edge, target) in edges[state] {
                    if case .epsilon = edge, result.insert(target).inserted { stack.append(target) }
                }
            }
            return result
        }
    }

    /// The matches of `query` in `table`, leftmost-longest from each start position, and why the search stopped.
    public func run(_ query: CQPQuery, in table: TokenTable) throws(CQPError) -> (matches: [Match], stop: Stop) {
        let deadline = Date().addingTimeInterval(timeLimit)
        var timedOut = false
        func accepted(_ condition: CQPQuery.Condition) throws(CQPError) -> (Int) -> Bool {
            switch condition {
            case .any:
                return { _ in true }
            case let .compare(attribute, pattern, negated, ignoreCase, ignoreDiacritics):
                guard let column = table.column(attribute) else { throw CQPError(position: 0, expected: .attribute) }
                guard let regex = try? TokenRegex(ignoreDiacritics ? pattern.folding(options: .diacriticInsensitive, locale: nil) : pattern,
                                                  ignoreCase: ignoreCase) else {
                    throw CQPError(position: 0, expected: .validRegex)
                }
                var matching = Set<Int32>()
                for (id, value) in table.lexicons[column].enumerated() {
                    if id % 256 == 0, Date() > deadline { timedOut = true; break }
                    if regex.matches(ignoreDiacritics ? value.folding(options: .diacriticInsensitive, locale: nil) : value) { matching.insert(Int32(id)) }
                }
                let ids = table.columns[column]
                return negated ? { !matching.contains(ids[$0]) } : { matching.contains(ids[$0]) }
            case let .and(left, right):
                let l = try accepted(left), r = try accepted(right)
                return { l($0) && r($0) }
            case let .or(left, right):
                let l = try accepted(left), r = try accepted(right)
                return { l($0) || r($0) }
            case let .not(inner):
                let i = try accepted(inner)
                return { !i($0) }
            }
        }
        let automaton = try Automaton(query.pattern, test: accepted)
        if timedOut { return ([], .timeLimit) }
        let filters = try query.filters.map { filter throws(CQPError) -> (String, TokenRegex, Bool) in
            guard let regex = try? TokenRegex(filter.pattern) else { throw CQPError(position: 0, expected: .validRegex) }
            return (filter.attribute, regex, filter.negated)
        }
        let inSentence = query.within == "s"
        var matches: [Match] = []
        let start0 = automaton.closure([0])
        var position = 0
        while position < table.count {
            if position % 4096 == 0, Date() > deadline { return (matches, .timeLimit) }
            if !filters.isEmpty, let document = table.document(of: position) {
                let passes = filters.allSatisfy { attribute, regex, negated in regex.matches(document.metadata[attribute] ?? "") != negated }
                if !passes { position = document.end; continue }
            }
            let sentence = inSentence ? table.sentence(of: position) : 0
            let sentenceEnd = inSentence ? (sentence + 1 < table.sentenceStarts.count ? table.sentenceStarts[sentence + 1] : table.count) : table.count
            var states = start0
            var longest: Int?
            var cursor = position
            while !states.isEmpty, cursor < min(sentenceEnd, position + maximumLength) {
                var next = Set<Int>()
                for state in states {
                    for (edge, target) in automaton.edges[state] {
                        if case let .token(test) = edge, automaton.tests[test](cursor) { next.insert(target) }
                    }
                }
                states = automaton.closure(next)
                cursor += 1
                if states.contains(automaton.accept) { longest = cursor }
            }
            if let longest {
                matches.append(Match(start: position, end: longest))
                if matches.count >= maximumResults { return (matches, .resultLimit) }
            }
            position += 1
        }
        return (matches, .complete)
    }
}
