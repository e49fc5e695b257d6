import BirlikCore
import FluentKit
import SQLKit
import Foundation
import ZIPFoundation

/// A whole-system backup in one ZIP file: every table as JSON (portable between SQLite and
/// PostgreSQL) and every stored file. Sessions are not kept: users sign in again after a restore.
public enum Backup {
    /// What a backup holds, written as `manifest.json`.
    public struct Manifest: Codable, Sendable {
        public var format: String
        public var createdAt: Date
        public var counts: [String: Int]
        public var auditHead: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case notEmpty
        case unreadable(String)
        /// A stored file's entry is not `files/ab/cd/<sha256>`, or its bytes do not hash to its name.
        case foreignFile(String)

        public var description: String {
            switch self {
            case .notEmpty: "the database already holds organisations; restore into an empty data directory or database"
            case let .foreignFile(path): "\(path) is not a stored file of Birlik (only files/ab/cd/<sha256> whose bytes hash to that name are restored); nothing was restored"
            case let .unreadable(detail): "the backup cannot be read: \(detail)"
            }
        }
    }

    static let format = "birlik-backup-1"

    /// Writes the backup to `file` (replacing it) and returns its manifest.
    @discardableResult
    public static func write(to file: URL, files: FileStore, now: Date, on db: any Database) async throws -> Manifest {
        try? FileManager.default.removeItem(at: file)
        let archive = try Archive(url: file, accessMode: .create)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        var counts: [String: Int] = [:]
        func add<M: Model>(_ type: M.Type) async throws {
            let rows = try await M.query(on: db).all()
            counts[M.schema] = rows.count
            let data = try encoder.encode(rows)
            try archive.addEntry(with: "tables/\(M.schema).json", type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try await add(RegionRecord.self)
        try await add(OrganizationRecord.self)
        try await add(PersonRecord.self)
        try await add(UserRecord.self)
        try await add(AuditEntryRecord.self)
        try await add(AuditHeadRecord.self)
        try await add(StoredFileRecord.self)
        for table in partTables { try await add(table) }
        if let sql = db as? any SQLDatabase {
            for table in RawTables.all {
                let (count, data) = try await table.dump(sql, encoder)
                counts[table.name] = count
                try archive.addEntry(with: "tables/\(table.name).json", type: .file, uncompressedSize: Int64(data.count),
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        }
        for record in try await StoredFileRecord.query(on: db).all() {
            guard let sha = record.id, let address = ContentAddress(hex: sha), let data = try await files.data(at: address, on: db) else { continue }
            try archive.addEntry(with: "files/\(address.relativePath)", type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let manifest = Manifest(format: format, createdAt: now, counts: counts,
                                auditHead: try await AuditHeadRecord.find(1, on: db)?.sequence ?? 0)
        let data = try encoder.encode(manifest)
        try archive.addEntry(with: "manifest.json", type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        return manifest
    }

    /// Restores a backup into an empty, migrated database, in one transaction, and its files.
    @discardableResult
    public static func restore(from file: URL, files store: FileStore, on db: any Database) async throws -> Manifest {
        guard try await OrganizationRecord.query(on: db).count() == 0 else { throw Failure.notEmpty }
        let archive: Archive
        do { archive = try Archive(url: file, accessMode: .read) } catch { throw Failure.unreadable("not a ZIP archive") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        func read(_ path: String) throws -> Data {
            guard let entry = archive[path] else { throw Failure.unreadable("\(path) is missing") }
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return data
        }
        let manifest = try decoder.decode(Manifest.self, from: read("manifest.json"))
        // Every stored file is checked before anything is written: a content-hash name under files/, and
        // bytes that hash to it. Nothing else in the archive can reach the disk (no `..`, no other name).
        var storedFiles: [(Entry, ContentAddress)] = []
        for entry in archive where entry.path.hasPrefix("files/") {
            guard entry.type == .file, let address = storedAddress(entry.path) else { throw Failure.foreignFile(entry.path) }
            var hasher = SHA256Stream()
            _ = try archive.extract(entry) { hasher.update($0) }
            guard hasher.hex == address.sha256 else { throw Failure.foreignFile(entry.path) }
            storedFiles.append((entry, address))
        }
        let checkedFiles = CheckedFiles(archive: archive, entries: storedFiles)
        guard manifest.format == format else { throw Failure.unreadable("unknown format \(manifest.format)") }
        let regions = try decoder.decode([RegionRecord].self, from: read("tables/regions.json"))
        let organizations = try decoder.decode([OrganizationRecord].self, from: read("tables/organizations.json"))
        let people = try decoder.decode([PersonRecord].self, from: read("tables/people.json"))
        let users = try decoder.decode([UserRecord].self, from: read("tables/users.json"))
        let audit = try decoder.decode([AuditEntryRecord].self, from: read("tables/audit_log.json"))
        let head = try decoder.decode([AuditHeadRecord].self, from: read("tables/audit_head.json"))
        let files = try decoder.decode([StoredFileRecord].self, from: read("tables/stored_files.json"))
        var tables: [String: Data] = [:]
        for table in partTables { if archive["tables/\(table.schema).json"] != nil { tables[table.schema] = try read("tables/\(table.schema).json") } }
        for table in RawTables.all { if archive["tables/\(table.name).json"] != nil { tables[table.name] = try read("tables/\(table.name).json") } }
        let tableData = tables
        try await db.transaction { tx in
            try await RegionRecord.query(on: tx).delete()
            try await AuditEntryRecord.query(on: tx).delete()
            try await AuditHeadRecord.query(on: tx).delete()
            for region in regions { try await region.create(on: tx) }
            for organization in parentsFirst(organizations) { try await organization.create(on: tx) }
            for person in people { try await person.create(on: tx) }
            for user in users { try await user.create(on: tx) }
            for entry in audit { try await entry.create(on: tx) }
            for row in head { try await row.create(on: tx) }
            for row in files { try await row.create(on: tx) }
            // One file in memory at a time, checked against its name again as it is written.
            for (entry, address) in checkedFiles.entries {
                let data = try checkedFiles.read(entry)
                guard ContentAddress(of: data) == address else { throw Failure.foreignFile(entry.path) }
                try await store.keep(data, at: address, on: tx)
            }
            for table in partTables { try await restoreTable(table, from: tableData[table.schema], on: tx) }
            if let sql = tx as? any SQLDatabase {
                for table in RawTables.all { if let data = tableData[table.name] { try await table.load(sql, decoder, data) } }
            }
        }
        return manifest
    }

    /// The archive's stored files, already checked, read one by one inside the restore's transaction. The
    /// archive is read by that one task alone, in sequence.
    struct CheckedFiles: @unchecked Sendable {
        let archive: Archive
        let entries: [(Entry, ContentAddress)]

        func read(_ entry: Entry) throws -> Data {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return data
        }
    }

    /// The address an archive path names when it is exactly `files/ab/cd/<sha256>`; `nil` otherwise.
    static func storedAddress(_ path: String) -> ContentAddress? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "files", let address = ContentAddress(hex: String(parts[3])),
              "files/" + address.relativePath == path else { return nil }
        return address
    }

    /// The parts' Fluent tables, parents before children: the control loop (S2–S5), signals and alerts (S6),
    /// corpus submissions (S12), the working-day calendar, appeals, mediation and public control (S7, S9, S11),
    /// the charity ledger (S8), grants and reviews (S10, S21), events (S15), the portal's news, encyclopedia,
    /// open data, media plan and library (S16), and the mail outbox. Sessions (`auth_tokens`) are left out on purpose.
    static let partTables: [any Model.Type] = [
        PlanRecord.self, PlanVersionRecord.self, MeasureRecord.self, MeasureTaskRecord.self, MeasureNodeRecord.self, ReportRecord.self, MeasureEventRecord.self,
        ReportAttachmentRecord.self, NotificationRecord.self, InstructionRecord.self, InstructionExecutorRecord.self, InstructionEventRecord.self, SignedDocumentRecord.self,
        SignalRecord.self, AlertRecord.self, CorpusSubmissionRecord.self, FileUploadRecord.self,
        CalendarEntryRecord.self, AppealRecord.self, AppealEventRecord.self, MediatorRecord.self, MediationCaseRecord.self, PublicControlRecord.self,
        CampaignRecord.self, DonorRecord.self, LedgerEntryRecord.self, TreeHeadRecord.self, ReceiptVersionRecord.self, DisbursementRecord.self,
        GrantCallRecord.self, GrantLotRecord.self, GrantApplicationRecord.self, ReviewAssignmentRecord.self,
        EventRecord.self, EventRegistrationRecord.self, NewsRecord.self, ArticleRecord.self, ArticleRevisionRecord.self, ArticleTextRecord.self,
        DatasetVersionRecord.self, MediaPlanRecord.self, LibraryItemRecord.self, SearchTermRecord.self, OutboxRecord.self,
        CourseRecord.self, CourseGroupRecord.self, EnrolmentRecord.self, CertificateRecord.self, PartnerRecord.self, AgreementRecord.self,
        YouthInitiativeRecord.self, VolunteerRecord.self, ParticipationRecord.self, GoodPracticeRecord.self, PracticeAdoptionRecord.self,
    ]

    /// Tables a backup leaves out on purpose: sessions, the migrations' own bookkeeping, stored files' bytes
    /// (in the archive as `files/ab/cd/<sha256>` wherever they live) and background imports' progress.
    public static let excludedTables: Set<String> = ["auth_tokens", "_fluent_migrations", StoredFileContents.schema, ImportJobRecord.schema]

    /// Restores one table when the backup has it (backups made before the table existed do not).
    static func restoreTable<M: Model>(_ type: M.Type, from data: Data?, on db: any Database) async throws {
        guard let data else { return }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let rows = try decoder.decode([M].self, from: data)
        for start in stride(from: 0, to: rows.count, by: 500) {
            try await Array(rows[start..<min(start + 500, rows.count)]).create(on: db)
        }
    }

    /// Organisations ordered so that each comes after its parent.
    static func parentsFirst(_ records: [OrganizationRecord]) -> [OrganizationRecord] {
        let known = Set(records.compactMap(\.id))
        var placed = Set<UUID>()
        var ordered: [OrganizationRecord] = []
        var pending = records
        while !pending.isEmpty {
            let ready = pending.filter { record in
                guard let parent = record.parentID else { return true }
                return placed.contains(parent) || !known.contains(parent)
            }
            let batch = ready.isEmpty ? pending : ready
            for record in batch { if let id = record.id { placed.insert(id) } }
            ordered += batch
            let batchIDs = Set(batch.compactMap(\.id))
            pending.removeAll { batchIDs.contains($0.id ?? UUID()) }
        }
        return ordered
    }
}
