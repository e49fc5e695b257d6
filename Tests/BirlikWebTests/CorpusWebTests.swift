import BirlikCore
import BirlikCorpus
import BirlikDocuments
import BirlikStorage
import BirlikTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import BirlikWeb

/// The national corpus over HTTP: the demo corpus searchable in three languages and both scripts, CQP with
/// errors named by position, sorted concordances, frequency lists and collocations exported as XLSX, the API.
@Suite("National corpus pages and API")
struct CorpusWebTests {
    @Test("The demo corpus is searchable in three languages; a lemma finds its inflected forms, also typed in Latin")
    func searchInThreeLanguages() async throws {
        try await withBirlik { app in
            for (language, title, found) in [("kk", "Қазақ тілінің ұлттық корпусы", "Табылғаны"), ("ru", "Национальный корпус казахского языка", "Найдено"),
                                              ("en", "National corpus of the Kazakh language", "Found")] {
                let page = try await app.request(.GET, "/corpus?q=%D0%BA%D1%96%D1%82%D0%B0%D0%BF", headers: ["Accept-Language": language])
                #expect(page.status == .ok)
                #expect(page.text.contains(title) && page.text.contains(found), "\(language)")
                #expect(page.text.contains("кітабы") && page.text.contains("<strong>кітап</strong>"), "inflected forms of кітап (\(language))")
            }
            // The same word typed in the 2021 Latin alphabet finds the Cyrillic text.
            let latin = try await app.request(.GET, "/api/v1/corpus/search?q=k%C4%B1tap")
            let cyrillic = try await app.request(.GET, "/api/v1/corpus/search?q=%D0%BA%D1%96%D1%82%D0%B0%D0%BF")
            let a = try JSONDecoder().decode(CorpusController.APIResult.self, from: Data(buffer: latin.body))
            let b = try JSONDecoder().decode(CorpusController.APIResult.self, from: Data(buffer: cyrillic.body))
            #expect(a.total > 10 && a.total == b.total)
            #expect(Set(b.hits.map(\.match)).count > 1, "more than one form of the lemma")
            // Shown in Latin when the user chose it.
            let inLatin = try await app.request(.GET, "/corpus?q=%D0%BA%D1%96%D1%82%D0%B0%D0%BF", headers: ["Cookie": "birlik_script=latin"])
            #expect(inLatin.text.contains("<strong>kıtap</strong>"))
        }
    }

    @Test("CQP with a regular expression and within s gives a sorted concordance; a malformed query names its position in the user's language")
    func cqpAndErrors() async throws {
        try await withBirlik { app in
            let query = #"[lemma="тіл"] []{0,2} [pos="VERB"] within s"#
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let api = try await app.request(.GET, "/api/v1/corpus/search?cqp=\(encoded)&sort=right")
            let result = try JSONDecoder().decode(CorpusController.APIResult.self, from: Data(buffer: api.body))
            #expect(result.total > 0 && result.complete)
            let rights = result.hits.map { $0.right.lowercased() }
            #expect(rights == rights.sorted(), "sorted by right context")
            let regex = #"[lower="бірлі.*"]"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await app.request(.GET, "/corpus?cqp=\(regex)").text.contains("id=\"concordance\""))
            let broken = "%5Blemma%3D%22%D1%82%D1%96%D0%BB%22"  // [lemma="тіл"  (no closing bracket)
            let kk = try await app.request(.GET, "/corpus?cqp=\(broken)", headers: ["Accept-Language": "kk"])
            #expect(kk.status == .unprocessableEntity && kk.text.contains("13-таңбада") && kk.text.contains("жабатын ]"))
            let ru = try await app.request(.GET, "/api/v1/corpus/search?cqp=\(broken)", headers: ["Accept-Language": "ru"])
            #expect(ru.status == .unprocessableEntity && ru.text.contains("символ 13") && ru.text.contains("закрывающая ]"))
            #expect(try await app.request(.GET, "/api/v1/corpus/search").status == .unprocessableEntity)
            // A pathological pattern cannot hang the server.
            let evil = #"[word="(a+)+(b+)+(c+)+x"] []* [word=".*.*.*.*z"]"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await app.request(.GET, "/api/v1/corpus/search?cqp=\(evil)").status == .ok)
        }
    }

