import Foundation

/// **The** escaping of text for XML content and attributes: Office files, feeds, OAI-PMH and Dublin Core.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
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
