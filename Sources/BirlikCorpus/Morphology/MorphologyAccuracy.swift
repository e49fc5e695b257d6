import Foundation

/// The analyser measured on a gold standard in CoNLL-U (UD Kazakh KTB): the gold tokenisation is taken,
/// each sentence analysed in context, and lemma and part of speech compared with the gold ones over all
/// syntactic words (lemmas compared without regard to capital letters).
public struct MorphologyAccuracy: Sendable {
    public var tokens = 0
    public var lemmaCorrect = 0
    public var posCorrect = 0
    /// Mistakes as "gold → analysed", most frequent first.
    public var lemmaErrors: [(String, Int)] = []
    public var posErrors: [(String, Int)] = []
    /// The tokens of the mistake asked for, as "form, gold, analysed".
    public var examples: [String] = []
    /// Tokens whose stem the lexicon did not know.
    public var unknown = 0

    public var lemmaAccuracy: Double { tokens == 0 ? 0 : Double(lemmaCorrect) / Double(tokens) }
    public var posAccuracy: Double { tokens == 0 ? 0 : Double(posCorrect) / Double(tokens) }

    /// A gold sentence: forms with their gold lemma and part of speech.
    struct GoldWord { var form, lemma, pos: String }

    /// The sentences of a CoNLL-U text (multi-word token ranges and empty nodes skipped).
    static func sentences(_ conllu: String) -> [[GoldWord]] {
        var sentences: [[GoldWord]] = []
        var current: [GoldWord] = []
        for line in conllu.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !current.isEmpty { sentences.append(current); current = [] }
                continue
            }
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 4, fields[0].allSatisfy(\.isNumber) else { continue }
            current.append(GoldWord(form: String(fields[1]), lemma: String(fields[2]), pos: String(fields[3])))
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences
    }

    /// Analyses every sentence of `conllu` and counts.
    /// `show` collects the tokens of one kind of mistake in `examples`: "GOLD>ANALYSED" parts of speech, or "lemma".
    public static func measure(conllu: String, analyser: KazakhAnalyser = .shared, show: String? = nil) -> MorphologyAccuracy {
        var result = MorphologyAccuracy()
        var lemmaErrors: [String: Int] = [:], posErrors: [String: Int] = [:]
        for sentence in sentences(conllu) {
            let readings = analyser.analyse(sentence: sentence.map(\.form))
            for (gold, reading) in zip(sentence, readings) {
                result.tokens += 1
                if reading.status != .known { result.unknown += 1 }
                if gold.lemma.lowercased() == reading.lemma.lowercased() {
                    result.lemmaCorrect += 1
                } else {
                    lemmaErrors["\(gold.form): \(gold.lemma) → \(reading.lemma)", default: 0] += 1
                }
                if let show, show == "\(gold.pos)>\(reading.pos)" || show == "lemma" && gold.lemma.lowercased() != reading.lemma.lowercased() {
                    result.examples.append("\(gold.form)\t\(gold.lemma) \(gold.pos)\t\(reading.lemma) \(reading.pos) \(reading.features)")
                }
                if gold.pos == reading.pos {
                    result.posCorrect += 1
                } else {
                    posErrors["\(gold.pos) → \(reading.pos)", default: 0] += 1
                }
            }
        }
        func top(_ counts: [String: Int]) -> [(String, Int)] {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        result.lemmaErrors = top(lemmaErrors)
        result.posErrors = top(posErrors)
        return result
    }

    /// The repository's copy of the UD Kazakh KTB development set.
    public static var developmentSet: URL? {
        Bundle.module.url(forResource: "kk_ktb_dev", withExtension: "conllu", subdirectory: "Resources/Gold")
    }
}
