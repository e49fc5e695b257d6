import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Stored files, content-addressed by the SHA-256 of their bytes: written once; storing the same bytes
/// again only returns their address. Their metadata is a row of `stored_files`; their bytes live in
/// one of two places:
/// - `.directory`: `ab/cd/<sha256>` under a folder of the data directory (the embedded SQLite setup);
/// - `.database`: a row of `stored_file_contents` in the one database every instance shares (PostgreSQL).
///   Bytes stored on disk before the move are still read from `legacy`, and copied into the database
///   the first time they are read.
public struct FileStore: Sendable {
    public enum Place: Sendable, Equatable {
        case directory(URL)
        case database(legacy: URL?)
    }

    public let place: Place

    public init(place: Place) { self.place = place }

    /// Files in a folder.
    public init(root: URL) { place = .directory(root) }

    /// Stores `data` and its metadata; returns the address.
    public func store(_ data: Data, mediaType: String, originalName: String, on db: any Database,
                      now: Date) async throws -> ContentAddress {
        let address = ContentAddress(of: data)
        try await keep(data, at: address, on: db)
        if try await StoredFileRecord.find(address.sha256, on: db) == nil {
            // Two uploads of the same bytes at once both reach here: the second insert is a no-op, not an error.
            if let sql = db as? any SQLDatabase {
                try await sql.insert(into: StoredFileRecord.schema)
                    .columns("sha256", "size", "media_type", "original_name", "stored_at")
                    .values(SQLBind(address.sha256), SQLBind(data.count), SQLBind(mediaType), SQLBind(originalName), SQLBind(now))
                    .ignoringConflicts(with: "sha256")
                    .run()
            } else {
                try await StoredFileRecord(sha256: address.sha256, size: data.count, mediaType: mediaType,
                                           originalName: originalName, storedAt: now).create(on: db)
            }
        }
        return address
    }

    /// Writes the bytes at their address (once; the same bytes again are a no-op). A backup's restore
    /// writes its files through here too.
    func keep(_ data: Data, at address: ContentAddress, on db: any Database) async throws {
        switch place {
        case let .directory(root):
            let url = root.appendingPathComponent(address.relativePath)
            guard !FileManager.default.fileExists(atPath: url.path) else { return }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).part")
            try data.write(to: temporary)
            do {
                try FileManager.default.moveItem(at: temporary, to: url)
            } catch where FileManager.default.fileExists(atPath: url.path) {
                try? FileManager.default.removeItem(at: temporary)
            }
        case .database:
            guard let sql = db as? any SQLDatabase else { throw DomainError.invalid([FieldError("file", .errorInvalid)]) }
            try await sql.insert(into: StoredFileContents.schema)
                .columns("sha256", "bytes")
                .values(SQLBind(address.sha256), SQLBind(data))
                .ignoringConflicts(with: "sha256")
                .run()
        }
    }

    /// Records that `userID` uploaded the bytes at `address` (once; again is a no-op).
    public func recordUpload(_ address: ContentAddress, by userID: UUID, on db: any Database, now: Date) async throws {
        guard try await !uploaded(address, by: userID, on: db) else { return }
        if let sql = db as? any SQLDatabase {
            try await sql.insert(into: FileUploadRecord.schema)
                .columns("id", "sha256", "user_id", "uploaded_at")
                .values(SQLBind(UUID()), SQLBind(address.sha256), SQLBind(userID), SQLBind(now))
                .ignoringConflicts(with: ["sha256", "user_id"])
                .run()
        } else {
            try await FileUploadRecord(sha256: address.sha256, userID: userID, uploadedAt: now).create(on: db)
        }
    }

    /// `true` when `userID` uploaded the bytes at `address`.
    public func uploaded(_ address: ContentAddress, by userID: UUID, on db: any Database) async throws -> Bool {
        try await FileUploadRecord.query(on: db).filter(\.$sha256 == address.sha256).filter(\.$userID == userID).count() > 0
    }

    /// The bytes at `address`, checked against their hash; `nil` when absent or damaged.
    public func data(at address: ContentAddress, on db: any Database) async throws -> Data? {
        switch place {
        case let .directory(root):
            return Self.read(address, under: root)
        case let .database(legacy):
            guard let sql = db as? any SQLDatabase else { return nil }
            if let row = try await sql.select().column("bytes").from(StoredFileContents.schema)
                .where("sha256", .equal, SQLBind(address.sha256)).first() {
                let data = try row.decode(column: "bytes", as: Data.self)
                return ContentAddress(of: data) == address ? data : nil
            }
            guard let legacy, let data = Self.read(address, under: legacy) else { return nil }
            try await keep(data, at: address, on: db)
            return data
        }
    }

    /// Copies every file an older version kept in the data directory's folder into the database, so that
    /// every instance reads it (when the bytes live in the database; otherwise nothing to do). Files already
    /// there, and files whose bytes do not match their name, are left alone. Returns how many were copied.
    @discardableResult
    public func moveLegacyFiles(on db: any Database) async throws -> Int {
        guard case let .database(legacy?) = place, let sql = db as? any SQLDatabase,
              let names = FileManager.default.enumerator(atPath: legacy.path)?.allObjects as? [String], !names.isEmpty else { return 0 }
        // What the database holds already, read once: a server starts without a query per file.
        let present = Set(try await sql.select().column("sha256").from(StoredFileContents.schema).all().map { try $0.decode(column: "sha256", as: String.self) })
        var moved = 0
        for name in names {
            guard let address = ContentAddress(hex: (name as NSString).lastPathComponent), address.relativePath == name,
                  !present.contains(address.sha256), let data = Self.read(address, under: legacy) else { continue }
            try await keep(data, at: address, on: db)
            moved += 1
        }
        return moved
    }

    private static func read(_ address: ContentAddress, under root: URL) -> Data? {
        guard let data = try? Data(contentsOf: root.appendingPathComponent(address.relativePath)),
              ContentAddress(of: data) == address else { return nil }
        return data
    }
}
