import BirlikCore
import ArgumentParser
import BirlikCorpus
import Foundation

/// The corpus scenario: a corpus generated from the sample corpus's own vocabulary and frequencies (each
/// distinct annotated token drawn as often as it occurs), indexed by Birlik, Xapian and Tantivy; build
/// throughput, index size, query latency and peak memory, measured in one run.
extension BirlikBench {
    /// A small, fast, seeded random number generator (SplitMix64), so every run draws the same corpus.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct Latency {
        var median: Double
        var p99: Double
        var matches: Int
    }

    /// Latency of counting each query's matches (what Xapian and Tantivy are asked), or of listing them all.
    static func latency(_ queries: [String], _ index: CorpusIndex, list: Bool = false) throws -> Latency {
        let search = CQPSearch(maximumResults: .max, timeLimit: 120, maximumLength: 50)
        var times: [Double] = []
        var matches = 0
        // Warm-up: every query once, untimed (the other engines are measured the same way).
        for text in queries { _ = list ? try search.run(try CQPParser.parse(text), in: index).matches.count : try search.count(try CQPParser.parse(text), in: index).count }
        for text in queries {
            let query = try CQPParser.parse(text)
            let start = DispatchTime.now().uptimeNanoseconds
            matches += list ? try search.run(query, in: index).matches.count : try search.count(query, in: index).count
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        return Latency(median: times[times.count / 2], p99: times[min(times.count - 1, Int((Double(times.count - 1) * 0.99).rounded()))], matches: matches)
    }

    static func folderSize(_ url: URL) -> Int {
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey])
        var total = 0
        while let file = enumerator?.nextObject() as? URL { total += (try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) ?? 0 }
        return total
    }

    /// Tokens per segment while building (one segment per flush).
    static let segmentTokens = 10_000_000

    func runCorpus() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-corpus-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        // The vocabulary: every word token of the sample corpus, analysed, with its frequency.
        guard let sample = CorpusResources.sampleCorpus, let text = try? String(contentsOf: sample, encoding: .utf8) else {
            throw ValidationError("the sample corpus is missing")
        }
        var counts: [[String]: Int] = [:]
        var sentenceLengths: [Int] = []
        for sentence in CorpusBuilder.analyse(text) {
            let words = sentence.filter { $0.token.kind == .word }
            if !words.isEmpty { sentenceLengths.append(words.count) }
            for (token, reading) in words {
                counts[[token.form, token.form.lowercased(), reading.lemma.lowercased(), reading.pos, reading.features], default: 0] += 1
            }
        }
        let vocabulary = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.joined() < $1.key.joined() }
        var cumulative: [Int] = []
        var running = 0
        for (_, count) in vocabulary { running += count; cumulative.append(running) }
        func draw(_ random: inout SplitMix) -> Int {
            let target = Int(random.next() % UInt64(running))
            var low = 0, high = cumulative.count - 1
            while low < high { let middle = (low + high) / 2; if cumulative[middle] > target { high = middle } else { low = middle + 1 } }
            return low
        }
        print("Corpus benchmark: \(tokens) tokens drawn from the sample corpus's \(vocabulary.count) distinct annotated words (\(running) tokens), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        // Generate, write the same tokens for the other engines, and index in Birlik (only indexing is timed).
        let tsv = root.appendingPathComponent("corpus.tsv")
        FileManager.default.createFile(atPath: tsv.path, contents: nil)
        let output = try FileHandle(forWritingTo: tsv)
        /// The drawn corpus, the same on every call: documents of about 2,000 tokens, each its sentences of
        /// vocabulary indices, with a position for a phrase query in the first 100.
        func eachDocument(_ body: (_ document: Int, _ sentences: [[Int]], _ phraseAt: Int?) throws -> Void) rethrows {
            var random = SplitMix(state: 2025)
            var generated = 0
            var document = 0
            while generated < tokens {
                var sentences: [[Int]] = []
                var length = 0
                while length < 2_000 {
                    let size = sentenceLengths[Int(random.next() % UInt64(sentenceLengths.count))]
                    sentences.append((0..<size).map { _ in draw(&random) })
                    length += size
                }
                let phraseAt = document < 100 && length > 1 ? Int(random.next() % UInt64(length - 1)) : nil
                try body(document, sentences, phraseAt)
                generated += length
                document += 1
            }
        }
        /// Indexes the drawn corpus with the given columns of each vocabulary entry as `attributes` (only the
        /// indexing is timed); `each` sees every document first. Returns the tokens and the seconds spent
        /// indexing, of them waiting for segments to be written.
        func build(_ folder: String, attributes: [String], columns: [Int],
                   each: (_ document: Int, _ ids: [Int], _ phraseAt: Int?) throws -> Void = { _, _, _ in }) throws
            -> (tokens: Int, indexing: Double, writing: Double) {
            let builder = CorpusIndexBuilder(try CorpusIndex.open(at: root.appendingPathComponent(folder)))
            var table = TokenTable(attributes: attributes)
            var indexing = 0.0, writing = 0.0, generated = 0
            try eachDocument { document, drawn, phraseAt in
                try each(document, drawn.flatMap { $0 }, phraseAt)
                let sentences = drawn.map { sentence in sentence.map { id in columns.map { vocabulary[id].key[$0] } } }
                let start = Stopwatch()
                table.append(document: "d\(document)", metadata: ["year": String(2000 + document % 25)], tokens: sentences)
                if table.count >= Self.segmentTokens {
                    let write = Stopwatch()
                    builder.add(table)
                    writing += write.seconds
                    table = TokenTable(attributes: attributes)
                }
                indexing += start.seconds
                generated += sentences.reduce(0) { $0 + $1.count }
            }
            let start = Stopwatch()
            builder.add(table)
            _ = try builder.finish()
            indexing += start.seconds
            writing += start.seconds
            return (generated, indexing, writing)
        }
        // Generate, write the same tokens for the other engines, and index in Birlik. Each vocabulary entry is
        // (word, lower, lemma, pos, tags), the table's column order.
        var phrases: [[String]] = []
        Self.resetPeakMemory()
        let (generated, indexing, writing) = try build("birlik", attributes: TokenTable.standardAttributes, columns: [0, 1, 2, 3, 4]) { _, ids, phraseAt in
            if let at = phraseAt { phrases.append([vocabulary[ids[at]].key[1], vocabulary[ids[at + 1]].key[1]]) }
            // The other engines' file: lowercase forms, lemmas, forms, parts of speech, tags ("_" for none).
            let line = [1, 2, 0, 3, 4].map { column in
                ids.map { vocabulary[$0].key[column].isEmpty ? "_" : vocabulary[$0].key[column] }.joined(separator: " ")
            }.joined(separator: "\t") + "\n"
            output.write(Data(line.utf8))
        }
        try output.close()
        let buildPeak = Self.memory("VmHWM")
        // The same tokens again with only the two attributes Tantivy and Xapian index (lowercase form and lemma),
        // so the build is also compared on the same fields.
        let pair = try build("birlik-pair", attributes: ["lower", "lemma"], columns: [1, 2])
        let pairThroughput = Double(pair.tokens) / pair.indexing
        let pairSize = Self.folderSize(root.appendingPathComponent("birlik-pair"))
        try? FileManager.default.removeItem(at: root.appendingPathComponent("birlik-pair"))
        // Queries: words across the frequency ranks, phrases from the text, lemma prefixes.
        let lowers = Array(NSOrderedSet(array: vocabulary.map { $0.key[1] }).array as! [String])
        let words = (0..<100).map { lowers[min(lowers.count - 1, Int(pow(Double(lowers.count), Double($0) / 100)) - 1)] }
        let lemmas = Array(NSOrderedSet(array: vocabulary.map { $0.key[2] }.filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) }).array as! [String])
        var prefixes: [String] = []
        for lemma in lemmas where prefixes.count < 20 && !prefixes.contains(String(lemma.prefix(3))) { prefixes.append(String(lemma.prefix(3))) }
        let queryFile = root.appendingPathComponent("queries.json")
        let plain: [String: Any] = ["words": words, "phrases": phrases, "lemmaPrefixes": prefixes]
        try JSONSerialization.data(withJSONObject: plain).write(to: queryFile)
        let reopened = try CorpusIndex.open(at: root.appendingPathComponent("birlik"))
        Self.resetPeakMemory()
        let cqp = [words.map { "[lower=\"\(CQPQuery.literal($0))\"]" },
                   phrases.map { "[lower=\"\(CQPQuery.literal($0[0]))\"] [lower=\"\(CQPQuery.literal($0[1]))\"]" },
                   prefixes.map { "[lemma=\"\(CQPQuery.literal($0)).*\"]" }]
        let ours = try cqp.map { try Self.latency($0, reopened) }
        let listed = try cqp.map { try Self.latency($0, reopened, list: true) }
        let servePeak = Self.memory("VmHWM")
        let ourSize = Self.folderSize(root.appendingPathComponent("birlik"))
        var others: [(String, [String: Any])] = []
        for engine in engines.split(separator: ",").map(String.init) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [enginesScript, engine, tsv.path, queryFile.path, root.appendingPathComponent(engine).path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let result = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? ["unavailable": "no output"]
            others.append((engine, result))
            try? FileManager.default.removeItem(at: root.appendingPathComponent(engine))
        }
        // Report.
        let throughput = Double(generated) / indexing
        print("")
        print(String(format: "Birlik:  %d tokens indexed in %.1f s (%.1f s of it waiting for segments to be written) = %.0f tokens/s; index %.0f MB; peak memory %d MB indexing, %d MB serving",
                     generated, indexing, writing, throughput, Double(ourSize) / 1e6, buildPeak, servePeak))
        print(String(format: "Birlik, the two attributes the other engines index (lowercase form, lemma): %d tokens in %.1f s = %.0f tokens/s; index %.0f MB",
                     pair.tokens, pair.indexing, pairThroughput, Double(pairSize) / 1e6))
        let kinds = ["word", "phrase", "lemmaRegex"]
        let names = ["single word", "phrase (2 words)", "regex over lemma (prefix.*)"]
        for ((name, latency), all) in zip(zip(names, ours), listed) {
            print(String(format: "  %-28@ median %8.3f ms  p99 %8.3f ms  %d positions counted; listing every position: median %.3f ms, p99 %.3f ms",
                         name as NSString, latency.median, latency.p99, latency.matches, all.median, all.p99))
        }
        for (engine, result) in others {
            guard let seconds = result["buildSeconds"] as? Double, let theirTokens = result["tokens"] as? Int, let size = result["sizeBytes"] as? Int else {
                print("\(engine): not measured (\(result["unavailable"] ?? "no result"))")
                continue
            }
            let theirs = Double(theirTokens) / seconds
            print("")
            print(String(format: "%@: %d tokens in %.1f s = %.0f tokens/s; index %.0f MB; peak memory %d MB — %@", engine, theirTokens, seconds, theirs,
                         Double(size) / 1e6, result["peakMemoryMB"] as? Int ?? 0, result["notes"] as? String ?? ""))
            if result["fields"] as? Int == 5 {
                print(String(format: "  build throughput, Birlik ÷ %@, both with five attributes: %.2f (target ≥ 1)", engine, throughput / theirs))
                print(String(format: "  index size, Birlik ÷ %@, both with five attributes: %.2f", engine, Double(ourSize) / Double(size)))
            } else {
                print(String(format: "  build throughput, Birlik ÷ %@: %.2f with five attributes, %.2f with the same two (target ≥ 1)", engine, throughput / theirs, pairThroughput / theirs))
                print(String(format: "  index size, Birlik ÷ %@: %.2f with five attributes, %.2f with the same two", engine, Double(ourSize) / Double(size), Double(pairSize) / Double(size)))
            }
            for (kind, (name, latency)) in zip(kinds, zip(names, ours)) {
                guard let their = result[kind] as? [String: Any], let median = their["median"] as? Double, let p99 = their["p99"] as? Double else { continue }
                print(String(format: "  %-28@ median %8.3f ms  p99 %8.3f ms  %d documents; %@ ÷ Birlik: median %.2f, p99 %.2f (target > 1)",
                             name as NSString, median, p99, their["matches"] as? Int ?? 0, engine, median / latency.median, p99 / latency.p99))
            }
        }
    }
}
