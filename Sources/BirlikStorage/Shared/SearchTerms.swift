import BirlikCore
import BirlikCorpus

/// The words of a search as stored search text holds them. Each word typed is folded (script, case,
/// diacritics) together with the other forms it may take in a name: its Russian stem and its Kazakh lemma
/// (the corpus's analyser, one Kazakh morphology for all of Birlik). A name is found when, for every word,
/// one of these forms starts a word of it: «Достық үйлерінде» finds «Достық үйі», «дружбы» finds «Дом дружбы».
public enum SearchTerms {
    /// One list of folded alternatives per word (at most eight words).
    public static func alternatives(_ query: String) -> [[String]] {
        Array(SearchFolding.alternatives(query, lemmas: kazakhLemmas).prefix(8))
    }

    /// The word's Kazakh lemmas the analyser is sure of; a word typed in the 2021 Latin alphabet is read in Cyrillic.
    static func kazakhLemmas(_ word: String) -> [String] {
        let cyrillic = word.unicodeScalars.contains { $0.properties.isAlphabetic && $0.value < 0x0400 } ? Transliteration.toCyrillic(word) : word
        return KazakhAnalyser.shared.readings(cyrillic).filter { $0.status == .known && $0.lemma.count >= 2 }.map(\.lemma)
    }
}
