import BirlikCore
import Foundation

/// An Atom 1.0 feed (RFC 4287) of the portal's news: the feed's id, title, time of the newest entry and
/// its own address; each entry with a stable id, title, times, link, summary, full text and categories,
/// in its language.
public struct AtomFeed: Sendable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var title: String
        public var published: Date
        public var updated: Date
        public var link: String
        public var summary: String
        public var content: String
        public var language: String
        public var categories: [String]
        public var author: String

        public init(id: String, title: String, published: Date, updated: Date, link: String, summary: String, content: String, language: String,
                    categories: [String], author: String) {
            self.id = id; self.title = title; self.published = published; self.updated = updated; self.link = link; self.summary = summary
            self.content = content; self.language = language; self.categories = categories; self.author = author
        }
    }

    public var id: String
    public var title: String
    public var selfLink: String
    public var alternateLink: String
    public var language: String
    public var author: String
    public var entries: [Entry]
    /// When nothing has been published yet.
    public var fallbackUpdated: Date

    public init(id: String, title: String, selfLink: String, alternateLink: String, language: String, author: String, entries: [Entry], fallbackUpdated: Date) {
        self.id = id; self.title = title; self.selfLink = selfLink; self.alternateLink = alternateLink; self.language = language
        self.author = author; self.entries = entries; self.fallbackUpdated = fallbackUpdated
    }

    public func rendered() -> String {
        let x = OOXMLPackage.escape
        let formatter = ISO8601DateFormatter()
        let updated = entries.map(\.updated).max() ?? fallbackUpdated
        var lines = ["<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                     "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(x(language))\">",
                     "  <id>\(x(id))</id>", "  <title>\(x(title))</title>", "  <updated>\(formatter.string(from: updated))</updated>",
                     "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(x(selfLink))\"/>",
                     "  <link rel=\"alternate\" type=\"text/html\" href=\"\(x(alternateLink))\"/>",
                     "  <author><name>\(x(author))</name></author>", "  <generator>Birlik</generator>"]
        for entry in entries {
            lines += ["  <entry xml:lang=\"\(x(entry.language))\">", "    <id>\(x(entry.id))</id>", "    <title>\(x(entry.title))</title>",
                      "    <published>\(formatter.string(from: entry.published))</published>", "    <updated>\(formatter.string(from: entry.updated))</updated>",
                      "    <link rel=\"alternate\" type=\"text/html\" href=\"\(x(entry.link))\"/>", "    <author><name>\(x(entry.author))</name></author>"]
            if !entry.summary.isEmpty { lines.append("    <summary>\(x(entry.summary))</summary>") }
            lines.append("    <content type=\"text\">\(x(entry.content))</content>")
            lines += entry.categories.map { "    <category term=\"\(x($0))\"/>" }
            lines.append("  </entry>")
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }
}
