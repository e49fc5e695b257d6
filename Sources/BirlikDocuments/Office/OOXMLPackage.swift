import BirlikCore
import CZlibBirlik
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

    /// Checks the ZIP structure before ZIPFoundation reads it, and bounds the work any archive can cost
    /// before a byte is inflated: the end record, every central directory record, and every local header
    /// and its data within the bytes; parts that never share bytes (a thousand entries pointing at one
    /// stream is the shape of a zip bomb); declared sizes that add up to at most `limit` and compress at
    /// most 200:1 beyond 1 MiB. Only then is each deflated part inflated, and never past the size it
    /// declares, so that the whole check inflates at most `limit` bytes.
    static func check(_ data: Data, maxParts: Int, limit: Int = 50 << 20) throws {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        // The end of central directory record: 22 bytes plus a comment of up to 65,535 bytes, at the end.
        var end: Int?
        var candidate = bytes.count - 22
        while candidate >= max(0, bytes.count - 22 - 65_535) {
            if u32(candidate) == 0x0605_4B50 { end = candidate; break }
            candidate -= 1
        }
        guard let end, let entries = u16(end + 10), let size = u32(end + 12), let offset = u32(end + 16),
              entries > 0, offset + size <= end else { throw ReadError.notOOXML }
        guard entries <= maxParts else { throw ReadError.tooLarge }
        struct Part { var method: Int; var start: Int; var compressed: Int; var declared: Int; var headerStart: Int }
        var parts: [Part] = []
        var declaredTotal = 0
        var record = offset
        for _ in 0..<entries {
            guard u32(record) == 0x0201_4B50, let method = u16(record + 10), let compressed = u32(record + 20),
                  let declared = u32(record + 24), let nameLength = u16(record + 28),
                  let extra = u16(record + 30), let comment = u16(record + 32), let local = u32(record + 42),
                  compressed != 0xFFFF_FFFF, declared != 0xFFFF_FFFF, local != 0xFFFF_FFFF,
                  u32(local) == 0x0403_4B50, let localName = u16(local + 26), let localExtra = u16(local + 28),
                  local + 30 + localName + localExtra + compressed <= offset else { throw ReadError.notOOXML }
            guard method == 0 || method == 8 else { throw ReadError.notOOXML }
            declaredTotal += declared
            guard declaredTotal <= limit else { throw ReadError.tooLarge }
            if declared > 1 << 20, declared / max(compressed, 1) > 200 { throw ReadError.tooLarge }
            if method == 0, declared != compressed { throw ReadError.notOOXML }
            parts.append(Part(method: method, start: local + 30 + localName + localExtra, compressed: compressed, declared: declared, headerStart: local))
            record += 46 + nameLength + extra + comment
            guard record <= offset + size else { throw ReadError.notOOXML }
        }
        // No two parts share bytes: each local header and its data lie apart from every other.
        let ordered = parts.sorted { $0.headerStart < $1.headerStart }
        for (previous, next) in Swift.zip(ordered, ordered.dropFirst()) where next.headerStart < previous.start + previous.compressed {
            throw ReadError.notOOXML
        }
        // A deflated part must end inside its own bytes and at the size it declares: ZIPFoundation reads on
        // past them, and loops for ever at the end of the file when a damaged stream never ends.
        for part in parts where part.method == 8 {
            guard inflateEnds(bytes[part.start..<(part.start + part.compressed)], limit: part.declared) else { throw ReadError.notOOXML }
        }
    }

    /// `true` when `compressed` is one whole raw deflate stream of at most `limit` bytes (the size its
    /// header declares); a stream that runs past it lies about its size and is refused.
    static func inflateEnds(_ compressed: ArraySlice<UInt8>, limit: Int) -> Bool {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return false }
        defer { inflateEnd(&stream) }
        var input = Array(compressed)
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var produced = 0
        return input.withUnsafeMutableBufferPointer { input -> Bool in
            stream.next_in = input.baseAddress
            stream.avail_in = UInt32(input.count)
            while true {
                let status = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                produced += output.count - Int(stream.avail_out)
                if produced > limit { return false }
                if status == Z_STREAM_END { return true }
                // Out of input before the end, an error, or no progress possible: not a whole stream.
                guard status == Z_OK, stream.avail_in > 0 || stream.avail_out == 0 else { return false }
            }
        }
    }

    /// The parts of an archive. Refuses archives whose declared content exceeds `limit` bytes, has
    /// more than `maxParts` parts, or compresses more than 200:1 (the signature of a zip bomb); the
    /// extraction itself stops at the limit whatever the headers claim.
    ///
    /// The bytes are read from a temporary file, not from memory: ZIPFoundation's in-memory reader
    /// traps when a damaged header points past the end of the data, a file read just comes up short.
    public static func read(_ data: Data, limit: Int = 50 << 20, maxParts: Int = 2000) throws -> [String: Data] {
        try check(data, maxParts: maxParts, limit: limit)
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

    /// Text escaped for XML content and attributes (`XMLText.escape`).
    public static func escape(_ text: String) -> String { XMLText.escape(text) }
}
