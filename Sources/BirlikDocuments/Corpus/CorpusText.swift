import BirlikCore
import Foundation

/// The text of a document submitted to the corpus, read from plain text (UTF-8), DOCX or HTML, with the
/// metadata the file itself carries. Anything else is refused with a reason, never half-read.
public struct CorpusText: Sendable, Hashable {
    public var title: String
    public var text: String
    public var metadata: [String: String]

    public init(title: String, text: String, metadata: [String: String] = [:]) {
        self.title = title
        self.text = text
        self.metadata = metadata
    }

    /// Why a file could not be read as a corpus text.
    public enum ReadError: Error, Sendable, Equatable {
        /// Not UTF-8 text (a binary file, or another encoding).
        case notText
        /// A DOCX that is not a well-formed Office package or has no document part.
        case brokenDocx
        /// No words at all.
        case empty
        /// A file type the corpus does not read.
        case unsupported(String)

        /// The message, in the catalog.
        public var l10nKey: L10nKey {
            switch self {
            case .notText: .corpusErrorNotText
            case .brokenDocx: .corpusErrorBrokenDocx
            case .empty: .corpusErrorEmpty
            case .unsupported: .corpusErrorUnsupported
            }
        }
    }

    /// The document in `data`, judged by the file name's extension (txt, docx, html, htm).
    public static func read(_ data: Data, fileName: String) throws(ReadError) -> CorpusText {
        let name = (fileName as NSString).deletingPathExtension
        let text: String
        switch (fileName as NSString).pathExtension.lowercased() {
        case "txt", "text", "":
            text = try plain(data)
        case "docx":
            guard let parts = try? OOXMLPackage.read(data), let body = parts["word/document.xml"] else { throw .brokenDocx }
            text = docx(body)
        case "html", "htm":
            text = html(try plain(data))
        case let other:
            throw .unsupported(other)
        }
        guard text.contains(where: \.isLetter) else { throw .empty }
        return CorpusText(title: name, text: text)
    }

    /// The documents of a text file that holds several, each starting with a "### title" line and
    /// optionally a "# source: …" line (the layout of the sample corpus); a file without them is one document.
    public func documents() -> [CorpusText] {
        guard text.hasPrefix("### ") else { return [self] }
        var result: [CorpusText] = []
        for chunk in text.components(separatedBy: "\n### ") {
            var lines = chunk.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard !lines.isEmpty else { continue }
            let title = lines.removeFirst().replacingOccurrences(of: "### ", with: "").trimmingCharacters(in: .whitespaces)
            var metadata = self.metadata
            if let first = lines.first, first.hasPrefix("# source:") {
                metadata["source"] = first.dropFirst("# source:".count).trimmingCharacters(in: .whitespaces)
                lines.removeFirst()
            }
            let body = lines.joined(separator: "\n")
            if body.contains(where: \.isLetter) { result.append(CorpusText(title: title, text: body, metadata: metadata)) }
        }
        return result
    }

    static func plain(_ data: Data) throws(ReadError) -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8), !text.contains("\u{0}") else { throw .notText }
        return text
    }

    /// The paragraphs of a WordprocessingML body, one per line.
    static func docx(_ xml: Data) -> String {
        let source = String(decoding: xml, as: UTF8.self)
        var output = ""
        var index = source.startIndex
        while let open = source[index...].firstIndex(of: "<") {
            guard let close = source[open...].firstIndex(of: ">") else { break }
            let tag = source[source.index(after: open)..<close]
            if tag.hasPrefix("w:t") && (tag.count == 3 || tag.dropFirst(3).first == " ") {
                if let end = source[close...].range(of: "</w:t>") {
                    output += unescape(String(source[source.index(after: close)..<end.lowerBound]))
                    index = end.upperBound
                    continue
                }
            } else if tag == "/w:p" {
                output += "\n"
            } else if tag.hasPrefix("w:tab") {
                output += "\t"
            }
            index = source.index(after: close)
        }
        return output
    }

    /// The visible text of an HTML page: tags, scripts and styles removed, block ends as line breaks.
    static func html(_ source: String) -> String {
        var output = ""
        var index = source.startIndex
        while index < source.endIndex {
            guard let open = source[index...].firstIndex(of: "<") else {
                output += source[index...]
                break
            }
            output += source[index..<open]
            guard let close = source[open...].firstIndex(of: ">") else { break }
            let tag = source[source.index(after: open)..<close].lowercased()
            index = source.index(after: close)
            for skipped in ["script", "style"] where tag.hasPrefix(skipped) {
                if let end = source[index...].range(of: "</\(skipped)", options: .caseInsensitive) { index = end.upperBound }
            }
            if ["/p", "br", "br/", "br /", "/div", "/h1", "/h2", "/h3", "/li", "/tr", "/title"].contains(tag) { output += "\n" }
        }
        return unescape(output)
    }

    static func unescape(_ text: String) -> String {
        var result = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&nbsp;", " "),
                                    ("&laquo;", "«"), ("&raquo;", "»"), ("&ndash;", "–"), ("&mdash;", "—"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }
}
