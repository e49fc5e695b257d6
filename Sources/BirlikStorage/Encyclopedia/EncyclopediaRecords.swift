import BirlikCore
import FluentKit
import Foundation

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

