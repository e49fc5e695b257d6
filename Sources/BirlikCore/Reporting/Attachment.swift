import Foundation

/// A file attached to a report: PDF, DOCX, XLSX or an image, checked by its bytes, not its name.
public struct Attachment: Codable, Sendable, Hashable {
    public var sha256: String
    public var fileName: String
    public var mediaType: String
    public var size: Int
    public var addedAt: Date
    public var addedBy: String

    public init(sha256: String, fileName: String, mediaType: String, size: Int, addedAt: Date, addedBy: String) {
        self.sha256 = sha256; self.fileName = fileName; self.mediaType = mediaType; self.size = size
        self.addedAt = addedAt; self.addedBy = addedBy
    }

    /// The kinds a report may carry.
    public enum Kind: String, Sendable, CaseIterable {
        case pdf, docx, xlsx, png, jpeg

        public var mediaType: String {
            switch self {
            case .pdf: "application/pdf"
            case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .png: "image/png"
            case .jpeg: "image/jpeg"
            }
        }

        /// Office files are ZIP containers whose contents must be checked too.
        public var isOfficeContainer: Bool { self == .docx || self == .xlsx }
    }

    /// The largest attachment, in bytes.
    public static let maxSize = 10 << 20

    /// The kind of a file from its first bytes and its name (Office files are ZIPs told apart by name),
    /// or the problem with it.
    public static func kind(of data: Data, fileName: String) throws -> Kind {
        guard !data.isEmpty else { throw DomainError.invalid([FieldError("file", .attachmentEmpty)]) }
        guard data.count <= maxSize else { throw DomainError.invalid([FieldError("file", .attachmentTooLarge, ["max": "10"])]) }
        let head = [UInt8](data.prefix(8))
        let name = fileName.lowercased()
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if name.hasSuffix(".docx") { return .docx }
            if name.hasSuffix(".xlsx") { return .xlsx }
        }
        throw DomainError.invalid([FieldError("file", .attachmentType)])
    }

    /// A file name safe to store and to send back: no path, no control characters, at most 200 characters.
    public static func safeName(_ fileName: String) -> String {
        let base = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(base.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" }.map(Character.init)).trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty ? "attachment" : String(cleaned.prefix(200))
    }
}
