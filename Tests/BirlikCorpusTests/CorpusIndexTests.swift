import BirlikCorpus
import Foundation
import Testing

@Suite("The on-disk corpus index: segments, postings, deletion, compaction")
struct CorpusIndexTests {
    static func table(_ documents: [(String, String)]) -> TokenTable {
        var table = TokenTable()
        for (id, text) in documents {
            let sentences = Tokenizer.sentences(TextNormalizer.normalize(text)).map { sentence in
                sentence.map { ["word": $0.form, "lower": $0.form.lowercased(), "pos": $0.kind.rawValue] }
            }
            table.append(document: id, metadata: ["title": id], sentences: sentences)
        }
        return table
    }

    static func directory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("birlik-corpus-\(UUID().uuidString)")
    }

    static func hits(_ query: String, _ index: CorpusIndex) throws -> [String] {
        try CQPSearch().run(try CQPParser.parse(query), in: index).matches.map { match in
            "\(index.document(of: match.start)?.id ?? "?"):" + (match.start..<match.end).compactMap { index.value("word", at: $0) }.joined(separator: " ")
        }
    }

    @Test("Documents added later land in new segments and are found with the old ones, also after reopening")
    func addAndReopen() throws {
        let folder = Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var index = try CorpusIndex.open(at: folder)
        #expect(index.count == 0 && index.documents.isEmpty)
        index = try index.adding(Self.table([("a", "Кітап оқыдым. Жаңа кітап."), ("b", "Кітапхана ашылды.")]))
        index = try index.adding(Self.table([("c", "Ол кітап сатып алды.")]))
        #expect(try Self.hits(#"[lower="кітап"]"#, index) == ["a:Кітап", "a:кітап", "c:кітап"])
        #expect(try Self.hits(#"[lower="кітап.*"] [pos="word"]"#, index) == ["a:Кітап оқыдым", "b:Кітапхана ашылды", "c:кітап сатып"])
        let reopened = try CorpusIndex.open(at: folder)
        #expect(reopened.count == index.count && reopened.documents.map(\.id) == ["a", "b", "c"])
        #expect(try Self.hits(#"[lower="кітап"]"#, reopened) == ["a:Кітап", "a:кітап", "c:кітап"])
        #expect(reopened.frequency("lower", "кітап") == 3)
        // Sentence boundaries hold across segments.
        #expect(try Self.hits(#"[lower="оқыдым"] [] []"#, index) == ["a:оқыдым . Жаңа"])
        #expect(try Self.hits(#"[lower="оқыдым"] [] [] within s"#, index).isEmpty)
    }

    @Test("A snapshot reloads what another process added to or deleted from its folder, keeping the segments it has mapped")
    func reloadsChangesFromElsewhere() throws {
        let folder = Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try CorpusIndex.open(at: folder).adding(Self.table([("a", "Бірлік пен келісім.")]))
        #expect(try server.reloaded() == nil)
        // Another process (`birlik corpus add`) opens the same folder and adds a segment, then deletes a document.
        var other = try CorpusIndex.open(at: folder).adding(Self.table([("b", "Елдің бірлігі – береке.")]))
        var reloaded = try #require(try server.reloaded())
        #expect(reloaded.documents.map(\.id) == ["a", "b"])
        #expect(try Self.hits(#"[lower="бірлі.*"]"#, reloaded) == ["a:Бірлік", "b:бірлігі"])
        #expect(try reloaded.reloaded() == nil)
        other = try other.deleting(documentID: "a").index
        reloaded = try #require(try reloaded.reloaded())
        #expect(reloaded.documents.map(\.id) == ["b"] && other.documents.map(\.id) == ["b"])
        #expect(try Self.hits(#"[lower="бірлі.*"]"#, reloaded) == ["b:бірлігі"])
        // An index held in memory has no folder to reload from.
        #expect(try CorpusIndex(table: Self.table([("c", "Тіл.")])).reloaded() == nil)
    }

    @Test("A deleted document disappears from results at once and stays gone; compaction drops its tokens")
    func deleteAndCompact() throws {
        let folder = Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var index = try CorpusIndex.open(at: folder)
        index = try index.adding(Self.table([("a", "Бірлік пен келісім."), ("b", "Бірлік – береке.")]))
        index = try index.adding(Self.table([("c", "Елдің бірлігі.")]))
        let (after, removed) = try index.deleting(documentID: "b")
        #expect(removed == 1)
        #expect(try Self.hits(#"[lower="бірлік"]"#, after) == ["a:Бірлік"])
        #expect(try Self.hits(#"[lower="бірлік"]"#, try CorpusIndex.open(at: folder)) == ["a:Бірлік"])
        #expect(after.documents.map(\.id) == ["a", "c"])
        let compact = try after.compacted()
        #expect(compact.count == after.liveTokens)
        #expect(try Self.hits(#"[lower="бірлі.*"]"#, compact) == ["a:Бірлік", "c:бірлігі"])
        let reopened = try CorpusIndex.open(at: folder)
        #expect(try Self.hits(#"[lower="бірлі.*"]"#, reopened) == ["a:Бірлік", "c:бірлігі"])
        let folders = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("segment-") }
        #expect(folders.count == 1)
    }

    @Test("Search through postings finds exactly what a scan of every position finds")
    func postingsAgreeWithScan() throws {
        let words = ["ел", "жер", "бірлік", "халық", "тіл", "мемлекет", "қазақ", "достық", "және", "мен"]
        var generator = SystemRandomNumberGenerator()
        var table = TokenTable()
        for document in 0..<20 {
            let sentences = (0..<10).map { _ in
                (0..<Int.random(in: 3...12, using: &generator)).map { _ -> [String: String] in
                    let word = words.randomElement(using: &generator)!
                    return ["word": word, "lower": word, "pos": word.count > 3 ? "N" : "X"]
                }
            }
            table.append(document: "d\(document)", metadata: [:], sentences: sentences)
        }
        let index = CorpusIndex(table: table)
        for query in [#"[lower="ел"]"#, #"[lower="ел"] [lower="жер"]"#, #"[lower="ел"] []{0,2} [lower="тіл"] within s"#,
                      #"[lower="ж.*" & pos="N"]"#, #"[lower="бірлік"|lower="достық"] [pos="X"]"#, #"[pos!="N"] [lower="халық"]"#] {
            let found = try CQPSearch().run(try CQPParser.parse(query), in: index).matches.map(\.start)
            // The same query with a leading [] that can match nothing forces the scan of every position.
            let scanned = try CQPSearch().run(try CQPParser.parse("[]{0,0} " + query), in: index).matches.map(\.start)
            #expect(found == scanned, "\(query)")
            #expect(try CQPSearch().count(try CQPParser.parse(query), in: index).count == found.count, "count of \(query)")
            #expect(!found.isEmpty, "\(query)")
        }
    }

    @Test("A damaged manifest or segment is refused with a clear error")
    func damaged() throws {
        let folder = Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try CorpusIndex.open(at: folder).adding(Self.table([("a", "Сөз.")]))
        let segment = folder.appendingPathComponent(index.documents.isEmpty ? "" : "segment-000001")
        try Data([1, 2, 3]).write(to: segment.appendingPathComponent("lower.col"))
        #expect(throws: CorpusIndexError.self) { try CorpusIndex.open(at: folder) }
        try Data("{".utf8).write(to: folder.appendingPathComponent(CorpusIndex.manifestName))
        #expect(throws: CorpusIndexError.damaged(folder.appendingPathComponent(CorpusIndex.manifestName).path)) { try CorpusIndex.open(at: folder) }
    }
}
