import Foundation

/// Runs a CQP query over a corpus index, segment by segment. Each token condition becomes the set of
/// lexicon ids it accepts: a literal is looked up by binary search, a regular expression is tried once
/// per distinct value by `TokenRegex` in linear time. The rarest condition at a fixed offset from the start
/// of the pattern supplies the candidate start positions from its posting lists, so a query reads only the
/// positions that can match; the sequence pattern then runs as a small automaton from each candidate (no
/// backtracking), inside its document (and sentence, for `within s`). Time and result limits stop it.
public struct CQPSearch: Sendable {
    /// A match: its first position and the position after its last token (global to the index).
    public struct Match: Sendable, Hashable, Codable {
        public var start: Int
        public var end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    /// Why a search stopped.
    public enum Stop: String, Sendable, Hashable, Codable {
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

    /// A condition compiled against one segment: a test on local positions and, when the condition can
    /// only hold where some values are, the posting ranges of those values.
    struct Compiled {
        var test: (Int) -> Bool
        var postings: [(column: Int, range: Range<Int>)]?
        /// The postings hold exactly the positions where the test holds (not just a superset).
        var exact = false
        var cost: Int { postings?.reduce(0) { $0 + $1.range.count } ?? .max }
    }

    /// The literal text every value matching `pattern` starts with, and whether the rest is just `.*`.
    /// An escaped metacharacter or other punctuation (`\.`, `\"`) is a literal letter of the prefix.
    static func literalPrefix(_ pattern: String) -> (prefix: String, anyRest: Bool) {
        guard !pattern.contains("|") else { return ("", false) }
        var prefix = ""
        var rest = Substring(pattern)
        while let character = rest.first {
            if character == "\\", let escaped = rest.dropFirst().first, !escaped.isLetter, !escaped.isNumber {
                prefix.append(escaped)
                rest = rest.dropFirst(2)
            } else if !metacharacters.contains(character) {
                prefix.append(character)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        // A quantifier after the prefix makes its last letter optional.
        if let next = rest.first, "*?{".contains(next), !prefix.isEmpty {
            prefix.removeLast()
            return (prefix, false)
        }
        return (prefix, rest == ".*")
    }

    /// The one value `pattern` matches when it is a literal, escaped metacharacters included (`т\.б\.`).
    static func literalValue(_ pattern: String) -> String? {
        let (prefix, anyRest) = literalPrefix(pattern)
        guard !anyRest, prefix.count == pattern.count - pattern.filter({ $0 == "\\" }).count else { return nil }
        return prefix
    }

    /// The automaton of a pattern: token edges between states, ε-closures computed once.
    struct Automaton {
        var tokenEdges: [[(test: Int, target: Int)]] = [[]]
        var epsilonEdges: [[Int]] = [[]]
        var conditions: [CQPQuery.Condition] = []
        var closures: [[Int]] = []
        var accept = 0

        init(_ pattern: CQPQuery.Pattern) {
            accept = build(pattern, from: 0)
            closures = tokenEdges.indices.map { state in
                var seen: Set<Int> = [state]
                var stack = [state]
                while let next = stack.popLast() {
                    for target in epsilonEdges[next] where seen.insert(target).inserted { stack.append(target) }
                }
                return seen.sorted()
            }
        }

        private mutating func newState() -> Int {
            tokenEdges.append([])
            epsilonEdges.append([])
            return tokenEdges.count - 1
        }

        private mutating func build(_ pattern: CQPQuery.Pattern, from: Int) -> Int {
            switch pattern {
            case let .token(condition):
                conditions.append(condition)
                let to = newState()
                tokenEdges[from].append((conditions.count - 1, to))
                return to
            case let .sequence(items):
                var current = from
                for item in items { current = build(item, from: current) }
                return current
            case let .alternatives(options):
                let end = newState()
                for option in options { epsilonEdges[build(option, from: from)].append(end) }
                return end
            case let .repeated(inner, minimum, maximum):
                var current = from
                for _ in 0..<minimum { current = build(inner, from: current) }
                if let maximum {
                    let end = newState()
                    epsilonEdges[current].append(end)
                    for _ in minimum..<max(minimum, maximum) {
                        current = build(inner, from: current)
                        epsilonEdges[current].append(end)
                    }
                    return end
                }
                // Unbounded: a loop back through the inner pattern.
                let loop = newState()
                epsilonEdges[current].append(loop)
                let after = build(inner, from: loop)
                epsilonEdges[after].append(loop)
                return loop
            }
        }

        /// The token conditions at fixed offsets from the start of every match, with their offsets.
        static func anchors(_ pattern: CQPQuery.Pattern) -> [(CQPQuery.Condition, Int)] {
            let items: [CQPQuery.Pattern]
            if case let .sequence(sequence) = pattern { items = sequence } else { items = [pattern] }
            var anchors: [(CQPQuery.Condition, Int)] = []
            for (offset, item) in items.enumerated() {
                guard case let .token(condition) = item else { break }
                anchors.append((condition, offset))
            }
            return anchors
        }
    }

    /// The matches of `query` in `index`, leftmost-longest from each start position, and why the search stopped.
    public func run(_ query: CQPQuery, in index: CorpusIndex) throws(CQPError) -> (matches: [Match], stop: Stop) {
        let (matches, _, stop) = try execute(query, in: index, countOnly: false)
        return (matches, stop)
    }

    /// How many matches `query` has, without listing them (the total a concordance shows above its first
    /// page). A single token's count is the length of its posting lists; nothing is materialised.
    public func count(_ query: CQPQuery, in index: CorpusIndex) throws(CQPError) -> (count: Int, stop: Stop) {
        let (_, count, stop) = try execute(query, in: index, countOnly: true)
        return (count, stop)
    }

    private func execute(_ query: CQPQuery, in index: CorpusIndex, countOnly: Bool) throws(CQPError) -> (matches: [Match], count: Int, stop: Stop) {
        var counted = 0
        // Elapsed time on the continuous clock, checked often enough that a search stops within a few ms of its limit.
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(timeLimit * 1000)))
        let automaton = Automaton(query.pattern)
        let filters = try query.filters.map { filter throws(CQPError) -> (String, TokenRegex, Bool) in
            guard let regex = try? TokenRegex(filter.pattern) else { throw CQPError(position: 0, expected: .validRegex) }
            return (filter.attribute, regex, filter.negated)
        }
        for condition in automaton.conditions { try Self.checkAttributes(condition, index) }
        var matches: [Match] = []
        for (number, segment) in index.segments.enumerated() {
            var timedOut = false
            var cache: [CQPQuery.Condition: Compiled] = [:]
            func compiled(_ condition: CQPQuery.Condition) -> Compiled {
                if let known = cache[condition] { return known }
                let result = compile(condition, segment, index, deadline: deadline, timedOut: &timedOut)
                cache[condition] = result
                return result
            }
            let tests = automaton.conditions.map { compiled($0).test }
            let anchor = Automaton.anchors(query.pattern).map { (compiled($0.0), $0.1) }.min { $0.0.cost < $1.0.cost }
            // One token whose postings are exactly its matches: the postings are the answer, no automaton.
            var single = false
            if case .token = query.pattern, let (compiled, _) = anchor, compiled.exact { single = true }
            if timedOut { return (matches, counted, .timeLimit) }
            // Which documents may match: computed only when something is deleted or filtered.
            let deletedHere = index.deleted[segment.name] ?? []
            let allowed: [Bool]? = filters.isEmpty && deletedHere.isEmpty ? nil : segment.documents.enumerated().map { documentIndex, document in
                !deletedHere.contains(documentIndex)
                    && filters.allSatisfy { attribute, regex, negated in regex.matches(document.metadata[attribute] ?? "") != negated }
            }
            if let allowed, !allowed.contains(true) { continue }
            // Counting one token's matches: the lengths of its posting lists (one attribute's lists never overlap).
            if single, allowed == nil, countOnly, let (compiled, _) = anchor, let postings = compiled.postings,
               Set(postings.map(\.column)).count <= 1 {
                counted += compiled.cost
                continue
            }
            // Candidate start positions: from the rarest anchor's postings, or every position.
            var candidates: [Int]?
            if let (compiled, offset) = anchor, let postings = compiled.postings, single || compiled.cost < segment.count / 2 {
                candidates = Self.positions(postings, cost: compiled.cost, offset: offset, in: segment)
            }
            let base = index.bases[number]
            // Fast paths: one token (its postings are the matches) and a plain phrase of tokens (each tested
            // at its offset), both without the automaton.
            if single, allowed == nil, let candidates {
                let room = maximumResults == .max ? candidates.count : min(candidates.count, maximumResults - matches.count)
                matches.reserveCapacity(matches.count + room)
                for position in candidates.prefix(room) { matches.append(Match(start: base + position, end: base + position + 1)) }
                counted += room
                if matches.count >= maximumResults { return (matches, counted, .resultLimit) }
                continue
            }
            if case let .sequence(items) = query.pattern, items.allSatisfy({ if case .token = $0 { true } else { false } }), let candidates {
                let length = items.count
                var documentIndex = 0
                // Literal tokens are checked against their posting lists with galloping cursors (the lists are
                // read in order, like a merge) rather than by reading each position's value.
                var cursors: [PostingCursor]? = automaton.conditions.map { compiled($0) }.allSatisfy { $0.exact && $0.postings?.count == 1 }
                    ? automaton.conditions.map { condition in
                        let postings = compiled(condition).postings![0]
                        return PostingCursor(file: segment.columns[postings.column].postings, slot: postings.range.lowerBound, end: postings.range.upperBound)
                    } : nil
                for (step, position) in candidates.enumerated() {
                    if step % 1024 == 1023, ContinuousClock.now > deadline { return (matches, counted, .timeLimit) }
                    while documentIndex < segment.documentEnds.count, segment.documentEnds[documentIndex] <= position { documentIndex += 1 }
                    guard documentIndex < segment.documentEnds.count else { break }
                    guard segment.documentStarts[documentIndex] <= position, position + length <= segment.documentEnds[documentIndex] else { continue }
                    if let allowed, !allowed[documentIndex] { continue }
                    var matched = true
                    if cursors != nil {
                        for offset in 0..<length where !cursors![offset].contains(position + offset) { matched = false; break }
                    } else {
                        for offset in 0..<length where !tests[offset](position + offset) { matched = false; break }
                    }
                    guard matched else { continue }
                    if query.within == "s", segment.sentenceRange(of: position).upperBound < position + length { continue }
                    counted += 1
                    if countOnly { continue }
                    matches.append(Match(start: base + position, end: base + position + length))
                    if matches.count >= maximumResults { return (matches, counted, .resultLimit) }
                }
                continue
            }
            var marks = [Int](repeating: -1, count: automaton.tokenEdges.count)
            var stamp = 0
            var current: [Int] = []
            var next: [Int] = []
            var documentIndex = 0
            var step = 0
            var cursorIndex = 0
            var position = candidates == nil ? 0 : -1
            while true {
                if let candidates {
                    guard cursorIndex < candidates.count else { break }
                    let candidate = candidates[cursorIndex]
                    cursorIndex += 1
                    if candidate == position { continue }
                    position = candidate
                } else if step > 0 {
                    position += 1
                }
                step += 1
                guard position < segment.count else { break }
                if step % 1024 == 0, ContinuousClock.now > deadline { return (matches, counted, .timeLimit) }
                while documentIndex < segment.documentEnds.count, segment.documentEnds[documentIndex] <= position { documentIndex += 1 }
                guard documentIndex < segment.documentEnds.count else { break }
                let documentEnd = segment.documentEnds[documentIndex]
                guard segment.documentStarts[documentIndex] <= position else { continue }
                if let allowed, !allowed[documentIndex] {
                    if candidates == nil { position = documentEnd - 1 }
                    continue
                }
                if single {
                    counted += 1
                    if countOnly { continue }
                    matches.append(Match(start: base + position, end: base + position + 1))
                    if matches.count >= maximumResults { return (matches, counted, .resultLimit) }
                    continue
                }
                var limit = min(documentEnd, position + maximumLength)
                if query.within == "s" { limit = min(limit, segment.sentenceRange(of: position).upperBound) }
                current = automaton.closures[0]
                var longest: Int?
                var cursor = position
                while !current.isEmpty, cursor < limit {
                    stamp += 1
                    next.removeAll(keepingCapacity: true)
                    for state in current {
                        for (test, target) in automaton.tokenEdges[state] where tests[test](cursor) {
                            for reached in automaton.closures[target] where marks[reached] != stamp {
                                marks[reached] = stamp
                                next.append(reached)
                            }
                        }
                    }
                    swap(&current, &next)
                    cursor += 1
                    if marks[automaton.accept] == stamp { longest = cursor }
                }
                if let longest {
                    counted += 1
                    if countOnly { continue }
                    matches.append(Match(start: base + position, end: base + longest))
                    if matches.count >= maximumResults { return (matches, counted, .resultLimit) }
                }
            }
        }
        return (matches, counted, .complete)
    }

