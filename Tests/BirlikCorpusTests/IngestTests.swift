import BirlikCorpus
import Foundation
import Testing

@Suite("Corpus ingest: normalisation, script detection, sentences and tokens")
struct IngestTests {
    @Test("Latin look-alikes inside Cyrillic words are mended; Latin words and names are left alone")
    func lookAlikes() {
        #expect(TextNormalizer.normalize("бiрлiк") == "бірлік")
        #expect(TextNormalizer.normalize("Аhмет пен Iрина") == "Аһмет пен Ірина")
        #expect(TextNormalizer.normalize("Казахстан Hеwlett") == "Казахстан Hеwlett")
        #expect(TextNormalizer.normalize("Qazaqstan Respublikasy") == "Qazaqstan Respublikasy")
        // NFC: й written as и + combining breve becomes one letter.
        #expect(TextNormalizer.normalize("ми\u{306}") == "мй")
    }

    @Test("The script of a text is detected")
    func scripts() {
        #expect(TextNormalizer.script(of: "Қазақстан Республикасы") == .cyrillic)
        #expect(TextNormalizer.script(of: "Qazaqstan Respublikasy – bırtūtas memleket") == .latin)
        #expect(TextNormalizer.script(of: "Қазақстан Qazaqstan") == .mixed)
        #expect(TextNormalizer.script(of: "2025 — 12,5 %") == .none)
    }

    @Test("Hyphenated words, numbers with suffixes, abbreviations, initials and quotation marks")
    func tokens() {
        let tokens = Tokenizer.tokens("2025 жылы 1-сынып оқушылары «Достық» үйіне барды, т.б. іс-шаралар өтті.")
        #expect(tokens.map(\.form) == ["2025", "жылы", "1-сынып", "оқушылары", "«", "Достық", "»", "үйіне", "барды", ",", "т.б.", "іс-шаралар", "өтті", "."])
        #expect(tokens.map(\.kind) == [.number, .word, .numberWithSuffix, .word, .punctuation, .word, .punctuation, .word, .word, .punctuation, .word, .word, .word, .punctuation])
        #expect(Set(tokens.map(\.sentence)) == [0])
        let numbers = Tokenizer.tokens("Үлесі 12,5 пайыз, XXI-ғасыр")
        #expect(numbers.map(\.form) == ["Үлесі", "12,5", "пайыз", ",", "XXI-ғасыр"])
        #expect(numbers.last?.kind == .numberWithSuffix)
    }

    @Test("Sentences end at . ! ? … but not after an abbreviation or an initial")
    func sentences() {
        let text = "Тұжырымдаманы Н.Ә. Назарбаев ұсынды. Ол 2015 ж. бекітілді! Неге? «Бірлік» – басты құндылық… Соңы"
        let sentences = Tokenizer.sentences(text).map { $0.map(\.form).joined(separator: " ") }
        #expect(sentences == ["Тұжырымдаманы Н. Ә. Назарбаев ұсынды .", "Ол 2015 ж. бекітілді !", "Неге ?", "« Бірлік » – басты құндылық …", "Соңы"])
        #expect(Tokenizer.tokens("Ол келді.»Иә") .map(\.sentence) == [0, 0, 0, 0, 1])
    }

    @Test("Offsets point at each token in the text")
    func offsets() {
        let text = "Ана тілі — ардақты."
        let characters = Array(text)
        for token in Tokenizer.tokens(text) {
            #expect(String(characters[token.offset..<(token.offset + token.form.count)]) == token.form)
        }
    }

    @Test("Random text never crashes the normaliser or the tokenizer")
    func fuzz() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя ABCiheaoqQ0123456789.,!?…«»\"-–—'’()\n\t\u{301}\u{306}")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...200, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let tokens = Tokenizer.tokens(TextNormalizer.normalize(text))
            #expect(tokens.allSatisfy { !$0.form.isEmpty })
            _ = TextNormalizer.script(of: text)
            let bytes = (0..<Int.random(in: 0...100, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = Tokenizer.tokens(String(decoding: bytes, as: UTF8.self))
        }
    }
}
