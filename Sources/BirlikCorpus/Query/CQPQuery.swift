import Foundation

/// A query in the CQP language of the IMS Open Corpus Workbench, as linguists write it:
/// `[lemma="кітап" & pos="N"] []{0,3} [pos="V"] within s :: year="2020"`.
public struct CQPQuery: Sendable, Hashable {
    /// A condition on one token.
    public indirect enum Condition: Sendable, Hashable {
        /// `attribute = "regex"` (or `!=`), with `%c` (ignore case) and `%d` (ignore diacritics) flags.
        case compare(attribute: String, pattern: String, negated: Bool, ignoreCase: Bool, ignoreDiacritics: Bool)
        case and(Condition, Condition)
        case or(Condition, Condition)
        case not(Condition)
        /// `[]`: any token.
        case any
    }

    /// A pattern over a sequence of tokens.
    public indirect enum Pattern: Sendable, Hashable {
        case token(Condition)
        case sequence([Pattern])
        case alternatives([Pattern])
        /// Repetition `{min,max}`; `max == nil` is unbounded (`*`, `+`).
        case repeated(Pattern, min: Int, max: Int?)
    }

    /// A condition on the document's metadata: `year="2020"`, `genre!="news"`.
    public struct MetadataFilter: Sendable, Hashable {
        public var attribute: String
        public var pattern: String
        public var negated: Bool

        public init(attribute: String, pattern: String, negated: Bool) {
            self.attribute = attribute
            self.pattern = pattern
            self.negated = negated
        }
    }

    public var pattern: Pattern
    /// The structure a match must stay inside (`s` for the sentence).
    public var within: String?
    public var filters: [MetadataFilter]
}

