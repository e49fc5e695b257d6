import BirlikCore
import BirlikCorpus
import BirlikStorage
import BirlikDocuments
import FluentKit
import Foundation
import NIOConcurrencyHelpers

/// The server's corpus index (`<data>/corpus`), shared by every request: a snapshot is read under a lock and
/// replaced when documents are added. An empty index is filled from the shipped sample corpus on first use.
final class CorpusLibrary: Sendable {
    let directory: URL
    private let current = NIOLockedValueBox<CorpusIndex?>(nil)

    /// How long a submission whose text could not be read is left alone before it is tried again.
    let retryUnreadable: Duration

    init(directory: URL, retryUnreadable: Duration = .seconds(600)) {
        self.directory = directory
        self.retryUnreadable = retryUnreadable
    }

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
            current = try Self.latest(current, directory).deleting(documentID: documentID).index
        }
    }

    /// The corpus document of an accepted submission, read from its stored file.
    static func document(_ submission: CorpusSubmission, files: FileStore, on db: any Database) async throws -> CorpusText {
        guard let address = ContentAddress(hex: submission.sha256), let data = try await files.data(at: address, on: db) else {
            throw DomainError.invalid([FieldError("file", .corpusErrorFileMissing)])
        }
        return CorpusText(title: submission.title, text: try CorpusText.read(data, fileName: submission.fileName).text, metadata: submission.metadata)
    }

    /// Adds every accepted submission the index lacks, as one segment: a restored backup brings the
    /// submissions and their files, and the index is rebuilt from them. A submission whose file cannot be
    /// read is left out rather than holding up the others, and is tried again after `retryUnreadable`
    /// (not every few seconds). Returns how many were added.
    @discardableResult
    func restore(_ submissions: [CorpusSubmission], files: FileStore, on db: any Database) async throws -> Int {
        let skipped = Set(try index().documents.map(\.id)).union(resting())
        var texts: [(CorpusText, String)] = []
        for submission in submissions where submission.status == .accepted {
            guard let id = submission.documentID, !skipped.contains(id) else { continue }
            do {
                texts.append((try await Self.document(submission, files: files, on: db), id))
            } catch {
                unreadable.withLockedValue { $0[id] = ContinuousClock.now }
            }
        }
        try add(texts)
        return texts.count
    }

    /// Accepted submissions whose text could not be read here, with when that was found.
    private let unreadable = NIOLockedValueBox([String: ContinuousClock.Instant]())

    /// The submissions not to read now: found unreadable less than `retryUnreadable` ago.
    private func resting() -> Set<String> {
        let now = ContinuousClock.now
        return unreadable.withLockedValue { found in
            found = found.filter { now - $0.value < retryUnreadable }
            return Set(found.keys)
        }
    }

    /// Brings the index up to date with what other processes did: a segment another process wrote into
    /// this folder (`birlik corpus add`), and texts accepted on another server instance (their
    /// submissions and files are in the shared database; each instance indexes them into its own folder).
    /// The server calls it every `CorpusLibrary.syncInterval`. Returns `true` when the index changed.
    @discardableResult
    func synchronize(files: FileStore, on db: any Database) async throws -> Bool {
        // An index not opened yet has nothing to bring up to date: it is read whole when first used.
        guard let (opened, reloaded) = try current.withLockedValue({ current -> (CorpusIndex, Bool)? in
            guard let index = current else { return nil }
            guard let reloaded = try index.reloaded() else { return (index, false) }
            current = reloaded
            return (reloaded, true)
        }) else { return false }
        let present = Set(opened.documents.map(\.id))
        let missing = try await CorpusSubmissionStore.acceptedDocumentIDs(on: db).subtracting(present)
            .subtracting(resting())
        guard !missing.isEmpty else { return reloaded }
        return try await restore(try await CorpusSubmissionStore.accepted(documentIDs: missing, on: db), files: files, on: db) > 0 || reloaded
    }

    /// How often a running server looks for documents added elsewhere.
    static let syncInterval: Duration = .seconds(2)

    /// Adds one document; it is searchable when this returns.
    func add(_ text: CorpusText, id: String) throws { try add([(text, id)]) }

    /// Adds documents as one segment. They are analysed before the lock is taken; the segment is added to
    /// the index as its folder holds it now (what another process wrote there is kept).
    func add(_ texts: [(CorpusText, String)]) throws {
        guard !texts.isEmpty else { return }
        _ = try index()
        let table = TokenTable()
        for (text, id) in texts {
            table.append(document: id, metadata: CorpusIngest.metadata(text), sentences: CorpusBuilder.attributes(text.text))
        }
        try current.withLockedValue { current in
            current = try Self.latest(current, directory).adding(table)
        }
    }

    /// The snapshot to change: the current one with whatever another process wrote to the folder since.
    private static func latest(_ current: CorpusIndex?, _ directory: URL) throws -> CorpusIndex {
        guard let current else { return try CorpusIndex.open(at: directory) }
        return try current.reloaded() ?? current
    }
}
