import BirlikCorpus
import Foundation
import Testing

@Suite("Concordance, frequency lists and collocations")
struct ResultsTests {
    static let table = CQPSearchTests.table([
        ("Жас ұрпақ кітап оқиды. Жас ұрпақ білім алады. Жас ұрпақ спортпен айналысады.", ["year": "2020"]),
        ("Ата-ана кітап оқиды. Жас ұрпақ кітап сүйеді.", ["year": "2022"]),
    ])

    static func matches(_ query: String) throws -> [CQPSearch.Match] {
        try CQPSearch().run(try CQPParser.parse(query), in: table).matches
    }

    @Test("KWIC lines with context, sorted by the right or left context or by metadata, paged")
    func concordance() throws {
        let matches = try Self.matches(#"[lower="кітап"]"#)
        let lines = CorpusResults.concordance(matches, in: Self.table, context: 2)
        #expect(lines.map(\.match) == ["кітап", "кітап", "кітап"])
        #expect(lines[0].left == "Жас ұрпақ" && lines[0].right == "оқиды .")
        let right = CorpusResults.concordance(matches, in: Self.table, context: 2, sort: .right)
        #expect(right.map(\.right) == ["оқиды .", "оқиды .", "сүйеді ."])
        let left = CorpusResults.concordance(matches, in: Self.table, context: 1, sort: .left)
        #expect(left.map(\.left) == ["Ата-ана", "ұрпақ", "ұрпақ"])
        let byYear = CorpusResults.concordance(matches, in: Self.table, sort: .metadata, metadata: "year")
        #expect(byYear.map(\.document) == ["d0", "d1", "d1"])
        #expect(CorpusResults.concordance(matches, in: Self.table, page: 1, perPage: 2).count == 1)
        // Context never crosses into another document.
        #expect(CorpusResults.concordance(try Self.matches(#"[lower="ата-ана"]"#), in: Self.table, context: 5)[0].left == "")
        let all = try Self.matches("[]")
        let sample = CorpusResults.sample(all, size: 5, seed: 7)
        #expect(sample.count == 5 && sample == CorpusResults.sample(all, size: 5, seed: 7))
    }

    @Test("Frequency lists by form and by metadata")
    func frequencies() throws {
        let words = CorpusResults.frequencies(try Self.matches(#"[pos="W"]"#), in: Self.table, attribute: "lower")
        #expect(words.prefix(3).map(\.value) == ["жас", "ұрпақ", "кітап"] && words[0].count == 4)
        let years = CorpusResults.frequencies(try Self.matches(#"[lower="кітап"]"#), in: Self.table, attribute: "year")
        #expect(years.map(\.value) == ["2022", "2020"] && years.map(\.count) == [2, 1])
    }

    @Test("Collocations with MI, t-score and logDice within the sentence")
    func collocations() throws {
        let collocates = CorpusResults.collocations(try Self.matches(#"[lower="жас"]"#), in: Self.table, left: 0, right: 2, minimum: 2)
        let ұрпақ = try #require(collocates.first { $0.value == "ұрпақ" })
        #expect(ұрпақ.cooccurrences == 4 && ұрпақ.frequency == 4)
        #expect(abs(ұрпақ.logDice - 14) < 1e-9)
        #expect(ұрпақ.mutualInformation > 0 && ұрпақ.tScore > 0)
        #expect(collocates.first?.value == "ұрпақ")
        #expect(!collocates.contains { $0.value == "." })
    }
}
