import Foundation

/// The regular expressions of CQP conditions, matched against a whole attribute value in time linear in
/// the value's length (a Thompson automaton, no backtracking), so no pattern can hang a search:
/// literals, `.`, classes `[a-zа-я]` and `[^…]`, `\d \w \s` and escaped metacharacters, groups,
/// alternatives `|`, and `* + ? {m,n}`.
public struct TokenRegex: Sendable {
    indirect enum Node: Sendable {
        case character(Set<Character>, negated: Bool)
        case any
        case sequence([Node])
        case alternatives([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    /// A state of the automaton: a character test with its next state, a split, or the end.
    enum State: Sendable {
        case test(Node, next: Int)
        case split(Int, Int)
        case jump(Int)
        case match
    }

    private let states: [State]
    private let start: Int
    public let ignoreCase: Bool

    /// Why a pattern could not be read, at which character.
    public struct SyntaxError: Error, Sendable, Equatable {
        public var position: Int
    }

    public init(_ pattern: String, ignoreCase: Bool = false) throws(SyntaxError) {
        var parser = Parser(characters: Array(ignoreCase ? pattern.lowercased() : pattern))
        let node = try parser.parse()
        var builder = Builder()
        let end = builder.add(.match)
        start = try builder.compile(node, next: end)
        states = builder.states
        self.ignoreCase = ignoreCase
    }

    /// `true` when the whole of `value` matches.
    public func matches(_ value: String) -> Bool {
        var current = Set<Int>()
        add(start, to: &current)
        for character in ignoreCase ? value.lowercased() : value {
            var next = Set<Int>()
            for index in current {
                if case let .test(node, target) = states[index], accepts(node, character) { add(target, to: &next) }
            }
            if next.isEmpty { return false }
            current = next
        }
        return current.contains { if case .match = states[$0] { return true } else { return false } }
    }

    private func add(_ index: Int, to set: inout Set<Int>) {
        guard set.insert(index).inserted else { return }
        switch states[index] {
        case let .split(a, b): add(a, to: &set); add(b, to: &set)
        case let .jump(a): add(a, to: &set)
        default: break
        }
    }

    private func accepts(_ node: Node, _ character: Character) -> Bool {
        switch node {
        case .any: return character != "\n"
        case let .character(set, negated): return set.contains(character) != negated
        default: return false
        }
    }

    struct Builder {
        var states: [State] = []

        mutating func add(_ state: State) -> Int { states.append(state); return states.count - 1 }

        /// Compiles `node` so that it continues at `next`; returns its entry state.
        mutating func compile(_ node: Node, next: Int) throws(SyntaxError) -> Int {
            guard states.count < 20_000 else { throw SyntaxError(position: 0) }
            switch node {
            case .any, .character: return add(.test(node, next: next))
            case let .sequence(items):
                var entry = next
                for item in items.reversed() { entry = try compile(item, next: entry) }
                return entry
            case let .alternatives(options):
                var entry = try compile(options[options.count - 1], next: next)
                for option in options.dropLast().reversed() { entry = add(.split(try compile(option, next: next), entry)) }
                return entry
            case let .repeated(inner, minimum, maximum):
                var entry = next
                if let maximum {
                    for _ in minimum..<max(minimum, maximum) { entry = add(.split(try compile(inner, next: entry), next)) }
                } else {
                    // A loop: try the inner pattern again, or go on.
                    let loop = add(.split(0, next))
                    let body = try compile(inner, next: loop)
                    states[loop] = .split(body, next)
                    entry = loop
                }
                for _ in 0..<minimum { entry = try compile(inner, next: entry) }
                return entry
            }
        }
    }

    struct Parser {
        let characters: [Character]
        var position = 0
        var depth = 0

        mutating func parse() throws(SyntaxError) -> Node {
            let node = try alternatives()
            guard position == characters.count else { throw SyntaxError(position: position) }
            return node
        }

        mutating func alternatives() throws(SyntaxError) -> Node {
            var options = [try sequence()]
            while position < characters.count, characters[position] == "|" {
                position += 1
                options.append(try sequence())
            }
            return options.count == 1 ? options[0] : .alternatives(options)
        }

        mutating func sequence() throws(SyntaxError) -> Node {
            var items: [Node] = []
            while position < characters.count, characters[position] != "|", characters[position] != ")" {
                var atom = try self.atom()
                quantifiers: while position < characters.count {
                    switch characters[position] {
                    case "*": atom = .repeated(atom, min: 0, max: nil); position += 1
                    case "+": atom = .repeated(atom, min: 1, max: nil); position += 1
                    case "?": atom = .repeated(atom, min: 0, max: 1); position += 1
                    case "{":
                        let start = position
                        position += 1
                        let low = number() ?? 0
                        var high: Int? = low
                        if position < characters.count, characters[position] == "," { position += 1; high = number() }
                        guard position < characters.count, characters[position] == "}", high.map({ $0 >= low }) ?? true,
                              low <= 100, (high ?? 0) <= 100 else { throw SyntaxError(position: start) }
                        position += 1
                        atom = .repeated(atom, min: low, max: high)
                    default:
                        break quantifiers
                    }
                }
                items.append(atom)
            }
            return items.count == 1 ? items[0] : .sequence(items)
        }

        mutating func number() -> Int? {
            let start = position
            while position < characters.count, characters[position].isASCII, characters[position].isNumber { position += 1 }
            guard position > start, position - start <= 4 else { return nil }
            return Int(String(characters[start..<position]))
        }

        mutating func atom() throws(SyntaxError) -> Node {
            let character = characters[position]
            position += 1
            switch character {
            case ".": return .any
            case "(":
                depth += 1
                guard depth <= 32 else { throw SyntaxError(position: position - 1) }
                if position + 1 < characters.count, characters[position] == "?", characters[position + 1] == ":" { position += 2 }
                let inner = try alternatives()
                guard position < characters.count, characters[position] == ")" else { throw SyntaxError(position: position) }
                position += 1
                depth -= 1
                return inner
            case "[": return try characterClass()
            case "\\": return try escape()
            case "*", "+", "?", "{", ")": throw SyntaxError(position: position - 1)
            case "^", "$": return .sequence([])
            default: return .character([character], negated: false)
            }
        }

        static let digits = Set("0123456789")
        static let spaces: Set<Character> = [" ", "\t", "\n", "\r"]

        mutating func escape() throws(SyntaxError) -> Node {
            guard position < characters.count else { throw SyntaxError(position: position - 1) }
            let character = characters[position]
            position += 1
            switch character {
            case "d": return .character(Self.digits, negated: false)
            case "D": return .character(Self.digits, negated: true)
            case "s": return .character(Self.spaces, negated: false)
            case "S": return .character(Self.spaces, negated: true)
            case "1"..."9", "b", "B", "k":
                // Back-references and word boundaries need backtracking: refused, not misread.
                throw SyntaxError(position: position - 2)
            case "w", "W":
                // Word characters: any letter or digit, tested through a negated set of what is not one.
                return .character(Self.nonWord, negated: character == "w")
            default: return .character([character], negated: false)
            }
        }

        static let nonWord: Set<Character> = Set(" \t\n\r.,;:!?\"'«»()[]{}-–—/\\|*+=<>@#$%^&~`")

        mutating func characterClass() throws(SyntaxError) -> Node {
            let start = position - 1
            var negated = false
            if position < characters.count, characters[position] == "^" { negated = true; position += 1 }
            var set = Set<Character>()
            var first = true
            while position < characters.count, characters[position] != "]" || first {
                first = false
                var character = characters[position]
                position += 1
                if character == "\\", position < characters.count { character = characters[position]; position += 1 }
                if position + 1 < characters.count, characters[position] == "-", characters[position + 1] != "]" {
                    let end = characters[position + 1]
                    position += 2
                    guard let low = character.unicodeScalars.first?.value, let high = end.unicodeScalars.first?.value, low <= high, high - low < 5000 else {
                        throw SyntaxError(position: start)
                    }
                    for value in low...high { if let scalar = Unicode.Scalar(value) { set.insert(Character(scalar)) } }
                } else {
                    set.insert(character)
                }
            }
            guard position < characters.count else { throw SyntaxError(position: start) }
            position += 1
            return .character(set, negated: negated)
        }
    }
}
