import BirlikCorpus
import Foundation
import Testing

@Suite("Regular expressions of CQP conditions, in linear time")
struct TokenRegexTests {
    @Test("Whole-value matching as CQP means it", arguments: [
        ("кітап.*", "кітаптар", true), ("кітап.*", "кітап", true), ("кітап", "кітаптар", false),
        ("(бала|ана)лар", "аналар", true), ("(бала|ана)лар", "атлар", false),
        ("[а-я]+", "бала", true), ("[а-я]+", "бала1", false), ("[^0-9]+", "ел", true), ("[^0-9]+", "ел2", false),
        ("\\d{4}", "2025", true), ("\\d{4}", "202", false), ("\\d{2,3}", "2025", false), ("ко?л", "кл", true),
        ("N|V.*", "VERB", true), ("N|V.*", "ADJ", false), ("\\w+", "Қазақстан2050", true), ("\\w+", "а-б", false),
        ("a\\.b", "a.b", true), ("a\\.b", "axb", false), ("x*", "", true), ("(?:ab)+", "ababab", true), ("^ел$", "ел", true),
    ])
    func matches(pattern: String, value: String, expected: Bool) throws {
        #expect(try TokenRegex(pattern).matches(value) == expected, "\(pattern) ~ \(value)")
    }

    @Test("Ignoring case covers Kazakh letters")
    func ignoreCase() throws {
        #expect(try TokenRegex("қазақ.*", ignoreCase: true).matches("ҚАЗАҚСТАН"))
        #expect(try !TokenRegex("қазақ.*").matches("ҚАЗАҚСТАН"))
    }

    @Test("Malformed patterns are refused with a position", arguments: [("((", 2), ("a{3,1}", 1), ("[a-", 0), ("*a", 0), ("a)", 1), ("\\", 0), ("(a)\\1", 3), ("a(?=b)", 2), ("\\bел", 0)])
    func malformed(pattern: String, position: Int) {
        do {
            _ = try TokenRegex(pattern)
            Issue.record("\(pattern) was accepted")
        } catch {
            #expect(error.position == position, "\(pattern)")
        }
    }

    @Test("Patterns that make backtracking engines explode run in linear time")
    func pathological() throws {
        let value = String(repeating: "a", count: 5_000)
        let start = Date()
        #expect(try !TokenRegex("(a+)+b").matches(value))
        #expect(try !TokenRegex("(a|a)*b").matches(value))
        #expect(try TokenRegex("(a*)*").matches(value))
        #expect(Date().timeIntervalSince(start) < 5)
        // Through a search, too: a lexicon with a long value answers at once.
        var table = TokenTable()
        table.append(document: "d", metadata: [:], sentences: [[["word": value, "lower": value], ["word": "b", "lower": "b"]]])
        let result = try CQPSearch(timeLimit: 5).run(try CQPParser.parse(#"[word="(a+)+b"]"#), in: CorpusIndex(table: table))
        #expect(result.matches.isEmpty && result.stop == .complete)
    }

    @Test("Random patterns and values never crash the matcher")
    func fuzz() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab.|()[]^-*+?{}0123456789,\\dws аб")
        for _ in 0..<3000 {
            let pattern = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let value = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in "abа1 ".randomElement(using: &generator)! })
            if let regex = try? TokenRegex(pattern) { _ = regex.matches(value) }
        }
    }
}
