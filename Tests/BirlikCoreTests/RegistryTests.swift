import Foundation
import Testing
@testable import BirlikCore

@Suite("Registry rules and reference data")
struct RegistryTests {
    static let regions: Set<String> = ["KZ", "KZ-75", "KZ-75-03", "KZ-10"]

    @Test("The region tree holds the republic, 17 regions, 3 cities and city districts")
    func regionTree() {
        let regions = ReferenceData.regions
        #expect(regions.filter { $0.kind == .region }.count == 17)
        #expect(regions.filter { $0.kind == .city }.map(\.code).sorted() == ["KZ-71", "KZ-75", "KZ-79"])
        #expect(regions.contains { $0.name.kk == "Ұлытау облысы" && $0.name.ru == "область Ұлытау" })
        #expect(regions.contains { $0.code == "KZ-33" && $0.name.en == "Jetisu Region" })
        #expect(regions.contains { $0.code == "KZ-10" && $0.center.kk == "Семей" })
        let districts = regions.filter { $0.kind == .district }
        #expect(districts.allSatisfy { RegionCode.isWithin($0.code, $0.parent ?? "") })
        #expect(Set(regions.map(\.code)).count == regions.count)
    }

    @Test("Ethnic groups come in three languages")
    func ethnicGroups() {
        #expect(ReferenceData.ethnicGroups.count == 15)
        #expect(ReferenceData.ethnicGroups.allSatisfy { $0.name.missing.isEmpty })
        #expect(ReferenceData.ethnicGroups.contains { $0.code == "koreans" && $0.name.kk == "корейлер" })
    }

    @Test("A valid draft becomes an organisation with the next version")
    func validDraft() throws {
        let draft = OrganizationDraft(code: "Test-Org", type: "friendshipHouse", nameKK: "Достық үйі", regionCode: "KZ-75",
                                      email: "dom@example.kz", website: "https://example.kz", languages: ["kk", "ru"],
                                      ethnicGroups: ["koreans"], version: 3)
        let organization = try draft.validated(id: UUID(), regions: Self.regions, ethnicGroupCodes: ["koreans"], parentID: nil)
        #expect(organization.code == "test-org")
        #expect(organization.version == 4)
        #expect(organization.name.ru == nil)
        #expect(organization.searchText.contains(" dostyk uii "))
    }

    @Test("Every problem of a draft is reported at once")
    func invalidDraft() {
        let draft = OrganizationDraft(code: "bad code!", type: "nonsense", nameKK: " ", regionCode: "KZ-99", parentCode: "nobody",
                                      phone: "abc", email: "not-an-email", website: "ftp://x", languages: ["kk", "de"],
                                      ethnicGroups: ["martians"])
        #expect(throws: DomainError.self) {
            try draft.validated(id: UUID(), regions: Self.regions, ethnicGroupCodes: ["koreans"], parentID: nil)
        }
        do {
            _ = try draft.validated(id: UUID(), regions: Self.regions, ethnicGroupCodes: ["koreans"], parentID: nil)
        } catch let DomainError.invalid(problems) {
            #expect(Set(problems.map(\.field)) == ["code", "type", "nameKK", "regionCode", "parentCode", "phone", "email", "website",
                                                   "languages", "ethnicGroups"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("CSV quoting and a byte-order mark are understood")
    func csv() {
        let rows = CSVReader.parse("\u{FEFF}a,b\r\n\"x, \"\"y\"\"\",2\n")
        #expect(rows == [["a", "b"], ["x, \"y\"", "2"]])
    }

    @Test("Content addresses are the SHA-256 of the bytes")
    func contentAddress() {
        let address = ContentAddress(of: Data("abc".utf8))
        #expect(address.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(address.relativePath == "ba/78/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentAddress(hex: "../etc/passwd") == nil)
    }
}
