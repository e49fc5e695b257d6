import Foundation

/// One analysis of a Kazakh word: its lemma, universal part of speech and UD features.
public struct MorphReading: Sendable, Hashable, Codable {
    /// How sure the analyser is.
    public enum Status: String, Sendable, Hashable, Codable {
        /// The stem is in the lexicon (or the word is a listed function word, number or punctuation).
        case known
        /// The stem is not in the lexicon: the suffixes were recognised and the rest taken as the stem.
        case guessed
        /// Nothing was recognised: the lemma is the word itself.
        case unknown
    }

    public var lemma: String
    public var pos: String
    /// UD features, `|`-separated and sorted; empty when there are none.
    public var features: String
    public var status: Status

    public init(lemma: String, pos: String, features: String = "", status: Status = .known) {
        self.lemma = lemma
        self.pos = pos
        self.features = features
        self.status = status
    }
}

/// A rule-based morphological analyser of Kazakh: a stem lexicon (nominal and verb stems derived from
/// hunspell-kk, adjectives, numerals and function words written for Birlik) and the suffix grammar of
/// `Suffixes`, matched right to left with consonant alternation (кітаб-ы → кітап) and the dropped vowel of
/// some stems (орн-ы → орын). It says `guessed` or `unknown` when the stem is not in the lexicon, and
/// `analyse(sentence:)` chooses between readings in context.
public final class KazakhAnalyser: Sendable {
    enum StemClass: String, Sendable { case noun = "N", verb = "V", adjective = "A", numeral = "NUM" }

    let stems: [String: Set<StemClass>]
    let functionWords: [String: [MorphReading]]
    /// Compound verbs as "nominal verb-lemma" (іске асыр, қол қой): the nominal is tagged X.
    let compoundVerbs: Set<String>
    /// Lemmas of pronouns: their inflected forms are pronouns too (өзінің, кімге).
    let pronouns: Set<String>
    let endingsByText: [String: [Ending]]
    let longestEnding: Int
    /// How often each word occurs in the sample corpus: evidence that a stem stands on its own.
    let wordFrequency: [String: Int]
    /// How often each (lowercased) word occurs in the sample corpus other than at a sentence's start, and how
    /// often it is written with a capital there.
    let insideFrequency: [String: Int]
    let capitalisedFrequency: [String: Int]
    /// How often the sample corpus shows each stem as a nominal and as a verb (see `classEvidence(of:matches:)`).
    let classEvidence: [ClassKey: Double]

    /// The analyser with Birlik's lexicon.
    public static let shared = KazakhAnalyser()

    init() {
        func lines(_ name: String) -> [[Substring]] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Resources/Morphology"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        }
        var stems: [String: Set<StemClass>] = [:]
        for line in lines("stems") where line.count == 2 {
            if let kind = StemClass(rawValue: String(line[1])) { stems[String(line[0]), default: []].insert(kind) }
        }
        for line in lines("adjectives") where !line.isEmpty { stems[String(line[0]), default: []].insert(.adjective) }
        for line in lines("numerals") where !line.isEmpty { stems[String(line[0]), default: []] = [.numeral] }
        var functionWords: [String: [MorphReading]] = [:]
        for line in lines("function_words") where line.count == 4 {
            functionWords[String(line[0]), default: []].append(
                MorphReading(lemma: String(line[1]), pos: String(line[2]), features: line[3] == "_" ? "" : String(line[3])))
        }
        self.stems = stems
        self.functionWords = functionWords
        compoundVerbs = Set(lines("compound_verbs").filter { $0.count == 2 }.map { "\($0[0]) \($0[1])" })
        pronouns = Set(functionWords.values.joined().filter { $0.pos == "PRON" }.map(\.lemma))
        var endings: [String: [Ending]] = [:]
        for ending in Suffixes.nominalEndings + Suffixes.verbalEndings { endings[ending.text, default: []].append(ending) }
        endingsByText = endings
        longestEnding = endings.keys.map(\.count).max() ?? 0
        var frequency: [String: Int] = [:], inside: [String: Int] = [:], capitalised: [String: Int] = [:]
        if let url = CorpusResources.sampleCorpus,
           let text = try? String(contentsOf: url, encoding: .utf8) {
            // A word's capital says it is a name only inside a sentence, not after . ! ? or a line break.
            var word = "", sentenceStart = true, wordStartsSentence = true
            func finish() {
                guard !word.isEmpty else { return }
                let lower = word.lowercased()
                frequency[lower, default: 0] += 1
                if !wordStartsSentence {
                    inside[lower, default: 0] += 1
                    if word.first?.isUppercase == true { capitalised[lower, default: 0] += 1 }
                }
                word = ""
            }
            for character in text {
                if character.isLetter || (character == "-" && !word.isEmpty) {
                    if word.isEmpty { wordStartsSentence = sentenceStart }
                    word.append(character)
                    sentenceStart = false
                } else {
                    finish()
                    if ".!?…\n".contains(character) { sentenceStart = true }
                }
            }
            finish()
        }
        wordFrequency = frequency
        insideFrequency = inside
        capitalisedFrequency = capitalised
        let lexicon = (stems, endings, longestEnding)
        classEvidence = Self.classEvidence(of: frequency) { Self.matches($0, stems: lexicon.0, endingsByText: lexicon.1, longestEnding: lexicon.2) }
    }

