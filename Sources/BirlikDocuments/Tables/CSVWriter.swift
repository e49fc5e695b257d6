/// Writes CSV that Excel and LibreOffice open as UTF-8 (with a byte-order mark), quoting where needed
/// and defusing cells that a spreadsheet would take for a formula.
public struct CSVWriter: Sendable {
    private var text = "\u{FEFF}"

    public init(header: [String]) {
        append(header)
    }

    public mutating func append(_ row: [String]) {
        text += row.map(Self.cell).joined(separator: ",") + "\r\n"
    }

    public var output: String { text }

    /// One cell, decided by Unicode scalars (never by grapheme clusters, where a comma or a quote with a
    /// combining mark would pass as another character): a cell a spreadsheet would read as a formula gets
    /// a leading `'`; a cell with a separator, a quote or any line break is quoted, its quotes doubled.
    static func cell(_ value: String) -> String {
        var scalars = Array(value.unicodeScalars)
        if let first = scalars.first, formulaStarts.contains(first) { scalars.insert("'", at: 0) }
        let text = String(String.UnicodeScalarView(scalars))
        guard scalars.contains(where: { needsQuotes.contains($0) }) else { return text }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in scalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
    private static let needsQuotes: Set<Unicode.Scalar> = [",", ";", "\"", "\r", "\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
}