    /// A position in one posting list, moved forward by galloping: asked for ascending targets, it reads the
    /// list once in order, skipping ahead exponentially.
    struct PostingCursor {
        let file: MappedFile
        var slot: Int
        let end: Int

        mutating func contains(_ target: Int) -> Bool {
            guard slot < end else { return false }
            if file.word(slot) >= target { return file.word(slot) == target }
            var low = slot, step = 1
            while low + step < end, file.word(low + step) < target {
                low += step
                step <<= 1
            }
            var lower = low + 1, upper = min(low + step, end)
            while lower < upper {
                let middle = (lower + upper) / 2
                if file.word(middle) < target { lower = middle + 1 } else { upper = middle }
            }
            slot = lower
            return slot < end && file.word(slot) == target
        }
    }

    /// The positions in `postings`, shifted back by `offset`, ascending. Many long lists are merged through
    /// a bitmap of the segment's positions rather than sorted.
    static func positions(_ postings: [(column: Int, range: Range<Int>)], cost: Int, offset: Int, in segment: Segment) -> [Int] {
        var list: [Int] = []
        list.reserveCapacity(cost)
        if postings.count > 1, cost > segment.count / 256 {
            var bits = [UInt64](repeating: 0, count: segment.count / 64 + 1)
            for (column, range) in postings {
                let file = segment.columns[column].postings
                for slot in range {
                    let position = file.word(slot)
                    bits[position >> 6] |= 1 << UInt64(position & 63)
                }
            }
            for (word, value) in bits.enumerated() where value != 0 {
                var rest = value
                while rest != 0 {
                    let start = word << 6 + rest.trailingZeroBitCount - offset
                    if start >= 0 { list.append(start) }
                    rest &= rest - 1
                }
            }
            return list
        }
        for (column, range) in postings {
            let file = segment.columns[column].postings
            for slot in range {
                let start = file.word(slot) - offset
                if start >= 0 { list.append(start) }
            }
        }
        if postings.count > 1 {
            list.sort()
            // Alternatives over two attributes (a form and a lemma) list one position twice: a hit is a
            // position, and counts once (the bitmap above merges them the same way).
            var unique = 0
            for position in list where unique == 0 || list[unique - 1] != position {
                list[unique] = position
                unique += 1
            }
            list.removeLast(list.count - unique)
        }
        return list
    }

