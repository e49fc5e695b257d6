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

    /// Excel's own limits: 1,048,576 rows and 16,384 columns (A to XFD). A cell or row beyond them is
    /// not a spreadsheet Excel could have written, and is refused before anything is allocated for it.
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384
    /// The most cells (empty ones between filled ones included) a sheet may unfold into.
    public static let maxCells = 5_000_000

    /// Rows of the first sheet; row `i` of the result is spreadsheet row `i + 1`.
    public static func rows(_ data: Data, limit: Int = 50 << 20) throws -> [[String]] {
        let parts: [String: Data]
        do { parts = try OOXMLPackage.read(data, limit: limit) } catch OOXMLPackage.ReadError.tooLarge { throw ReadError.tooLarge } catch { throw ReadError.notXLSX }
        let shared = parts["xl/sharedStrings.xml"].map(SharedStrings.parse) ?? []
        guard let sheet = firstSheet(parts) else { throw ReadError.notXLSX }
        let parser = SheetParser(shared: shared)
        let xml = XMLParser(data: sheet)
        xml.delegate = parser
        guard xml.parse(), !parser.outOfBounds else { throw ReadError.notXLSX }
        guard let last = parser.cells.keys.max() else { return [] }
        let unfolded = parser.cells.values.reduce(last) { $0 + ($1.keys.max() ?? 0) }
        guard unfolded <= maxCells else { throw ReadError.tooLarge }
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

    /// The column index of a cell reference (`C7` → 2); `nil` without letters or beyond column XFD.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { break }
            letters += 1
            guard letters <= 3 else { return nil }
            index = index * 26 + Int(scalar.value - 64)
        }
        return letters == 0 || index > maxColumns ? nil : index - 1
    }

    /// The row number of a `<row r="…">` attribute; `nil` unless it is a number from 1 to 1,048,576.
    static func rowNumber(_ text: String) -> Int? {
        guard text.utf8.count <= 7, let number = Int(text), (1...maxRows).contains(number) else { return nil }
        return number
    }

    final class SheetParser: NSObject, XMLParserDelegate {
        let shared: [String]
        var cells: [Int: [Int: String]] = [:]
        var row = 0
        var column = -1
        var type = ""
        var text = ""
        var inValue = false
        /// A row or a cell lies beyond Excel's limits: parsing stops and the file is refused.
        var outOfBounds = false

        init(shared: [String]) { self.shared = shared }

        private func refuse(_ parser: XMLParser) {
            outOfBounds = true
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "row":
                if let number = attributes["r"] {
                    guard let parsed = XLSXReader.rowNumber(number) else { return refuse(parser) }
                    row = parsed
                } else {
                    guard row < XLSXReader.maxRows else { return refuse(parser) }
                    row += 1
                }
                column = -1
            case "c":
                if let reference = attributes["r"] {
                    guard let parsed = XLSXReader.columnIndex(reference) else { return refuse(parser) }
                    column = parsed
                } else {
                    guard column + 1 < XLSXReader.maxColumns else { return refuse(parser) }
                    column += 1
                }
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
