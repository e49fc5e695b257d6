import FluentKit
import Foundation

/// A row of `file_uploads`: who uploaded which stored bytes. Stored files are shared by their hash, so
/// the hash alone proves nothing; a file reached without a record that owns it (a report's attachment,
/// a corpus submission) is reachable only by the user recorded here as its uploader.
public final class FileUploadRecord: Model, @unchecked Sendable {
    public static let schema = "file_uploads"

    @ID(key: .id) public var id: UUID?
    @Field(key: "sha256") public var sha256: String
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "uploaded_at") public var uploadedAt: Date

    public init() {}

    init(sha256: String, userID: UUID, uploadedAt: Date) {
        id = UUID()
        self.sha256 = sha256
        self.userID = userID
        self.uploadedAt = uploadedAt
    }
}

struct CreateFileUploads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FileUploadRecord.schema)
            .id()
            .field("sha256", .string, .required, .references(StoredFileRecord.schema, "sha256"))
            .field("user_id", .uuid, .required, .references(UserRecord.schema, .id))
            .field("uploaded_at", .datetime, .required)
            .unique(on: "sha256", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FileUploadRecord.schema).delete()
    }
}
