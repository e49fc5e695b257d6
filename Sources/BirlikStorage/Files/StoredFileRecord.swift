import FluentKit
import Foundation

/// A row of `stored_files`: the metadata of a file whose bytes live on disk under their SHA-256.
public final class StoredFileRecord: Model, @unchecked Sendable {
    public static let schema = "stored_files"

    @ID(custom: "sha256", generatedBy: .user) public var id: String?
    @Field(key: "size") public var size: Int
    @Field(key: "media_type") public var mediaType: String
    @Field(key: "original_name") public var originalName: String
    @Field(key: "stored_at") public var storedAt: Date

    public init() {}

    public init(sha256: String, size: Int, mediaType: String, originalName: String, storedAt: Date) {
        id = sha256
        self.size = size
        self.mediaType = mediaType
        self.originalName = originalName
        self.storedAt = storedAt
    }
}
