import BirlikCore
import FluentKit
import Foundation

/// The "Kazakhstan Encyclopedia" (S16): editors write revisions from the latest one of a language (a
/// revision from an older one is refused, so no edit is lost), the Secretariat approves one per language,
/// and the approved text becomes what readers, the API and the search see. Every change audited.
public enum EncyclopediaStore {
    /// A new article with its first revision (a draft).
    public static func create(_ draft: ArticleDraft, actor: Actor, on db: any Database, now: Date) async throws -> (Article, ArticleRevision) {
        var errors: [FieldError] = []
        var valid: (language: Language, title: String, text: String, comment: String)?
        do { valid = try draft.validated() } catch let DomainError.invalid(problems) { errors = problems }
        let slug = draft.slug.trimmingCharacters(in: .whitespaces).isEmpty ? Article.slug(from: draft.title) : draft.slug.trimmingCharacters(in: .whitespaces)
        if !Article.isSlug(slug) { errors.append(FieldError("slug", .encyclopediaSlug)) }
        guard errors.isEmpty, let valid else { throw DomainError.invalid(errors) }
        try Access.require(actor, .create, .article, in: Article.scope)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard try await ArticleRecord.query(on: audit.db).filter(\.$slug == slug).count() == 0 else {
                throw DomainError.invalid([FieldError("slug", .encyclopediaSlugTaken)])
            }
            let article = Article(slug: slug, createdAt: now)
            try await ArticleRecord(article).create(on: audit.db)
            let revision = ArticleRevision(articleID: article.id, language: valid.language, number: 1, parentID: nil, parentHash: nil, title: valid.title,
                                           text: valid.text, comment: valid.comment, author: actor.displayName, createdAt: now)
            try await ArticleRevisionRecord(revision).create(on: audit.db)
            try await audit.record("create", "article", id: slug, before: Nothing?.none, after: revision)
            return (article, revision)
        }
    }

    /// A new revision of one language, written from `parent` (the language's latest revision, or none yet).
    public static func revise(_ articleID: UUID, _ draft: ArticleDraft, parent: UUID?, actor: Actor, on db: any Database, now: Date) async throws -> ArticleRevision {
        let valid = try draft.validated()
        try Access.require(actor, .update, .article, in: Article.scope)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let article = try await ArticleRecord.find(articleID, on: audit.db)?.value else { throw DomainError.notFound }
            let latest = try await ArticleRevisionRecord.query(on: audit.db).filter(\.$articleID == articleID)
                .filter(\.$language == valid.language.rawValue).sort(\.$number, .descending).first()?.value
            guard latest?.id == parent else { throw DomainError.conflict(.encyclopediaStaleParent) }
            let revision = ArticleRevision(articleID: articleID, language: valid.language, number: (latest?.number ?? 0) + 1, parentID: latest?.id,
                                           parentHash: latest?.hash, title: valid.title, text: valid.text, comment: valid.comment,
                                           author: actor.displayName, createdAt: now)
            try await ArticleRevisionRecord(revision).create(on: audit.db)
            try await audit.record("revise", "article", id: article.slug, before: latest.map { ["revision": $0.id.uuidString, "hash": $0.hash] },
                                   after: revision)
            return revision
        }
    }

    /// Approves a revision: it becomes its language's text for readers; the one approved before is superseded.
    public static func approve(_ revisionID: UUID, actor: Actor, on db: any Database, now: Date) async throws -> ArticleRevision {
        try Access.require(actor, .approve, .article, in: Article.scope)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await ArticleRevisionRecord.find(revisionID, on: audit.db), var revision = record.value,
                  let articleRecord = try await ArticleRecord.find(revision.articleID, on: audit.db), var article = articleRecord.value else { throw DomainError.notFound }
            guard revision.status == .draft else { throw DomainError.conflict(.errorTransition) }
            let previous = article.approved[revision.language]
            if let previous, let old = try await ArticleRevisionRecord.find(previous, on: audit.db), var value = old.value {
                value.status = .superseded
                old.apply(value)
                try await old.update(on: audit.db)
            }
            revision.status = .approved
            record.apply(revision)
            try await record.update(on: audit.db)
            article.approved[revision.language] = revision.id; article.version += 1
            articleRecord.apply(article)
            try await articleRecord.update(on: audit.db)
            let text = try await ArticleTextRecord.query(on: audit.db).filter(\.$articleID == article.id).filter(\.$language == revision.language.rawValue).first()
                ?? ArticleTextRecord()
            text.articleID = article.id; text.slug = article.slug; text.language = revision.language.rawValue; text.title = revision.title
            text.searchText = " " + SearchFolding.fold(revision.title + " " + revision.text) + " "; text.approvedAt = now; text.isPublic = true
            try await text.save(on: audit.db)
            try await SearchTermRecord.replace(.articleText, recordID: try text.requireID(), folded: [text.searchText], on: audit.db)
            try await audit.record("approve", "article", id: article.slug, before: previous.map { ["revision": $0.uuidString] },
                                   after: ["revision": revision.id.uuidString, "language": revision.language.rawValue, "hash": revision.hash])
            return revision
        }
    }
}

