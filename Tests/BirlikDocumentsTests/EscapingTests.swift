import BirlikCore
import BirlikTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import BirlikDocuments

/// Every escaper works on Unicode scalars: a quote or a comma followed by a combining mark is one
/// `Character` to Swift, but still a quote or a comma to a browser or a spreadsheet.
@Suite("Escaping by Unicode scalar")
struct EscapingTests {
    /// Undoes `HTMLNode.escape`, scalar by scalar (Foundation's string search works on characters, where
    /// an entity followed by a combining mark would not be found).
    static func unescape(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        let entities: [String: Unicode.Scalar] = ["lt": "<", "gt": ">", "quot": "\"", "#39": "'", "amp": "&"]
        var output: [Unicode.Scalar] = []
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if scalars[index] == "&", let end = scalars[index...].firstIndex(of: ";"),
               let scalar = entities[String(String.UnicodeScalarView(scalars[(index + 1)..<end]))] {
                output.append(scalar)
                index = end + 1
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return output
    }

    @Test("A quote with a combining mark cannot close an attribute")
    func combiningQuote() {
        let hostile = "\"\u{0338} onmouseover=alert(1) x=\"\u{0338}"
        let html = el("a", ["title": hostile], .text("<\u{0338}script>")).render()
        #expect(html.unicodeScalars.filter { $0 == "\"" }.count == 2)
        #expect(html.unicodeScalars.filter { $0 == "<" }.count == 2)
        #expect(html.contains("&quot;\u{0338} onmouseover"))
    }

    @Test("HTML text and attributes: random hostile strings come back whole and never break out")
    func htmlProperty() {
        var random = SeededRandom()
        for _ in 0..<2_000 {
            let value = random.string(from: SeededRandom.hostileAlphabet, length: 24)
            let html = Array(el("p", ["title": value], .text(value)).render().unicodeScalars)
            let prefix = Array("<p title=\"".unicodeScalars), suffix = Array("</p>".unicodeScalars)
            // Escaped content holds no quote: the first one after the prefix must be the attribute's end.
            guard html.starts(with: prefix), html.suffix(suffix.count).elementsEqual(suffix),
                  let close = html[prefix.count...].firstIndex(of: "\""), html[close + 1] == ">" else {
                Issue.record("the element broke for \(value.unicodeScalars.map(\.value)); \(random.comment)")
                continue
            }
            let attribute = html[prefix.count..<close], text = html[(close + 2)..<(html.count - suffix.count)]
            for escaped in [attribute, text] {
                #expect(!escaped.contains { "\"'<>".unicodeScalars.contains($0) }, random.comment)
                #expect(Self.unescape(escaped) == Array(value.unicodeScalars), random.comment)
            }
        }
    }

    @Test("CSV: a lone CR, a comma with a combining mark, a formula after a line break stay in their cell")
    func csvExamples() {
        var csv = CSVWriter(header: ["a", "b"])
        csv.append(["x\r=HYPERLINK(\"http://evil\")", ",\u{0338}=1+1"])
        csv.append(["=2+2", "\u{FF1D}SUM(A1)"])
        let rows = CSVReader.parse(csv.output)
        #expect(rows.count == 3)
        #expect(rows[1] == ["x\r=HYPERLINK(\"http://evil\")", ",\u{0338}=1+1"])
        #expect(rows[2] == ["'=2+2", "'\u{FF1D}SUM(A1)"])
        #expect(!csv.output.dropFirst().contains("\u{FEFF}"))
    }

    @Test("CSV: random hostile cells parse back to the same rows and cells")
    func csvProperty() {
        var random = SeededRandom()
        let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
        for _ in 0..<1_000 {
            let cells = (0..<3).map { _ in random.string(from: SeededRandom.hostileAlphabet, length: 12) }
            var csv = CSVWriter(header: ["a", "b", "c"])
            csv.append(cells)
            let rows = CSVReader.parse(csv.output)
            #expect(rows.count == 2, random.comment)
            guard rows.count == 2 else { continue }
            let expected = cells.map { cell in cell.unicodeScalars.first.map(formulaStarts.contains) == true ? "'" + cell : cell }
            #expect(rows[1].count == 3 && zip(rows[1], expected).allSatisfy { $0.unicodeScalars.elementsEqual($1.unicodeScalars) }, random.comment)
        }
    }

    @Test("XML text: random strings round-trip through a real XML parser")
    func xmlProperty() throws {
        var random = SeededRandom()
        for _ in 0..<500 {
            let value = random.string(from: SeededRandom.hostileAlphabet, length: 20)
            let document = "<r a=\"\(OOXMLPackage.escape(value))\">\(OOXMLPackage.escape(value))</r>"
            let parser = XMLParser(data: Data(document.utf8))
            #expect(parser.parse(), random.comment)
        }
    }
}
