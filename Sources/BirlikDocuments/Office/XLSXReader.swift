import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the first worksheet of an `.xlsx` file as rows of text, the way the people who filled it in
/// see it: shared and inline strings, numbers as written (whole numbers without `.0`), empty cells
/// as empty strings, rows by their row numbers.
public enum XLSXReader {
    public enum ReadError: Error, Equatable, Sendable {
        case notXLSX
        case tooLarge
    }

    /// Rows of the first sheet; row `i` of the result is spreadsheet row `i + 1`.
    public static func rows(_ data: Data, limit: Int = 50 << 20) throws -> [[String]] {
        let parts: [String: Data]
        do { parts = try OOXMLPackage.read(data, limit: limit) } catch OOXMLPackage.ReadError.tooLarge { throw ReadError.tooLarge } catch { throw ReadError.notXLSX }
        let shared = parts["xl/sharedStrings.xml"].map(SharedStrings.parse) ?? []
        guard let sheet = firstSheet(parts) else { throw ReadError.notXLSX }
        let parser = SheetParser(shared: shared)
        let xml = XMLParser(data: sheet)
        xml.delegate = parser
        guard xml.parse() else { throw ReadError.notXLSX }
        guard let last = parser.cells.keys.max() else { return [] }
        return (1...last).map { row in
            guard let cells = parser.cells[row], let width = cells.keys.max() else { return [] }
            return (0...width).map { cells[$0] ?? "" }
        }
    }

    static func firstSheet(_ parts: [String: Data]) -> Data? {
        if let workbook = parts["xl/workbook.xml"], let rels = parts["xl/_rels/workbook.xml.rels"] {
            let sheetID = AttributeScanner.first(in: workbook, element: "sheet", attribute: "r:id")
            let targets = AttributeScanner.pairs(in: rels, element: "Relationship", key: "Id", value: "Target")
            if let sheetID, let target = targets[sheetID] {
                let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                if let data = parts[path] { return data }
            }
        }
        return parts["xl/worksheets/sheet1.xml"]
    }

    /// The column index of a cell reference (`C7` → 2).
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }

    final class SheetParser: NSObject, XMLParserDelegate {
        let shared: [String]
        var cells: [Int: [Int: String]] = [:]
        var row = 0
        var column = -1
        var type = ""
        var text = ""
        var inValue = false

        init(shared: [String]) { self.shared = shared }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "row":
                row = attributes["r"].flatMap(Int.init) ?? row + 1
                column = -1
            case "c":
                column = attributes["r"].flatMap(XLSXReader.columnIndex) ?? column + 1
                type = attributes["t"] ?? "n"
                text = ""
            case "v", "t":
                inValue = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inValue { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "v", "t": inValue = false
            case "c":
                var value = text
                switch type {
                case "s": value = Int(text).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
                case "b": value = text == "1" ? "TRUE" : "FALSE"
                case "n": if let number = Double(text), number.rounded() == number, abs(number) < 1e15 { value = String(Int64(number)) }
                default: break
                }
                if !value.isEmpty, row > 0, column >= 0 { cells[row, default: [:]][column] = value }
            default: break
            }
        }
    }

    enum SharedStrings {
        final class Parser: NSObject, XMLParserDelegate {
            var strings: [String] = []
            var current = ""
            var inText = false
            var inPhonetic = false

            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "si" { current = "" }
                if name == "rPh" { inPhonetic = true }
                if name == "t", !inPhonetic { inText = true }
            }

            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inText { current += string }
            }

            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "t" { inText = false }
                if name == "rPh" { inPhonetic = false }
                if name == "si" { strings.append(current) }
            }
        }

        static func parse(_ data: Data) -> [String] {
            let delegate = Parser()
            let parser = XMLParser(data: data)
            parser.delegate = delegate
            _ = parser.parse()
            return delegate.strings
        }
    }

    /// Reads attributes of small package parts (workbook, relationships).
    enum AttributeScanner {
        final class Collector: NSObject, XMLParserDelegate {
            let element: String
            var found: [[String: String]] = []
            init(element: String) { self.element = element }
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == element || name.hasSuffix(":" + element) { found.append(attributes) }
            }
        }

        static func all(in data: Data, element: String) -> [[String: String]] {
            let collector = Collector(element: element)
            let parser = XMLParser(data: data)
            parser.delegate = collector
            _ = parser.parse()
            return collector.found
        }

        static func first(in data: Data, element: String, attribute: String) -> String? {
            all(in: data, element: element).first?[attribute]
        }

        static func pairs(in data: Data, element: String, key: String, value: String) -> [String: String] {
            var result: [String: String] = [:]
            for attributes in all(in: data, element: element) {
                if let k = attributes[key], let v = attributes[value] { result[k] = v }
            }
            return result
        }
    }
}