/// What the encyclopedia's pages, API and search read.
public enum EncyclopediaQueries {
    /// A found article: its address, the language found and the approved title in it.
    public struct Hit: Sendable, Hashable {
        public var slug: String
        public var language: Language
        public var title: String
    }

    /// Approved articles whose title or text has, for every word typed, a word starting with one of its
    /// forms (the word itself, its Russian stem, its Kazakh lemma through the corpus's analyser; either
    /// script): «тілдерінің» finds «Тіл», «tılderınıñ» too. The newest approvals first. Each word is a range
    /// of the terms index (`SearchTermRecord`), not a scan of the texts.
    public static func search(_ query: String, limit: Int = 50, on db: any Database) async throws -> [Hit] {
        let builder = ArticleTextRecord.query(on: db).visible(to: .anonymous)
        let words = SearchTerms.alternatives(query)
        for forms in words { builder.filter(.sql(embed: SearchTermRecord.condition(.articleText, idColumn: "\(column("id", ArticleTextRecord.schema))", forms: forms))) }
        let rows = try await builder.sort(\.$approvedAt, .descending).range(..<(limit * 3)).all()
        var seen = Set<String>(), hits: [Hit] = []
        for row in rows where seen.insert(row.slug).inserted {
            hits.append(Hit(slug: row.slug, language: Language(rawValue: row.language) ?? .kk, title: row.title))
            if hits.count == limit { break }
        }
        return hits
    }

    /// An article and its revisions, newest first.
    public static func article(slug: String, on db: any Database) async throws -> (Article, [ArticleRevision]) {
        guard let record = try await ArticleRecord.query(on: db).filter(\.$slug == slug).first(), let article = record.value, let id = record.id else { throw DomainError.notFound }
        let revisions = try await ArticleRevisionRecord.query(on: db).filter(\.$articleID == id).sort(\.$number, .descending).all().compactMap(\.value)
        return (article, revisions.sorted { ($0.createdAt, $0.number) > ($1.createdAt, $1.number) })
    }

    /// What a reader of `language` sees: the article and its approved revision (that language's, else the
    /// first approved of kk, ru, en), read by id rather than with the whole history.
    public static func approved(slug: String, for language: Language, on db: any Database) async throws -> (Article, ArticleRevision) {
        guard let article = try await ArticleRecord.query(on: db).filter(\.$slug == slug).first()?.value else { throw DomainError.notFound }
        guard let id = language.fallbacks.lazy.compactMap({ article.approved[$0] }).first,
              let revision = try await ArticleRevisionRecord.find(id, on: db)?.value else { throw DomainError.notFound }
        return (article, revision)
    }

    /// The approved revision a reader of `language` sees: that language's, else the first approved of kk, ru, en.
    public static func approved(_ article: Article, _ revisions: [ArticleRevision], for language: Language) -> ArticleRevision? {
        for candidate in language.fallbacks {
            if let id = article.approved[candidate], let revision = revisions.first(where: { $0.id == id }) { return revision }
        }
        return nil
    }
}
