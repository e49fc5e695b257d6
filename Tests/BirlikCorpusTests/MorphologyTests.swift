import BirlikCorpus
import Foundation
import Testing

@Suite("Kazakh morphology")
struct MorphologyTests {
    static let analyser = KazakhAnalyser.shared

    @Test("Inflected nouns and verbs come back to their stems, with case, number and tense; both scripts")
    func readings() {
        let cases: [(String, String, String, String)] = [
            ("кітаптарды", "кітап", "NOUN", "Case=Acc"), ("кітабы", "кітап", "NOUN", "Person[psor]=3"),
            ("балалардың", "бала", "NOUN", "Case=Gen"), ("оқыдық", "оқы", "VERB", "Tense=Past"),
            ("айтты", "айт", "VERB", "Tense=Past"), ("жазылған", "жаз", "VERB", "Voice=Pass"),
            ("мектепке", "мектеп", "NOUN", "Case=Dat"), ("біздің", "біз", "PRON", "Case=Gen"),
        ]
        for (form, lemma, pos, feature) in cases {
            let reading = Self.analyser.analyse(sentence: [form])[0]
            #expect(reading.lemma == lemma && reading.pos == pos && reading.features.contains(feature), "\(form): \(reading)")
            #expect(reading.status == .known)
        }
        let latin = Self.analyser.analyse(sentence: [CorpusScript.cyrillic("kıtaptardy")])[0]
        #expect(latin.lemma == "кітап")
    }

    @Test("A word the lexicon does not know is marked guessed or unknown, never passed off as known")
    func unknown() {
        let guessed = Self.analyser.analyse(sentence: ["зырпылдақтардың"])[0]
        #expect(guessed.status == .guessed && guessed.lemma == "зырпылдақ")
        #expect(Self.analyser.analyse(sentence: ["qwxz"])[0].status == .unknown)
    }

    @Test("In context: a demonstrative before a noun is a determiner, an auxiliary after a converb is AUX, a capitalised name is PROPN")
    func context() {
        let readings = Self.analyser.analyse(sentence: ["Бұл", "кітапты", "Сәрсенбайға", "оқып", "берді", "."])
        #expect(readings.map(\.pos) == ["DET", "NOUN", "PROPN", "VERB", "AUX", "PUNCT"])
        #expect(readings[2].lemma == "Сәрсенбай")
    }

    @Test("Accuracy on the UD Kazakh KTB development set does not fall below its measured level")
    func accuracyFloor() throws {
        let url = try #require(MorphologyAccuracy.developmentSet)
        let result = MorphologyAccuracy.measure(conllu: try String(contentsOf: url, encoding: .utf8))
        #expect(result.tokens > 5_000)
        #expect(result.lemmaAccuracy >= 0.91, "lemma \(result.lemmaAccuracy)")
        #expect(result.posAccuracy >= 0.865, "UPOS \(result.posAccuracy)")
    }
}
