import BirlikCorpus
import Foundation
import Testing

@Suite("CQP search over a token table")
struct CQPSearchTests {
    /// A table built from text by the tokenizer; the lemma is left empty and the part of speech is the token kind.
    static func table(_ documents: [(String, [String: String])]) -> CorpusIndex {
        var table = TokenTable()
        for (index, (text, metadata)) in documents.enumerated() {
            let sentences = Tokenizer.sentences(TextNormalizer.normalize(text)).map { sentence in
                sentence.map { ["word": $0.form, "lower": $0.form.lowercased(), "pos": $0.kind == .word ? "W" : $0.kind == .punctuation ? "PUNCT" : "NUM"] }
            }
            table.append(document: "d\(index)", metadata: metadata, sentences: sentences)
        }
        return CorpusIndex(table: table)
    }

    static let corpus = table([
        ("Жас ұрпақ кітап оқиды. Кітаптар – білім көзі. Жас ұрпаққа кітапханалар ашылды.", ["year": "2020", "genre": "news"]),
        ("Біз кітапты сүйеміз. 2021 жылы жаңа кітаптар шықты.", ["year": "2021", "genre": "fiction"]),
    ])

    static func forms(_ query: String, _ search: CQPSearch = CQPSearch()) throws -> [String] {
        let table = Self.corpus
        return try search.run(try CQPParser.parse(query), in: table).matches.map { match in
            (match.start..<match.end).compactMap { table.value("word", at: $0) }.joined(separator: " ")
        }
    }

    @Test("A hit is a position: alternatives that both match a token find it once, in the list and in the count")
    func alternativesOnce() throws {
        #expect(try Self.forms(#"[lower="жас" | word="Жас"]"#) == ["Жас", "Жас"])
        #expect(try Self.forms(#"[lower="кітап.*" | word="Кітаптар"]"#) == ["кітап", "Кітаптар", "кітапханалар", "кітапты", "кітаптар"])
        let query = try CQPParser.parse(#"[lower="жас" | word="Жас"]"#)
        #expect(try CQPSearch().count(query, in: Self.corpus).count == 2)
    }

    @Test("Regular expressions over an attribute find inflected forms; sequences, gaps and alternatives")
    func matches() throws {
        #expect(try Self.forms(#"[lower="кітап.*"]"#) == ["кітап", "Кітаптар", "кітапханалар", "кітапты", "кітаптар"])
        #expect(try Self.forms(#"[lower="жас"] [lower="ұрпақ.*"]"#) == ["Жас ұрпақ", "Жас ұрпаққа"])
        #expect(try Self.forms(#"[lower="жас"] []{0,2} [lower="кітап.*"]"#) == ["Жас ұрпақ кітап", "Жас ұрпаққа кітапханалар"])
        #expect(try Self.forms(#"[pos="NUM"] [lower="жыл.*"]"#) == ["2021 жылы"])
        #expect(try Self.forms(#"[word="Біз" | word="Жас"]"#) == ["Жас", "Жас", "Біз"])
        #expect(try Self.forms(#"[lower="кітап"%c] | [lower="білім"]"#) == ["кітап", "білім"])
        #expect(try Self.forms(#"[word="ЖАС"%c]"#) == ["Жас", "Жас"])
    }

    @Test("A value with escaped metacharacters is a literal: looked up, not matched as an expression")
    func escapedLiterals() throws {
        let index = Self.table([("Кітаптар, т.б. (оқулықтар) «Жас» дейді.", [:])])
        let search = CQPSearch()
        for value in ["т.б.", "(", "«", "Кітаптар"] {
            let query = try CQPParser.parse("[word=\"\(CQPQuery.literal(value))\"]")
            let found = try search.run(query, in: index).matches.compactMap { index.value("word", at: $0.start) }
            #expect(found == [value], "\(value): \(found)")
        }
        // An escaped dot matches only a dot; an unescaped one any letter.
        #expect(try search.count(try CQPParser.parse(#"[word="т\.б\."]"#), in: index).count == 1)
        #expect(try search.count(try CQPParser.parse(#"[word="т.б."]"#), in: index).count == 1)
        #expect(try search.count(try CQPParser.parse(#"[word="т\.б"]"#), in: index).count == 0)
    }

    @Test("within s keeps a match inside one sentence; metadata filters keep documents")
    func withinAndFilters() throws {
        // Without `within s` the gap crosses the sentence end after «оқиды».
        #expect(try Self.forms(#"[lower="оқиды"] []{0,3} [lower="білім"]"#) == ["оқиды . Кітаптар – білім"])
        #expect(try Self.forms(#"[lower="оқиды"] []{0,3} [lower="білім"] within s"#).isEmpty)
        #expect(try Self.forms(#"[lower="кітап.*"] :: year="2021""#) == ["кітапты", "кітаптар"])
        #expect(try Self.forms(#"[lower="кітап.*"] :: genre!="fiction""#) == ["кітап", "Кітаптар", "кітапханалар"])
    }

    @Test("Result limits stop a search and say so; unknown attributes are named")
    func limits() throws {
        let search = CQPSearch(maximumResults: 3)
        let result = try search.run(try CQPParser.parse("[]"), in: Self.corpus)
        #expect(result.matches.count == 3 && result.stop == .resultLimit)
        #expect(throws: CQPError.self) { try CQPSearch().run(try CQPParser.parse(#"[colour="red"]"#), in: Self.corpus) }
        // Unbounded repetition stops at the longest match allowed.
        let long = try CQPSearch(maximumLength: 4).run(try CQPParser.parse("[]+"), in: Self.corpus)
        #expect(long.matches.allSatisfy { $0.end - $0.start <= 4 })
    }
}
