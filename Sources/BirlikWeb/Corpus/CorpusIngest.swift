import BirlikCorpus
import BirlikDocuments
import Foundation

/// Files into a corpus index: each file read (text, DOCX, HTML), split into its documents, analysed and
/// added. A file that cannot be read is reported and skipped; the rest of the batch still lands.
public enum CorpusIngest {
    /// What became of one file.
    public struct FileResult: Sendable {
        public var file: String
        public var documents: Int
        public var tokens: Int
        public var error: CorpusText.ReadError?
    }

    /// A document's metadata as the index keeps it.
    static func metadata(_ text: CorpusText, extra: [String: String] = [:]) -> [String: String] {
        var metadata = text.metadata.merging(extra) { $1 }
        metadata["title"] = metadata["title"] ?? text.title
        return metadata
    }

    /// Adds `files` to `index`, a new segment every `segmentTokens` tokens (each written while the next
    /// is read); returns the new index and a result per file. Document ids are the file name, with a
    /// number when a file holds several.
    public static func add(files: [URL], to index: CorpusIndex, segmentTokens: Int = 2_000_000,
                           progress: (FileResult) -> Void = { _ in }) throws -> (CorpusIndex, [FileResult]) {
        let builder = CorpusIndexBuilder(index)
        var table = TokenTable()
        var results: [FileResult] = []
        let existing = Set(index.documents.map(\.id))
        for file in files {
            var result = FileResult(file: file.lastPathComponent, documents: 0, tokens: 0, error: nil)
            do {
                guard let data = try? Data(contentsOf: file) else { throw CorpusText.ReadError.notText }
                let read = try CorpusText.read(data, fileName: file.lastPathComponent)
                let documents = read.documents()
                for (number, document) in documents.enumerated() {
                    var id = documents.count == 1 ? file.lastPathComponent : "\(file.lastPathComponent)#\(number + 1)"
                    if existing.contains(id) { id += "@" + UUID().uuidString.prefix(8).lowercased() }
                    let sentences = CorpusBuilder.attributes(document.text)
                    let before = table.count
                    table.append(document: id, metadata: metadata(document), sentences: sentences)
                    result.documents += 1
                    result.tokens += table.count - before
                }
            } catch let error as CorpusText.ReadError {
                result.error = error
            }
            results.append(result)
            progress(result)
            if table.count >= segmentTokens {
                builder.add(table)
                table = TokenTable()
            }
        }
        builder.add(table)
        return (try builder.finish(), results)
    }
}
