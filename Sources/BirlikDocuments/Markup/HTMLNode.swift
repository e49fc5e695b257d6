/// A piece of HTML or SVG, built in Swift and rendered with every text and attribute value escaped.
/// Pages and maps are made of these; nothing a user typed can reach the output unescaped.
public struct HTMLNode: Sendable, ExpressibleByStringLiteral {
    indirect enum Content: Sendable {
        case element(String, [(String, String)], [HTMLNode])
        case text(String)
        case group([HTMLNode])
    }

    let content: Content

    init(_ content: Content) { self.content = content }

    public init(stringLiteral value: String) { content = .text(value) }

    /// Escaped text.
    public static func text(_ value: String) -> HTMLNode { HTMLNode(.text(value)) }

    /// Several nodes side by side.
    public static func group(_ nodes: [HTMLNode]) -> HTMLNode { HTMLNode(.group(nodes)) }

    /// Nothing.
    public static let empty = HTMLNode(.group([]))

    /// The HTML text.
    public func render() -> String {
        var output = ""
        output.reserveCapacity(4096)
        write(to: &output)
        return output
    }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"]
    static let svgLeaves: Set<String> = ["path", "circle", "rect", "line", "polygon", "polyline", "stop"]

    func write(to output: inout String) {
        switch content {
        case let .text(value): output += Self.escape(value)
        case let .group(nodes): for node in nodes { node.write(to: &output) }
        case let .element(name, attributes, children):
            output += "<" + name
            for (key, value) in attributes {
                output += " " + key + "=\"" + Self.escape(value) + "\""
            }
            if Self.voidElements.contains(name) { output += ">"; return }
            if children.isEmpty, Self.svgLeaves.contains(name) { output += "/>"; return }
            output += ">"
            for child in children { child.write(to: &output) }
            output += "</" + name + ">"
        }
    }

    /// Escapes `&`, `<`, `>`, `"` and `'`, one Unicode scalar at a time: a quote followed by a combining
    /// mark is one `Character` but still a quote to a browser, so grapheme clusters are never compared.
    public static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return value }
        var output = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": output.append(contentsOf: "&quot;".unicodeScalars)
            case "'": output.append(contentsOf: "&#39;".unicodeScalars)
            default: output.append(scalar)
            }
        }
        return String(output)
    }
}

/// Builds an element: `el("a", ["href": url], "text")`. An attribute whose value is `nil` is left out.
public func el(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ children: HTMLNode...) -> HTMLNode {
    el(name, attributes, children)
}

/// Builds an element with children from an array.
public func el(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ children: [HTMLNode]) -> HTMLNode {
    HTMLNode(.element(name, attributes.compactMap { key, value in value.map { (key, $0) } }, children))
}
