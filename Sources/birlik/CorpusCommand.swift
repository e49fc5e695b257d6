import ArgumentParser
import BirlikCorpus
import Foundation

/// `birlik corpus …`: the national corpus of the Kazakh language from the command line.
struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "The national corpus of the Kazakh language: build, add, query, measure.",
        subcommands: [Analyse.self, Accuracy.self])

    struct Analyse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every reading of each word (lemma, part of speech, features, how sure), then the sentence analysed in context.")

        @Argument(help: "Kazakh words or a sentence, in Cyrillic or Latin.") var words: [String]

        func run() {
            let text = words.joined(separator: " ")
            let analysed = CorpusBuilder.analyse(text)
            for sentence in analysed {
                for (token, chosen) in sentence {
                    let all = KazakhAnalyser.shared.readings(KazakhScript.cyrillic(token.form))
                    print("\(token.form)\t\(chosen.lemma)\t\(chosen.pos)\t\(chosen.features)\t\(chosen.status.rawValue)")
                    for reading in all.dropFirst().prefix(5) { print("\t  \(reading.lemma) \(reading.pos) \(reading.features)") }
                }
            }
        }
    }

    struct Accuracy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lemma and part-of-speech accuracy of the morphological analyser on a CoNLL-U gold file (gold tokenisation, analysed in context).")

        @Option(help: "The gold file (default: the repository's copy of the UD Kazakh KTB development set).") var gold: String?
        @Option(help: "How many of the most frequent errors to list.") var errors = 15
        @Option(help: "List every token with one kind of mistake: GOLD>ANALYSED parts of speech (ADJ>NOUN), or lemma.") var show: String?

        func run() throws {
            guard let url = gold.map({ URL(fileURLWithPath: $0) }) ?? MorphologyAccuracy.developmentSet,
                  let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw ValidationError("cannot read the gold file \(gold ?? "(development set)")")
            }
            let result = MorphologyAccuracy.measure(conllu: text, show: show)
            guard result.tokens > 0 else { throw ValidationError("\(url.path) holds no CoNLL-U tokens") }
            print("Gold: \(url.lastPathComponent), \(result.tokens) tokens")
            print(String(format: "Lemma accuracy: %.1f%% (%d of %d)", result.lemmaAccuracy * 100, result.lemmaCorrect, result.tokens))
            print(String(format: "UPOS accuracy:  %.1f%% (%d of %d)", result.posAccuracy * 100, result.posCorrect, result.tokens))
            print(String(format: "Stem not in the lexicon: %d tokens (%.1f%%)", result.unknown, Double(result.unknown) * 100 / Double(result.tokens)))
            print("Most frequent part-of-speech errors (gold → analysed):")
            for (error, count) in result.posErrors.prefix(errors) { print("  \(count)\t\(error)") }
            print("Most frequent lemma errors (form: gold → analysed):")
            for (error, count) in result.lemmaErrors.prefix(errors) { print("  \(count)\t\(error)") }
            if show != nil { print("Tokens (form, gold, analysed):") }
            for example in result.examples { print("  " + example) }
        }
    }
}
