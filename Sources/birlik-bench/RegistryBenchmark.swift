import BirlikCore
import BirlikStorage
import FluentKit
import Foundation
import SQLKit

/// The registry's lists read in process, one request's worth at a time: Birlik's query function, the same
/// rows through Fluent's model, and hand-written SQL returning the same rows and count.
struct DirectoryCost {
    var name: String
    var birlik: Double
    var model: Double
    var handWritten: Double
    var agree: Bool
}

extension BenchmarkServer {
    func directoryCosts() async throws -> [DirectoryCost] {
        let db = app.db
        let sql = db as! any SQLDatabase
        let secretariat = Actor(userID: UUID(), role: .secretariat, organizationID: nil, regionCode: RegionCode.republic, displayName: "bench")
        let columns = "id, code, type, name_kk, name_ru, name_en, description_kk, description_ru, description_en, region_code, parent_id, "
            + "address, phone, email, website, bin, languages, ethnic_groups, is_public, is_demo, internal_note, version"
        /// Every column of every row decoded, as a list needs them; the ids in order and the count.
        func hand(_ condition: SQLQueryString, limit: Int, offset: Int) async throws -> [UUID] {
            let total = try await sql.raw("SELECT COUNT(*) AS n FROM organizations WHERE " + condition).first(decodingColumn: "n", as: Int.self)
            let rows = try await sql.raw("SELECT \(unsafeRaw: columns) FROM organizations WHERE " + condition
                                         + " ORDER BY sort_kk, id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))").all()
            return try rows.map { row in
                for column in ["code", "type", "name_kk", "region_code", "languages", "ethnic_groups"] { _ = try row.decode(column: column, as: String.self) }
                for column in ["name_ru", "name_en", "description_kk", "description_ru", "description_en", "address", "phone", "email",
                               "website", "bin", "internal_note"] { _ = try row.decode(column: column, as: String?.self) }
                _ = try row.decode(column: "parent_id", as: UUID?.self)
                _ = (try row.decode(column: "is_public", as: Bool.self), try row.decode(column: "is_demo", as: Bool.self),
                     try row.decode(column: "version", as: Int.self), total)
                return try row.decode(column: "id", as: UUID.self)
            }
        }
        /// The same page through the model, as the directory read it before its projection.
        func model(_ query: DirectoryQuery, _ actor: Actor) async throws -> [UUID] {
            let builder = OrganizationRecord.query(on: db).visible(to: actor)
            if let region = query.regionCode { builder.filter(.sql(embed: ScopeFilter.within("\(ident: "region_code")", region))) }
            if let type = query.type { builder.filter(\.$type == type.rawValue) }
            _ = try await builder.count(\.$regionCode)
            let range = Page<Organization>.rows(page: query.page, perPage: query.perPage)
            return try await builder.sort(\.$sortKK).sort(\.$id).range(range).all().map(\.organization.id)
        }
        let cases: [(String, DirectoryQuery, Actor, SQLQueryString)] = [
            ("first page, signed in (Secretariat)", DirectoryQuery(), secretariat, "1 = 1"),
            ("first page, public", DirectoryQuery(), .anonymous, "is_public = \(bind: true)"),
            ("KZ-75 friendship houses, page 2, public", DirectoryQuery(regionCode: "KZ-75", type: .friendshipHouse, page: 2), .anonymous,
             "is_public = \(bind: true) AND (region_code = 'KZ-75' OR region_code LIKE 'KZ-75-%') AND type = 'friendshipHouse'"),
            ("200 rows, signed in (Secretariat)", DirectoryQuery(perPage: 200), secretariat, "1 = 1"),
        ]
        var costs: [DirectoryCost] = []
        for (name, query, actor, condition) in cases {
            var ours: [UUID] = [], theirs: [UUID] = [], modelled: [UUID] = []
            let range = Page<Organization>.rows(page: query.page, perPage: query.perPage)
            let birlik = try await ControlLoopBenchmark.median(21) {
                ours = try await OrganizationQueries.directory(query, actor: actor, language: .kk, on: db).items.map(\.id)
            }
            let viaModel = try await ControlLoopBenchmark.median(21) { modelled = try await model(query, actor) }
            let handWritten = try await ControlLoopBenchmark.median(21) { theirs = try await hand(condition, limit: range.count, offset: range.lowerBound) }
            costs.append(DirectoryCost(name: name, birlik: birlik, model: viaModel, handWritten: handWritten,
                                       agree: ours == theirs && ours == modelled && !ours.isEmpty))
        }
        return costs
    }
}
