import Foundation

/// Reads CSV (or semicolon- and tab-separated) text as it streams from disk: quoted fields, doubled
/// quotes and line breaks inside quotes understood; the delimiter and the encoding guessed from the
/// first line and the first bytes. Broken quotes are reported on the row where they occur and reading
/// goes on, so one pass finds every problem. Memory stays bounded by the longest row.
public struct DelimitedReader {
    /// One row: the line it starts on (1 for the header), its fields, and what was wrong with it.
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]
        public var problem: L10nKey?

        public init(line: Int, fields: [String], problem: L10nKey?) {
            self.line = line
            self.fields = fields
            self.problem = problem
        }
    }

    public let delimiter: UInt8
    public let encoding: TextEncoding
    private var source: ByteSource
    private var buffer: [UInt8]
    private var position = 0
    private var line = 1
    private var finished = false

    /// Where the bytes come from: a whole file in memory or a file read in chunks.
    public enum ByteSource {
        case data(Data)
        case file(FileHandle)
    }

    /// Opens `source`; `delimiter` and `encoding` are detected when `nil`.
    public init(_ source: ByteSource, delimiter: UInt8? = nil, encoding: TextEncoding? = nil) {
        self.source = source
        let first: [UInt8]
        switch source {
        case let .data(data): first = Array(data); finished = true
        case let .file(handle): first = Array((try? handle.read(upToCount: Self.chunk)) ?? Data())
        }
        let start = first.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.encoding = encoding ?? TextEncoding.detect(first)
        self.delimiter = delimiter ?? Self.sniff(first[start...])
        buffer = first
        position = start
    }

    static let chunk = 1 << 20

    /// The delimiter used most in the first line outside quotes: comma, semicolon or tab.
    static func sniff(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var quoted = false
        for byte in bytes {
            if byte == 0x22 { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A { break }
            if counts[byte] != nil { counts[byte, default: 0] += 1 }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { $0.value > 0 ? $0.key : 0x2C } ?? 0x2C
    }

    private mutating func nextByte() -> UInt8? {
        if position == buffer.count {
            guard !finished, case let .file(handle) = source else { return nil }
            let data = (try? handle.read(upToCount: Self.chunk)) ?? Data()
            if data.isEmpty { finished = true; return nil }
            buffer = Array(data)
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }

    private mutating func peekByte() -> UInt8? {
        if position == buffer.count {
            guard !finished, case let .file(handle) = source else { return nil }
            let data = (try? handle.read(upToCount: Self.chunk)) ?? Data()
            if data.isEmpty { finished = true; return nil }
            buffer = Array(data)
            position = 0
        }
        return buffer[position]
    }

    /// The next row, or `nil` at the end. Blank lines are skipped.
    public mutating func next() -> Row? {
        while true {
            guard peekByte() != nil else { return nil }
            let start = line
            var fields: [String] = []
            var field: [UInt8] = []
            var problem: L10nKey?
            var quoted = false
            var wasQuoted = false
            var sawAny = false
            func close() {
                if let text = encoding.decode(field) { fields.append(text) } else { fields.append(String(decoding: field, as: UTF8.self)); problem = problem ?? .importUndecodable }
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            }
            rowLoop: while let byte = nextByte() {
                if quoted {
                    if byte == 0x22 {
                        if peekByte() == 0x22 { _ = nextByte(); field.append(0x22) } else { quoted = false }
                    } else {
                        if byte == 0x0A { line += 1 }
                        field.append(byte)
                    }
                    continue
                }
                switch byte {
                case 0x22:
                    if field.isEmpty && !wasQuoted { quoted = true; wasQuoted = true } else { problem = problem ?? .importStrayQuote; field.append(byte) }
                case delimiter:
                    close(); sawAny = true
                case 0x0D:
                    continue
                case 0x0A:
                    line += 1
                    break rowLoop
                default:
                    if wasQuoted { problem = problem ?? .importTextAfterQuote }
                    field.append(byte); sawAny = true
                }
            }
            if quoted { problem = .importUnterminatedQuote }
            if !sawAny && field.isEmpty && fields.isEmpty && !wasQuoted { continue }
            close()
            return Row(line: start, fields: fields, problem: problem)
        }
    }
}
