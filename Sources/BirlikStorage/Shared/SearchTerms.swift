import BirlikCore
import BirlikCorpus

/// The words of a search as stored search text holds them. Each word typed is folded (script, case,
/// diacritics) together with the other forms it may take in a name: its Russian stem and its Kazakh lemma
/// (the corpus's analyser, one Kazakh morphology for all of Birlik). A name is found when, for every word,
/// one of these forms starts a word of it: «Достық үйлерінде» finds «Достық үйі», «дружбы» finds «Дом дружбы».
public enum SearchTerms {
    /// One list of folded alternatives per word (at most eight words).
    public static func alternatives(_ query: String) -> [[String]] {
        query.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(8).compactMap { part -> [String]? in
            let word = String(part).lowercased()
            var forms = [word]
            if RussianStemmer.isRussian(word) { forms.append(RussianStemmer.stem(word)) }
            // The analyser reads Cyrillic; a word typed in the 2021 Latin alphabet is read in Cyrillic.
            let cyrillic = word.unicodeScalars.contains { $0.properties.isAlphabetic && $0.value < 0x0400 } ? Transliteration.toCyrillic(word) : word
            for reading in KazakhAnalyser.shared.readings(cyrillic) where reading.status == .known && reading.lemma.count >= 2 {
                forms.append(reading.lemma)
            }
            var seen = Set<String>()
            let folded = forms.map(SearchFolding.fold).filter { !$0.isEmpty && seen.insert($0).inserted }
            return folded.isEmpty ? nil : folded
        }
    }
}
