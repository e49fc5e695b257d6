import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// Open data (S16): every public table in one catalogue, versions that never change and stay
/// downloadable, a new version only when the content changed, and DCAT-AP 3 read as RDF by a library
/// that did not write it.
@Suite("Open data")
struct OpenDataWebTests {
    /// The catalogue's datasets: registry, regions, plans' measures, statistics, appeal statistics, charity, events, grants.
    static let datasets = 8

    /// Reads the catalogue as RDF: one line per dataset (versions, distributions), then every download URL with its checksum.
    static let catalogueReader = """
        import sys, rdflib
        g = rdflib.Graph()
        g.parse(sys.argv[1], format='json-ld')
        DCAT = rdflib.Namespace('http://www.w3.org/ns/dcat#'); DCT = rdflib.Namespace('http://purl.org/dc/terms/')
        SPDX = rdflib.Namespace('http://spdx.org/rdf/terms#'); ADMS = rdflib.Namespace('http://www.w3.org/ns/adms#')
        catalogue = next(g.subjects(rdflib.RDF.type, DCAT.Catalog))
        for dataset in sorted(g.objects(catalogue, DCAT.dataset)):
            versions = sorted(g.objects(dataset, DCAT.hasVersion))
            notes = [str(n) for v in versions for n in g.objects(v, ADMS.versionNotes)]
            previous = [v for v in versions if (v, DCAT.previousVersion, None) in g]
            print('D|%s|%d|%d|%s|%d|%d' % (dataset, len(versions), len(list(g.objects(dataset, DCAT.distribution))),
                  g.value(dataset, DCT.license), len(notes), len(previous)))
        for distribution in sorted(set(g.subjects(rdflib.RDF.type, DCAT.Distribution))):
            checksum = g.value(distribution, SPDX.checksum)
            print('F|%s|%s' % (g.value(distribution, DCAT.downloadURL), g.value(checksum, SPDX.checksumValue)))
        """

    @Test("The demo's catalogue: every dataset, last year's version still downloadable byte for byte, DCAT-AP 3 as RDF", arguments: [TestBackend.sqlite])
    func catalogue(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let page = try await app.request(.GET, "/open-data", headers: ["Accept-Language": "en"])
            #expect(page.status == .ok && page.text.contains("Registry of organisations") && page.text.contains("Calendar of events"))
            let organizations = try await OpenDataStore.versions(of: "organizations", on: app.db)
            #expect(organizations.map(\.number) == [2, 1])
            let lastYear = try #require(organizations.last)
            #expect(Day(lastYear.publishedAt) == TestClock.today.adding(days: -365))
            let csv = try await app.request(.GET, "/open-data/organizations/\(lastYear.sha256).csv")
            #expect(csv.status == .ok && csv.headers.first(name: "Cache-Control")?.contains("immutable") == true)
            #expect(ContentAddress(of: Data(buffer: csv.body)).sha256 == lastYear.sha256, "the bytes are the version's hash")
            #expect(String(buffer: csv.body).split(separator: "\r\n").count == lastYear.rows + 1)
            let json = try await app.request(.GET, "/open-data/organizations/\(lastYear.jsonSHA256).json")
            let objects = try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [[String: String]]
            #expect(objects?.count == lastYear.rows && objects?.first?["code"] != nil)
            #expect(try await app.request(.GET, "/open-data/organizations/\(String(repeating: "0", count: 64)).csv").status == .notFound)
            #expect(try await app.request(.GET, "/open-data/organizations/\(lastYear.sha256).xlsx").status == .notFound)
            #expect(try await app.request(.GET, "/open-data/nothing").status == .notFound)

            // The catalogue as RDF: eight datasets, each version a dataset with its note, distributions checksummed.
            let graph = try await app.request(.GET, "/open-data/catalog.jsonld")
            #expect(graph.headers.first(name: .contentType)?.hasPrefix("application/ld+json") == true)
            let output = try DocumentTools.python(Self.catalogueReader, Data(buffer: graph.body), extension: "jsonld")
            let lines = output.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
            let datasets = lines.filter { $0.first == "D" }
            #expect(datasets.count == Self.datasets, "\(output.prefix(500))")
            #expect(datasets.allSatisfy { $0[4] == "https://creativecommons.org/licenses/by/4.0/" && Int($0[2]) == Int($0[5]) && Int($0[6]) == max(0, (Int($0[2]) ?? 0) - 1) })
            let organizationLine = try #require(datasets.first { $0[1].hasSuffix("/open-data/organizations") })
            #expect(organizationLine[2] == "2" && organizationLine[3] == "2")
            let files = lines.filter { $0.first == "F" }
            #expect(!files.isEmpty)
            for file in files.prefix(6) {
                let path = try #require(URL(string: file[1])?.path)
                let body = try await app.request(.GET, path)
                #expect(body.status == .ok && ContentAddress(of: Data(buffer: body.body)).sha256 == file[2], "\(path)")
            }
        }
    }

    @Test("A version only when the content changed; the old one unchanged; only the Secretariat publishes", arguments: TestBackend.enabled)
    func publishing(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            let unchanged = try await app.request(.POST, "/open-data/organizations/publish", as: secretariat, headers: ["Accept-Language": "ru"],
                                                  form: ["_csrf": secretariat.csrf, "note": "Ежемесячное обновление"])
            #expect(unchanged.status == .conflict && unchanged.text.contains("Данные не изменились"))
            let empty = try await app.request(.POST, "/open-data/organizations/publish", as: secretariat, form: ["_csrf": secretariat.csrf, "note": " "])
            #expect(empty.status == .unprocessableEntity)
            let before = try #require(try await OpenDataStore.versions(of: "organizations", on: app.db).first)
            let bytes = try await app.request(.GET, "/open-data/organizations/\(before.sha256).csv").body

            let page = try await app.request(.GET, "/open-data/organizations", as: secretariat, headers: ["Accept-Language": "en"])
            #expect(page.text.contains("The table is the same as the newest version"))
            let actor = try await app.actor(DemoUsers.secretariat)
            _ = try await OrganizationStore.create(OrganizationDraft(code: "ngo-open-data", type: "ngo", nameKK: "Ашық деректер қоғамы", regionCode: "KZ-75",
                                                                     languages: ["kk"], isPublic: true), actor: actor, on: app.db, now: app.birlikClock.now)
            #expect(try await app.request(.GET, "/open-data/organizations", as: secretariat, headers: ["Accept-Language": "en"])
                .text.contains("The table has changed since the newest version"))
            for email in [DemoUsers.association, DemoUsers.almaty] {
                let other = try await app.session(email)
                #expect(try await app.request(.POST, "/open-data/organizations/publish", as: other,
                                              form: ["_csrf": other.csrf, "note": "Жаңа ұйым"]).status == .forbidden)
            }
            #expect(try await app.request(.POST, "/open-data/organizations/publish", as: secretariat,
                                          form: ["_csrf": secretariat.csrf, "note": "Жаңа ұйым қосылды"]).status == .seeOther)
            let versions = try await OpenDataStore.versions(of: "organizations", on: app.db)
            #expect(versions.map(\.number) == [3, 2, 1] && versions[0].rows == before.rows + 1 && versions[0].note == "Жаңа ұйым қосылды")
            #expect(try await app.request(.GET, "/open-data/organizations/\(before.sha256).csv").body == bytes, "the previous version did not change")
            #expect(String(buffer: try await app.request(.GET, "/open-data/organizations/\(versions[0].sha256).csv").body).contains("ngo-open-data"))
            #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "datasetVersion").count() >= Self.datasets + 1)
        }
    }
}
