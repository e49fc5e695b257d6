import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Files on disk, content-addressed: `files/ab/cd/<sha256>` under the data directory. A file is
/// written once; storing the same bytes again only returns its address.
public struct FileStore: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// Stores `data` and its metadata; returns the address.
    public func store(_ data: Data, mediaType: String, originalName: String, on db: any Database,
                      now: Date) async throws -> ContentAddress {
        let address = ContentAddress(of: data)
        let url = root.appendingPathComponent(address.relativePath)
        if !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).part")
            try data.write(to: temporary)
            do {
                try FileManager.default.moveItem(at: temporary, to: url)
            } catch where FileManager.default.fileExists(atPath: url.path) {
                try? FileManager.default.removeItem(at: temporary)
            }
        }
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
    public func data(at address: ContentAddress) -> Data? {
        guard let data = try? Data(contentsOf: root.appendingPathComponent(address.relativePath)),
              ContentAddress(of: data) == address else { return nil }
        return data
    }
}
