import Foundation
import Testing
@testable import BirlikCore

@Suite("Languages: transliteration, collation, search folding, catalog")
struct LanguagesTests {
    @Test("Every letter of the 2021 alphabet table transliterates as the table says")
    func letterTable() throws {
        let rows = CSVReader.records(ReferenceData.text("kazakh_latin_2021.csv"))
        #expect(rows.count == 42)
        for row in rows {
            let lower = try #require(row["cyrillic_lower"]), upper = try #require(row["cyrillic_upper"])
            #expect(Transliteration.toLatin(lower) == row["latin_lower"], "\(lower)")
            #expect(Transliteration.toLatin(upper) == row["latin_upper"], "\(upper)")
        }
    }

    @Test("The reference sentence of the 2021 alphabet", arguments: [
        ("Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының", "Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ"),
        ("үйіне келіп қоныпты", "üiıne kelıp qonypty"),
        ("ҚАЗАҚСТАН", "QAZAQSTAN"),
        ("ЦОН", "TSON"),
        ("Цех", "Tseh"),
        ("Ассамблея 2025 жылы", "Assambleia 2025 jyly"),
    ])
    func sentences(cyrillic: String, latin: String) {
        #expect(Transliteration.toLatin(cyrillic) == latin)
    }

    @Test("Latin back to Cyrillic for native Kazakh words")
    func roundTrip() {
        let text = "Бұрыңғы өткен заманда, бір данышпан кісі үйіне келіп қоныпты"
        #expect(Transliteration.toCyrillic(Transliteration.toLatin(text)) == text)
        #expect(Transliteration.toCyrillic("Qazaqstan halqy") == "Қазақстан халқы")
    }

    @Test("Kazakh alphabetical order puts Ә after А, Ө after О, І after Ы")
    func collation() {
        let names = ["Ұлытау", "Іле", "Өскемен", "Ақмола", "Ыстық", "Орал", "Әл-Фараби", "Абай"]
        #expect(names.sorted(by: KazakhCollation.areInIncreasingOrder)
                == ["Абай", "Ақмола", "Әл-Фараби", "Орал", "Өскемен", "Ұлытау", "Ыстық", "Іле"])
        #expect(KazakhCollation.sortKey("абай") == KazakhCollation.sortKey("АБАЙ"))
        #expect(KazakhCollation.sortKey("абай").allSatisfy { $0.isNumber })
    }

    @Test("Search folding finds a word in either script and case")
    func folding() {
        let folded = SearchFolding.fold("Қазақстан")
        #expect(SearchFolding.fold("Qazaqstan") == folded)
        #expect(SearchFolding.fold("QAZAQSTAN") == folded)
        #expect(SearchFolding.fold("қазақстан") == folded)
        #expect(SearchFolding.terms("  Достық   үйі! ") == ["dostyk", "uii"])
        #expect(SearchFolding.fold("Дом дружбы") == "dom drujby")
    }

    @Test("Accept-Language picks the best supported language", arguments: [
        ("ru-RU,ru;q=0.9,en;q=0.8", Language.ru), ("de, en;q=0.5", .en), ("kk-KZ", .kk), ("fr", nil), ("", nil),
        ("en;q=0.3, kk;q=0.7", .kk),
    ] as [(String, Language?)])
    func acceptLanguage(header: String, expected: Language?) {
        #expect(Language.preferred(acceptLanguage: header) == expected)
    }

    @Test("The catalog has every key in kk, ru and en, and nothing else")
    func catalogComplete() {
        #expect(L10nCatalog.shared.missing().isEmpty)
        #expect(L10nCatalog.shared.orphans().isEmpty)
    }

    @Test("Placeholders are the same in every language of an entry")
    func placeholders() throws {
        let pattern = try Regex("\\{[a-z]+\\}")
        for (key, entry) in L10nCatalog.shared.entries {
            let sets = Language.allCases.map { language in Set((entry[language.rawValue] ?? "").matches(of: pattern).map { String((entry[language.rawValue] ?? "")[$0.range]) }) }
            #expect(sets[0] == sets[1] && sets[1] == sets[2], "\(key)")
        }
    }

    @Test("The localizer fills placeholders and writes Kazakh in Latin when asked")
    func localizer() {
        #expect(Localizer(.ru)(.directoryResults, ["count": "5"]) == "Найдено: 5")
        #expect(Localizer(.kk)(.directoryTitle) == "Ұйымдар тізілімі")
        #expect(Localizer(.kk, script: .latin)(.directoryTitle) == "Ūiymdar tızılımı")
        #expect(Localizer(.ru, script: .latin)(.directoryTitle) == "Реестр организаций")
        let name = LocalizedText(kk: "Достық үйі", ru: nil, en: "Friendship House")
        #expect(Localizer(.ru).text(name) == "Достық үйі")
        #expect(Localizer(.ru).isFallback(name))
        #expect(Localizer(.kk, script: .latin).text(name) == "Dostyq üiı")
        #expect(name.missing == [.ru])
    }

    @Test("The Russian stemmer gives the forms of a word one stem, a prefix of each of them")
    func russianStems() {
        for word in ["дружба", "дружбы", "дружбе", "дружбой", "дружбу"] { #expect(RussianStemmer.stem(word) == "дружб", "\(word)") }
        let cases = ["национальностей": "национальн", "красивая": "красив", "работающих": "работа", "ассамблеи": "ассамбл",
                     "организаций": "организац", "Қазақстан": "қазақстан", "и": "и"]
        for (word, stem) in cases { #expect(RussianStemmer.stem(word) == stem, "\(word)") }
        for word in ["ассамблея", "национальный", "мероприятиями", "поддержки", "этнокультурных"] {
            #expect(word.hasPrefix(RussianStemmer.stem(word)), "\(word) → \(RussianStemmer.stem(word))")
        }
        #expect(SearchFolding.terms("Дом дружбы") == SearchFolding.terms("дома дружба"))
    }

    @Test("A stored message names places and periods by reference, so each reader gets them in their own language")
    func messagesByReference() throws {
        let almaty = try #require(ReferenceData.regions.first { $0.code == "KZ-75" })
        for language in Language.allCases {
            let text = Localizer(language)(.alertAssignedNotification, ["place": "@region:KZ-75"])
            #expect(text.contains(try #require(almaty.name[language])), "\(language): \(text)")
        }
        #expect(Localizer(.en).argument("@period:2026-Q3") == ReportingPeriod.label(code: "2026-Q3", Localizer(.en)))
        #expect(Localizer(.ru).argument("plain text") == "plain text")
    }
}
