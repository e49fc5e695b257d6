import BirlikCore
import Testing

@Suite("Identification numbers and the parties of a mediation case")
struct PartyLineTests {
    @Test("An IIN or BIN is twelve digits with a check digit; the second weighting applies when the first gives 10")
    func identificationNumber() {
        #expect(IdentificationNumber("900101300126")?.digits == "900101300126")
        #expect(IdentificationNumber("9001 0130 0126")?.digits == "900101300126")
        #expect(IdentificationNumber("900101300127") == nil)
        #expect(IdentificationNumber("90010130012") == nil)
        #expect(IdentificationNumber("90010130012a") == nil)
        // The first weighting gives 10 for …0000000010 (weight 10), so the second decides: weight 1 → 1.
        #expect(IdentificationNumber.checkDigit([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]) == 1)
        #expect(IdentificationNumber("000000000101") != nil)
        // Both weightings give 10: no check digit makes these eleven digits a number.
        #expect(IdentificationNumber.checkDigit([0, 0, 0, 0, 0, 0, 0, 0, 2, 8, 1]) == nil)
        #expect((0...9).allSatisfy { IdentificationNumber("00000000281\($0)") == nil })
    }

    @Test("A party line: the name, then IIN, phone, address and registry code recognised by their shape, in any order")
    func partyLine() {
        let known: Set<String> = ["association-kz-75-1"]
        let full = PartyLine("Ахмет Оспанов; +7 701 123 45 67; association-kz-75-1; 900101300126; Алматы, пр. Абая 10", isOrganizationCode: known.contains)
        #expect(full.name == "Ахмет Оспанов" && full.iin == "900101300126" && full.phone == "+7 701 123 45 67")
        #expect(full.address == "Алматы, пр. Абая 10" && full.organizationCode == "association-kz-75-1" && full.invalidIIN == nil)
        let bare = PartyLine("Иван Петров", isOrganizationCode: known.contains)
        #expect(bare.name == "Иван Петров" && bare.iin.isEmpty && bare.phone.isEmpty && bare.address.isEmpty && bare.organizationCode == nil)
        #expect(PartyLine("А; 900101300127", isOrganizationCode: known.contains).invalidIIN == "900101300127")
        #expect(PartyLine("А; 8 (701) 123-45-67", isOrganizationCode: known.contains).phone == "8 (701) 123-45-67")
        #expect(PartyLine.candidateCodes("А; association-kz-75-9; Абай-10; 900101300126") == ["association-kz-75-9"])
    }
}
