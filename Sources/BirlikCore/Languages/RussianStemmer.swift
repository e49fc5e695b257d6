/// The Snowball stemmer for Russian (Porter's algorithm as published at snowballstem.org): a word's
/// inflected forms share one stem, «дружба», «дружбы», «дружбе» → «дружб». The stem is always a prefix
/// of the word, so a search that matches word prefixes finds every form from any form.
public enum RussianStemmer {
    private static let vowels: Set<Character> = ["а", "е", "и", "о", "у", "ы", "э", "ю", "я"]

    /// A class of endings: each removed when it is the longest that matches; the first group's only
    /// after «а» or «я» (Snowball's `among` with its conditions).
    private struct Endings {
        let list: [(ending: [Character], afterAOrYa: Bool)]
        init(afterAOrYa: [String] = [], _ plain: [String]) {
            list = (afterAOrYa.map { (Array($0), true) } + plain.map { (Array($0), false) }).sorted { $0.0.count > $1.0.count }
        }
    }

    private static let perfectiveGerund = Endings(afterAOrYa: ["в", "вши", "вшись"], ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"])
    private static let reflexive = Endings(["ся", "сь"])
    private static let adjective = Endings(["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого",
                                            "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"])
    private static let participle = Endings(afterAOrYa: ["ем", "нн", "вш", "ющ", "щ"], ["ивш", "ывш", "ующ"])
    private static let verb = Endings(afterAOrYa: ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"],
                                      ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило",
                                       "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"])
    private static let noun = Endings(["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й",
                                       "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я"])
    private static let superlative = Endings(["ейш", "ейше"])
    private static let derivational = Endings(["ост", "ость"])
    private static let doubledN = Endings(["нн"])
    private static let softSign = Endings(["ь"])
    private static let finalI = Endings(["и"])

    /// `true` for a word written in Russian letters only (a Kazakh word has letters Russian lacks).
    public static func isRussian(_ word: String) -> Bool {
        !word.isEmpty && word.lowercased().allSatisfy { ("а"..."я").contains($0) || $0 == "ё" }
    }

    /// The stem of a lower-case Russian word; any other word is returned unchanged.
    public static func stem(_ text: String) -> String {
        let word = Array(text.lowercased())
        guard isRussian(text), let firstVowel = word.firstIndex(where: vowels.contains) else { return text.lowercased() }
        let rv = firstVowel + 1
        let r1 = region(after: 0, in: word)
        let r2 = region(after: r1, in: word)
        var stem = word

        // Step 1: a perfective gerund, or else (after a reflexive ending) an adjectival, verb or noun ending.
        if !remove(perfectiveGerund, from: &stem, regionStart: rv) {
            _ = remove(reflexive, from: &stem, regionStart: rv)
            if remove(adjective, from: &stem, regionStart: rv) {
                _ = remove(participle, from: &stem, regionStart: rv)
            } else if !remove(verb, from: &stem, regionStart: rv) {
                _ = remove(noun, from: &stem, regionStart: rv)
            }
        }
        // Step 2: a final «и».
        _ = remove(finalI, from: &stem, regionStart: rv)
        // Step 3: a derivational ending in R2.
        _ = remove(derivational, from: &stem, regionStart: max(r2, rv))
        // Step 4: «нн» undoubled, or a superlative removed (then «нн» undoubled), or a final «ь» removed.
        if remove(doubledN, from: &stem, regionStart: rv) {
            stem.append("н")
        } else if remove(superlative, from: &stem, regionStart: rv) {
            if remove(doubledN, from: &stem, regionStart: rv) { stem.append("н") }
        } else {
            _ = remove(softSign, from: &stem, regionStart: rv)
        }
        return String(stem)
    }

    /// The region after the first non-vowel that follows a vowel, at or after `start` (Snowball's R1 and R2).
    private static func region(after start: Int, in word: [Character]) -> Int {
        var index = start
        while index < word.count - 1 {
            if vowels.contains(word[index]), !vowels.contains(word[index + 1]) { return index + 2 }
            index += 1
        }
        return word.count
    }

    /// Removes the longest of `endings` that lies wholly at or after `regionStart`; one that must follow
    /// «а» or «я» (which stays, inside the region) is removed only then, and otherwise nothing is.
    private static func remove(_ endings: Endings, from word: inout [Character], regionStart: Int) -> Bool {
        guard let match = endings.list.first(where: { candidate in
            candidate.ending.count <= word.count - regionStart && word.suffix(candidate.ending.count).elementsEqual(candidate.ending)
        }) else { return false }
        let start = word.count - match.ending.count
        if match.afterAOrYa {
            guard start - 1 >= regionStart, ["а", "я"].contains(word[start - 1]) else { return false }
        }
        word.removeLast(match.ending.count)
        return true
    }
}
