import Foundation
import ZIPFoundation

/// The ZIP container of Office Open XML files (XLSX, DOCX): written in memory, read with limits so
/// that a zip bomb or a broken file is a clear error and never exhausts the server.
public enum OOXMLPackage {
    /// Why a file could not be read.
    public enum ReadError: Error, Equatable, Sendable {
        /// Not a ZIP archive, or a part is missing or broken.
        case notOOXML
        /// It unpacks to more than the limit, or has too many parts: refused before unpacking.
        case tooLarge
    }

    /// A ZIP archive of `parts` (path, content), deflated.
    public static func zip(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// The parts of an archive. Refuses archives whose declared content exceeds `limit` bytes, has
    /// more than `maxParts` parts, or compresses more than 200:1 (the signature of a zip bomb); the
    /// extraction itself stops at the limit whatever the headers claim.
    ///
    /// The bytes are read from a temporary file, not from memory: ZIPFoundation's in-memory reader
    /// traps when a damaged header points past the end of the data, a file read just comes up short.
    public static func read(_ data: Data, limit: Int = 50 << 20, maxParts: Int = 2000) throws -> [String: Data] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-ooxml-\(UUID().uuidString).zip")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        guard let archive = try? Archive(url: url, accessMode: .read) else { throw ReadError.notOOXML }
        var declared: Int64 = 0
        var count = 0
        for entry in archive {
            count += 1
            declared += Int64(entry.uncompressedSize)
            if count > maxParts || declared > limit { throw ReadError.tooLarge }
            if entry.compressedSize > 0, entry.uncompressedSize / max(entry.compressedSize, 1) > 200, entry.uncompressedSize > 1 << 20 {
                throw ReadError.tooLarge
            }
        }
        guard count > 0 else { throw ReadError.notOOXML }
        var parts: [String: Data] = [:]
        var total = 0
        for entry in archive where entry.type == .file {
            var content = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    total += chunk.count
                    if total > limit { throw ReadError.tooLarge }
                    content.append(chunk)
                }
            } catch let error as ReadError {
                throw error
            } catch {
                throw ReadError.notOOXML
            }
            parts[entry.path] = content
        }
        return parts
    }

    /// Text escaped for XML content and attributes.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                // Characters XML 1.0 forbids are dropped rather than producing a file Word refuses.
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }
}
