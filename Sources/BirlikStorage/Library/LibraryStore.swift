import BirlikCore
import FluentKit
import Foundation

/// The digital library and depository (S16): an organisation deposits an item with its Dublin Core
/// description and file (stored by content hash, typed from its bytes as a report's attachment is), edits
/// it, and a curator publishes or withdraws it. Every change audited; the OAI datestamp moves with each.
public enum LibraryStore {
    /// A file to deposit: its bytes, name as uploaded and the text read from it for the search ("" when none).
    public struct Upload: Sendable {
        public var data: Data
        public var fileName: String
        public var text: String
        public init(data: Data, fileName: String, text: String) { self.data = data; self.fileName = fileName; self.text = text }
    }

    /// A datestamp as OAI-PMH gives it: whole seconds.
    static func datestamp(_ now: Date) -> Date { Date(timeIntervalSince1970: (now.timeIntervalSince1970).rounded(.down)) }

    /// The draft's values and the file's media type, or every problem with either at once.
    static func checked(_ draft: LibraryItemDraft, upload: Upload?, today: Day) throws -> (LibraryItemDraft.Valid, String?) {
        var problems: [FieldError] = []
        var valid: LibraryItemDraft.Valid?
        do { valid = try draft.validated(today: today) } catch let DomainError.invalid(errors) { problems = errors }
        var mediaType: String?
        if let upload {
            do { mediaType = try LibraryItem.mediaType(of: upload.data, fileName: upload.fileName) } catch let DomainError.invalid(errors) { problems += errors }
        }
        guard problems.isEmpty, let valid else { throw DomainError.invalid(problems) }
        return (valid, mediaType)
    }

    /// Deposits a new item of the actor's organisation as a draft.
    public static func deposit(_ draft: LibraryItemDraft, upload: Upload?, files: FileStore, actor: Actor, on db: any Database, now: Date) async throws -> LibraryItem {
        let (valid, kind) = try checked(draft, upload: upload, today: Day(now))
        guard let organization = actor.organizationID else { throw actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try Access.require(actor, .create, .libraryItem, in: Scope(organizationID: organization, regionCode: valid.region, isPublic: false))
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let file = try await store(upload, mediaType: kind, files: files, actor: actor, on: audit.db, now: now)
            let prefix = String(format: "LIB-%04d-", Day(now).year)
            let count = try await LibraryItemRecord.query(on: audit.db).filter(\.$code >= prefix).filter(\.$code < prefix + ":").count()
            var item = LibraryItem(code: prefix + String(format: "%04d", count + 1), collection: valid.collection, organizationID: organization, region: valid.region,
                                   titles: valid.titles, creators: valid.creators, subjects: valid.subjects, description: valid.description,
                                   publisher: try await publisher(valid.publisher, organization: organization, on: audit.db), date: valid.date, type: valid.type, language: valid.language, rights: valid.rights,
                                   source: valid.source, file: file, createdAt: now, depositedBy: actor.displayName)
            item.updatedAt = datestamp(now)
            let record = LibraryItemRecord(item, fileText: upload?.text ?? "")
            try await record.create(on: audit.db)
            try await SearchTermRecord.replace(.libraryItem, recordID: item.id, folded: [record.searchText, record.fileText], on: audit.db)
            try await audit.record("create", "libraryItem", id: item.code, before: Nothing?.none, after: item)
            return item
        }
    }

    /// Changes an item's description (and, with `upload`, its file), opened at `version`.
    public static func update(_ id: UUID, _ draft: LibraryItemDraft, upload: Upload?, version: Int, files: FileStore, actor: Actor, on db: any Database,
                              now: Date) async throws -> LibraryItem {
        let (valid, kind) = try checked(draft, upload: upload, today: Day(now))
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await LibraryItemRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .libraryItem, in: before.scope)
            try Access.require(actor, .update, .libraryItem, in: Scope(organizationID: before.organizationID, regionCode: valid.region, isPublic: false))
            guard before.version == version else { throw DomainError.staleVersion }
            guard before.status != .withdrawn else { throw DomainError.conflict(.errorTransition) }
            var after = before
            after.collection = valid.collection; after.titles = valid.titles; after.creators = valid.creators; after.subjects = valid.subjects
            after.description = valid.description; after.publisher = try await publisher(valid.publisher, organization: before.organizationID, on: audit.db); after.date = valid.date; after.type = valid.type
            after.language = valid.language; after.rights = valid.rights; after.source = valid.source; after.region = valid.region
            if let file = try await store(upload, mediaType: kind, files: files, actor: actor, on: audit.db, now: now) { after.file = file }
            after.updatedAt = datestamp(now); after.version += 1
            record.apply(after, fileText: upload?.text)
            try await record.update(on: audit.db)
            try await SearchTermRecord.replace(.libraryItem, recordID: after.id, folded: [record.searchText, record.fileText], on: audit.db)
            try await audit.record("update", "libraryItem", id: before.code, before: before, after: after)
            return after
        }
    }

    /// A step of a curator: publish a draft, or withdraw a published item with a reason (it stays known to harvesters as deleted).
    public enum Step: Sendable, Hashable {
        case publish
        case withdraw(reason: String)
        var name: String { if case .publish = self { "publish" } else { "withdraw" } }
    }

    public static func apply(_ step: Step, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> LibraryItem {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await LibraryItemRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .view, .libraryItem, in: before.scope)
            try Access.require(actor, .approve, .libraryItem, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            var after = before
            switch step {
            case .publish:
                guard before.status == .draft else { throw DomainError.conflict(.errorTransition) }
                after.status = .published
            case let .withdraw(reason):
                guard before.status == .published else { throw DomainError.conflict(.errorTransition) }
                let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
                guard reason.count <= 1000 else { throw DomainError.invalid([FieldError("reason", .fieldTooLong, ["max": "1000"])]) }
                after.status = .withdrawn; after.withdrawalReason = reason
            }
            after.updatedAt = datestamp(now); after.version += 1
            record.apply(after, fileText: nil)
            try await record.update(on: audit.db)
            try await audit.record(step.name, "libraryItem", id: before.code, before: before, after: after)
            return after
        }
    }

    /// The publisher as typed, or the depositing organisation's name when left empty (`dc:publisher`).
    static func publisher(_ typed: String, organization: UUID, on db: any Database) async throws -> String {
        guard typed.isEmpty else { return typed }
        return try await OrganizationRecord.find(organization, on: db)?.nameKK ?? ""
    }

    static func store(_ upload: Upload?, mediaType: String?, files: FileStore, actor: Actor, on db: any Database, now: Date) async throws -> Attachment? {
        guard let upload, let mediaType else { return nil }
        let name = Attachment.safeName(upload.fileName)
        let address = try await files.store(upload.data, mediaType: mediaType, originalName: name, on: db, now: now)
        if let user = actor.userID { try await files.recordUpload(address, by: user, on: db, now: now) }
        return Attachment(sha256: address.sha256, fileName: name, mediaType: mediaType, size: upload.data.count, addedAt: now, addedBy: actor.displayName)
    }
}
