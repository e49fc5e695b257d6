import Foundation

/// One published version of an open dataset (S16): immutable, identified by the SHA-256 of its CSV, with
/// the JSON twin's hash, its size, a change note, and who published it when. Old versions stay
/// downloadable; a new version is made only when the content changed.
public struct DatasetVersion: Sendable, Hashable, Codable {
    /// The dataset's identifier in the catalogue (`organizations`, `statistics`, …).
    public var dataset: String
    /// 1 for the first version, then one more each time.
    public var number: Int
    /// SHA-256 of the CSV distribution, hex: the version's identity.
    public var sha256: String
    public var jsonSHA256: String
    public var rows: Int
    public var csvBytes: Int
    public var jsonBytes: Int
    public var note: String
    public var publishedAt: Date
    public var publishedBy: String

    public init(dataset: String, number: Int, sha256: String, jsonSHA256: String, rows: Int, csvBytes: Int, jsonBytes: Int, note: String,
                publishedAt: Date, publishedBy: String) {
        self.dataset = dataset; self.number = number; self.sha256 = sha256; self.jsonSHA256 = jsonSHA256; self.rows = rows
        self.csvBytes = csvBytes; self.jsonBytes = jsonBytes; self.note = note; self.publishedAt = publishedAt; self.publishedBy = publishedBy
    }

    /// A change note as typed: required, at most 1,000 characters.
    public static func note(_ text: String) throws -> String {
        let note = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw DomainError.invalid([FieldError("note", .fieldRequired)]) }
        guard note.count <= 1_000 else { throw DomainError.invalid([FieldError("note", .fieldTooLong, ["max": "1000"])]) }
        return note
    }
}