    /// A stem and the class it is read in (adjectives count with nominals: they take the same endings).
    struct ClassKey: Hashable { var stem: String; var kind: StemClass }

    /// How often the sample corpus shows each stem in each class: the count of every word that has only one
    /// (stem, class) reading goes to it, so a stem seen with endings only verbs take (ал-ған, ал-ып) weighs as
    /// a verb and one seen with endings only nominals take as a nominal.
    static func classEvidence(of frequency: [String: Int], matches: (String) -> [Match]) -> [ClassKey: Double] {
        var evidence: [ClassKey: Double] = [:]
        for (word, count) in frequency where !word.contains("-") {
            let keys = Set(matches(word).filter(\.agrees).map { ClassKey(stem: $0.stem, kind: $0.kind == .adjective ? .noun : $0.kind) })
            // Only a word with one reading is evidence (алған for ал-; not алды, "took" or "the front").
            if keys.count == 1, let key = keys.first { evidence[key, default: 0] += Double(count) }
        }
        return evidence
    }

    /// What a suffix group costs: rarer readings must be needed to be chosen.
    static let groupCost: [String: Int] = ["poss1": 14, "pred": 14, "person": 4, "imp": 10, "des": 12, "voice": 4, "neg": 4]

    // MARK: One word

    /// Every reading of `form`, the most likely first. Punctuation, numbers and symbols get their own tags.
    public func readings(_ form: String) -> [MorphReading] {
        guard let first = form.first else { return [] }
        if form.allSatisfy({ $0.isPunctuation || "«»–—-…".contains($0) }) { return [MorphReading(lemma: form, pos: "PUNCT")] }
        if form.allSatisfy({ $0.isSymbol || "%№§/".contains($0) }) { return [MorphReading(lemma: form, pos: "SYM")] }
        if first.isNumber || form.allSatisfy({ "IVXLCDM".contains($0) }) {
            return [MorphReading(lemma: form.split(separator: "-").first.map(String.init) ?? form, pos: "NUM", features: "NumType=Card")]
        }
        let lower = form.lowercased()
        var readings = functionWords[lower] ?? []
        let parsed = parse(lower).map { reading -> MorphReading in
            var reading = reading
            if pronouns.contains(reading.lemma), reading.pos == "NOUN" { reading.pos = "PRON" }
            // An adjective that takes a possessive, a plural or a case is used as a noun (жасы, жастар, байдың).
            if reading.pos == "ADJ", reading.features.contains("Person[psor]") || reading.features.contains("Number=Plur")
                || (reading.features.contains("Case=") && !reading.features.contains("Case=Nom")) { reading.pos = "NOUN" }
            return reading
        }
        // A pronoun's inflected form is that pronoun, not a noun that looks like it (өзінің is өз-і-нің, not
        // өзі-нің); a listed word read whole still comes first (өзге "other" is not өз-ге).
        let whole = parsed.prefix { $0.lemma == lower && $0.pos == "ADJ" }
        let rest = parsed.dropFirst(whole.count)
        let ordered = whole + rest.filter { $0.pos == "PRON" } + rest.filter { $0.pos != "PRON" }
        readings += ordered.filter { reading in !readings.contains { $0.lemma == reading.lemma && $0.pos == reading.pos } }
        if readings.isEmpty { readings = [guess(lower)] }
        return readings
    }

