import BirlikCore
import BirlikCorpus
import BirlikStorage
import BirlikDocuments
import Foundation
import NIOConcurrencyHelpers

/// The server's corpus index (`<data>/corpus`), shared by every request: a snapshot is read under a lock and
/// replaced when documents are added. An empty index is filled from the shipped sample corpus on first use.
final class CorpusLibrary: Sendable {
    let directory: URL
    private let current = NIOLockedValueBox<CorpusIndex?>(nil)

    init(directory: URL) { self.directory = directory }

    /// The index, opened (and the sample corpus built into it) on first use.
    func index() throws -> CorpusIndex {
        try current.withLockedValue { current in
            if let current { return current }
            var index = try CorpusIndex.open(at: directory)
            if index.documents.isEmpty, let sample = CorpusResources.sampleCorpus {
                index = try CorpusIngest.add(files: [sample], to: index).0
            }
            current = index
            return index
        }
    }

    /// Deletes a document (undoing an acceptance whose transaction failed).
    func delete(documentID: String) throws {
        try current.withLockedValue { current in
            current = try (current ?? CorpusIndex.open(at: directory)).deleting(documentID: documentID).index
        }
    }

    /// The corpus document of an accepted submission, read from its stored file.
    static func document(_ submission: CorpusSubmission, files: FileStore) throws -> CorpusText {
        guard let address = ContentAddress(hex: submission.sha256), let data = files.data(at: address) else {
            throw DomainError.invalid([FieldError("file", .corpusErrorFileMissing)])
        }
        return CorpusText(title: submission.title, text: try CorpusText.read(data, fileName: submission.fileName).text, metadata: submission.metadata)
    }

    /// Adds every accepted submission the index lacks: a restored backup brings the submissions and their
    /// files, and the index is rebuilt from them. Returns how many were added.
    @discardableResult
    func restore(_ submissions: [CorpusSubmission], files: FileStore) throws -> Int {
        let present = Set(try index().documents.map(\.id))
        var added = 0
        for submission in submissions where submission.status == .accepted {
            guard let id = submission.documentID, !present.contains(id) else { continue }
            try add(try Self.document(submission, files: files), id: id)
            added += 1
        }
        return added
    }

    /// Adds one document; it is searchable when this returns.
    @discardableResult
    func add(_ text: CorpusText, id: String) throws -> CorpusIndex {
        _ = try index()
        return try current.withLockedValue { current in
            let table = TokenTable()
            table.append(document: id, metadata: CorpusIngest.metadata(text), sentences: CorpusBuilder.attributes(text.text))
            let next = try (current ?? CorpusIndex.open(at: directory)).adding(table)
            current = next
            return next
        }
    }
}
