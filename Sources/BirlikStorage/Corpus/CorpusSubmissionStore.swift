import BirlikCore
import FluentKit
import Foundation

/// Submissions to the national corpus: a contributor submits a text, an editor accepts or rejects it.
/// Acceptance puts the text into the corpus index (given as `index`) inside the audited transaction, so a
/// text is in the index exactly when its submission says accepted.
public enum CorpusSubmissionStore {
    /// Records a submission whose file is already stored and read (`tokens` counted).
    public static func submit(_ draft: CorpusSubmissionDraft, sha256: String, fileName: String, tokens: Int, actor: Actor, today: Day,
                              on db: any Database, now: Date) async throws -> CorpusSubmission {
        let fields = try draft.validated(today: today)
        let submission = CorpusSubmission(id: UUID(), title: fields.title, author: fields.author, year: fields.year, genre: fields.genre,
                                          source: fields.source, licence: fields.licence, sha256: sha256, fileName: fileName, tokens: tokens,
                                          status: .submitted, submittedBy: actor.displayName, organizationID: actor.organizationID,
                                          regionCode: actor.regionCode, submittedAt: now)
        try Access.require(actor, .create, .corpusText, in: submission.scope)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            try await CorpusSubmissionRecord(submission).create(on: audit.db)
            try await audit.record("submit", "corpus-text", id: submission.id.uuidString, before: Nothing?.none, after: submission)
            return submission
        }
    }

    /// Accepts or rejects a submission under review. On acceptance `index` adds the text to the corpus and
    /// returns its document id; if that fails, nothing changes.
    public static func review(_ id: UUID, accept: Bool, note: String, version: Int, actor: Actor, on db: any Database, now: Date,
                              index: @escaping @Sendable (CorpusSubmission) async throws -> String) async throws -> CorpusSubmission {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await CorpusSubmissionRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.submission
            guard Access.check(actor, .view, .corpusText, in: before.scope) == .allowed else { throw DomainError.notFound }
            try Access.require(actor, .approve, .corpusText, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            guard before.status == .submitted else { throw DomainError.conflict(.errorTransition) }
            var after = before
            after.status = accept ? .accepted : .rejected
            after.reviewNote = note.trimmingCharacters(in: .whitespacesAndNewlines)
            after.version += 1
            if accept { after.documentID = try await index(after) }
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record(accept ? "accept" : "reject", "corpus-text", id: before.id.uuidString, before: before, after: after)
            return after
        }
    }

    /// The submissions `actor` may see, newest first.
    public static func list(actor: Actor, on db: any Database) async throws -> [CorpusSubmission] {
        try await CorpusSubmissionRecord.query(on: db).visible(to: actor).sort(\.$submittedAt, .descending).limit(1_000).all().map(\.submission)
    }

    /// The document ids of every accepted submission: what each server instance's corpus index holds.
    public static func acceptedDocumentIDs(on db: any Database) async throws -> Set<String> {
        Set(try await CorpusSubmissionRecord.query(on: db).filter(\.$status == CorpusSubmission.Status.accepted.rawValue)
            .all(\.$documentID).compactMap { $0 })
    }

    /// The accepted submissions whose documents are `documentIDs`.
    public static func accepted(documentIDs: Set<String>, on db: any Database) async throws -> [CorpusSubmission] {
        guard !documentIDs.isEmpty else { return [] }
        return try await CorpusSubmissionRecord.query(on: db).filter(\.$status == CorpusSubmission.Status.accepted.rawValue)
            .filter(\.$documentID ~~ Array(documentIDs)).all().map(\.submission)
    }

    /// One submission, when `actor` may see it.
    public static func find(_ id: UUID, actor: Actor, on db: any Database) async throws -> CorpusSubmission {
        guard let submission = try await CorpusSubmissionRecord.find(id, on: db)?.submission,
              Access.check(actor, .view, .corpusText, in: submission.scope) == .allowed else { throw DomainError.notFound }
        return submission
    }
}
