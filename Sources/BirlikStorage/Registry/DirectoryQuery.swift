import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// What a directory search asks for: filters, search text, sorting and the page.
public struct DirectoryQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable { case name, region, type }

    public var text: String
    public var regionCode: String?
    public var type: OrganizationType?
    public var ethnicGroup: String?
    public var sort: Sort
    public var descending: Bool
    public var page: Int
    public var perPage: Int

    public init(text: String = "", regionCode: String? = nil, type: OrganizationType? = nil, ethnicGroup: String? = nil,
                sort: Sort = .name, descending: Bool = false, page: Int = 1, perPage: Int = 25) {
        self.text = text
        self.regionCode = regionCode
        self.type = type
        self.ethnicGroup = ethnicGroup
        self.sort = sort
        self.descending = descending
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), 200)
    }
}

/// The registry's read side: every query takes the acting user and applies `Access.visibility`.
public enum OrganizationQueries {
    /// One page of the directory, visible to `actor`, sorted in `language`: the count and the page's rows
    /// in one query each, reading only the columns an `Organization` holds (`OrganizationRow`).
    /// - Parameter counts: where the server keeps counts between changes (none: always count).
    public static func directory(_ query: DirectoryQuery, actor: Actor, language: Language, counts: ReadCache<Int>? = nil,
                                 on db: any Database) async throws -> Page<Organization> {
        guard let sql = db as? any SQLDatabase else { return Page(items: [], page: query.page, perPage: query.perPage, total: 0) }
        let condition = condition(query, actor: actor)
        // Counting a column the visibility index holds lets the database answer from the index alone;
        // the same count for the same visibility is kept until the next change.
        let count = {
            try await sql.select().column(SQLFunction("COUNT", args: SQLColumn("region_code")), as: "n")
                .from(OrganizationRecord.schema).where(condition).first(decodingColumn: "n", as: Int.self) ?? 0
        }
        let countKey = "\(Access.visibility(actor, .organization))|\(query.text)|\(query.regionCode ?? "")|\(query.type?.rawValue ?? "")|\(query.ethnicGroup ?? "")"
        let total = if let counts { try await counts.value(countKey, load: count) } else { try await count() }
        let range = Page<Organization>.rows(page: query.page, perPage: query.perPage)
        let rows = try await ordered(OrganizationRow.select(on: sql).where(condition), query, language)
            .limit(range.count).offset(range.lowerBound).all()
        return Page(items: try rows.map(OrganizationRow.organization), page: query.page, perPage: query.perPage, total: total)
    }