    /// One way a word splits into a lexicon stem of some class and an ending the grammar allows.
    struct Match {
        var stem: String
        var kind: StemClass
        var ending: Ending
        var altered: Bool
        var agrees: Bool
    }

    /// Every split of `word` into a listed stem and an ending that may follow its last sound.
    func matches(_ word: String) -> [Match] {
        Self.matches(word, stems: stems, endingsByText: endingsByText, longestEnding: longestEnding)
    }

    static func matches(_ word: String, stems: [String: Set<StemClass>], endingsByText: [String: [Ending]], longestEnding: Int) -> [Match] {
        let letters = Array(word)
        var found: [Match] = []
        let shortest = max(1, letters.count - longestEnding)
        for split in stride(from: letters.count, through: shortest, by: -1) {
            let stem = String(letters[0..<split])
            let endingText = String(letters[split...])
            guard let endings = endingsByText[endingText] else { continue }
            for candidate in alternatives(stem, before: endingText) {
                guard let classes = stems[candidate.stem], let last = candidate.stem.last else { continue }
                // Suffixes follow the sound as spoken before them: кітап + ы is written кітабы.
                let sound = Sound.of(candidate.altered ? letters[split - 1] : last)
                let harmony = Harmony.of(candidate.stem)
                for ending in endings where ending.follows.contains(sound) {
                    let agrees = harmony == .neutral || ending.harmony == .neutral || ending.harmony == harmony
                    for kind in classes where (kind == .verb) == ending.verbal {
                        found.append(Match(stem: candidate.stem, kind: kind, ending: ending, altered: candidate.altered, agrees: agrees))
                    }
                }
            }
        }
        return found
    }

    /// Readings whose stem is in the lexicon, best first: the shortest stem, the fewest and commonest
    /// suffixes, and the class the sample corpus shows the stem in most.
    func parse(_ word: String) -> [MorphReading] {
        var found: [(MorphReading, score: Int)] = []
        for match in matches(word) + Self.spelledWithI(word).flatMap(matches) {
            let ending = match.ending, kind = match.kind
            let pos: String
            switch kind {
            case .verb: pos = "VERB"
            case .adjective: pos = "ADJ"
            case .numeral: pos = "NUM"
            case .noun: pos = "NOUN"
            }
            var features = ending.features
            if kind == .noun, !ending.features.contains(where: { $0.hasPrefix("Case=") }) { features.append("Case=Nom") }
            if kind == .numeral { features.append("NumType=Card") }
            let reading = MorphReading(lemma: match.stem, pos: pos, features: Set(features).sorted().joined(separator: "|"))
            // Hunspell lists many inflected forms as words of their own (болды, басшысы), so the
            // shortest stem that explains the word wins; very short stems must earn it.
            var score = -match.stem.count * 10 - ending.suffixCount * 2 - (match.agrees ? 0 : 40) - (match.altered ? 3 : 0)
            score -= ending.groups.reduce(0) { $0 + (Self.groupCost[$1] ?? 0) }
            if ending.text == "ша" || ending.text == "ше" { score -= 10 }
            if match.stem.count <= 2 { score -= 12 }
            // The adjective list is written by hand and holds no inflected forms: a listed adjective read whole
            // beats splitting it into another stem and a suffix (маңызды is not маңыз-ды, қысқа not қыс-қа).
            if kind == .adjective, ending.text.isEmpty { score += 60 }
            if kind == .verb, ending.features.contains("Mood=Imp") { score -= 30 }
            // The future participle (-ар, -р, -с, -мақ) is rare beside nouns that end the same way (отар, бедер, жұмбақ).
            if kind == .verb, ending.features.contains("Tense=Fut") { score -= 25 }
            // A stem the corpus never shows on its own, or in this class, is less likely than one it does.
            // Numerals are a closed, written list: they count as well attested.
            let seen = kind == .verb ? 0 : Double(wordFrequency[match.stem] ?? 0)
            let evidence = max(seen, classEvidence[ClassKey(stem: match.stem, kind: kind == .adjective ? .noun : kind)] ?? 0)
            score += kind == .numeral ? 14 : evidence == 0 ? -22 : min(14, Int(log2(evidence + 1) * 3))
            found.append((reading, score))
        }
        var seen = Set<String>()
        // Ties are broken by the reading itself, so the result never depends on hashing order.
        return found.sorted { ($0.score, $1.0.pos, $1.0.lemma, $1.0.features) > ($1.score, $0.0.pos, $0.0.lemma, $0.0.features) }.map(\.0).filter { seen.insert("\($0.lemma)|\($0.pos)").inserted }
    }

