import BirlikCorpus
import Foundation
import Testing

@Suite("Corpus limits")
struct CorpusLimitTests {
    @Test("An unbounded query over a large table stops at its result limit and its time limit")
    func limits() throws {
        var table = TokenTable()
        let sentence = (0..<20).map { ["word": "сөз\($0 % 7)", "lower": "сөз\($0 % 7)"] }
        for document in 0..<200 { table.append(document: "d\(document)", metadata: [:], sentences: Array(repeating: sentence, count: 25)) }
        let index = CorpusIndex(table: table)
        let limited = try CQPSearch(maximumResults: 1_000).run(try CQPParser.parse("[]+"), in: index)
        #expect(limited.matches.count == 1_000 && limited.stop == .resultLimit)
        let timed = try CQPSearch(maximumResults: 10_000_000, timeLimit: 0.05).run(try CQPParser.parse(#"[word=".*" & lower!="x"] []* [word="(с|ө|з|\d)+"]"#), in: index)
        #expect(timed.stop == .timeLimit || timed.stop == .complete)
    }
}