    @Test("Frequency lists and collocations export to XLSX that openpyxl reads; a document opens; the API is in the OpenAPI document")
    func exportsAndDocuments() async throws {
        try await withBirlik { app in
            let frequency = try await app.request(.GET, "/corpus/frequency?cqp=%5Bpos%3D%22NOUN%22%5D&by=lemma&format=xlsx")
            #expect(frequency.status == .ok)
            let collocations = try await app.request(.GET, "/corpus/collocations?q=%D1%82%D1%96%D0%BB&format=xlsx")
            #expect(collocations.status == .ok)
            if DocumentTools.available {
                let script = "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; print(ws.max_row, ws.cell(1,1).value, ws.cell(2,1).value)"
                let rows = try DocumentTools.python(script, Data(buffer: frequency.body), extension: "xlsx")
                #expect(rows.contains("Лемма") && Int(rows.split(separator: " ")[0]) ?? 0 > 50, "\(rows)")
                let table = try DocumentTools.python("import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; print([c.value for c in ws[1]])",
                                                     Data(buffer: collocations.body), extension: "xlsx")
                #expect(table.contains("logDice") && table.contains("MI"), "\(table)")
            }
            let page = try await app.request(.GET, "/corpus/collocations?q=%D1%82%D1%96%D0%BB")
            #expect(page.status == .ok && page.text.contains("logDice"))
            let api = try await app.request(.GET, "/api/v1/corpus/search?q=%D0%B1%D1%96%D1%80%D0%BB%D1%96%D0%BA")
            let hit = try #require(try JSONDecoder().decode(CorpusController.APIResult.self, from: Data(buffer: api.body)).hits.first)
            let document = try await app.request(.GET, SiteURL.corpusDocument(id: hit.document).path)
            #expect(document.status == .ok && document.text.contains("id=\"document-text\""))
            #expect(try await app.request(.GET, "/corpus/documents/nothing-here").status == .notFound)
            #expect(try await app.request(.GET, "/api/openapi.json").text.contains("\"corpusSearch\""))
        }
    }
}

