import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation
import Vapor

/// The library's OAI-PMH 2.0 endpoint (`/oai`, GET or POST): national libraries harvest the published
/// items as unqualified Dublin Core, withdrawn ones as deleted records, page by page with resumption tokens.
enum OAIController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.oai, use: answer)
        routes.post(.oai, use: answer)
    }

    /// A query string or form body as ordered pairs, repeats kept (the protocol refuses repeated arguments).
    static func pairs(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ value: Substring) -> String { (String(value).replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? String(value) }
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }

    static func answer(_ request: Request) async throws -> Response {
        let text = request.method == .POST ? request.body.string ?? "" : request.url.query ?? ""
        let arguments = pairs(text)
        let base = request.application.birlik.configuration.linkBase + SiteURL.oai.path
        let body: OAIPMH.Body
        do {
            body = try await respond(to: try OAIPMH.parse(arguments), request)
        } catch let failure as OAIPMH.Failure {
            body = .error(failure)
        }
        let xml = OAIPMH.response(baseURL: base, arguments: arguments, responseDate: request.now, body: body)
        let response = Response(status: .ok, body: .init(string: xml))
        response.headers.replaceOrAdd(name: .contentType, value: "text/xml; charset=utf-8")
        return response
    }

    static func record(_ row: LibraryQueries.HarvestRow, base: String) -> OAIPMH.Record {
        OAIPMH.Record(identifier: OAIPMH.identifier(row.code), datestamp: row.datestamp, sets: [row.collection],
                      metadata: row.dublinCore.map { DublinCore.xml($0, base: base) })
    }

    static func respond(to oai: OAIPMH.Request, _ request: Request) async throws -> OAIPMH.Body {
        let db = request.db
        switch oai {
        case .identify:
            let configuration = request.application.birlik.configuration
            let earliest = try await LibraryQueries.earliestDatestamp(on: db) ?? Date(timeIntervalSince1970: (request.now.timeIntervalSince1970).rounded(.down))
            let email = configuration.mail.map { $0.from.split(separator: "<").last.map { String($0.dropLast($0.hasSuffix(">") ? 1 : 0)) } ?? $0.from } ?? "secretariat@birlik.kz"
            let name = Localizer(.kk)(.libraryTitle) + " — " + Localizer(.kk)(.appName)
            return .identify(OAIPMH.Repository(name: name, baseURL: configuration.linkBase + SiteURL.oai.path, adminEmail: email, earliestDatestamp: earliest))
        case let .listMetadataFormats(identifier):
            if let identifier {
                guard let code = OAIPMH.code(of: identifier), try await LibraryQueries.harvestable(code: code, on: db) != nil else {
                    throw OAIPMH.Failure(.idDoesNotExist, "\(identifier) is not an identifier of this repository.")
                }
            }
            return .metadataFormats
        case .listSets:
            let l10n = Localizer(.kk)
            return .sets(LibraryCollection.all.map { (spec: $0.code, name: l10n($0.l10nKey)) })
        case let .getRecord(identifier):
            guard let code = OAIPMH.code(of: identifier), let row = try await LibraryQueries.harvestable(code: code, on: db) else {
                throw OAIPMH.Failure(.idDoesNotExist, "\(identifier) is not an identifier of this repository.")
            }
            return .record(record(row, base: request.application.birlik.configuration.linkBase))
        case let .list(records, token, set, from, until):
            if let set, LibraryCollection.find(set) == nil { throw OAIPMH.Failure(.noRecordsMatch, "There is no set \(set).") }
            let size = request.application.birlik.configuration.oaiPageSize
            let after = token.map { (datestamp: Date(timeIntervalSince1970: TimeInterval($0.after)), id: $0.afterID) }
            let harvest = LibraryQueries.Harvest(set: set, from: from, until: until, after: after)
            let items = try await LibraryQueries.harvest(harvest, limit: size + 1, on: db)
            let cursor = token?.cursor ?? 0
            guard !(items.isEmpty && token == nil) else { throw OAIPMH.Failure(.noRecordsMatch, "No record matches the request.") }
            let total: Int
            if let token { total = token.total } else { total = items.count > size ? try await LibraryQueries.harvestSize(harvest, on: db) : items.count }
            let page = Array(items.prefix(size))
            var continuation: OAIPMH.Continuation?
            if items.count > size, let last = page.last {
                let next = OAIPMH.Token(verb: records ? "ListRecords" : "ListIdentifiers", set: set, from: from.map { Int64($0.timeIntervalSince1970) },
                                        until: until.map { Int64($0.timeIntervalSince1970) }, after: Int64(last.datestamp.timeIntervalSince1970),
                                        afterID: last.id, cursor: cursor + page.count, total: max(total, cursor + page.count))
                continuation = OAIPMH.Continuation(token: next.encoded, completeListSize: total, cursor: cursor)
            } else if token != nil {
                continuation = OAIPMH.Continuation(token: nil, completeListSize: total, cursor: cursor)
            }
            let base = request.application.birlik.configuration.linkBase
            return .list(records: records, page.map { record($0, base: base) }, continuation)
        }
    }
}
