import BirlikTestSupport
import Foundation
import Testing
@testable import BirlikDocuments

/// Untrusted Office files are bounded before they cost anything: Excel's own row and column limits,
/// no two ZIP entries sharing bytes, declared sizes checked before a byte is inflated.
@Suite("Untrusted spreadsheets and archives")
struct UntrustedFileTests {
    /// An XLSX package whose first sheet is `sheet`.
    static func xlsx(sheet: String) throws -> Data {
        try OOXMLPackage.zip([("xl/worksheets/sheet1.xml", Data(("<worksheet><sheetData>" + sheet + "</sheetData></worksheet>").utf8))])
    }

    @Test("A cell reference or a row number beyond Excel's limits is refused, not allocated",
          arguments: ["<row r=\"1\"><c r=\"ZZZZZZZZZZZZZZZZ1\"><v>1</v></c></row>",
                      "<row r=\"1000000000000\"><c r=\"A1\"><v>1</v></c></row>",
                      "<row r=\"9223372036854775807\"><c><v>1</v></c></row>",
                      "<row r=\"1048577\"><c><v>1</v></c></row>",
                      "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>",
                      "<row r=\"-1\"><c><v>1</v></c></row>"])
    func outOfBounds(sheet: String) throws {
        #expect(throws: XLSXReader.ReadError.notXLSX) { try XLSXReader.rows(try Self.xlsx(sheet: sheet)) }
    }

    @Test("The last row and column Excel has are read")
    func withinBounds() throws {
        let rows = try XLSXReader.rows(try Self.xlsx(sheet: "<row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>Бірлік</t></is></c></row>"))
        #expect(rows.count == 3 && rows[2] == ["", "", "Бірлік"])
        #expect(XLSXReader.columnIndex("XFD1") == 16_383 && XLSXReader.columnIndex("XFE1") == nil)
        #expect(XLSXReader.rowNumber("1048576") == 1_048_576 && XLSXReader.rowNumber("1048577") == nil)
    }

    @Test("A sheet that would unfold into too many cells is refused as too large")
    func unfoldedCells() throws {
        let sheet = (1...400).map { "<row r=\"\($0)\"><c r=\"XFD\($0)\"><v>1</v></c></row>" }.joined()
        #expect(throws: XLSXReader.ReadError.tooLarge) { try XLSXReader.rows(try Self.xlsx(sheet: sheet)) }
    }

    /// `entries` central directory records that all point at the one local entry of `single`.
    static func overlapping(_ single: Data, entries: Int) -> Data {
        let bytes = [UInt8](single)
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        let end = bytes.count - 22
        let offset = u32(end + 16), size = u32(end + 12)
        let record = Array(bytes[offset..<(offset + size)])
        var out = Array(bytes[0..<offset])
        for _ in 0..<entries { out += record }
        var tail = Array(bytes[end...])
        let count = UInt16(entries), directory = UInt32(record.count * entries)
        tail[8] = UInt8(count & 0xFF); tail[9] = UInt8(count >> 8); tail[10] = UInt8(count & 0xFF); tail[11] = UInt8(count >> 8)
        for index in 0..<4 { tail[12 + index] = UInt8((directory >> (8 * UInt32(index))) & 0xFF) }
        return Data(out + tail)
    }

    @Test("Two thousand entries pointing at one deflate stream are refused before any is inflated")
    func sharedStream() throws {
        let bomb = Self.overlapping(try OOXMLPackage.zip([("word/document.xml", Data(count: 60 << 20))]), entries: 2_000)
        let started = ContinuousClock.now
        #expect(throws: OOXMLPackage.ReadError.self) { try OOXMLPackage.read(bomb) }
        #expect(ContinuousClock.now - started < .seconds(5))
        // Small entries that share bytes are refused too: the sizes add up, the overlap does not.
        let shared = Self.overlapping(try OOXMLPackage.zip([("a.xml", Data("<a/>".utf8))]), entries: 3)
        #expect(throws: OOXMLPackage.ReadError.notOOXML) { try OOXMLPackage.read(shared) }
    }

    @Test("Declared sizes are checked before inflating: a part over the limit is too large")
    func declaredSizes() throws {
        var random = SeededRandom()
        let big = try OOXMLPackage.zip([("a.xml", Data((0..<(2 << 20)).map { _ in UInt8.random(in: 0...255, using: &random) }))])
        #expect(throws: OOXMLPackage.ReadError.tooLarge) { try OOXMLPackage.read(big, limit: 1 << 20) }
        #expect(try OOXMLPackage.read(big, limit: 4 << 20)["a.xml"]?.count == 2 << 20)
    }

    @Test("Random sheets with hostile references either read within Excel's limits or are refused")
    func sheetFuzz() throws {
        var random = SeededRandom()
        let rows = ["1", "2", "1048576", "1048577", "0", "-5", "abc", "1000000000000", "99999999999999999999", ""]
        let cells = ["A1", "B2", "XFD1", "XFE1", "AAAA1", "ZZZZZZZZZZZZZZZZ1", "a1", "1", "", "Ә1"]
        for _ in 0..<200 {
            var sheet = ""
            for _ in 0..<Int.random(in: 1...5, using: &random) {
                let r = rows.randomElement(using: &random) ?? ""
                sheet += r.isEmpty ? "<row>" : "<row r=\"\(r)\">"
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    let c = cells.randomElement(using: &random) ?? ""
                    sheet += (c.isEmpty ? "<c>" : "<c r=\"\(c)\">") + "<v>\(Int.random(in: -9...9, using: &random))</v></c>"
                }
                sheet += "</row>"
            }
            do {
                let read = try XLSXReader.rows(try Self.xlsx(sheet: sheet))
                #expect(read.count <= XLSXReader.maxRows && read.allSatisfy { $0.count <= XLSXReader.maxColumns }, random.comment)
            } catch let error as XLSXReader.ReadError {
                #expect(error == .notXLSX || error == .tooLarge, random.comment)
            }
        }
    }
}