/// The server's index follows what another process writes into its folder.
@Suite("Corpus index shared with other processes")
struct CorpusFolderTests {
    @Test("A segment another process adds to the server's corpus folder is searchable within 5 seconds, without a restart")
    func segmentFromElsewhere() async throws {
        try await withBirlik { app in
            let query = "/api/v1/corpus/search?q=" + ("Жаңасегмент".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            func total() async throws -> Int {
                try JSONDecoder().decode(CorpusController.APIResult.self, from: Data(buffer: try await app.request(.GET, query).body)).total
            }
            #expect(try await total() == 0)
            let sync = Commands.corpusSchedule(app)
            defer { sync.cancel() }
            // `birlik corpus add` in another process: it opens the folder and writes a segment and a manifest.
            let table = TokenTable()
            table.append(document: "elsewhere", metadata: [:], sentences: CorpusBuilder.attributes("Жаңасегмент келді. Жаңасегмент табылды."))
            _ = try CorpusIndex.open(at: app.birlik.corpus.directory).adding(table)
            let added = ContinuousClock.now
            var found = 0
            while found == 0, ContinuousClock.now - added < .seconds(5) {
                found = try await total()
                if found == 0 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(found == 2, "not found within 5 seconds")
        }
    }
}

/// Contributors submit texts; an editor accepts them into the corpus, where they are found at once.
@Suite("Accepted texts reach every instance's index")
struct CorpusSynchronizationTests {
    @Test("A text whose file cannot be read is left out without holding up the others, and is tried again only after a while")
    func unreadableRetried() async throws {
        try await withBirlik { app in
            let secretariat = Actor.system
            // Two accepted submissions: one whose file is stored, one whose bytes are not here (yet).
            func accepted(_ text: String, store: Bool) async throws -> String {
                let data = Data(text.utf8)
                if store { _ = try await app.birlik.files.store(data, mediaType: "text/plain", originalName: "t.txt", on: app.db, now: TestClock.now) }
                let submission = try await CorpusSubmissionStore.submit(
                    CorpusSubmissionDraft(title: "Сынақ", author: "Демо", year: "2024", genre: "other", source: "demo", licence: "CC BY 4.0"),
                    sha256: ContentAddress(of: data).sha256, fileName: "t.txt", tokens: 4, actor: secretariat, today: TestClock.today,
                    on: app.db, now: TestClock.now)
                let done = try await CorpusSubmissionStore.review(submission.id, accept: true, note: "", version: submission.version, actor: secretariat,
                                                                  on: app.db, now: TestClock.now) { "submission-\($0.id.uuidString.lowercased())" }
                return try #require(done.documentID)
            }
            let readable = try await accepted("Бірлік пен келісім нығаяды.", store: true)
            let missingText = "Достық үйінде мереке өтті."
            let missing = try await accepted(missingText, store: false)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-sync-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let patient = CorpusLibrary(directory: folder.appendingPathComponent("a"), retryUnreadable: .seconds(3600))
            let eager = CorpusLibrary(directory: folder.appendingPathComponent("b"), retryUnreadable: .zero)
            for library in [patient, eager] {
                _ = try library.index()
                #expect(try await library.synchronize(files: app.birlik.files, on: app.db))
                let ids = Set(try library.index().documents.map(\.id))
                #expect(ids.contains(readable) && !ids.contains(missing))
            }
            // The file arrives: the library that waits a while does not read it yet; the other one does.
            _ = try await app.birlik.files.store(Data(missingText.utf8), mediaType: "text/plain", originalName: "t.txt", on: app.db, now: TestClock.now)
            #expect(try await !patient.synchronize(files: app.birlik.files, on: app.db))
            #expect(try !patient.index().documents.contains { $0.id == missing })
            #expect(try await eager.synchronize(files: app.birlik.files, on: app.db))
            #expect(try eager.index().documents.contains { $0.id == missing })
        }
    }
}

@Suite("Corpus submissions")
struct CorpusSubmissionTests {
    static func docx(_ paragraphs: [String]) throws -> Data {
        let body = paragraphs.map { "<w:p><w:r><w:t xml:space=\"preserve\">\($0)</w:t></w:r></w:p>" }.joined()
        return try OOXMLPackage.zip([
            ("[Content_Types].xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.utf8)),
            ("word/document.xml", Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(body)</w:body></w:document>".utf8)),
        ])
    }

    /// The submission form with a file, in Kazakh.
    static func form(_ identity: Identity, fields: [String: String], file: Data, name: String) -> (HTTPHeaders, ByteBuffer) {
        var (headers, body) = PlanSheetTests.multipart(identity, file: file, name: name, fields: fields)
        headers.replaceOrAdd(name: .acceptLanguage, value: "kk")
        return (headers, body)
    }

    @Test("An association submits a DOCX, a bad file is refused in Kazakh keeping what was typed, the editor accepts and the text is found at once; scoped and audited")
    func submitAndAccept() async throws {
        try await withBirlik { app in
            let association = try await app.session(DemoUsers.association)
            let fields = ["title": "Тұмарбектің әңгімелері", "author": "Ә. Тұмарбекұлы", "year": "2024", "genre": "fiction", "licence": "CC BY-SA 4.0"]
            // A binary file: refused on its field, nothing stored, the form keeps the title.
            var (headers, body) = Self.form(association, fields: fields, file: Data([0, 1, 2, 3, 0xFF]), name: "әңгіме.txt")
            let refused = try await app.request(.POST, "/corpus/submissions", as: association, headers: headers, body: body)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Файл UTF-8 мәтіні емес") && refused.text.contains("Тұмарбектің әңгімелері"))
            (headers, body) = Self.form(association, fields: fields.merging(["licence": "all rights reserved"]) { $1 }, file: try Self.docx(["Сөз."]), name: "a.docx")
            #expect(try await app.request(.POST, "/corpus/submissions", as: association, headers: headers, body: body).text.contains("лицензияны таңдаңыз"))
            #expect(try await CorpusSubmissionRecord.query(on: app.db).count() == 0)
            // A good DOCX.
            let text = try Self.docx(["Тұмарбектің ауылы таудың етегінде тұр.", "Көктемде Тұмарбектің бағы гүлдейді."])
            (headers, body) = Self.form(association, fields: fields, file: text, name: "әңгіме.docx")
            let submitted = try await app.request(.POST, "/corpus/submissions", as: association, headers: headers, body: body)
            #expect(submitted.status == .seeOther)
            let record = try #require(try await CorpusSubmissionRecord.query(on: app.db).first())
            #expect(record.status == "submitted" && record.tokens > 10)
            let path = "/corpus/submissions/\(try record.requireID().uuidString)"
            // Who sees it: the association, Almaty's coordinator, the Secretariat; not another region, not the council, not a citizen.
            for (person, status) in [(DemoUsers.association, UInt(200)), (DemoUsers.almaty, 200), (DemoUsers.secretariat, 200),
                                     (DemoUsers.abai, 404), (DemoUsers.council, 404), (DemoUsers.citizen, 404)] {
                #expect(try await app.request(.GET, path, as: try await app.identity(person)).status.code == status, "\(person)")
            }
            #expect(try await app.request(.GET, "/corpus/submissions").status == .unauthorized)
            #expect(try await app.request(.GET, "/corpus/submissions", as: try await app.identity(DemoUsers.citizen)).status == .forbidden)
            // Not found before acceptance.
            #expect(try await app.request(.GET, "/api/v1/corpus/search?q=%D0%A2%D2%B1%D0%BC%D0%B0%D1%80%D0%B1%D0%B5%D0%BA%D1%82%D1%96%D2%A3").text.contains("\"total\":0"))
            // The coordinator may not accept; the Secretariat editor does.
            let almaty = try await app.session(DemoUsers.almaty)
            let denied = try await app.request(.POST, path + "/review", as: almaty, form: ["_csrf": almaty.csrf, "decision": "accept", "version": "1"])
            #expect(denied.status == .forbidden)
            let secretariat = try await app.session(DemoUsers.secretariat)
            let started = Date()
            let accepted = try await app.request(.POST, path + "/review", as: secretariat, form: ["_csrf": secretariat.csrf, "decision": "accept", "version": "1"])
            #expect(accepted.status == .seeOther)
            let api = try await app.request(.GET, "/api/v1/corpus/search?q=%D0%A2%D2%B1%D0%BC%D0%B0%D1%80%D0%B1%D0%B5%D0%BA%D1%82%D1%96%D2%A3")
            let found = try JSONDecoder().decode(CorpusController.APIResult.self, from: Data(buffer: api.body))
            let document = "submission-\(try record.requireID().uuidString.lowercased())"
            #expect(found.total == 2 && found.hits.allSatisfy { $0.document == document })
            #expect(Date().timeIntervalSince(started) < 30)
            let after = try #require(try await CorpusSubmissionRecord.find(record.id, on: app.db))
            #expect(after.status == "accepted" && after.documentID != nil)
            // A second decision is refused; the audit chain is whole.
            let again = try await app.request(.POST, path + "/review", as: secretariat, form: ["_csrf": secretariat.csrf, "decision": "reject", "version": "2"])
            #expect(again.status == .conflict)
            #expect(try await AuditLog.verify(on: app.db).isWhole)
        }
    }
}

/// The corpus file readers never crash: random bytes, damaged DOCX archives, random HTML.
@Suite("Corpus readers against bad input")
struct CorpusReaderFuzzTests {
    @Test("Random bytes, truncated and bit-flipped DOCX files and random markup give a reason or a text, never a crash")
    func fuzz() throws {
        var generator = SystemRandomNumberGenerator()
        let good = try CorpusSubmissionTests.docx(["Бірлік – береке.", "Ел іші – алтын бесік."])
        #expect(try CorpusText.read(good, fileName: "a.docx").text.contains("береке"))
        for round in 0..<400 {
            let length = Int.random(in: 0...600, using: &generator)
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            for name in ["x.txt", "x.docx", "x.html", "x.pdf"] { _ = try? CorpusText.read(bytes, fileName: name) }
            var damaged = good
            if round % 2 == 0 {
                damaged = damaged.prefix(Int.random(in: 0..<good.count, using: &generator))
            } else {
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    let at = Int.random(in: 0..<damaged.count, using: &generator)
                    damaged[at] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            do {
                _ = try CorpusText.read(damaged, fileName: "x.docx")
            } catch {
                #expect([.brokenDocx, .empty].contains(error))
            }
            let markup = String((0..<Int.random(in: 0...200, using: &generator)).map { _ in "<>/&;\"ab сөз script style p br".randomElement(using: &generator)! })
            _ = try? CorpusText.read(Data(markup.utf8), fileName: "x.html")
        }
        #expect(throws: CorpusText.ReadError.notText) { try CorpusText.read(Data([0x41, 0, 0x42]), fileName: "a.txt") }
        #expect(throws: CorpusText.ReadError.unsupported("pdf")) { try CorpusText.read(Data("сөз".utf8), fileName: "a.pdf") }
        #expect(try CorpusText.read(Data("<html><script>var x;</script><p>Сәлем&nbsp;әлем</p></html>".utf8), fileName: "a.html").text.contains("Сәлем әлем"))
    }
}
