import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// Open data (S16): the catalogue of Birlik's public tables, each dataset's immutable versions with
/// their change notes, the versions' CSV and JSON by hash, DCAT-AP 3 for harvesters, and for the
/// Secretariat the publication of a new version when the content has changed.
enum OpenDataController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.openData, use: catalogue)
        routes.get(.openDataCatalog, use: catalogueJSONLD)
        routes.get(.openDataset(id: ""), use: dataset)
        routes.get(.openDatasetJSONLD(id: ""), use: datasetJSONLD)
        routes.get(.openDataFile(dataset: "", file: ""), use: file)
        routes.post(.openDataPublish(id: ""), use: publish)
    }

    static let secretariat = Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: true)

    static func canPublish(_ actor: Actor) -> Bool { Access.check(actor, .publish, .openData, in: secretariat) == .allowed }

    static func find(_ request: Request) throws -> OpenDataset {
        guard let dataset = OpenDataset.find(request.parameters.get("dataset") ?? "") else { throw DomainError.notFound }
        return dataset
    }

    static func catalogue(_ request: Request) async throws -> Response {
        let latest = try await OpenDataStore.latest(on: request.db)
        return html(OpenDataPage.catalogue(latest: latest, PageContext(request)))
    }

    static func dataset(_ request: Request) async throws -> Response {
        try await page(request, try find(request), note: "", errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, _ dataset: OpenDataset, note: String, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let versions = try await OpenDataStore.versions(of: dataset.id, on: request.db)
        // Whether the table has changed since the newest version: for the publisher only (it reads the whole table).
        var changed: Bool?
        if canPublish(request.actor) {
            let current = try await dataset.read(request.db, request.now)
            changed = versions.first.map { $0.sha256 != ContentAddress(of: current.csv).sha256 } ?? true
        }
        return html(OpenDataPage.dataset(dataset, versions: versions, changed: changed, note: note, errors: errors, PageContext(request)), status: status)
    }

    static func publish(_ request: Request) async throws -> Response {
        let dataset = try find(request)
        guard canPublish(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let note = (try? request.content.get(String.self, at: "note")) ?? ""
        do {
            _ = try await publish(dataset, note: note, app: request.application, actor: request.actor, now: request.now)
            return request.redirect(to: SiteURL.openDataset(id: dataset.id).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, dataset, note: note, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    /// Reads the dataset as the public sees it now and publishes it as a new version.
    static func publish(_ dataset: OpenDataset, note: String, app: Application, actor: Actor, now: Date) async throws -> DatasetVersion {
        let table = try await dataset.read(app.db, now)
        return try await OpenDataStore.publish(dataset: dataset.id, csv: table.csv, json: table.json, rows: table.rows.count, note: note,
                                               files: app.birlik.files, actor: actor, on: app.db, now: now)
    }

    /// Publishes every dataset whose content changed since its newest version (by the system); returns
    /// the versions made. `birlik open-data publish` and the demo use it.
    @discardableResult
    static func publishAll(_ app: Application, note: String, now: Date) async throws -> [DatasetVersion] {
        var made: [DatasetVersion] = []
        for dataset in OpenDataset.all {
            do { made.append(try await publish(dataset, note: note, app: app, actor: .system, now: now)) } catch DomainError.conflict(.openDataUnchanged) { continue }
        }
        return made
    }

    /// A version's CSV or JSON by its hash: immutable, so cached for good.
    static func file(_ request: Request) async throws -> Response {
        let dataset = try find(request)
        let name = request.parameters.get("file") ?? ""
        let parts = name.split(separator: ".")
        guard parts.count == 2, ["csv", "json"].contains(parts[1]),
              let version = try await OpenDataStore.version(of: dataset.id, sha256: String(parts[0]), on: request.db) else { throw DomainError.notFound }
        let json = parts[1] == "json"
        let sha = json ? version.jsonSHA256 : version.sha256
        guard sha == parts[0], let data = try await request.storedFile(sha) else { throw DomainError.notFound }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"birlik-\(dataset.id)-v\(version.number).\(parts[1])\"")
        response.headers.replaceOrAdd(name: "Cache-Control", value: "public, max-age=31536000, immutable")
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(sha)\"")
        return response
    }

    static func catalogueJSONLD(_ request: Request) async throws -> Response {
        var versions: [String: [DatasetVersion]] = [:]
        for dataset in OpenDataset.all { versions[dataset.id] = try await OpenDataStore.versions(of: dataset.id, on: request.db) }
        return jsonLD(try DCAT.data(DCAT.catalogue(request.application.birlik.configuration.linkBase, versions: versions)))
    }

    static func datasetJSONLD(_ request: Request) async throws -> Response {
        let dataset = try find(request)
        let versions = try await OpenDataStore.versions(of: dataset.id, on: request.db)
        return jsonLD(try DCAT.data(DCAT.datasetDocument(request.application.birlik.configuration.linkBase, dataset, versions: versions)))
    }

    static func jsonLD(_ data: Data) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/ld+json; charset=utf-8")
        return response
    }
}