    /// The word as spoken where it is written with и for ый or ій (дами is дамы-й, тани-ды is таны-й-ды): the
    /// last и after a consonant, restored by the vowel harmony of what precedes it.
    static func spelledWithI(_ word: String) -> [String] {
        let letters = Array(word)
        guard let index = letters.lastIndex(of: "и"), index >= 2, Sound.of(letters[index - 1]) != .vowel else { return [] }
        let vowel: Character = Harmony.of(letters[0..<index]) == .front ? "і" : "ы"
        return [String(letters[0..<index]) + String(vowel) + "й" + String(letters[(index + 1)...])]
    }

    /// The stem as written, and the lexicon forms it may stand for before `ending`.
    static func alternatives(_ stem: String, before ending: String) -> [(stem: String, altered: Bool)] {
        var result = [(stem, false)]
        guard let last = stem.last, stem.count >= 2, let next = ending.first, Sound.of(next) == .vowel || next == "у" else { return result }
        let body = stem.dropLast()
        if Sound.of(next) == .vowel {
            // A voiceless consonant voiced between vowels: кітаб-ы → кітап, жүрег-і → жүрек.
            switch last {
            case "б": result.append((body + "п", true))
            case "г": result.append((body + "к", true))
            case "ғ": result.append((body + "қ", true))
            default: break
            }
            // A vowel that drops before a suffix starting with a vowel: ауз-ы → ауыз, орн-ы → орын.
            if let before = body.last, Sound.of(before) != .vowel, Sound.of(last) != .vowel, body.count >= 2 {
                let vowel: Character = Harmony.of(body) == .front ? "і" : "ы"
                result.append((String(body) + String(vowel) + String(last), true))
            }
        }
        if next == "у", Sound.of(last) != .vowel {
            // A verb stem in ы/і loses it before -у: оқ-у → оқы; қорқ-у → қорық.
            result.append((stem + (Harmony.of(stem) == .front ? "і" : "ы"), true))
            if let before = body.last, Sound.of(before) != .vowel, body.count >= 2 {
                let vowel: Character = Harmony.of(body) == .front ? "і" : "ы"
                result.append((String(body) + String(vowel) + String(last), true))
            }
        }
        return result
    }

    /// A reading for a word whose stem is not in the lexicon: the longest known ending is taken off when
    /// what remains is at least three letters long (a nominal ending before a verbal one of the same letters).
    func guess(_ word: String) -> MorphReading {
        let letters = Array(word)
        for split in stride(from: 3, through: letters.count - 1, by: 1) where split >= 3 {
            guard let endings = endingsByText[String(letters[split...])] else { continue }
            let sound = Sound.of(letters[split - 1])
            let harmony = Harmony.of(letters[0..<split])
            let fits = { (ending: Ending) in ending.follows.contains(sound) && (ending.harmony == .neutral || harmony == .neutral || ending.harmony == harmony) }
            if let ending = endings.first(where: { !$0.verbal && fits($0) }) {
                return MorphReading(lemma: String(letters[0..<split]), pos: "NOUN",
                                    features: Set(ending.features + (ending.features.contains { $0.hasPrefix("Case=") } ? [] : ["Case=Nom"])).sorted().joined(separator: "|"),
                                    status: .guessed)
            }
            // An ending only verbs take (-ып, -ған, -атын, -ады): a verb whose stem is not listed.
            if Self.verbalGuessStarts.contains(where: { endings[0].text.hasPrefix($0) }), let ending = endings.first(where: { $0.verbal && fits($0) }) {
                return MorphReading(lemma: String(letters[0..<split]), pos: "VERB", features: Set(ending.features).sorted().joined(separator: "|"), status: .guessed)
            }
        }
        return MorphReading(lemma: word, pos: "NOUN", features: "Case=Nom", status: .unknown)
    }

