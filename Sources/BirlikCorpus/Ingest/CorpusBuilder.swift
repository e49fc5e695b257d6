import BirlikCore
import Foundation

/// Kazakh words in either script, brought to Cyrillic for analysis (lemmas are always Cyrillic, so a
/// lemma query finds a word whichever script its text was written in).
public enum CorpusScript {
    /// `word` in Cyrillic: a word with Latin letters is transliterated from the 2021 alphabet.
    public static func cyrillic(_ word: String) -> String {
        word.contains(where: TextNormalizer.isLatin) ? Transliteration.toCyrillic(word) : word
    }

    /// `text` in the 2021 Latin alphabet.
    public static func latin(_ text: String) -> String { Transliteration.toLatin(text) }
}

/// Turns a document's text into annotated tokens: normalisation, sentences and tokens, then the
/// morphological analysis of each sentence in context.
public enum CorpusBuilder {
    /// The sentences of `text`, each token with its chosen reading.
    public static func analyse(_ text: String, analyser: KazakhAnalyser = .shared) -> [[(token: Token, reading: MorphReading)]] {
        Tokenizer.sentences(TextNormalizer.normalize(text)).map { sentence in
            let readings = analyser.analyse(sentence: sentence.map { CorpusScript.cyrillic($0.form) })
            return Array(zip(sentence, readings)).map { (token: $0.0, reading: $0.1) }
        }
    }

    /// The token attributes of an analysed text, as `TokenTable.append` takes them.
    public static func attributes(_ text: String, analyser: KazakhAnalyser = .shared) -> [[[String: String]]] {
        analyse(text, analyser: analyser).map { sentence in
            sentence.map { token, reading in
                var tags = reading.features
                if reading.status != .known { tags += (tags.isEmpty ? "" : "|") + "Analysis=\(reading.status.rawValue.capitalized)" }
                return ["word": token.form, "lower": token.form.lowercased(), "lemma": reading.lemma,
                        "pos": reading.pos, "tags": tags]
            }
        }
    }
}
