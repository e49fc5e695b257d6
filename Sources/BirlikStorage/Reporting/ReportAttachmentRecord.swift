import BirlikCore
import FluentKit
import Foundation

/// A row of `report_attachments`: a stored file attached to a report.
public final class ReportAttachmentRecord: Model, @unchecked Sendable {
    public static let schema = "report_attachments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "report_id") public var reportID: UUID
    @Field(key: "sha256") public var sha256: String
    @Field(key: "file_name") public var fileName: String
    @Field(key: "media_type") public var mediaType: String
    @Field(key: "size") public var size: Int
    @Field(key: "added_at") public var addedAt: Date
    @Field(key: "added_by") public var addedBy: String

    public init() {}

    init(reportID: UUID, _ attachment: Attachment) {
        id = UUID()
        self.reportID = reportID; sha256 = attachment.sha256; fileName = attachment.fileName; mediaType = attachment.mediaType
        size = attachment.size; addedAt = attachment.addedAt; addedBy = attachment.addedBy
    }

    public var attachment: Attachment {
        Attachment(sha256: sha256, fileName: fileName, mediaType: mediaType, size: size, addedAt: addedAt, addedBy: addedBy)
    }
}

struct CreateReportAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReportAttachmentRecord.schema)
            .id()
            .field("report_id", .uuid, .required, .references(ReportRecord.schema, .id))
            .field("sha256", .string, .required)
            .field("file_name", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("added_at", .datetime, .required)
            .field("added_by", .string, .required)
            .unique(on: "report_id", "sha256")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportAttachmentRecord.schema).delete()
    }
}
