import BirlikCore
import BirlikDocuments
import BirlikTestSupport
import Foundation
import Testing
import Vapor

@Suite("Open data exports")
struct ExportTests {
    @Test("The directory as CSV: the same filters and visibility as the page, UTF-8 for Excel")
    func directoryCSV() async throws {
        try await withBirlik { app in
            let response = try await app.request(.GET, "/directory.csv?region=KZ-75&perPage=5", headers: ["Accept-Language": "ru"])
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            let text = response.text
            #expect(text.hasPrefix("\u{FEFF}code,type,name_kk"))
            let rows = CSVReader.records(text)
            #expect(rows.count > 5)
            #expect(rows.allSatisfy { RegionCode.isWithin($0["region_code"] ?? "", "KZ-75") })
            #expect(!rows.contains { $0["code"] == "ngo-kz-75" })
            #expect(rows.contains { $0["name_kk"] == "Алматы Достық үйі" && $0["type"] == "Дом дружбы" && $0["region"] == "Алматы" })
            let coordinator = try await app.request(.GET, "/directory.csv?region=KZ-75", as: try await app.session(DemoUsers.almaty)).text
            #expect(CSVReader.records(coordinator).contains { $0["code"] == "ngo-kz-75" })
        }
    }

    @Test("Cells are quoted where needed and formulas are defused")
    func csvCells() {
        var csv = CSVWriter(header: ["a", "b"])
        csv.append(["=HYPERLINK(\"x\")", "«Қазақ», \"Русский\""])
        #expect(csv.output == "\u{FEFF}a,b\r\n\"'=HYPERLINK(\"\"x\"\")\",\"«Қазақ», \"\"Русский\"\"\"\r\n")
        #expect(CSVReader.parse(csv.output)[1] == ["'=HYPERLINK(\"x\")", "«Қазақ», \"Русский\""])
    }
}
