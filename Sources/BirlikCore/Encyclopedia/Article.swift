import Foundation

/// An article of the "Kazakhstan Encyclopedia" internet project (S16; seed 000 §6.6): a stable address
/// and, per language, the approved revision every page, the API and the exports show. Editors write
/// revisions; the Secretariat approves one per language; a draft never reaches a reader.
public struct Article: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// `ulttyq-dombyra-kuni`: lower-case Latin letters, digits and hyphens.
    public var slug: String
    /// The approved revision of each language.
    public var approved: [Language: UUID]
    public var createdAt: Date
    public var version: Int

    public init(id: UUID = UUID(), slug: String, approved: [Language: UUID] = [:], createdAt: Date, version: Int = 1) {
        self.id = id; self.slug = slug; self.approved = approved; self.createdAt = createdAt; self.version = version
    }

    /// National, kept by the Secretariat and the regions' editors; public through its approved revisions.
    public static let scope = Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: true)

    /// A slug as typed: 3–80 of `a-z`, `0-9`, `-`.
    public static func isSlug(_ text: String) -> Bool {
        (3...80).contains(text.count) && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" } && !text.hasPrefix("-")
    }

    /// A slug made from a title: folded to Latin, words joined by hyphens.
    public static func slug(from title: String) -> String {
        String(SearchFolding.fold(title).replacingOccurrences(of: " ", with: "-").prefix(80))
    }
}

/// One revision of an article in one language: its parent (the revision it was written from), author,
/// comment and a hash over the parent's hash and its own content, so that the history cannot be
/// rewritten unnoticed.
public struct ArticleRevision: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Written, not yet approved: editors only.
        case draft
        /// The language's approved revision now.
        case approved
        /// Approved once, replaced by a later approval.
        case superseded
        public var l10nKey: L10nKey { L10nKey(rawValue: "encyclopedia.revision.\(rawValue)")! }
    }

    public var id: UUID
    public var articleID: UUID
    public var language: Language
    /// 1, 2, … within the article's language.
    public var number: Int
    public var parentID: UUID?
    public var title: String
    public var text: String
    public var comment: String
    public var author: String
    public var createdAt: Date
    public var status: Status
    /// SHA-256 over the parent's hash, the language, title, text, author and time.
    public var hash: String

    public init(id: UUID = UUID(), articleID: UUID, language: Language, number: Int, parentID: UUID?, parentHash: String?, title: String, text: String,
                comment: String, author: String, createdAt: Date, status: Status = .draft) {
        self.id = id; self.articleID = articleID; self.language = language; self.number = number; self.parentID = parentID; self.title = title
        self.text = text; self.comment = comment; self.author = author; self.createdAt = createdAt; self.status = status
        self.hash = Self.hash(parentHash: parentHash, language: language, title: title, text: text, author: author, createdAt: createdAt)
    }

    public static func hash(parentHash: String?, language: Language, title: String, text: String, author: String, createdAt: Date) -> String {
        let fields = [parentHash ?? "", language.rawValue, title, text, author, String(Int64((createdAt.timeIntervalSince1970 * 1000).rounded()))]
        return Hashing.sha256Hex(Data(fields.joined(separator: "\u{1F}").utf8))
    }
}

/// What an editor types for a revision; `validated` names every problem at once.
public struct ArticleDraft: Sendable, Hashable {
    public var slug = ""
    public var language = ""
    public var title = ""
    public var text = ""
    public var comment = ""

    public init(slug: String = "", language: String = "", title: String = "", text: String = "", comment: String = "") {
        self.slug = slug; self.language = language; self.title = title; self.text = text; self.comment = comment
    }

    public func validated() throws -> (language: Language, title: String, text: String, comment: String) {
        var errors: [FieldError] = []
        let language = Language(rawValue: self.language)
        if language == nil { errors.append(FieldError("language", .fieldRequired)) }
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.append(FieldError("title", .fieldRequired)) } else if title.count > 200 { errors.append(FieldError("title", .fieldTooLong, ["max": "200"])) }
        let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\r\n", with: "\n")
        if text.count < 20 { errors.append(FieldError("text", .encyclopediaTextShort, ["min": "20"])) } else if text.count > 200_000 { errors.append(FieldError("text", .fieldTooLong, ["max": "200000"])) }
        let comment = self.comment.trimmingCharacters(in: .whitespacesAndNewlines)
        if comment.isEmpty { errors.append(FieldError("comment", .fieldRequired)) } else if comment.count > 500 { errors.append(FieldError("comment", .fieldTooLong, ["max": "500"])) }
        guard errors.isEmpty, let language else { throw DomainError.invalid(errors) }
        return (language, title, text, comment)
    }
}

/// A line-by-line difference between two revisions' texts.
public enum LineDiff {
    public enum Line: Sendable, Hashable {
        case same(String), removed(String), added(String)
    }

    public static func lines(from old: String, to new: String) -> [Line] {
        let a = old.components(separatedBy: "\n"), b = new.components(separatedBy: "\n")
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case let .remove(offset, _, _): removed.insert(offset)
            case let .insert(offset, _, _): inserted.insert(offset)
            }
        }
        var result: [Line] = [], i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) { result.append(.removed(a[i])); i += 1; continue }
            if j < b.count, inserted.contains(j) { result.append(.added(b[j])); j += 1; continue }
            if i < a.count, j < b.count { result.append(.same(b[j])) }
            i += 1; j += 1
        }
        return result
    }
}
