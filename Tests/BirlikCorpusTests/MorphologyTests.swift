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

    @Test("Spelling and lexicon details: и for ый, collective numerals, listed adjectives read whole, verbs hunspell lists as nouns")
    func details() {
        let cases: [(String, String, String)] = [
            ("дами", "дамы", "VERB"), ("таниды", "таны", "VERB"), ("екеуі", "екеу", "NUM"),
            ("маңызды", "маңызды", "ADJ"), ("қысқа", "қысқа", "ADJ"),
            ("алып", "ал", "VERB"), ("қойды", "қой", "VERB"), ("құстар", "құс", "NOUN"), ("өзінің", "өз", "PRON"),
        ]
        for (form, lemma, pos) in cases {
            let reading = Self.analyser.analyse(sentence: [form, "."])[0]
            #expect(reading.lemma == lemma && reading.pos == pos, "\(form): \(reading)")
        }
        // An unlisted stem before a participle ending is guessed as a verb.
        let guessed = Self.analyser.analyse(sentence: ["зырпылдатқан"])[0]
        #expect(guessed.pos == "VERB" && guessed.status == .guessed && guessed.lemma == "зырпылдат")
    }

    @Test("In context: the nominal of a compound verb is X, a name always capitalised is PROPN at a sentence's start, a title is not")
    func compoundsAndNames() {
        let compound = Self.analyser.analyse(sentence: ["Жоспар", "жүзеге", "асырылды", "."])
        #expect(compound[1].pos == "X" && compound[2].lemma.hasPrefix("ас"))
        let names = Self.analyser.analyse(sentence: ["Қазақстан", "Республикасының", "Президенті", "сөйледі", "."])
        #expect(names[0].pos == "PROPN" && names[0].lemma == "Қазақстан")
        #expect(names[1].pos == "NOUN" && names[1].lemma == "республика")
        #expect(names[2].pos == "NOUN" && names[2].lemma == "президент")
        // An unknown name loses its case ending; an abbreviation its hyphenated one.
        let unknown = Self.analyser.analyse(sentence: ["Біз", "Тегеранда", "және", "АҚШ-пен", "кездестік", "."])
        #expect(unknown[1].lemma == "Тегеран" && unknown[1].pos == "PROPN")
        #expect(unknown[3].lemma == "АҚШ" && unknown[3].pos == "PROPN")
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
        #expect(result.lemmaAccuracy >= 0.935, "lemma \(result.lemmaAccuracy)")
        #expect(result.posAccuracy >= 0.90, "UPOS \(result.posAccuracy)")
    }
}
