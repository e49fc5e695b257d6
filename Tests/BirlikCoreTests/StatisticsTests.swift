import BirlikCore
import Foundation
import Testing

@Suite("Statistics: periods, numbers, encodings, CSV reading, row checks, rules, risk")
struct StatisticsTests {
    @Test("Periods parse in every accepted spelling, refuse impossible ones, and roll up")
    func periods() throws {
        #expect(Period("2024")?.description == "2024")
        #expect(Period("2024S2")?.description == "2024H2")
        #expect(Period("2024q3")?.description == "2024Q3")
        #expect(Period("202403")?.description == "2024-03")
        #expect(Period("2024-12")?.months == 12...12)
        for bad in ["2024Q5", "2024-13", "2024-00", "24", "2024H3", "abcd", "", "2024-1", "1800"] { #expect(Period(bad) == nil, "\(bad)") }
        let march = try #require(Period("2024-03"))
        #expect(march.rolled(to: .quarter)?.description == "2024Q1")
        #expect(march.rolled(to: .halfYear)?.description == "2024H1")
        #expect(march.rolled(to: .year)?.description == "2024")
        #expect(try #require(Period("2024Q2")).parts(.month).map(\.description) == ["2024-04", "2024-05", "2024-06"])
        #expect(try #require(Period("2024-01")).previous.description == "2023-12")
        let year = try #require(Period("2024")), secondQuarter = try #require(Period("2024Q2"))
        #expect(year.contains(march) && !secondQuarter.contains(march))
        #expect(march.label(Localizer(.kk)) == "2024 ж. наурыз")
        #expect(try #require(Period("2024Q2")).label(Localizer(.ru)) == "2024, II квартал")
    }

    @Test("Numbers read as Kazakh and Russian offices type them", arguments: [
        ("1 234 567", 1_234_567.0), ("12,5", 12.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("45 %", 45), ("1\u{00A0}200", 1200),
        ("-3", -3), ("1.234.567", 1_234_567), ("0", 0),
    ])
    func numbers(text: String, value: Double) {
        #expect(NumberText.parse(text) == value)
    }

    @Test("Text that is not a number is refused", arguments: ["", "abc", "12,5,3.1,2", "1e400", "--5", "12 кг", "nan"])
    func notNumbers(text: String) {
        #expect(NumberText.parse(text) == nil)
    }

    @Test("UTF-8 (with or without BOM) and Windows-1251 are told apart and decoded")
    func encodings() {
        // «Алматы;5» in Windows-1251.
        let cp1251: [UInt8] = [0xC0, 0xEB, 0xEC, 0xE0, 0xF2, 0xFB, 0x3B, 0x35]
        #expect(TextEncoding.detect(cp1251) == .windows1251)
        #expect(TextEncoding.windows1251.decode(cp1251) == "Алматы;5")
        let utf8 = Array("Алматы;5".utf8)
        #expect(TextEncoding.detect(utf8) == .utf8)
        #expect(TextEncoding.detect([0xEF, 0xBB, 0xBF] + utf8) == .utf8)
        #expect(TextEncoding.utf8.decode([0xEF, 0xBB, 0xBF] + utf8) == "Алматы;5")
        #expect(TextEncoding.windows1251.decode([0xB9, 0xAB, 0xBB]) == "№«»")
    }

    static func rows(_ text: String) -> [DelimitedReader.Row] {
        var reader = DelimitedReader(.data(Data(text.utf8)))
        var rows: [DelimitedReader.Row] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    @Test("CSV: quotes, line breaks inside quotes, delimiters sniffed, broken quotes reported on their row")
    func delimited() {
        let rows = Self.rows("a;b;c\r\n1;\"x;y\";\"line\nbreak\"\r\n\r\n2;\"say \"\"hi\"\"\";3\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["1", "x;y", "line\nbreak"], ["2", "say \"hi\"", "3"]])
        #expect(rows.map(\.line) == [1, 2, 5])
        let comma = Self.rows("a,b\n1,2\n")
        #expect(comma.map(\.fields) == [["a", "b"], ["1", "2"]])
        let broken = Self.rows("a,b\n1,x\"y\n2,\"ok\"z\n3,\"never closed\n4,5\n")
        #expect(broken[1].problem == .importStrayQuote)
        #expect(broken[2].problem == .importTextAfterQuote)
        #expect(broken[3].problem == .importUnterminatedQuote && broken[3].line == 4)
        var streamed = DelimitedReader(.data(Data("\u{FEFF}x\ty\n1\t2".utf8)))
        #expect(streamed.delimiter == 0x09 && streamed.next()?.fields == ["x", "y"] && streamed.next()?.fields == ["1", "2"])
    }

    static func reader(_ header: [String]) -> ValueRowReader {
        ValueRowReader(header: header, mapping: .guess(header), mayWrite: { $0.code != "KZ-11" },
                       isLocked: { set, place, period in set == "apk-annual" && place == "KZ-15" && period.description == "2024" })
    }

    @Test("Rows become values, or every problem with their row and column")
    func rowChecks() throws {
        let header = ["Показатель", "Период", "Регион", "Национальность", "Значение"]
        var reader = Self.reader(header)
        #expect(reader.headerProblems().isEmpty)
        guard case let .value(value) = reader.read(line: 2, fields: ["population.ethnicity", "2024", "Алматинская область", "казахи", "1 234"]) else {
            Issue.record("a good row was refused"); return
        }
        #expect(value == DataValue(element: "population.ethnicity", category: "ethnicity=kazakhs", place: "KZ-19", period: try #require(Period("2024")), value: 1234))
        func problems(_ fields: [String], line: Int = 3) -> [L10nKey] {
            if case let .problems(found) = reader.read(line: line, fields: fields) { return found.map(\.key) }
            return []
        }
        #expect(problems(["population.ethnicity", "2024", "KZ-19", "казахи", "5"]) == [.importDuplicateRow])
        #expect(problems(["нет такого", "2024", "KZ-19", "", "5"]) == [.importUnknownElement])
        #expect(problems(["population", "2024Q1", "KZ-19", "", "5"]) == [.importPeriodKind])
        #expect(problems(["population", "2024", "KZ", "", "5"]) == [.importPlaceLevel])
        #expect(problems(["population", "2024", "KZ-11", "", "5"]) == [.importPlaceForbidden])
        #expect(problems(["associations.count", "2024", "KZ-15", "", "5"]) == [.importPeriodApproved])
        #expect(problems(["population", "2024", "KZ-23", "марсиане", "5"]) == [.importUnknownCategory, .importDimensionNotUsed].prefix(1).map { $0 })
        #expect(problems(["population.ethnicity", "2024", "KZ-23", "", "5"]) == [.importDimensionMissing])
        #expect(problems(["population", "2024", "KZ-23", "", "12,5"]) == [.importNotWhole])
        #expect(problems(["population", "2024", "KZ-23", "", "много"]) == [.importBadNumber])
        #expect(problems(["survey.relations-good", "2024", "KZ-23", "", "101"]) == [.importPercentRange])
        #expect(problems(["population", "2024", "KZ-23", "5"]) == [.importRagged])
        let rowProblems: [ImportProblem]
        if case let .problems(found) = reader.read(line: 9, fields: ["population", "2024-13", "Нарния", "", "x"]) { rowProblems = found } else { rowProblems = [] }
        #expect(rowProblems.map(\.column) == ["Период", "Регион", "Значение"])
        #expect(rowProblems.map(\.row) == [9, 9, 9])
        #expect(rowProblems[1].message(Localizer(.kk)).hasPrefix("9-жол, «Регион» бағаны, мәні «Нарния»: "))
        #expect(Self.reader(["value"]).headerProblems().map(\.key) == [.importOneColumn, .importColumnMissing, .importColumnMissing, .importColumnMissing])
    }

    @Test("Rules between values, the risk index and the alert rules")
    func rulesAndRisk() throws {
        let rule = try #require(ValidationRule.shipped.first { $0.code == "population-groups-total" })
        let period = try #require(Period("2024"))
        let holds = rule.violation(place: "KZ-75", period: period) { side, _, _ in side.sumOfBreakdowns ? 1000 : 1003 }
        #expect(holds == nil)
        let broken = rule.violation(place: "KZ-75", period: period) { side, _, _ in side.sumOfBreakdowns ? 900 : 1000 }
        #expect(broken?.left == 900 && broken?.right == 1000)
        let yearly = try #require(ValidationRule.shipped.first { $0.code == "associations-year-over-year" })
        #expect(yearly.violation(place: "KZ-75", period: period) { _, _, p in p.year == 2024 ? 40 : 20 } != nil)
        #expect(yearly.violation(place: "KZ-75", period: period) { _, _, p in p.year == 2024 ? 25 : 20 } == nil)

        let month = try #require(Period("2026-11"))
        var loads: [Period: Double] = [:]
        var cursor = month
        for _ in 0..<6 { cursor = cursor.previous; loads[cursor] = 2 }
        let calm = RiskIndex.compute(place: "KZ-75", month: month, loads: loads.merging([month: 2]) { $1 }, survey: 90)
        #expect(calm.baseline == 2 && calm.spike == 1 && calm.value == 10.5 && calm.level == .low)
        let spike = RiskIndex.compute(place: "KZ-75", month: month, loads: loads.merging([month: 16]) { $1 }, survey: 90)
        #expect(spike.value == 100 && spike.level == .critical)
        #expect(AlertRule.shipped.allSatisfy { $0.fires(spike) })
        #expect(!AlertRule.shipped.contains { $0.fires(calm) })
    }

    @Test("The catalog defines every indicator the Concepts imply, with data sets and known breakdowns")
    func catalog() {
        let catalog = StatisticsCatalog.shared
        for code in ["census.population.ethnicity", "associations.count", "friendship-houses.count", "ethno-complexes.count", "language.learners",
                     "language.graduates", "mediation.cases", "mediation.agreements", "events.count", "events.participants", "council.meetings",
                     "survey.relations-good"] {
            #expect(catalog.element(code) != nil, "\(code)")
        }
        for element in catalog.elements { #expect(catalog.dataSet(element.dataSet) != nil && element.name.missing.isEmpty, "\(element.code)") }
        for rule in catalog.rules { #expect(rule.elements.allSatisfy { catalog.element($0) != nil }, "\(rule.code)") }
        #expect(catalog.match("Число Домов дружбы")?.code == "friendship-houses.count")
        #expect(Disaggregation.keys([.sex, .age]).count == 10)
        #expect(Disaggregation.parts("age=18-29;sex=f") == [.age: "18-29", .sex: "f"])
        #expect(Disaggregation.parts("sex=x") == nil)
    }

    @Test("Random bytes never crash the CSV reader or the row checks")
    func fuzz() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("\",;\t\r\n aA0-.".utf8) + [0xC0, 0xD0, 0xE2, 0xFF, 0x00, 0xB9]
        for round in 0..<400 {
            let length = Int.random(in: 0...300, using: &generator)
            let bytes = (0..<length).map { _ in round % 2 == 0 ? UInt8.random(in: 0...255, using: &generator) : alphabet.randomElement(using: &generator)! }
            var csv = DelimitedReader(.data(Data(bytes)))
            guard let header = csv.next() else { continue }
            var rows = Self.reader(header.fields)
            _ = rows.headerProblems()
            var count = 0
            while let row = csv.next(), count < 1000 {
                _ = rows.read(line: row.line, fields: row.fields, structural: row.problem)
                count += 1
            }
            _ = NumberText.parse(String(decoding: bytes, as: UTF8.self))
            _ = Period(String(decoding: bytes.prefix(8), as: UTF8.self))
        }
    }
}