    /// How the endings begin that mark an unlisted stem as a verb: converbs, participles, the present tense.
    static let verbalGuessStarts = ["ып", "іп", "ған", "ген", "қан", "кен", "атын", "етін", "йтын", "йтін", "ады", "еді", "йды", "йді"]

    // MARK: In context

    static let auxiliaries: Set<String> = ["ал", "бер", "кел", "қал", "жат", "тұр", "отыр", "жүр", "бақ", "көр", "сал", "шық", "қой", "түс", "біт", "бол"]
    /// Words of institutions' names and titles: never proper names on their own, though official names write
    /// them with a capital (Қазақстан Республикасының Президенті, Біріккен Ұлттар Ұйымы).
    static let titleNouns: Set<String> = [
        "президент", "республика", "мемлекет", "үкімет", "парламент", "сенат", "мәжіліс", "министр", "министрлік",
        "премьер-министр", "кабинет", "конституция", "декларация", "жарлық", "заң", "кодекс", "ассамблея", "хатшылық",
        "комитет", "кеңес", "комиссия", "агенттік", "әкімдік", "әкім", "сот", "прокуратура", "одақ", "ұйым", "съезд",
        "саммит", "конференция", "форум", "тұжырымдама", "бағдарлама", "стратегия", "жоспар", "халық", "ұлт", "отан",
        "мемлекеттік", "ұлттық", "университет", "академия", "институт", "қор", "банк", "дума", "палата",
    ]
    /// Pronouns that are determiners before a nominal.
    static let determiners: Set<String> = ["бұл", "осы", "сол", "мына", "мынау", "анау", "ана", "осынау", "сонау", "сондай", "осындай", "өз", "не", "қандай"]

