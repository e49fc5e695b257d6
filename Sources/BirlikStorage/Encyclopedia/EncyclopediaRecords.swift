import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// A row of `articles`: the article as JSON, its slug unique.
public final class ArticleRecord: Model, @unchecked Sendable {
    public static let schema = "articles"

    @ID(key: .id) public var id: UUID?
    @Field(key: "slug") public var slug: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Article) { id = value.id; apply(value) }

    func apply(_ value: Article) { slug = value.slug; content = JSONColumn.encode(value); version = value.version }

    public var value: Article? { JSONColumn.decode(Article?.self, content, default: nil) }
}

/// A row of `article_revisions`: revisions are only ever added; their status moves as approvals come.
public final class ArticleRevisionRecord: Model, @unchecked Sendable {
    public static let schema = "article_revisions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "article_id") public var articleID: UUID
    @Field(key: "language") public var language: String
    @Field(key: "number") public var number: Int
    @Field(key: "status") public var status: String
    @Field(key: "content") public var content: String

    public init() {}

    init(_ value: ArticleRevision) { id = value.id; apply(value) }

    func apply(_ value: ArticleRevision) {
        articleID = value.articleID; language = value.language.rawValue; number = value.number; status = value.status.rawValue; content = JSONColumn.encode(value)
    }

    public var value: ArticleRevision? { JSONColumn.decode(ArticleRevision?.self, content, default: nil) }
}

/// A row of `article_texts`: the approved revision of one language, as the reader's lists and the search
/// read it (`search_text` folded like the registry's, so one search mechanism serves both).
public final class ArticleTextRecord: Model, @unchecked Sendable {
    public static let schema = "article_texts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "article_id") public var articleID: UUID
    @Field(key: "slug") public var slug: String
    @Field(key: "language") public var language: String
    @Field(key: "title") public var title: String
    @Field(key: "search_text") public var searchText: String
    @Field(key: "approved_at") public var approvedAt: Date
    /// Approved texts are public.
    @Field(key: "is_public") public var isPublic: Bool

    public init() {}
}

extension ArticleTextRecord: ScopedModel {
    public static let resource = Resource.article
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: "\(bind: RegionCode.republic)", isPublic: "\(column("is_public", table)) = \(bind: true)")
    }
}

/// A row of `article_terms`: one distinct folded word of an approved text, so that the search finds the
/// texts with a word starting with one of a typed word's forms by a range of the (term, text) index
/// rather than by reading every text.
public final class ArticleTermRecord: Model, @unchecked Sendable {
    public static let schema = "article_terms"

    @ID(key: .id) public var id: UUID?
    @Field(key: "text_id") public var textID: UUID
    @Field(key: "term") public var term: String

    public init() {}

    init(textID: UUID, term: String) { self.textID = textID; self.term = term }

    /// The distinct words of a folded search text.
    static func terms(of searchText: String) -> Set<String> { Set(searchText.split(separator: " ").map(String.init)) }

    /// Replaces the terms of one text (inside the caller's transaction).
    static func replace(textID: UUID, searchText: String, on db: any Database) async throws {
        try await ArticleTermRecord.query(on: db).filter(\.$textID == textID).delete()
        let rows = terms(of: searchText).sorted().map { ArticleTermRecord(textID: textID, term: $0) }
        for start in stride(from: 0, to: rows.count, by: 500) { try await Array(rows[start..<min(rows.count, start + 500)]).create(on: db) }
    }

    /// The condition "the text has a word starting with one of `forms`", on `article_texts.id`.
    static func condition(_ forms: [String]) -> SQLQueryString {
        var query: SQLQueryString = "\(column("id", ArticleTextRecord.schema)) IN (SELECT text_id FROM article_terms WHERE "
        for (index, form) in forms.enumerated() {
            // Folded words are lower-case ASCII letters and digits, all below "~": [form, form~) is every word it starts.
            query.appendLiteral(index == 0 ? "(" : " OR (")
            let range: SQLQueryString = "term >= \(bind: form) AND term < \(bind: form + "~")"
            query.appendInterpolation(range)
            query.appendLiteral(")")
        }
        query.appendLiteral(")")
        return query
    }
}
