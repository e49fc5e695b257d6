import BirlikCorpus
import Foundation
import Testing

@Suite("CQP: the query language linguists use")
struct CQPParserTests {
    typealias Condition = CQPQuery.Condition

    static func compare(_ attribute: String, _ pattern: String, negated: Bool = false, c: Bool = false) -> Condition {
        .compare(attribute: attribute, pattern: pattern, negated: negated, ignoreCase: c, ignoreDiacritics: false)
    }

    @Test("Token constraints, sequences, repetition, alternatives, within and metadata filters")
    func parses() throws {
        let query = try CQPParser.parse(#"[lemma="кітап" & pos="N"] []{0,3} [pos="V.*"] within s :: year="2020" & genre!="news""#)
        #expect(query.pattern == .sequence([
            .token(.and(Self.compare("lemma", "кітап"), Self.compare("pos", "N"))),
            .repeated(.token(.any), min: 0, max: 3),
            .token(Self.compare("pos", "V.*")),
        ]))
        #expect(query.within == "s")
        #expect(query.filters == [.init(attribute: "year", pattern: "2020", negated: false), .init(attribute: "genre", pattern: "news", negated: true)])
        #expect(try CQPParser.parse(#""бірлік""#).pattern == .token(Self.compare("word", "бірлік")))
        #expect(try CQPParser.parse(#"[word="ел"%c]+ ([pos="ADJ"] | [pos="NUM"])? [lemma!="бол"]"#).pattern == .sequence([
            .repeated(.token(Self.compare("word", "ел", c: true)), min: 1, max: nil),
            .repeated(.alternatives([.token(Self.compare("pos", "ADJ")), .token(Self.compare("pos", "NUM"))]), min: 0, max: 1),
            .token(Self.compare("lemma", "бол", negated: true)),
        ]))
        #expect(try CQPParser.parse(#"[!(pos="PUNCT" | pos="X")]{2,}"#).pattern
                == .repeated(.token(.not(.or(Self.compare("pos", "PUNCT"), Self.compare("pos", "X")))), min: 2, max: nil))
    }

    @Test("Malformed queries name the position and what was expected there", arguments: [
        (#"[lemma="кітап""#, 14, CQPError.Expected.closingBracket),
        (#"[lemma="кітап]"#, 7, .closingQuote),
        (#"[lemma "кітап"]"#, 7, .comparison),
        (#"[="кітап"]"#, 1, .attribute),
        (#"[pos="N"]{3,1}"#, 9, .range),
        (#"[pos="N"] within"#, 16, .structure),
        (#"[pos="N"] junk"#, 10, .endOfQuery),
        (#"[word="(("]"#, 9, .validRegex),
        ("", 0, .token),
        (#"([pos="N"]"#, 10, .closingParenthesis),
        (#"[]{1000}"#, 2, .range),
    ])
    func errors(text: String, position: Int, expected: CQPError.Expected) {
        do {
            _ = try CQPParser.parse(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.position == position && error.expected == expected, "\(text): \(error)")
        }
    }

    @Test("Random strings never crash the parser")
    func fuzz() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"[]()&|!="'%cd{},0123456789 ?*+:;withnsлемакітапposNV.\"#)
        for _ in 0..<3000 {
            let text = String((0..<Int.random(in: 0...60, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            _ = try? CQPParser.parse(text)
        }
        // Deep nesting is refused, not recursed into without end.
        let deep = String(repeating: "(", count: 5000) + #"[pos="N"]"# + String(repeating: ")", count: 5000)
        #expect(throws: CQPError.self) { try CQPParser.parse(deep) }
        let notDeep = "[" + String(repeating: "!", count: 5000) + #"pos="N"]"#
        #expect(throws: CQPError.self) { try CQPParser.parse(notDeep) }
    }
}