    /// The reading of each word of a sentence, chosen in context.
    public func analyse(sentence forms: [String]) -> [MorphReading] {
        let all = forms.map(readings)
        var chosen = all.map { $0.first ?? MorphReading(lemma: "", pos: "X", status: .unknown) }
        for (index, form) in forms.enumerated() {
            let isWord = form.first?.isLetter ?? false
            guard isWord else { continue }
            let previous = index > 0 ? chosen[index - 1] : nil
            let next = index + 1 < forms.count ? chosen[index + 1] : nil
            // Proper names: a capitalised word inside a sentence, or one the lexicon does not know.
            if form.first?.isUppercase == true, form.count > 1, functionWords[form.lowercased()] == nil,
               ["NOUN", "VERB"].contains(chosen[index].pos) {
                // A known word is a proper name when the corpus mostly writes it with a capital.
                let lower = form.lowercased()
                let seen = insideFrequency[lower] ?? 0, capitalised = capitalisedFrequency[lower] ?? 0
                let mostlyCapital = 2 * capitalised > seen
                // Written with a capital nearly always, also where a sentence does not begin (Қазақстан, Астана).
                let alwaysCapital = seen >= 2 && 10 * capitalised >= 8 * seen
                let atStart = index == 0 || [".", "!", "?", "«", "\"", "—", "–", ":"].contains(forms[index - 1])
                let title = Self.titleNouns.contains(chosen[index].lemma)
                if !title, chosen[index].status != .known || alwaysCapital || (mostlyCapital && !atStart)
                    || (!atStart && chosen[index].lemma.count == form.count && seen == 0) {
                    chosen[index] = properName(form)
                    continue
                }
            }
            // A converb in -а/-е/-й/-ып that the lexicon also lists as a noun (айта, бола) before an auxiliary verb.
            if chosen[index].pos == "NOUN", chosen[index].features == "Case=Nom", index + 1 < forms.count,
               let converb = all[index].first(where: { $0.pos == "VERB" && $0.features == "VerbForm=Conv" }),
               all[index + 1].contains(where: { $0.pos == "VERB" && Self.auxiliaries.contains($0.lemma) }) {
                chosen[index] = converb
            }
            // A finite verb ends the clause: before punctuation, алды is "took", not ал-ды "the front (acc.)".
            if chosen[index].pos == "NOUN", index + 1 == forms.count || all[index + 1].first?.pos == "PUNCT",
               let finite = all[index].first(where: { $0.pos == "VERB" && $0.features.contains("VerbForm=Fin") }) {
                chosen[index] = finite
            }
            // An interjection opens a sentence and stands apart from it (Жоқ, ... ; Е, ...).
            if index == 0, index + 1 < forms.count, all[index + 1].first?.pos == "PUNCT",
               let interjection = all[index].first(where: { $0.pos == "INTJ" }) {
                chosen[index] = interjection
                continue
            }
            // The nominal of a compound verb (жүзеге асырылды, қол қойды).
            if index + 1 < forms.count, all[index + 1].contains(where: { $0.pos == "VERB" && compoundVerbs.contains("\(form.lowercased()) \($0.lemma)") }) {
                chosen[index] = MorphReading(lemma: form.lowercased(), pos: "X")
                continue
            }
            let lemma = chosen[index].lemma
            // Demonstratives, the reflexive өз and the question words не, қандай before a nominal are determiners
            // (бұл кітап, өз елі, не себеп). Ол is mostly "he, she": it stays a pronoun.
            if Self.determiners.contains(lemma), form.lowercased() == lemma {
                let beforeNominal = next.map { ["NOUN", "ADJ", "NUM", "PROPN"].contains($0.pos) } ?? false
                chosen[index].pos = beforeNominal ? "DET" : "PRON"
            }
            // "мен" between two nominals is "and".
            if form.lowercased() == "мен", let previous, ["NOUN", "PROPN", "ADJ", "PRON", "NUM"].contains(previous.pos), next?.pos != "PUNCT" {
                chosen[index] = MorphReading(lemma: "мен", pos: "CCONJ")
            } else if form.lowercased() == "мен", all[index].contains(where: { $0.pos == "PRON" }) {
                chosen[index] = all[index].first { $0.pos == "PRON" }!
            }
            // An auxiliary verb after a converb, or "бол" after a nominal or participle.
            if let verbal = all[index].first(where: { $0.pos == "VERB" }), Self.auxiliaries.contains(verbal.lemma), let previous,
               chosen[index].pos == "VERB" || chosen[index].lemma == "бол" || previous.features.contains("VerbForm=Conv") {
                let afterConverb = previous.pos == "VERB" && previous.features.contains("VerbForm=Conv")
                // "бол" is mostly the copula (болды "was", болып "being"); a full verb after a dative or ablative,
                // an adverb, or the nominal of a compound verb (пайда болды).
                let afterPredicate = verbal.lemma == "бол" && !previous.features.contains("Case=Dat") && !previous.features.contains("Case=Abl")
                    && !["X", "ADV", "PUNCT"].contains(previous.pos)
                if afterConverb || afterPredicate {
                    chosen[index] = verbal
                    chosen[index].pos = "AUX"
                }
            }
        }
        for index in chosen.indices where chosen[index].pos == "NOUN" && chosen[index].status == .known {
            if isDerivedAdjective(chosen[index].lemma) {
                chosen[index].pos = "ADJ"
            } else if let adjective = derivedAdjective(forms[index], reading: chosen[index], next: index + 1 < forms.count ? chosen[index + 1] : nil) {
                chosen[index] = adjective
            }
        }
        return chosen
    }

    /// Adjectives made from nouns: -лы/-ды/-ты "with", -сыз "without", -шыл, and Arabic -и (діни).
    func isDerivedAdjective(_ lemma: String) -> Bool {
        let nominal = { (base: Substring) in self.stems[String(base)].map { $0.contains(.noun) || $0.contains(.adjective) } ?? false }
        for suffix in ["лы", "лі", "ды", "ді", "ты", "ті", "сыз", "сіз", "шыл", "шіл"] where lemma.hasSuffix(suffix) {
            let base = lemma.dropLast(suffix.count)
            if base.count >= 2, nominal(base) || (wordFrequency[String(base)] ?? 0) > 0 { return true }
        }
        return lemma.count >= 4 && lemma.hasSuffix("и") && !lemma.hasSuffix("ии")
    }

