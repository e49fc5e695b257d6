import Foundation

/// A token of a text: its form, what kind of token it is, and where it is.
public struct Token: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case word
        case number
        /// A number with a suffix written with a hyphen: `1-сынып`, `2025-жылы`, `XXI-ғасыр`.
        case numberWithSuffix
        case punctuation
        case symbol
    }

    public var form: String
    public var kind: Kind
    /// The sentence the token belongs to, counted from 0 in the text.
    public var sentence: Int
    /// Offset of the token's first character in the text (in characters).
    public var offset: Int

    public init(form: String, kind: Kind, sentence: Int, offset: Int) {
        self.form = form
        self.kind = kind
        self.sentence = sentence
        self.offset = offset
    }
}

/// Splits Kazakh (and Russian) text into sentences and tokens: hyphenated words stay whole
/// (`ата-ана`), numbers keep a hyphenated suffix (`1-сынып`) but not a separate word (`2025 жылы` is
/// two tokens), abbreviations and initials do not end a sentence (`т.б.`, `ж.`, `Н.Ә. Назарбаев`),
/// quotation marks «» „“ are tokens of their own.
public enum Tokenizer {
    /// Abbreviations written with a final full stop that do not end a sentence (lower-cased, without the stop).
    static let abbreviations: Set<String> = [
        "т.б", "т.с.с", "т.т", "б.з.д", "ж", "жж", "ғ", "ғғ", "млн", "млрд", "мың", "тел", "проф", "акад", "доц", "обл", "аудан", "көш",
        "т.е", "т.д", "т.п", "г", "гг", "др", "им", "ул", "ст", "см", "стр", "руб", "тыс", "рис", "н.э", "etc", "e.g", "i.e", "mr", "dr",
    ]

    static let quotes: Set<Character> = ["«", "»", "„", "“", "”", "\"", "‘", "’"]
    static let sentenceEnds: Set<Character> = [".", "!", "?", "…"]
    static let hyphens: Set<Character> = ["-", "‐", "‑"]

    /// The tokens of `text`, with their sentence numbers.
    public static func tokens(_ text: String) -> [Token] {
        let characters = Array(text)
        var tokens: [Token] = []
        var sentence = 0
        var index = 0
        var sentenceHasWords = false
        func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "\u{301}" }

        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            let start = index
            if character.isLetter || character.isNumber {
                // A run of letters and digits, joined across single hyphens and apostrophes between them.
                var end = index
                while end < characters.count {
                    if isWordCharacter(characters[end]) { end += 1; continue }
                    if (hyphens.contains(characters[end]) || characters[end] == "'" || characters[end] == "’"), end + 1 < characters.count,
                       isWordCharacter(characters[end + 1]), end > start {
                        end += 1
                        continue
                    }
                    // Decimal and grouped numbers: 3,5 or 12.5 between digits.
                    if (characters[end] == "," || characters[end] == "."), end + 1 < characters.count, characters[end - 1].isNumber,
                       characters[end + 1].isNumber, characters[start...end - 1].allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) {
                        end += 1
                        continue
                    }
                    break
                }
                var form = String(characters[start..<end])
                // Abbreviations with inner stops: т.б., т.с.с., б.з.д.
                var probe = end
                var abbreviation = form
                while probe + 1 < characters.count, characters[probe] == ".", characters[probe + 1].isLetter {
                    var next = probe + 1
                    while next < characters.count, characters[next].isLetter { next += 1 }
                    abbreviation += "." + String(characters[(probe + 1)..<next])
                    probe = next
                }
                if probe > end, abbreviations.contains(abbreviation.lowercased()) {
                    form = abbreviation
                    end = probe
                }
                let kind: Token.Kind
                if form.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) {
                    kind = .number
                } else if let first = form.first, first.isNumber || isRomanNumeral(form.split(whereSeparator: { hyphens.contains($0) }).first.map(String.init) ?? ""),
                          form.contains(where: { hyphens.contains($0) }) {
                    kind = .numberWithSuffix
                } else {
                    kind = .word
                }
                // A final stop after an abbreviation or an initial belongs to the token and ends nothing.
                if end < characters.count, characters[end] == ".",
                   abbreviations.contains(form.lowercased()) || (form.count == 1 && form.first!.isUppercase) {
                    form += "."
                    end += 1
                }
                tokens.append(Token(form: form, kind: kind, sentence: sentence, offset: start))
                sentenceHasWords = true
                index = end
                continue
            }
            // Punctuation: an ellipsis written as three stops is one token; a dash run is one token.
            var end = index + 1
            if character == "." { while end < characters.count, characters[end] == "." { end += 1 } }
            if character == "-" || character == "—" || character == "–" { while end < characters.count, characters[end] == character { end += 1 } }
            let form = String(characters[start..<end])
            let kind: Token.Kind = character.isPunctuation || quotes.contains(character) ? .punctuation : .symbol
            tokens.append(Token(form: form, kind: kind, sentence: sentence, offset: start))
            index = end
            if sentenceEnds.contains(character), sentenceHasWords {
                // Closing quotes and brackets stay in the sentence they close.
                while index < characters.count, ["»", "”", "\"", ")", "’"].contains(characters[index]) {
                    tokens.append(Token(form: String(characters[index]), kind: .punctuation, sentence: sentence, offset: index))
                    index += 1
                }
                var next = index
                while next < characters.count, characters[next].isWhitespace { next += 1 }
                if next == characters.count || characters[next].isUppercase || characters[next].isNumber || quotes.contains(characters[next])
                    || characters[next] == "—" || characters[next] == "–" || characters[next] == "-" {
                    sentence += 1
                    sentenceHasWords = false
                }
            }
        }
        return tokens
    }

    /// The sentences of `text`, each as its tokens.
    public static func sentences(_ text: String) -> [[Token]] {
        var sentences: [[Token]] = []
        for token in tokens(text) {
            if token.sentence >= sentences.count { sentences.append([]) }
            sentences[sentences.count - 1].append(token)
        }
        return sentences
    }

    static func isRomanNumeral(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { "IVXLCDM".contains($0) }
    }
}
