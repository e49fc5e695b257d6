import ArgumentParser
import BirlikCore
import BirlikCorpus
import BirlikDocuments
import BirlikWeb
import Foundation

/// `birlik corpus …`: the national corpus of the Kazakh language from the command line.
struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "The national corpus of the Kazakh language: build, add, query, measure.",
        subcommands: [Build.self, Add.self, Delete.self, Query.self, Analyse.self, Accuracy.self])

    struct Analyse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every reading of each word (lemma, part of speech, features, how sure), then the sentence analysed in context.")

        @Argument(help: "Kazakh words or a sentence, in Cyrillic or Latin.") var words: [String]

        func run() {
            let text = words.joined(separator: " ")
            let analysed = CorpusBuilder.analyse(text)
            for sentence in analysed {
                for (token, chosen) in sentence {
                    let all = KazakhAnalyser.shared.readings(CorpusScript.cyrillic(token.form))
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

extension CorpusCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a new corpus index from every .txt, .docx and .html file in a folder (an existing index there is replaced). A file that cannot be read is reported; the rest still land.")

        @Argument(help: "The folder of texts.") var directory: String
        @Option(help: "The index folder.") var index: String
        @Option(help: "The language of the messages: kk, ru or en (default: from LANG).") var language: String?

        func run() throws {
            let folder = URL(fileURLWithPath: directory)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
                throw ValidationError("cannot read the folder \(directory)")
            }
            let files = names.sorted().filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
            let target = URL(fileURLWithPath: index)
            try? FileManager.default.removeItem(at: target)
            try CorpusCommand.ingest(files, into: target, Birlik.localizer(language))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add files to a corpus index as a new segment, without rebuilding what is there.")

        @Argument(help: "Text, DOCX or HTML files.") var files: [String]
        @Option(help: "The index folder (created when missing).") var index: String
        @Option(help: "The language of the messages: kk, ru or en (default: from LANG).") var language: String?

        func run() throws {
            try CorpusCommand.ingest(files.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: index), Birlik.localizer(language))
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a document from a corpus index; it leaves every result at once.")

        @Argument(help: "The document id (as `query --json` shows it).") var document: String
        @Option(help: "The index folder.") var index: String

        func run() throws {
            let (_, removed) = try CorpusIndex.open(at: URL(fileURLWithPath: index)).deleting(documentID: document)
            guard removed > 0 else { throw ValidationError("no document \(document) in \(index)") }
            print("Deleted \(document).")
        }
    }

    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run a CQP query: KWIC lines, or JSON hits with document and position.")

        @Option(help: "The index folder.") var index: String
        @Argument(help: #"The CQP query, e.g. '[lemma="кітап"] []{0,2} [pos="VERB"] within s'."#) var cqp: String
        @Flag(help: "Print JSON hits.") var json = false
        @Option(help: "At most this many hits.") var limit = 100
        @Option(help: "Tokens of context on each side.") var context = 6
        @Option(help: "The language of the messages: kk, ru or en (default: from LANG).") var language: String?

        func run() throws {
            let corpus = try CorpusIndex.open(at: URL(fileURLWithPath: index))
            let query: CQPQuery
            do { query = try CQPParser.parse(cqp) } catch {
                let l10n = Birlik.localizer(language)
                let message = l10n(.corpusQueryError, ["position": String(error.position + 1), "expected": "@corpus.expected.\(error.expected.rawValue)"])
                throw ValidationError("\(cqp)\n\(String(repeating: " ", count: error.position))^ \(message)")
            }
            let (matches, stop) = try CQPSearch(maximumResults: limit).run(query, in: corpus)
            let lines = CorpusResults.concordance(matches, in: corpus, context: context, perPage: limit)
            if json {
                struct Output: Encodable { var hits: [ConcordanceLine]; var stop: CQPSearch.Stop }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
                print(String(decoding: try encoder.encode(Output(hits: lines, stop: stop)), as: UTF8.self))
            } else {
                for line in lines { print("\(line.document)\t\(line.left) [\(line.match)] \(line.right)") }
                FileHandle.standardError.write(Data("\(lines.count) hits\(stop == .complete ? "" : " (stopped: \(stop.rawValue))")\n".utf8))
            }
        }
    }

    static func ingest(_ files: [URL], into folder: URL, _ l10n: Localizer) throws {
        let start = Stopwatch()
        let index = try CorpusIndex.open(at: folder)
        let (result, files) = try CorpusIngest.add(files: files, to: index) { file in
            if let error = file.error {
                FileHandle.standardError.write(Data("\(file.file): \(l10n(error.l10nKey))\n".utf8))
            }
        }
        let tokens = files.reduce(0) { $0 + $1.tokens }
        print(l10n(.corpusCliAdded, ["files": String(files.filter { $0.error == nil }.count), "documents": String(files.reduce(0) { $0 + $1.documents }),
                                     "tokens": String(tokens), "seconds": String(format: "%.1f", start.seconds), "total": String(result.liveTokens)]))
        if files.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}
