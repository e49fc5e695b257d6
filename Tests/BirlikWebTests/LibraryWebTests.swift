import BirlikCore
import BirlikDocuments
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

/// The digital library (S16): an association's deposit from the form (bad input refused with every problem
/// named, nothing lost), kept from the public and other regions until its curator publishes it, found by an
/// inflected Kazakh word in either script, withdrawn to a deleted record; the OAI-PMH endpoint's arguments
/// and error codes; and a harvester that did not write it (Python's `sickle`) pulling the depository page by page.
@Suite("The digital library and its OAI-PMH endpoint")
struct LibraryWebTests {
    static let text = "Тіл — халықтың жаны. Қазақстан халқы тілдерінің күні мектептерде ашық сабақтармен атап өтіледі.\n\nБұл жинақ тіл мерекесінің тарихын баяндайды; мерекеде домбырашылар ән салады."

    static func deposit(_ app: Application, as identity: Identity, fields: [String: String], file: Data, name: String,
                        path: String = "/library/new") async throws -> TestingHTTPResponse {
        var (headers, body) = PlanSheetTests.multipart(identity, file: file, name: name, fields: fields)
        headers.replaceOrAdd(name: "Accept-Language", value: "ru")
        return try await app.request(.POST, path, as: identity, headers: headers, body: body)
    }

    static let fields = ["collection": "language", "title_kk": "Тіл мерекесі", "title_ru": "Праздник языков", "creators": "Ольга Ким\nАлматы Достық үйі",
                         "subjects": "тілдер күні", "description": "Тіл мерекесі туралы жинақ.", "date": "2025-09", "type": "Text", "rights": "CC BY 4.0",
                         "region": "KZ-75"]