    /// Every organisation the directory query finds (no paging, at most `limit`), for exports.
    public static func export(_ query: DirectoryQuery, actor: Actor, language: Language, limit: Int = 100_000,
                              on db: any Database) async throws -> [Organization] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await ordered(OrganizationRow.select(on: sql).where(condition(query, actor: actor)), query, language)
            .limit(limit).all().map(OrganizationRow.organization)
    }

    /// The directory query's filters in SQL: what `actor` may see (`ScopeFilter`), the region's subtree,
    /// the type, the ethnic group, and every word of the search text.
    static func condition(_ query: DirectoryQuery, actor: Actor) -> SQLQueryString {
        var parts = [ScopeFilter.condition(Access.visibility(actor, .organization), OrganizationRecord.scopeColumns(in: OrganizationRecord.schema))]
        if let region = query.regionCode, region != RegionCode.republic {
            parts.append(ScopeFilter.within(column("region_code", OrganizationRecord.schema), region))
        }
        if let type = query.type { parts.append("type = \(bind: type.rawValue)") }
        if let group = query.ethnicGroup, !group.isEmpty { parts.append(LiteralSearch.contains(SQLColumn("ethnic_groups"), "|\(group)|")) }
        // Every word, in one of the forms it may take (`SearchTerms`), starts a word of the name.
        for forms in SearchTerms.alternatives(query.text) where !forms.isEmpty {
            parts.append("(" + forms.map { LiteralSearch.contains(SQLColumn("search_text"), " \($0)") }.joined(separator: " OR ") + ")")
        }
        return parts.joined(separator: " AND ")
    }

    /// The directory's order: the chosen column, then the name's sort key in `language`, then the id.
    static func ordered(_ select: SQLSelectBuilder, _ query: DirectoryQuery, _ language: Language) -> SQLSelectBuilder {
        let direction: SQLDirection = query.descending ? .descending : .ascending
        switch query.sort {
        case .region: select.orderBy("region_code", direction)
        case .type: select.orderBy("type", direction)
        case .name: break
        }
        let name = switch language { case .kk: "sort_kk"; case .ru: "sort_ru"; case .en: "sort_en" }
        return select.orderBy(name, direction).orderBy("id")
    }

    /// The number of organisations visible to `actor` in each top-level region (districts rolled up).
    public static func countsByRegion(actor: Actor, type: OrganizationType? = nil,
                                      on db: any Database) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for (code, n) in try await grouped("region_code", DirectoryQuery(type: type), actor: actor, on: db) {
            counts[RegionCode.topLevel(code) ?? code, default: 0] += n
        }
        return counts
    }

    /// The number of visible organisations of each type.
    public static func countsByType(actor: Actor, on db: any Database) async throws -> [OrganizationType: Int] {
        var counts: [OrganizationType: Int] = [:]
        for (type, n) in try await grouped("type", DirectoryQuery(), actor: actor, on: db) {
            if let type = OrganizationType(rawValue: type) { counts[type, default: 0] += n }
        }
        return counts
    }

    /// The directory query's rows counted by the values of `column`, in one `GROUP BY`.
    static func grouped(_ column: String, _ query: DirectoryQuery, actor: Actor, on db: any Database) async throws -> [(String, Int)] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.select().column(column, as: "value").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(OrganizationRecord.schema).where(condition(query, actor: actor)).groupBy(column).all()
            .map { (try $0.decode(column: "value", as: String.self), try $0.decode(column: "n", as: Int.self)) }
    }

    /// An organisation by its code, if `actor` may see it; `DomainError.notFound` otherwise.
    public static func find(code: String, actor: Actor, on db: any Database) async throws -> Organization {
        guard let record = try await OrganizationRecord.query(on: db).filter(\.$code == code.lowercased()).first() else {
            throw DomainError.notFound
        }
        let organization = record.organization
        guard Access.check(actor, .view, .organization, in: organization.scope) == .allowed else { throw DomainError.notFound }
        return organization
    }

    /// An organisation by id, with the same rule as `find(code:)`.
    public static func find(id: UUID, actor: Actor, on db: any Database) async throws -> Organization {
        guard let record = try await OrganizationRecord.find(id, on: db) else { throw DomainError.notFound }
        guard Access.check(actor, .view, .organization, in: record.organization.scope) == .allowed else { throw DomainError.notFound }
        return record.organization
    }

    /// The visible organisations whose parent is `parent`.
    public static func children(of parent: UUID, actor: Actor, on db: any Database) async throws -> [Organization] {
        try await OrganizationRecord.query(on: db).visible(to: actor).filter(\.$parentID == parent)
            .sort(\.$sortKK).all().map(\.organization)
    }

    /// The people of an organisation, in their listed order.
    public static func people(of organization: UUID, on db: any Database) async throws -> [Person] {
        try await PersonRecord.query(on: db).filter(\.$organizationID == organization).sort(\.$sortOrder).all().map(\.person)
    }

    /// The ids of the organisations with these codes (codes that name nothing are left out).
    public static func ids(codes: [String], on db: any Database) async throws -> [String: UUID] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await OrganizationRecord.query(on: db).filter(\.$code ~~ Array(Set(codes))).field(\.$id).field(\.$code).all()
        return Dictionary(rows.compactMap { row in row.id.map { (row.code, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Names and codes of organisations by id, for tables that list executors (no visibility filter:
    /// names of state bodies and executors are public facts).
    public static func labels(ids: [UUID], on db: any Database) async throws -> [UUID: (code: String, name: LocalizedText, regionCode: String)] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: (code: String, name: LocalizedText, regionCode: String)] = [:]
        let unique = Array(Set(ids))
        for start in stride(from: 0, to: unique.count, by: 500) {
            let rows = try await OrganizationRecord.query(on: db).filter(\.$id ~~ Array(unique[start..<min(start + 500, unique.count)]))
                .field(\.$id).field(\.$code).field(\.$nameKK).field(\.$nameRU).field(\.$nameEN).field(\.$regionCode).all()
            for row in rows {
                if let id = row.id { result[id] = (row.code, LocalizedText(kk: row.nameKK, ru: row.nameRU, en: row.nameEN), row.regionCode) }
            }
        }
        return result
    }

    /// The code of an organisation, for links (`nil` when absent).
    public static func code(of id: UUID?, on db: any Database) async throws -> String? {
        guard let id else { return nil }
        return try await OrganizationRecord.find(id, on: db)?.code
    }
}