    /// Refuses a condition on an attribute the index does not have.
    static func checkAttributes(_ condition: CQPQuery.Condition, _ index: CorpusIndex) throws(CQPError) {
        switch condition {
        case .any: return
        case let .compare(attribute, _, _, _, _):
            guard index.column(attribute) != nil else { throw CQPError(position: 0, expected: .attribute) }
        case let .and(left, right), let .or(left, right):
            try checkAttributes(left, index)
            try checkAttributes(right, index)
        case let .not(inner):
            try checkAttributes(inner, index)
        }
    }

    /// Characters that make a pattern more than a literal value.
    public static let metacharacters = Set(#".[]()|*+?{}\^$"#)

    private func compile(_ condition: CQPQuery.Condition, _ segment: Segment, _ index: CorpusIndex,
                         deadline: ContinuousClock.Instant, timedOut: inout Bool) -> Compiled {
        switch condition {
        case .any:
            return Compiled(test: { _ in true }, postings: nil)
        case let .compare(attribute, pattern, negated, ignoreCase, ignoreDiacritics):
            let number = index.column(attribute) ?? 0
            let column = segment.columns[number]
            var ids: [Int] = []
            let (prefix, anyRest) = ignoreCase || ignoreDiacritics ? ("", false) : Self.literalPrefix(pattern)
            if !ignoreCase, !ignoreDiacritics, let literal = Self.literalValue(pattern) {
                if let id = column.id(of: literal) { ids = [id] }
            } else if anyRest {
                // "prefix.*": the ids of the prefix's range, without trying the expression.
                ids = Array(column.ids(withPrefix: prefix))
            } else if let regex = try? TokenRegex(ignoreDiacritics ? Self.fold(pattern) : pattern, ignoreCase: ignoreCase) {
                // Only values that start with the pattern's literal prefix can match.
                for id in prefix.isEmpty ? 0..<column.distinct : column.ids(withPrefix: prefix) {
                    if id % 256 == 0, ContinuousClock.now > deadline { timedOut = true; break }
                    let value = column.value(id)
                    if regex.matches(ignoreDiacritics ? Self.fold(value) : value) { ids.append(id) }
                }
            }
            let test: (Int) -> Bool
            switch ids.count {
            case 0: test = { _ in negated }
            case 1:
                let only = ids[0]
                test = { (column.id(at: $0) == only) != negated }
            default:
                var mask = [Bool](repeating: false, count: column.distinct)
                for id in ids { mask[id] = true }
                test = { mask[column.id(at: $0)] != negated }
            }
            return Compiled(test: test, postings: negated ? nil : ids.map { (number, column.postingRange($0)) }, exact: !negated)
        case let .and(left, right):
            let l = compile(left, segment, index, deadline: deadline, timedOut: &timedOut)
            let r = compile(right, segment, index, deadline: deadline, timedOut: &timedOut)
            return Compiled(test: { l.test($0) && r.test($0) }, postings: l.cost <= r.cost ? l.postings : r.postings)
        case let .or(left, right):
            let l = compile(left, segment, index, deadline: deadline, timedOut: &timedOut)
            let r = compile(right, segment, index, deadline: deadline, timedOut: &timedOut)
            let postings = l.postings.flatMap { l in r.postings.map { l + $0 } }
            return Compiled(test: { l.test($0) || r.test($0) }, postings: postings, exact: l.exact && r.exact)
        case let .not(inner):
            let i = compile(inner, segment, index, deadline: deadline, timedOut: &timedOut)
            return Compiled(test: { !i.test($0) }, postings: nil)
        }
    }

    static func fold(_ text: String) -> String { text.folding(options: .diacriticInsensitive, locale: nil) }
}
