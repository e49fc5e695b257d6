import BirlikCore
import FluentKit
import Foundation

/// A row of `dataset_versions`: one published version of an open dataset. Rows are only ever inserted.
public final class DatasetVersionRecord: Model, @unchecked Sendable {
    public static let schema = "dataset_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "dataset") public var dataset: String
    @Field(key: "number") public var number: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "json_sha256") public var jsonSHA256: String
    @Field(key: "rows") public var rows: Int
    @Field(key: "csv_bytes") public var csvBytes: Int
    @Field(key: "json_bytes") public var jsonBytes: Int
    @Field(key: "note") public var note: String
    @Field(key: "published_at") public var publishedAt: Date
    @Field(key: "published_by") public var publishedBy: String

    public init() {}

    init(_ value: DatasetVersion) {
        id = UUID(); dataset = value.dataset; number = value.number; sha256 = value.sha256; jsonSHA256 = value.jsonSHA256; rows = value.rows
        csvBytes = value.csvBytes; jsonBytes = value.jsonBytes; note = value.note; publishedAt = value.publishedAt; publishedBy = value.publishedBy
    }

    public var value: DatasetVersion {
        DatasetVersion(dataset: dataset, number: number, sha256: sha256, jsonSHA256: jsonSHA256, rows: rows, csvBytes: csvBytes, jsonBytes: jsonBytes,
                       note: note, publishedAt: publishedAt, publishedBy: publishedBy)
    }
}

/// Open data's versions (S16): each publication stores the CSV and JSON distributions in the file store
/// (content-addressed, so every instance reaches them) and records an immutable version identified by
/// the CSV's hash; the same content twice is refused, so a version always says something changed.
public enum OpenDataStore {
    /// Publishes a dataset's current content with a change note; audited.
    public static func publish(dataset: String, csv: Data, json: Data, rows: Int, note: String, files: FileStore, actor: Actor,
                               on db: any Database, now: Date) async throws -> DatasetVersion {
        try Access.require(actor, .publish, .openData, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: true))
        let note = try DatasetVersion.note(note)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let latest = try await DatasetVersionRecord.query(on: audit.db).filter(\.$dataset == dataset).sort(\.$number, .descending).first()
            let csvAddress = try await files.store(csv, mediaType: "text/csv", originalName: "\(dataset).csv", on: audit.db, now: now)
            guard latest?.sha256 != csvAddress.sha256 else { throw DomainError.conflict(.openDataUnchanged) }
            let jsonAddress = try await files.store(json, mediaType: "application/json", originalName: "\(dataset).json", on: audit.db, now: now)
            let version = DatasetVersion(dataset: dataset, number: (latest?.number ?? 0) + 1, sha256: csvAddress.sha256, jsonSHA256: jsonAddress.sha256,
                                         rows: rows, csvBytes: csv.count, jsonBytes: json.count, note: note, publishedAt: now,
                                         publishedBy: actor.displayName)
            try await DatasetVersionRecord(version).create(on: audit.db)
            try await audit.record("publish", "datasetVersion", id: "\(dataset)@\(version.sha256)", before: latest?.value, after: version)
            return version
        }
    }

    /// A dataset's versions, newest first.
    public static func versions(of dataset: String, on db: any Database) async throws -> [DatasetVersion] {
        try await DatasetVersionRecord.query(on: db).filter(\.$dataset == dataset).sort(\.$number, .descending).all().map(\.value)
    }

    /// Every dataset's newest version, by dataset.
    public static func latest(on db: any Database) async throws -> [String: DatasetVersion] {
        var result: [String: DatasetVersion] = [:]
        for record in try await DatasetVersionRecord.query(on: db).sort(\.$number).all() { result[record.dataset] = record.value }
        return result
    }

    /// The version of `dataset` a hash names (the CSV's or the JSON's).
    public static func version(of dataset: String, sha256: String, on db: any Database) async throws -> DatasetVersion? {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else { return nil }
        return try await DatasetVersionRecord.query(on: db).filter(\.$dataset == dataset)
            .group(.or) { $0.filter(\.$sha256 == sha256).filter(\.$jsonSHA256 == sha256) }.first()?.value
    }
}