    @Test("An association deposits, its region's curator publishes; drafts stay out of sight and out of the harvest; a withdrawn item becomes a deleted record",
          arguments: TestBackend.enabled)
    func depositToHarvest(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let association = try await app.session(DemoUsers.association)
            // Every problem at once, in Russian, and what was typed stays in the form.
            var bad = Self.fields
            bad["title_kk"] = ""; bad["date"] = "2099"; bad["type"] = "Poem"
            let refused = try await Self.deposit(app, as: association, fields: bad, file: Data([0x4D, 0x5A, 0, 1, 2]), name: "setup.exe")
            #expect(refused.status == .unprocessableEntity)
            for message in ["Укажите название на языке материала.", "Дата в виде ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД, не в будущем.", "Праздник языков", "Ольга Ким"] {
                #expect(refused.text.contains(message), "\(message)")
            }
            #expect(refused.text.contains("id=\"error-file\"") && refused.text.contains("id=\"error-type\""))
            #expect(try await LibraryItemRecord.query(on: app.db).count() == 5, "nothing was written")

            let accepted = try await Self.deposit(app, as: association, fields: Self.fields, file: Data(Self.text.utf8), name: "til-merekesi.txt")
            #expect(accepted.status == .seeOther)
            let location = try #require(accepted.headers.first(name: .location))
            let code = try #require(location.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            #expect(code.hasPrefix("LIB-\(TestClock.today.year)-"))
            let identifier = OAIPMH.identifier(code)

            // A draft: its depositor and the region's curator see it; the public, another region and the harvest do not.
            #expect(try await app.request(.GET, "/library/\(code)").status == .notFound)
            #expect(try await app.request(.GET, "/library/\(code)", as: try await app.session(DemoUsers.abai)).status == .notFound)
            #expect(try await app.request(.GET, "/library/\(code)", as: association).status == .ok)
            #expect(try await app.request(.GET, "/library/\(code)/file").status == .notFound)
            #expect(try await app.request(.GET, "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=\(identifier)").text.contains("code=\"idDoesNotExist\""))
            #expect(!(try await app.request(.GET, "/library?q=мерекесінің").text.contains(code)))

            // The depositor cannot publish; another region's coordinator cannot either; Almaty's can.
            let draft = try #require(try await LibraryItemRecord.query(on: app.db).filter(\.$code == code).first()?.value)
            #expect(try await app.request(.POST, "/library/\(code)/step", as: association,
                                          form: ["_csrf": association.csrf, "step": "publish", "version": String(draft.version)]).status == .forbidden)
            let abai = try await app.actor(DemoUsers.abai)
            await expectFailure(.forbidden) { try await LibraryStore.apply(.publish, to: draft.id, version: draft.version, actor: abai, on: app.db, now: app.birlikClock.now) }
            let almaty = try await app.session(DemoUsers.almaty)
            #expect(try await app.request(.POST, "/library/\(code)/step", as: almaty,
                                          form: ["_csrf": almaty.csrf, "step": "publish", "version": String(draft.version)]).status == .seeOther)

            // Public now: the page, the file, the search by an inflected form in Cyrillic and in Latin, the harvest.
            let page = try await app.request(.GET, "/library/\(code)", headers: ["Accept-Language": "kk"])
            #expect(page.status == .ok && page.text.contains("Тіл мерекесі") && page.text.contains("Праздник языков"))
            let file = try await app.request(.GET, "/library/\(code)/file")
            #expect(file.status == .ok && String(buffer: file.body) == Self.text && file.headers.first(name: .contentType) == "text/plain; charset=utf-8")
            for query in ["мерекелерінің", "tıldердің", "tılderınıñ", "праздника"] {
                #expect(try await app.request(.GET, "/library?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query)").text.contains(code), "\(query)")
            }
            let inFile = try await LibraryQueries.catalogue(query: "домбырашылардың", collection: nil, actor: .anonymous, on: app.db)
            #expect(inFile.map(\.code) == [code], "a word only in the file's text")
            let record = try await app.request(.GET, "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=\(identifier)")
            #expect(record.headers.first(name: .contentType) == "text/xml; charset=utf-8")
            for element in ["<dc:title xml:lang=\"kk\">Тіл мерекесі</dc:title>", "<dc:title xml:lang=\"ru\">Праздник языков</dc:title>", "<dc:creator>Ольга Ким</dc:creator>",
                            "<dc:date>2025-09</dc:date>", "<dc:format>text/plain</dc:format>", "<dc:language>kk</dc:language>", "<setSpec>language</setSpec>"] {
                #expect(record.text.contains(element), "\(element)")
            }

            // The description changes (datestamp moves), then a curator withdraws it: a deleted record for harvesters.
            let published = try #require(try await LibraryItemRecord.query(on: app.db).filter(\.$code == code).first()?.value)
            var edited = Self.fields
            edited["title_en"] = "The Day of the Languages"; edited["version"] = String(published.version)
            #expect(try await Self.deposit(app, as: association, fields: edited, file: Data(), name: "", path: "/library/\(code)").status == .seeOther)
            let after = try #require(try await LibraryItemRecord.query(on: app.db).filter(\.$code == code).first()?.value)
            #expect(after.titles[.en] == "The Day of the Languages" && after.file?.sha256 == published.file?.sha256, "the file is kept")
            #expect(try await LibraryQueries.catalogue(query: "домбырашылардың", collection: nil, actor: .anonymous, on: app.db).map(\.code) == [code],
                    "the file's text is still searched")
            let noReason = try await app.request(.POST, "/library/\(code)/step", as: almaty, headers: ["Accept-Language": "ru"],
                                                 form: ["_csrf": almaty.csrf, "step": "withdraw", "version": String(after.version), "reason": " "])
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("id=\"error-reason\""))
            #expect(try await app.request(.POST, "/library/\(code)/step", as: almaty,
                                          form: ["_csrf": almaty.csrf, "step": "withdraw", "version": String(after.version), "reason": "Автор сұрауы бойынша"]).status == .seeOther)
            #expect(try await app.request(.GET, "/library/\(code)").status == .notFound)
            let deleted = try await app.request(.GET, "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=\(identifier)").text
            #expect(deleted.contains("<header status=\"deleted\">") && !deleted.contains("<metadata>"))
            let audited = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "libraryItem").filter(\.$entityID == code).all().map(\.action)
            #expect(audited == ["create", "publish", "update", "withdraw"])
        }
    }

    /// The demo's harvestable items (published and withdrawn) as identifiers, in harvest order (their codes
    /// carry the year of their deposit, which the demo lays before the clock's day).
    static func harvestOrder(_ app: Application) async throws -> [String] {
        try await LibraryItemRecord.query(on: app.db).filter(\.$status != LibraryItem.Status.draft.rawValue).sort(\.$datestamp).sort(\.$id).all()
            .map { OAIPMH.identifier($0.code) }
    }

    static func oai(_ app: Application, _ query: String) async throws -> String {
        try await app.request(.GET, "/oai?" + query).text
    }

    static func errorCode(_ xml: String) -> String? {
        guard let range = xml.range(of: "<error code=\"") else { return nil }
        return String(xml[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test("OAI-PMH arguments are checked with the protocol's own error codes; tokens continue exactly where the last page ended")
    func protocolErrors() async throws {
        try await withBirlik(configure: { $0.oaiPageSize = 2 }) { app in
            let cases: [(String, String)] = [
                ("", "badVerb"), ("verb=Harvest", "badVerb"), ("verb=Identify&verb=Identify", "badVerb"),
                ("verb=Identify&extra=1", "badArgument"), ("verb=ListRecords", "badArgument"),
                ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"),
                ("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"), ("verb=GetRecord&identifier=oai:birlik.kz:LIB-2026-0001&metadataPrefix=mods", "cannotDisseminateFormat"),
                ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-01", "badArgument"), ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T00:00:00", "badArgument"),
                ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-02-01T00:00:00Z", "badArgument"),
                ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-01&until=2026-01-01", "badArgument"),
                ("verb=ListRecords&resumptionToken=not-a-token", "badResumptionToken"), ("verb=ListSets&resumptionToken=x", "badResumptionToken"),
                ("verb=ListRecords&metadataPrefix=oai_dc&set=nowhere", "noRecordsMatch"), ("verb=ListRecords&metadataPrefix=oai_dc&from=2099-01-01", "noRecordsMatch"),
                ("verb=GetRecord&identifier=oai:elsewhere:1&metadataPrefix=oai_dc", "idDoesNotExist"),
                ("verb=ListMetadataFormats&identifier=oai:birlik.kz:LIB-0000-0000", "idDoesNotExist"),
            ]
            for (query, code) in cases {
                let xml = try await Self.oai(app, query)
                #expect(Self.errorCode(xml) == code, "\(query): \(xml.prefix(600))")
                if code == "badVerb" || code == "badArgument" { #expect(xml.contains("<request>"), "no arguments echoed for \(query)") }
            }
            // The demo's harvest: four records (three published, one withdrawn), two per page; never the draft.
            var query = "verb=ListIdentifiers&metadataPrefix=oai_dc"
            var identifiers: [String] = [], cursors: [String] = []
            for _ in 0..<5 {
                let xml = try await Self.oai(app, query)
                identifiers += xml.components(separatedBy: "<identifier>").dropFirst().map { String($0.prefix { $0 != "<" }) }
                guard let start = xml.range(of: "<resumptionToken ") else { break }
                let tag = String(xml[start.upperBound...].prefix { $0 != ">" })
                cursors.append(tag)
                let token = String(xml[start.upperBound...].drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
                guard !token.isEmpty else { break }
                #expect(Self.errorCode(try await Self.oai(app, "verb=ListRecords&resumptionToken=\(token)")) == "badResumptionToken", "a ListIdentifiers token")
                #expect(Self.errorCode(try await Self.oai(app, "verb=ListIdentifiers&metadataPrefix=oai_dc&resumptionToken=\(token)")) == "badArgument", "exclusive")
                query = "verb=ListIdentifiers&resumptionToken=\(token)"
            }
            let expected = try await Self.harvestOrder(app)
            #expect(expected.count == 4)
            #expect(identifiers == expected)
            #expect(cursors == ["completeListSize=\"4\" cursor=\"0\"", "completeListSize=\"4\" cursor=\"2\"/"])
            // POST answers as GET does.
            let posted = try await app.request(.POST, "/oai", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(string: "verb=Identify"))
            #expect(posted.text.contains("<protocolVersion>2.0</protocolVersion>") && posted.text.contains("<deletedRecord>persistent</deletedRecord>"))
            // A set and a window: only the normative documents, deposited three weeks ago.
            let normative = try await Self.oai(app, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=normative&from=\(TestClock.today.adding(days: -30).description)")
            #expect(normative.components(separatedBy: "<setSpec>normative</setSpec>").count == 3 && !normative.contains("<setSpec>language"))
        }
    }

    /// Harvests with Python's `sickle` and prints one line per answer.
    static let harvester = """
        import sys
        from sickle import Sickle
        s = Sickle(sys.argv[1], max_retries=0)
        ident = s.Identify()
        print('IDENTIFY|' + ident.protocolVersion + '|' + ident.deletedRecord + '|' + ident.granularity)
        print('SETS|' + ','.join(sorted(x.setSpec for x in s.ListSets())))
        print('FORMATS|' + ','.join(f.metadataPrefix for f in s.ListMetadataFormats()))
        for r in s.ListRecords(metadataPrefix='oai_dc', ignore_deleted=False):
            md = {} if r.deleted else r.metadata
            print('RECORD|%s|%s|%s|%s' % (r.header.identifier, r.deleted, (md.get('title') or [''])[0], (md.get('language') or [''])[0]))
        calls = [('cannotDisseminateFormat', lambda: list(s.ListRecords(metadataPrefix='marc21'))),
                 ('badResumptionToken', lambda: list(s.ListRecords(resumptionToken='xyz'))),
                 ('badArgument', lambda: list(s.ListRecords(metadataPrefix='oai_dc', colour='red'))),
                 ('idDoesNotExist', lambda: s.GetRecord(identifier='oai:birlik.kz:none', metadataPrefix='oai_dc'))]
        for name, call in calls:
            try:
                call()
                print('ERROR|%s|none' % name)
            except Exception as error:
                print('ERROR|%s|%s' % (name, type(error).__name__))
        """

    /// The package's root, where `.ci/run` installs `sickle` (`.build/python`).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the harvester against `url` (off the cooperative pool: it waits for a server in this process).
    static func harvest(_ url: String) async throws -> (String, Int32) {
        try await Task.detached {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", harvester, url]
            var environment = ProcessInfo.processInfo.environment
            environment["PYTHONPATH"] = packageRoot.appendingPathComponent(".build/python").path
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (String(decoding: data, as: UTF8.self), process.terminationStatus)
        }.value
    }

    @Test("A harvester that did not write the endpoint (sickle) pulls the depository page by page, deleted records included, and reads its errors")
    func sickleHarvest() async throws {
        try await withBirlik(configure: { $0.oaiPageSize = 2 }) { app in
            let expected = try await Self.harvestOrder(app)
            let port = try freePort()
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            try app.server.start()
            let output: String, status: Int32
            do { (output, status) = try await Self.harvest("http://127.0.0.1:\(port)/oai") } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
            #expect(status == 0, "\(output)")
            let lines = output.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
            #expect(lines.first == ["IDENTIFY", "2.0", "persistent", "YYYY-MM-DDThh:mm:ssZ"], "\(output)")
            #expect(lines.contains(["SETS", "apk,ethnoculture,language,media,normative"]) && lines.contains(["FORMATS", "oai_dc"]))
            let records = lines.filter { $0.first == "RECORD" }
            #expect(expected.count == 4 && records.map { $0[1] } == expected, "two pages of two, the draft never: \(output)")
            #expect(records.first?[3] == "Қазақстандық бірегейлік пен бірлікті нығайту және дамыту тұжырымдамасы" && records.first?[4] == "kk")
            #expect(records.map { $0[2] } == ["False", "False", "False", "True"], "the withdrawn item as a deleted record")
            for code in ["cannotDisseminateFormat", "badResumptionToken", "badArgument", "idDoesNotExist"] {
                let name = code.prefix(1).uppercased() + code.dropFirst()
                #expect(lines.contains(["ERROR", code, name]), "\(code): \(output)")
            }
        }
    }
}
