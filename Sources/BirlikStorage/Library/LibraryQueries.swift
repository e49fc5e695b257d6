import BirlikCore
import FluentKit
import Foundation

/// What the library's pages and its OAI-PMH endpoint read.
public enum LibraryQueries {
    /// The items the actor may see (the one scoping rule), newest change first: of a collection, and
    /// matching every word typed — in the description or the file's text, by any form of the word (its
    /// Kazakh lemma through the corpus's analyser, its Russian stem; either script), through the terms index.
    public static func catalogue(query: String, collection: String?, actor: Actor, limit: Int = 100, on db: any Database) async throws -> [LibraryItem] {
        try await matching(query: query, collection: collection, actor: actor, on: db)
            .sort(\.$datestamp, .descending).sort(\.$code, .descending).range(..<limit).all().compactMap(\.value)
    }

    /// How many items the catalogue's search matches in all (it lists the newest of them).
    public static func catalogueCount(query: String, collection: String?, actor: Actor, on db: any Database) async throws -> Int {
        try await matching(query: query, collection: collection, actor: actor, on: db).count()
    }

    static func matching(query: String, collection: String?, actor: Actor, on db: any Database) -> QueryBuilder<LibraryItemRecord> {
        let builder = LibraryItemRecord.query(on: db).visible(to: actor)
        if let collection { builder.filter(\.$collection == collection) }
        for forms in SearchTerms.alternatives(query) {
            builder.filter(.sql(embed: SearchTermRecord.condition(.libraryItem, idColumn: "\(column("id", LibraryItemRecord.schema))", forms: forms)))
        }
        return builder
    }

    /// An item by its code, if the actor may see it.
    public static func item(code: String, actor: Actor, on db: any Database) async throws -> LibraryItem {
        guard let item = try await LibraryItemRecord.query(on: db).visible(to: actor).filter(\.$code == code).first()?.value else { throw DomainError.notFound }
        return item
    }

    /// Published items per collection, for the catalogue's counts.
    public static func publishedCounts(on db: any Database) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for collection in LibraryCollection.all {
            counts[collection.code] = try await LibraryItemRecord.query(on: db).filter(\.$collection == collection.code).filter(\.$isPublic == true).count()
        }
        return counts
    }

    /// A selective harvest: what OAI-PMH hands out (published items, and withdrawn ones as deleted
    /// records; drafts never), of a set, between two datestamps (inclusive), after a position.
    public struct Harvest: Sendable {
        public var set: String?
        public var from: Date?
        public var until: Date?
        /// The last record handed out: its datestamp and id; the next page starts after it.
        public var after: (datestamp: Date, id: UUID)?

        public init(set: String? = nil, from: Date? = nil, until: Date? = nil, after: (datestamp: Date, id: UUID)? = nil) {
            self.set = set; self.from = from; self.until = until; self.after = after
        }
    }

    static func harvestQuery(_ harvest: Harvest, on db: any Database) -> QueryBuilder<LibraryItemRecord> {
        let builder = LibraryItemRecord.query(on: db).filter(\.$status ~~ [LibraryItem.Status.published.rawValue, LibraryItem.Status.withdrawn.rawValue])
        if let set = harvest.set { builder.filter(\.$collection == set) }
        if let from = harvest.from { builder.filter(\.$datestamp >= from) }
        if let until = harvest.until { builder.filter(\.$datestamp <= until) }
        return builder
    }

    /// How many records a harvest's whole list has.
    public static func harvestSize(_ harvest: Harvest, on db: any Database) async throws -> Int {
        var whole = harvest
        whole.after = nil
        return try await harvestQuery(whole, on: db).count()
    }

    /// A record as a harvest reads it: its header's facts and the stored Dublin Core, no item decoded.
    public struct HarvestRow: Sendable, Hashable {
        public var id: UUID
        public var code: String
        public var datestamp: Date
        public var collection: String
        /// The stored `oai_dc:dc` element; `nil` for a withdrawn item (a deleted record).
        public var dublinCore: String?
    }

    /// One page of a harvest, in (datestamp, id) order.
    public static func harvest(_ harvest: Harvest, limit: Int, on db: any Database) async throws -> [HarvestRow] {
        let builder = harvestQuery(harvest, on: db)
        if let after = harvest.after {
            // (datestamp, id) after the last record, written so that the (datestamp, id) index serves the range.
            builder.filter(\.$datestamp >= after.datestamp)
            builder.group(.or) { group in
                group.filter(\.$datestamp > after.datestamp)
                group.filter(\.$id > after.id)
            }
        }
        return try await builder.sort(\.$datestamp).sort(\.$id).range(..<limit)
            .field(\.$id).field(\.$code).field(\.$datestamp).field(\.$collection).field(\.$status).field(\.$dublinCore).all().compactMap(row)
    }

    static func row(_ record: LibraryItemRecord) -> HarvestRow? {
        guard let id = record.id else { return nil }
        return HarvestRow(id: id, code: record.code, datestamp: record.datestamp, collection: record.collection,
                          dublinCore: record.status == LibraryItem.Status.published.rawValue ? record.dublinCore : nil)
    }

    /// An item a harvester may ask for by identifier (published or withdrawn), `nil` otherwise.
    public static func harvestable(code: String, on db: any Database) async throws -> HarvestRow? {
        try await harvestQuery(Harvest(), on: db).filter(\.$code == code).first().flatMap(row)
    }

    /// The earliest datestamp a harvester can get, `nil` with nothing harvestable yet.
    public static func earliestDatestamp(on db: any Database) async throws -> Date? {
        try await harvestQuery(Harvest(), on: db).sort(\.$datestamp).first()?.datestamp
    }
}
