import Foundation

/// The script a Kazakh text is written in.
public enum Script: String, Sendable, Codable, CaseIterable {
    case cyrillic
    /// The 2021 Latin alphabet (ä ğ ı ñ ö ş ū ü …).
    case latin
    case mixed
    /// No letters at all.
    case none
}

/// Cleans Kazakh text before it is tokenised: Unicode NFC, and the Latin look-alike letters that stand in
/// for Cyrillic ones in texts typed on a Russian keyboard (`i` for `і`, `h` for `һ`, Latin `a`, `e`, `o` …
/// inside Cyrillic words) mended — only inside words that are otherwise Cyrillic, so Latin-script text
/// and foreign names are left alone.
public enum TextNormalizer {
    /// Latin letters that look like Cyrillic ones, and the Cyrillic letter meant.
    static let lookAlikes: [Character: Character] = [
        "i": "і", "I": "І", "h": "һ", "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у",
        "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",
    ]

    /// Letters only the 2021 Latin alphabet has.
    static let latinOnly: Set<Character> = ["ä", "ğ", "ı", "ñ", "ö", "ş", "ū", "ü", "Ä", "Ğ", "İ", "Ñ", "Ö", "Ş", "Ū", "Ü"]

    public static func isCyrillic(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { (0x0400...0x04FF).contains($0.value) } ?? false
    }

    public static func isLatin(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) || (0xC0...0x24F).contains(scalar.value)
    }

    /// The text in NFC with look-alike letters mended.
    public static func normalize(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        var output = ""
        output.reserveCapacity(composed.utf8.count)
        var word: [Character] = []
        func flush() {
            guard !word.isEmpty else { return }
            let hasCyrillic = word.contains(where: isCyrillic)
            let latin = word.filter(isLatin)
            if hasCyrillic, !latin.isEmpty, latin.allSatisfy({ lookAlikes[$0] != nil }) {
                output.append(contentsOf: word.map { lookAlikes[$0] ?? $0 })
            } else {
                output.append(contentsOf: word)
            }
            word.removeAll(keepingCapacity: true)
        }
        for character in composed {
            if character.isLetter { word.append(character) } else { flush(); output.append(character) }
        }
        flush()
        return output
    }

    /// The script of a text: the one with at least four fifths of its letters, else mixed.
    public static func script(of text: String) -> Script {
        var cyrillic = 0, latin = 0
        for character in text where character.isLetter {
            if isCyrillic(character) { cyrillic += 1 } else if isLatin(character) || latinOnly.contains(character) { latin += 1 }
        }
        let total = cyrillic + latin
        guard total > 0 else { return .none }
        if Double(cyrillic) >= 0.8 * Double(total) { return .cyrillic }
        if Double(latin) >= 0.8 * Double(total) { return .latin }
        return .mixed
    }
}
