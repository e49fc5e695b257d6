import Foundation

/// A library item as unqualified Dublin Core (`oai_dc`): each element with its values in order, and the
/// `oai_dc:dc` element harvesters read. Rendered when the item changes and kept beside it, so a harvest
/// reads it rather than rebuilding it.
public struct DublinCore: Sendable, Hashable {
    public struct Element: Sendable, Hashable {
        public var name: String
        /// The `xml:lang`, where it is known (titles).
        public var language: String?
        public var value: String
    }

    public var elements: [Element]

    /// Stands for the site's address in the stored record (`dc:identifier` is the item's page, and the
    /// address is the running server's setting); `xml(base:)` puts the address in.
    public static let basePlaceholder = "\u{1}BASE\u{1}"

    public init(_ item: LibraryItem) {
        var elements: [(String, String?, String)] = item.orderedTitles.map { ("title", $0.0.rawValue, $0.1) }
        elements += item.creators.map { ("creator", nil, $0) }
        elements += item.subjects.map { ("subject", nil, $0) }
        if !item.description.isEmpty { elements.append(("description", nil, item.description)) }
        if !item.publisher.isEmpty { elements.append(("publisher", nil, item.publisher)) }
        if !item.date.isEmpty { elements.append(("date", nil, item.date)) }
        elements.append(("type", nil, item.type.rawValue))
        if let file = item.file { elements.append(("format", nil, file.mediaType.split(separator: ";").first.map(String.init) ?? file.mediaType)) }
        elements.append(("identifier", nil, Self.basePlaceholder + "/library/" + item.code))
        if !item.source.isEmpty { elements.append(("source", nil, item.source)) }
        elements.append(("language", nil, item.language.rawValue))
        if let region = ReferenceData.regions.first(where: { $0.code == item.region }), let name = region.name.kk ?? region.name.ru {
            elements.append(("coverage", nil, name))
        }
        elements.append(("rights", nil, item.rights))
        self.elements = elements.map { Element(name: $0.0, language: $0.1, value: $0.2) }
    }

    /// The `oai_dc:dc` element, with the address placeholder still in it.
    public var storedXML: String {
        var lines = ["<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            + "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">"]
        for element in elements {
            let language = element.language.map { " xml:lang=\"\(XMLText.escape($0))\"" } ?? ""
            lines.append("  <dc:\(element.name)\(language)>\(XMLText.escape(element.value))</dc:\(element.name)>")
        }
        lines.append("</oai_dc:dc>")
        return lines.joined(separator: "\n")
    }

    /// A stored `oai_dc:dc` element with the site's address put in.
    public static func xml(_ stored: String, base: String) -> String {
        // The placeholder is the only text between two U+0001 (a character XML text cannot hold).
        var result = ""
        result.reserveCapacity(stored.utf8.count + base.utf8.count)
        for (index, part) in stored.split(separator: "\u{1}", omittingEmptySubsequences: false).enumerated() {
            result += index % 2 == 1 && part == "BASE" ? XMLText.escape(base) : String(part)
        }
        return result
    }
}
