import Foundation

/// Reads numbers as people type them in Kazakh and Russian offices: `1 234 567`, `12,5`, `1.234,5`,
/// `1,234.5`, `45 %`. A single comma is the decimal separator (the Kazakh and Russian convention);
/// spaces, non-breaking spaces and apostrophes group thousands. Only numbers of at most a quadrillion
/// in size (`limit`) are read: a figure beyond it is a typing error, and no sum, chart or map may be
/// handed a value it cannot hold.
public enum NumberText {
    /// The largest magnitude any number typed or imported into Birlik may have.
    public static let limit = 1e15

    public static func parse(_ text: String) -> Double? {
        guard let value = unbounded(text), abs(value) <= limit else { return nil }
        return value
    }

    static func unbounded(_ text: String) -> Double? {
        guard text.utf8.count <= 64 else { return nil }
        // The common case, plain digits with at most one dot, needs no cleaning.
        var plain = !text.isEmpty
        var plainDots = 0
        for byte in text.utf8 {
            if byte == 0x2E { plainDots += 1 } else if byte < 0x30 || byte > 0x39 { plain = false; break }
        }
        if plain, plainDots <= 1, let value = Double(text), value.isFinite { return value }
        var cleaned = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\u{00A0}", "\u{202F}", "\u{2009}", "'", "’", "\t": continue
            case "−", "–": cleaned.append("-")
            default: cleaned.unicodeScalars.append(scalar)
            }
        }
        if cleaned.hasSuffix("%") { cleaned.removeLast() }
        guard !cleaned.isEmpty else { return nil }
        let commas = cleaned.filter { $0 == "," }.count
        let dots = cleaned.filter { $0 == "." }.count
        if commas > 0 && dots > 0 {
            let decimal: Character = cleaned.lastIndex(of: ",")! > cleaned.lastIndex(of: ".")! ? "," : "."
            let grouping: Character = decimal == "," ? "." : ","
            guard cleaned.filter({ $0 == decimal }).count == 1 else { return nil }
            cleaned = cleaned.replacingOccurrences(of: String(grouping), with: "").replacingOccurrences(of: ",", with: ".")
        } else if commas > 1 {
            cleaned = cleaned.replacingOccurrences(of: ",", with: "")
        } else if dots > 1 {
            cleaned = cleaned.replacingOccurrences(of: ".", with: "")
        } else {
            cleaned = cleaned.replacingOccurrences(of: ",", with: ".")
        }
        guard cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }
}