    /// The adjective a nominal's form makes in its place, if any: a word in -лы/-ды/-ты ("with") read as an
    /// accusative right before a common noun or adjective; a noun in -лық/-дық/-тық (relational: нарықтық,
    /// еуропалық) bare, right before a nominal; a word in -сыз/-сіз ("without") read as "you are".
    func derivedAdjective(_ form: String, reading: MorphReading, next: MorphReading?) -> MorphReading? {
        let beforeCommonNominal = ["NOUN", "ADJ"].contains(next?.pos ?? "")
        let beforeNominal = beforeCommonNominal || next?.pos == "PROPN"
        let word = form.lowercased()
        guard word.count >= 5, word.first?.isLetter == true else { return nil }
        let adjective = MorphReading(lemma: word, pos: "ADJ")
        let bare = reading.features == "Case=Nom" && reading.lemma == word
        if ["сыз", "сіз"].contains(where: word.hasSuffix), reading.features.contains("Person=2") { return adjective }
        // An accusative does not stand before a nominal; an adjective in -лы/-ды/-ты does (қажетті құрал).
        if beforeCommonNominal, reading.features == "Case=Acc", ["лы", "лі", "ды", "ді", "ты", "ті"].contains(where: word.hasSuffix) { return adjective }
        // Only on a plain noun stem or a borrowed one: -лық on an adjective or verb makes an abstract noun
        // (тұрақтылық, ынтымақтастық).
        if beforeNominal, bare, let suffix = ["лық", "лік", "дық", "дік", "тық", "тік"].first(where: word.hasSuffix),
           stems[String(word.dropLast(suffix.count))].map({ $0 == [.noun] }) ?? true, word.count - suffix.count >= 3 { return adjective }
        return nil
    }

    /// A proper name: the case ending is taken off, the capital kept.
    func properName(_ form: String) -> MorphReading {
        // An abbreviation with its ending after a hyphen: АҚШ-пен, БҰҰ-ға.
        if let hyphen = form.lastIndex(of: "-"), hyphen > form.startIndex, form[form.startIndex].isUppercase,
           form[..<hyphen].allSatisfy({ $0.isUppercase || $0.isNumber }),
           let endings = endingsByText[String(form[form.index(after: hyphen)...]).lowercased()], endings.contains(where: { !$0.verbal }) {
            return MorphReading(lemma: String(form[..<hyphen]), pos: "PROPN", features: "Case=Nom")
        }
        let letters = Array(form)
        let caseOnly = Set(Suffixes.cases.map(\.text) + Suffixes.plural.map(\.text))
        // A name the corpus shows with case endings of its own keeps what looks like one (Қазақстан-да, so
        // Қазақстан is not Қазақс-тан).
        let takesEndings = caseOnly.contains { (wordFrequency[form.lowercased() + $0] ?? 0) > 0 }
        for split in stride(from: 2, through: letters.count - 1, by: 1) {
            let ending = String(letters[split...]).lowercased()
            guard ending.count >= 2, caseOnly.contains(ending) || ending.hasSuffix("ның") || ending.hasSuffix("нің"),
                  let endings = endingsByText[ending] else { continue }
            if takesEndings { continue }
            let sound = Sound.of(Character(letters[split - 1].lowercased()))
            let harmony = Harmony.of(String(letters[0..<split]).lowercased())
            if let match = endings.first(where: { !$0.verbal && $0.follows.contains(sound) && ($0.harmony == .neutral || harmony == .neutral || $0.harmony == harmony) }) {
                return MorphReading(lemma: String(letters[0..<split]), pos: "PROPN", features: Set(match.features).sorted().joined(separator: "|"))
            }
        }
        return MorphReading(lemma: form, pos: "PROPN", features: "Case=Nom")
    }
}