extension CQPQuery {
    /// `value` as the inside of a CQP string that matches exactly it: metacharacters and quotes escaped.
    public static func literal(_ value: String) -> String {
        var result = ""
        for character in value {
            if CQPSearch.metacharacters.contains(character) || character == "\"" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

/// Where and why a query could not be read: the character position (from 0) and what was expected there.
public struct CQPError: Error, Sendable, Hashable {
    public enum Expected: String, Sendable, Hashable {
        case token, closingBracket, closingParenthesis, attribute, comparison, string, closingQuote, number, closingBrace
        case range, structure, endOfQuery, validRegex, filter
    }

    public var position: Int
    public var expected: Expected

    public init(position: Int, expected: Expected) {
        self.position = position
        self.expected = expected
    }
}

/// Reads CQP text into a `CQPQuery`, or says where it went wrong.
public struct CQPParser {
    private let characters: [Character]
    private var position = 0

    /// Longest repetition written out, and the deepest nesting, a query may use.
    public static let maximumRepetition = 100
    public static let maximumDepth = 32
    private var depth = 0

    public init(_ text: String) { characters = Array(text) }

    public static func parse(_ text: String) throws(CQPError) -> CQPQuery {
        var parser = CQPParser(text)
        return try parser.query()
    }

    mutating func query() throws(CQPError) -> CQPQuery {
        skipSpaces()
        guard !atEnd else { throw CQPError(position: position, expected: .token) }
        let pattern = try alternatives()
        var within: String?
        var filters: [CQPQuery.MetadataFilter] = []
        skipSpaces()
        if keyword("within") {
            skipSpaces()
            guard let name = identifier() else { throw CQPError(position: position, expected: .structure) }
            within = name
            skipSpaces()
        }
        if peek == ":" && peek(1) == ":" {
            position += 2
            repeat {
                skipSpaces()
                let start = position
                guard let name = identifier() else { throw CQPError(position: start, expected: .attribute) }
                skipSpaces()
                let negated = consume("!")
                guard consume("=") else { throw CQPError(position: position, expected: .comparison) }
                skipSpaces()
                let value = try string()
                filters.append(.init(attribute: name.hasPrefix("match.") ? String(name.dropFirst(6)) : name, pattern: value, negated: negated))
                skipSpaces()
            } while consume("&")
        }
        skipSpaces()
        if consume(";") { skipSpaces() }
        guard atEnd else { throw CQPError(position: position, expected: .endOfQuery) }
        return CQPQuery(pattern: pattern, within: within, filters: filters)
    }

    mutating func alternatives() throws(CQPError) -> CQPQuery.Pattern {
        var options = [try sequence()]
        skipSpaces()
        while consume("|") {
            options.append(try sequence())
            skipSpaces()
        }
        return options.count == 1 ? options[0] : .alternatives(options)
    }

    mutating func sequence() throws(CQPError) -> CQPQuery.Pattern {
        var items: [CQPQuery.Pattern] = []
        while true {
            skipSpaces()
            guard let next = peek, next == "[" || next == "(" || next == "\"" || next == "'" else { break }
            items.append(try item())
        }
        guard !items.isEmpty else { throw CQPError(position: position, expected: .token) }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func item() throws(CQPError) -> CQPQuery.Pattern {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw CQPError(position: position, expected: .endOfQuery) }
        var atom: CQPQuery.Pattern
        if consume("[") {
            skipSpaces()
            if consume("]") {
                atom = .token(.any)
            } else {
                let condition = try orCondition()
                skipSpaces()
                guard consume("]") else { throw CQPError(position: position, expected: .closingBracket) }
                atom = .token(condition)
            }
        } else if consume("(") {
            atom = try alternatives()
            skipSpaces()
            guard consume(")") else { throw CQPError(position: position, expected: .closingParenthesis) }
        } else {
            // A bare string is the word form: "кітап" = [word="кітап"].
            let value = try string()
            atom = .token(.compare(attribute: "word", pattern: value, negated: false, ignoreCase: false, ignoreDiacritics: false))
        }
        while true {
            if consume("?") { atom = .repeated(atom, min: 0, max: 1) }
            else if consume("*") { atom = .repeated(atom, min: 0, max: nil) }
            else if consume("+") { atom = .repeated(atom, min: 1, max: nil) }
            else if peek == "{" {
                let start = position
                position += 1
                skipSpaces()
                let low = number() ?? 0
                skipSpaces()
                var high: Int? = low
                if consume(",") {
                    skipSpaces()
                    high = number()
                    skipSpaces()
                }
                guard consume("}") else { throw CQPError(position: position, expected: .closingBrace) }
                if let high, high < low { throw CQPError(position: start, expected: .range) }
                if low > Self.maximumRepetition || (high ?? 0) > Self.maximumRepetition { throw CQPError(position: start, expected: .range) }
                atom = .repeated(atom, min: low, max: high)
            } else { break }
        }
        return atom
    }

    mutating func orCondition() throws(CQPError) -> CQPQuery.Condition {
        var condition = try andCondition()
        skipSpaces()
        while consume("|") {
            condition = .or(condition, try andCondition())
            skipSpaces()
        }
        return condition
    }

    mutating func andCondition() throws(CQPError) -> CQPQuery.Condition {
        var condition = try notCondition()
        skipSpaces()
        while consume("&") {
            condition = .and(condition, try notCondition())
            skipSpaces()
        }
        return condition
    }

    mutating func notCondition() throws(CQPError) -> CQPQuery.Condition {
        skipSpaces()
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw CQPError(position: position, expected: .endOfQuery) }
        if consume("!") { return .not(try notCondition()) }
        if consume("(") {
            let inner = try orCondition()
            skipSpaces()
            guard consume(")") else { throw CQPError(position: position, expected: .closingParenthesis) }
            return inner
        }
        let start = position
        guard let name = identifier() else { throw CQPError(position: start, expected: .attribute) }
        skipSpaces()
        let negated = consume("!")
        guard consume("=") else { throw CQPError(position: position, expected: .comparison) }
        skipSpaces()
        let patternStart = position
        let value = try string()
        do { _ = try TokenRegex(value) } catch { throw CQPError(position: patternStart + 1 + error.position, expected: .validRegex) }
        var ignoreCase = false, ignoreDiacritics = false
        skipSpaces()
        while peek == "%" {
            position += 1
            while let flag = peek, flag == "c" || flag == "d" {
                if flag == "c" { ignoreCase = true } else { ignoreDiacritics = true }
                position += 1
            }
            skipSpaces()
        }
        return .compare(attribute: name, pattern: value, negated: negated, ignoreCase: ignoreCase, ignoreDiacritics: ignoreDiacritics)
    }

    // MARK: Lexing

    var atEnd: Bool { position >= characters.count }
    var peek: Character? { position < characters.count ? characters[position] : nil }
    func peek(_ offset: Int) -> Character? { position + offset < characters.count ? characters[position + offset] : nil }

    mutating func skipSpaces() { while let next = peek, next.isWhitespace { position += 1 } }

    mutating func consume(_ character: Character) -> Bool {
        guard peek == character else { return false }
        position += 1
        return true
    }

    mutating func keyword(_ word: String) -> Bool {
        let letters = Array(word)
        guard position + letters.count <= characters.count, Array(characters[position..<(position + letters.count)]) == letters else { return false }
        if let after = peek(letters.count), after.isLetter || after.isNumber { return false }
        position += letters.count
        return true
    }

    mutating func identifier() -> String? {
        let start = position
        while let next = peek, next.isLetter || next.isNumber || next == "_" || next == "." { position += 1 }
        return position > start ? String(characters[start..<position]) : nil
    }

    mutating func number() -> Int? {
        let start = position
        while let next = peek, next.isASCII, next.isNumber { position += 1 }
        guard position > start, position - start <= 6 else { return nil }
        return Int(String(characters[start..<position]))
    }

    /// A quoted string: "…" or '…', with backslash escapes kept for the regular expression.
    mutating func string() throws(CQPError) -> String {
        guard let quote = peek, quote == "\"" || quote == "'" else { throw CQPError(position: position, expected: .string) }
        let start = position
        position += 1
        var value = ""
        while let next = peek {
            if next == "\\", let escaped = peek(1) {
                value.append(next)
                value.append(escaped)
                position += 2
                continue
            }
            if next == quote {
                // A doubled quote stands for the quote itself.
                if peek(1) == quote { value.append(quote); position += 2; continue }
                position += 1
                return value
            }
            value.append(next)
            position += 1
        }
        throw CQPError(position: start, expected: .closingQuote)
    }
}
