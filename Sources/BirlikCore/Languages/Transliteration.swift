import Foundation

/// Kazakh Cyrillic ↔ 2021 Latin alphabet (S14).
///
/// The letter table is the one in `Reference/kazakh_latin_2021.csv` (tested against it): the 31 letters
/// of the 2021 alphabet, plus a project convention for the Cyrillic letters it has no place for
/// (ё ц ч щ ъ ь э ю я). Latin → Cyrillic is best effort: `i` is й after a vowel and и elsewhere,
/// `h` is х, `ch` is ч and `şş` is щ.
public enum Transliteration {
    /// Lower-case Cyrillic letter → lower-case Latin spelling.
    static let cyrillicToLatin: [Character: String] = [
        "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io",
        "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
        "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū",
        "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "",
        "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    ]

    /// Cyrillic text in the 2021 Latin alphabet. Characters that are not Cyrillic letters pass through.
    public static func toLatin(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let lower = Character(character.lowercased())
            guard let latin = cyrillicToLatin[lower] else {
                output.append(character)
                continue
            }
            if lower == character || latin.isEmpty {
                output += latin
                continue
            }
            // An upper-case letter: a whole upper-case word keeps multi-letter spellings upper-case
            // (ЦОН → TSON); otherwise only the first letter is capitalised (Цех → Tseh).
            let neighbours = [index > 0 ? characters[index - 1] : nil,
                              index + 1 < characters.count ? characters[index + 1] : nil]
            let shouting = neighbours.contains { $0?.isLetter == true && $0?.isUppercase == true }
            output += shouting ? latinUpper(latin) : latinCapitalized(latin)
        }
        return output
    }

    /// Latin text (2021 alphabet) in Kazakh Cyrillic, best effort.
    public static func toCyrillic(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let lower = Character(character.lowercased())
            let next = index + 1 < characters.count ? Character(characters[index + 1].lowercased()) : nil
            let upper = character != lower || (character == "İ")
            var cyrillic: String?
            var consumed = 1
            if lower == "c", next == "h" {
                cyrillic = "ч"; consumed = 2
            } else if lower == "ş", next == "ş" {
                cyrillic = "щ"; consumed = 2
            } else if lower == "i" || character == "İ" {
                let previous = index > 0 ? Character(characters[index - 1].lowercased()) : nil
                cyrillic = previous.map(latinVowels.contains) == true ? "й" : "и"
            } else {
                cyrillic = latinToCyrillic[lower]
            }
            if let cyrillic {
                output += upper ? cyrillic.uppercased() : cyrillic
            } else {
                output.append(character)
            }
            index += consumed
        }
        return output
    }

    static let latinVowels: Set<Character> = ["a", "ä", "e", "o", "ö", "u", "ū", "ü", "y", "ı", "i"]

    static let latinToCyrillic: [Character: String] = [
        "a": "а", "ä": "ә", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ", "h": "х",
        "ı": "і", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "ң", "o": "о", "ö": "ө",
        "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у", "ū": "ұ", "ü": "ү",
        "v": "в", "y": "ы", "z": "з",
    ]

    private static func latinUpper(_ latin: String) -> String {
        latin.map { $0 == "i" ? "İ" : $0 == "ı" ? "I" : $0.uppercased() }.joined()
    }

    private static func latinCapitalized(_ latin: String) -> String {
        guard let first = latin.first else { return latin }
        return latinUpper(String(first)) + latin.dropFirst()
    }
}
