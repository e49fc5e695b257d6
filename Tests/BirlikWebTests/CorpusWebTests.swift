import BirlikCore
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
