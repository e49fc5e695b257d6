import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// **The** terms index of Birlik's word search (`SearchTerms`): a row per distinct folded word of a
/// searchable record — an approved encyclopedia text, a library item's description and file, a practice's texts — so that
/// the records with a word starting with one of a typed word's forms are one range of the
/// (kind, term, record) index rather than a scan of every text.
public final class SearchTermRecord: Model, @unchecked Sendable {
    public static let schema = "search_terms"

    /// What is indexed.
    public enum Kind: String, Sendable {
        /// `article_texts.id`.
        case articleText
        /// `library_items.id`.
        case libraryItem
        /// `good_practices.id`: every language's text of a practice.
        case practice
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "record_id") public var recordID: UUID
    @Field(key: "term") public var term: String

    public init() {}

    init(_ kind: Kind, recordID: UUID, term: String) { self.kind = kind.rawValue; self.recordID = recordID; self.term = term }

    /// The distinct words of folded texts (`SearchFolding.fold`).
    static func terms(of folded: [String]) -> Set<String> { Set(folded.flatMap { $0.split(separator: " ").map(String.init) }) }

    /// The rows for one record.
    static func rows(_ kind: Kind, recordID: UUID, folded: [String]) -> [SearchTermRecord] {
        terms(of: folded).sorted().map { SearchTermRecord(kind, recordID: recordID, term: $0) }
    }

    /// Replaces the terms of one record (inside the caller's transaction).
    static func replace(_ kind: Kind, recordID: UUID, folded: [String], on db: any Database) async throws {
        try await SearchTermRecord.query(on: db).filter(\.$kind == kind.rawValue).filter(\.$recordID == recordID).delete()
        let rows = rows(kind, recordID: recordID, folded: folded)
        for start in stride(from: 0, to: rows.count, by: 500) { try await Array(rows[start..<min(rows.count, start + 500)]).create(on: db) }
    }

    /// The condition "the record in `idColumn` has a word starting with one of `forms`": one range of the
    /// (kind, term, record) index per form, joined by UNION (an OR of ranges would read the whole kind).
    static func condition(_ kind: Kind, idColumn: SQLQueryString, forms: [String]) -> SQLQueryString {
        var query: SQLQueryString = "\(idColumn) IN ("
        for (index, form) in forms.enumerated() {
            // Folded words are lower-case ASCII letters and digits, all below "~": [form, form~) is every word it starts.
            let range: SQLQueryString = "SELECT record_id FROM search_terms WHERE kind = \(bind: kind.rawValue) AND term >= \(bind: form) AND term < \(bind: form + "~")"
            if index > 0 { query.appendLiteral(" UNION ") }
            query.appendInterpolation(range)
        }
        query.appendLiteral(")")
        return query
    }
}

/// The terms index, filled from the approved texts and the library items already there.
struct CreateSearchTerms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // On PostgreSQL terms compare byte by byte, so that a prefix is one range of the index whatever the database's locale.
        let isPostgres = (database as? any SQLDatabase)?.dialect.name == "postgresql"
        try await database.schema(SearchTermRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("record_id", .uuid, .required)
            .field("term", isPostgres ? .custom("TEXT COLLATE \"C\"") : .string, .required)
            .unique(on: "kind", "term", "record_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX search_terms_record ON search_terms (record_id)").run()
        }
        for text in try await ArticleTextRecord.query(on: database).all() {
            try await SearchTermRecord.replace(.articleText, recordID: try text.requireID(), folded: [text.searchText], on: database)
        }
        for item in try await LibraryItemRecord.query(on: database).all() {
            try await SearchTermRecord.replace(.libraryItem, recordID: try item.requireID(), folded: [item.searchText, item.fileText], on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SearchTermRecord.schema).delete()
    }
}
