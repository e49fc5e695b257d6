/// Sorting and searching that know the Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І) (S14).
public enum KazakhCollation {
    /// The Kazakh Cyrillic alphabet in its dictionary order, Russian-only letters in their places.
    static let cyrillicOrder = Array("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя")
    /// The 2021 Latin alphabet in its order, then the remaining ASCII letters.
    static let latinOrder = Array("aäbcdefgğhıijklmnñoöpqrsştuūüvwxyz")

    private static let weights: [Character: Int] = {
        var table: [Character: Int] = [:]
        for (offset, digit) in Array("0123456789").enumerated() { table[digit] = 10 + offset }
        for (offset, letter) in latinOrder.enumerated() { table[letter] = 100 + offset }
        for (offset, letter) in cyrillicOrder.enumerated() { table[letter] = 200 + offset }
        return table
    }()

    /// A key whose plain byte order is the Kazakh alphabetical order of `text`, case-insensitive.
    /// It is made of digits only, so every database collation sorts it the same way.
    public static func sortKey(_ text: String) -> String {
        var key = ""
        for character in text.lowercased() {
            if character == "İ" || character == "i̇" { key += "\(108)"; continue }
            if let weight = weights[character] {
                key += String(weight)
            } else if character.isWhitespace {
                key += "001"
            }
        }
        return key
    }

    /// Compares two strings in Kazakh alphabetical order.
    public static func areInIncreasingOrder(_ lhs: String, _ rhs: String) -> Bool {
        sortKey(lhs) < sortKey(rhs)
    }

    /// `items` in the Kazakh alphabetical order of their `label`s, each label's key made once (a
    /// comparison that makes both keys makes them about 2·n·log n times).
    public static func sorted<Item>(_ items: [Item], by label: (Item) -> String) -> [Item] {
        items.map { (key: sortKey(label($0)), item: $0) }.sorted { $0.key < $1.key }.map(\.item)
    }
}

/// Folds text for search so that a word is found whatever its script, case or diacritics:
/// «Қазақстан», «QAZAQSTAN» and «qazaqstan» all fold to `kazakstan`.
public enum SearchFolding {
    private static let latinFold: [Character: Character] = [
        "ä": "a", "ğ": "g", "ı": "i", "ñ": "n", "ö": "o", "ş": "s", "ū": "u", "ü": "u", "q": "k",
        "é": "e", "è": "e", "ç": "c", "á": "a", "ó": "o", "í": "i", "ú": "u",
    ]

    /// The folded form of `text`: lower-case ASCII letters and digits separated by single spaces.
    public static func fold(_ text: String) -> String {
        let latin = Transliteration.toLatin(text.lowercased())
        var output = ""
        var pendingSpace = false
        for character in latin {
            let folded = latinFold[character] ?? character
            if folded.isASCII, folded.isLetter || folded.isNumber {
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.append(folded)
            } else if character == "i̇" {
                output.append("i")
            } else {
                pendingSpace = true
            }
        }
        return output
    }

    /// The words of a query typed by a user, each with the folded forms it may take in a text: the word
    /// itself, its Russian stem (`RussianStemmer`), and what `lemmas` adds (the corpus's Kazakh analyser,
    /// where the caller has it). Matching word prefixes with any of them finds other forms of the word:
    /// «дружба» finds «Дом дружбы».
    public static func alternatives(_ query: String, lemmas: (String) -> [String] = { _ in [] }) -> [[String]] {
        query.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).compactMap { part -> [String]? in
            let word = String(part).lowercased()
            var forms = [word]
            if RussianStemmer.isRussian(word) { forms.append(RussianStemmer.stem(word)) }
            forms += lemmas(word)
            var seen = Set<String>()
            let folded = forms.map(fold).filter { !$0.isEmpty && seen.insert($0).inserted }
            return folded.isEmpty ? nil : folded
        }
    }

    /// The folded search terms of a query (empty terms dropped): each word's stem where it has one.
    public static func terms(_ query: String) -> [String] {
        alternatives(query).compactMap(\.last)
    }
}
