import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@Suite("The statistical database and early warning: import, approval, pivot, signals, alerts")
struct StatisticsStorageTests {
    static func count(_ birlik: TestDatabase, _ sql: String = "SELECT COUNT(*) AS n FROM data_values") async throws -> Int {
        try await (birlik.db as! any SQLDatabase).raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func importCSV(_ birlik: TestDatabase, _ text: String, actor: Actor, dryRun: Bool = false, encoding: TextEncoding? = nil) async throws -> ValueImporter.Summary {
        let data = encoding == .windows1251 ? Data(text.unicodeScalars.map { scalar -> UInt8 in
            if scalar.value < 0x80 { return UInt8(scalar.value) }
            if (0x410...0x44F).contains(scalar.value) { return UInt8(scalar.value - 0x410 + 0xC0) }
            return 0x3F
        }) : Data(text.utf8)
        return try await ValueImporter.run(TableRows(csv: DelimitedReader(.data(data))), fileName: "test.csv", sha256: ContentAddress(of: data).sha256,
                                           actor: actor, dryRun: dryRun, on: birlik.db, now: TestClock.now)
    }

    @Test("The census is reference data with its source; demo values never carry it", arguments: TestBackend.enabled)
    func census(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let items = try await OpenData.values(element: "census.population.ethnicity", period: "2021", place: nil, by: "ethnicity", actor: .anonymous, on: birlik.db)
            #expect(items.first { $0.category == "ethnicity=kazakhs" }?.value == 13_497_891)
            #expect(items.allSatisfy { $0.source == "census" && $0.place == "KZ" })
            #expect(try await Self.count(birlik, "SELECT COUNT(*) AS n FROM data_values WHERE source = 'census' AND place <> 'KZ'") == 0)
            #expect(try await Self.count(birlik, "SELECT COUNT(*) AS n FROM data_values WHERE source = 'demo' AND element LIKE 'census%'") == 0)
            // Mediation figures are not public: the public is asked to sign in, a coordinator sees its own region only.
            await expectFailure(.signInRequired) { try await OpenData.values(element: "mediation.cases", period: nil, place: nil, by: nil, actor: .anonymous, on: birlik.db) }
            let almaty = try await birlik.actor(DemoUsers.almaty)
            let own = try await OpenData.values(element: "mediation.cases", period: "2025", place: nil, by: nil, actor: almaty, on: birlik.db)
            #expect(!own.isEmpty && own.allSatisfy { $0.place == "KZ-75" })
            await expectInvalid(["by", "period", "place"]) { try await OpenData.values(element: "population", period: "2024Q9", place: "Narnia", by: "colour", actor: .anonymous, on: birlik.db) }
        }
    }

    @Test("An import lands whole or not at all, in Windows-1251 too; importing it again changes nothing", arguments: TestBackend.enabled)
    func importWholeOrNothing(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let almaty = try await birlik.actor(DemoUsers.almaty)
            let before = try await Self.count(birlik)
            let bad = "Показатель;Период;Регион;Значение\nassociations.count;\(TestClock.today.year);KZ-75;50\nassociations.count;\(TestClock.today.year)-13;KZ-75;12\nassociations.count;\(TestClock.today.year);область Абай;12\nsurvey.relations-good;\(TestClock.today.year);KZ-75;105,5\n"
            do {
                _ = try await Self.importCSV(birlik, bad, actor: almaty, encoding: .windows1251)
                Issue.record("a file with bad rows was imported")
            } catch let failure as ImportFailure {
                #expect(failure.problems.map(\.row) == [3, 4, 5])
                #expect(failure.problems.map(\.key) == [.importUnknownPeriod, .importPlaceForbidden, .importPercentRange])
            }
            #expect(try await Self.count(birlik) == before)
            let good = "Показатель;Период;Регион;Значение\nassociations.count;\(TestClock.today.year);KZ-75;50\nsurvey.relations-good;\(TestClock.today.year);KZ-75;85,5\n"
            let dry = try await Self.importCSV(birlik, good, actor: almaty, dryRun: true, encoding: .windows1251)
            #expect(dry.values == 2)
            #expect(try await Self.count(birlik) == before)
            let first = try await Self.importCSV(birlik, good, actor: almaty, encoding: .windows1251)
            #expect(first.values == 2 && first.changed == 2)
            #expect(try await Self.count(birlik) == before + 2)
            let stamp = try await Self.count(birlik, "SELECT COUNT(*) AS n FROM audit_log")
            let again = try await Self.importCSV(birlik, good, actor: almaty, encoding: .windows1251)
            #expect(again.changed == 0)
            #expect(try await Self.count(birlik) == before + 2)
            #expect(try await Self.count(birlik, "SELECT COUNT(*) AS n FROM audit_log") == stamp + 1)
            let table = try await Pivot.run(PivotRequest(rows: .place, columns: .period, elements: ["associations.count"], years: [TestClock.today.year]), actor: almaty, on: birlik.db)
            #expect(table.cell("KZ-75", "\(TestClock.today.year)")?.value == 50)
            #expect(try await AuditLog.verify(on: birlik.db).isWhole)
        }
    }

    @Test("Approval goes level by level, locks entry and import, and is removed top-down with a reason", arguments: TestBackend.enabled)
    func approval(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let almaty = try await birlik.actor(DemoUsers.almaty)
            let abai = try await birlik.actor(DemoUsers.abai)
            let secretariat = try await birlik.actor(DemoUsers.secretariat)
            let period = try #require(Period("2023"))
            // The demo set has the year before last partly approved: Almaty at both levels.
            let yearBeforeLast = try #require(Period(kind: .year, year: TestClock.today.year - 2))
            let demoApprovals = try await ApprovalStore.approvals(dataSet: "apk-annual", period: yearBeforeLast, on: birlik.db)
            #expect(demoApprovals["apk-annual|KZ-75|\(TestClock.today.year - 2)"] == ["KZ-75", "KZ"] || demoApprovals["apk-annual|KZ-75|\(TestClock.today.year - 2)"] == ["KZ", "KZ-75"])
            // Abai's coordinator sees the approvals of Abai's places only.
            let seenByAbai = try await ApprovalStore.approvals(dataSet: "apk-annual", period: yearBeforeLast, actor: abai, on: birlik.db)
            #expect(seenByAbai.keys.allSatisfy { $0.split(separator: "|")[1].hasPrefix("KZ-10") })
            #expect(seenByAbai["apk-annual|KZ-75|\(TestClock.today.year - 2)"] == nil)
            await expectFailure(.conflict(.approvalNeedsLower)) {
                try await ApprovalStore.approve(dataSet: "apk-annual", place: "KZ-75", period: period, level: "KZ", actor: secretariat, on: birlik.db, now: TestClock.now)
            }
            await expectFailure(.forbidden) {
                try await ApprovalStore.approve(dataSet: "apk-annual", place: "KZ-75", period: period, level: "KZ-75", actor: abai, on: birlik.db, now: TestClock.now)
            }
            try await ApprovalStore.approve(dataSet: "apk-annual", place: "KZ-75", period: period, level: "KZ-75", actor: almaty, on: birlik.db, now: TestClock.now)
            await expectFailure(.forbidden) {
                try await ApprovalStore.approve(dataSet: "apk-annual", place: "KZ-75", period: period, level: "KZ", actor: almaty, on: birlik.db, now: TestClock.now)
            }
            try await ApprovalStore.approve(dataSet: "apk-annual", place: "KZ-75", period: period, level: "KZ", actor: secretariat, on: birlik.db, now: TestClock.now)
            // Locked: the entry form and an import both refuse.
            await expectFailure(.conflict(.statisticsLocked)) {
                _ = try await ValueStore.save(dataSet: "apk-annual", place: "KZ-75", period: period, cells: ["associations.count|": "99"], actor: almaty, on: birlik.db, now: TestClock.now)
            }
            do {
                _ = try await Self.importCSV(birlik, "element,period,place,value\nassociations.count,2023,KZ-75,99\n", actor: almaty)
                Issue.record("an approved period was imported into")
            } catch let failure as ImportFailure { #expect(failure.problems.map(\.key) == [.importPeriodApproved]) }
            await expectFailure(.conflict(.approvalHigherApproved)) {
                try await ApprovalStore.unapprove(dataSet: "apk-annual", place: "KZ-75", period: period, level: "KZ-75", reason: "fix", actor: almaty, on: birlik.db, now: TestClock.now)
            }
            await expectInvalid(["reason"]) {
                try await ApprovalStore.unapprove(dataSet: "apk-annual", place: "KZ-75", period: period, level: "KZ", reason: "  ", actor: secretariat, on: birlik.db, now: TestClock.now)
            }
            try await ApprovalStore.unapprove(dataSet: "apk-annual", place: "KZ-75", period: period, level: "KZ", reason: "Қате табылды", actor: secretariat, on: birlik.db, now: TestClock.now)
            try await ApprovalStore.unapprove(dataSet: "apk-annual", place: "KZ-75", period: period, level: "KZ-75", reason: "Түзету", actor: almaty, on: birlik.db, now: TestClock.now)
            let saved = try await ValueStore.save(dataSet: "apk-annual", place: "KZ-75", period: period, cells: ["associations.count|": "99"], actor: almaty, on: birlik.db, now: TestClock.now)
            #expect(saved.saved == 1)
            await expectInvalid(["survey.relations-good|"]) {
                _ = try await ValueStore.save(dataSet: "apk-annual", place: "KZ-75", period: period, cells: ["survey.relations-good|": "120"], actor: almaty, on: birlik.db, now: TestClock.now)
            }
            await expectFailure(.forbidden) {
                _ = try await ValueStore.save(dataSet: "apk-annual", place: "KZ-75", period: period, cells: ["associations.count|": "1"], actor: abai, on: birlik.db, now: TestClock.now)
            }
        }
    }

    @Test("The pivot gives the numbers of a hand-written GROUP BY; totals follow how elements add up", arguments: TestBackend.enabled)
    func pivot(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let table = try await Pivot.run(PivotRequest(rows: .place, columns: .period, elements: ["events.participants"]), actor: .system, on: birlik.db)
            let rows = try await (birlik.db as! any SQLDatabase).raw("SELECT region, year, SUM(value) AS s FROM data_values WHERE element = 'events.participants' GROUP BY region, year").all()
            #expect(!rows.isEmpty)
            for row in rows {
                let region = try row.decode(column: "region", as: String.self), year = try row.decode(column: "year", as: Int.self)
                #expect(table.cell(region, String(year))?.value == (try row.decode(column: "s", as: Double.self)))
            }
            // A stock (associations) totals to its last year over time; a share averages.
            let stock = try await Pivot.run(PivotRequest(rows: .place, columns: .period, elements: ["associations.count"]), actor: .system, on: birlik.db)
            let last = try #require(stock.columnKeys.last)
            #expect(stock.rowTotal("KZ-75")?.value == stock.cell("KZ-75", last)?.value)
            let share = try await Pivot.run(PivotRequest(rows: .period, columns: .place, elements: ["survey.relations-good"]), actor: .system, on: birlik.db)
            let year = try #require(share.rowKeys.last)
            let cells = share.columnKeys.compactMap { share.cell(year, $0)?.value }
            #expect(abs((share.rowTotal(year)?.value ?? 0) - cells.reduce(0, +) / Double(cells.count)) < 1e-9)
            let found = try await RuleChecks.violations(years: [TestClock.today.year - 2], elements: ["population.ethnicity"], actor: .system, on: birlik.db)
            #expect(found.map(\.place) == ["KZ-39"])
        }
    }

    @Test("Signals: scoped by region, reviewed in batches; a spike raises one alert, notifies, and its response is assigned and closed",
          arguments: TestBackend.enabled)
    func signals(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let almaty = try await birlik.actor(DemoUsers.almaty)
            let abai = try await birlik.actor(DemoUsers.abai)
            let secretariat = try await birlik.actor(DemoUsers.secretariat)
            let today = TestClock.today
            func draft(_ place: String, severity: Int) -> SignalDraft {
                var draft = SignalDraft()
                draft.date = today.description; draft.place = place; draft.kind = "ethnicDispute"; draft.groups = ["kazakhs", "uzbeks"]
                draft.severity = String(severity); draft.source = "citizenAppeal"; draft.summary = "Көршілер арасындағы дау"
                return draft
            }
            await expectFailure(.forbidden) { _ = try await SignalStore.create(draft("KZ-75", severity: 2), actor: abai, today: today, on: birlik.db, now: TestClock.now) }
            await expectInvalid(["date", "severity"]) {
                var bad = draft("KZ-75", severity: 9)
                bad.date = "2099-01-01"
                _ = try await SignalStore.create(bad, actor: almaty, today: today, on: birlik.db, now: TestClock.now)
            }
            let signal = try await SignalStore.create(draft("KZ-10", severity: 2), actor: abai, today: today, on: birlik.db, now: TestClock.now)
            await expectFailure(.notFound) { _ = try await SignalQueries.find(signal.id, actor: almaty, on: birlik.db) }
            await expectFailure(.signInRequired) { _ = try await SignalQueries.find(signal.id, actor: .anonymous, on: birlik.db) }
            #expect(try await SignalQueries.list(.init(), actor: almaty, on: birlik.db).allSatisfy { $0.place.hasPrefix("KZ-75") })
            // Abai had no signals before: five grave ones make a spike.
            let alertsBefore = try await AlertRecord.query(on: birlik.db).filter(\.$place == "KZ-10").count()
            var ids = [signal.id]
            for _ in 0..<4 { ids.append(try await SignalStore.create(draft("KZ-10", severity: 5), actor: abai, today: today, on: birlik.db, now: TestClock.now).id) }
            await expectFailure(.forbidden) { _ = try await SignalStore.review(ids, verify: true, note: "", actor: almaty, on: birlik.db, now: TestClock.now) }
            #expect(try await SignalStore.review(ids, verify: true, note: "Расталды", actor: abai, on: birlik.db, now: TestClock.now) == 5)
            let alerts = try await AlertRecord.query(on: birlik.db).filter(\.$place == "KZ-10").all()
            #expect(alerts.count > alertsBefore)
            #expect(Set(alerts.map(\.rule)).count == alerts.count)
            let notified = try await NotificationRecord.query(on: birlik.db).filter(\.$kind == "alert").all()
            #expect(notified.contains { $0.organizationID == abai.organizationID })
            #expect(notified.contains { $0.organizationID == secretariat.organizationID })
            let alert = try #require(alerts.first).requireID()
            await expectFailure(.notFound) { _ = try await AlertQueries.find(alert, actor: almaty, on: birlik.db) }
            let assigned = try await AlertStore.assign(alert, .init(responsibleCode: "akimat-kz-10", task: "Тұрғындармен кездесу өткізу",
                                                                    deadline: today.adding(days: 14).description, version: 1),
                                                       actor: abai, today: today, on: birlik.db, now: TestClock.now)
            #expect(assigned.status == .assigned)
            let akimat = try await birlik.organizationID("akimat-kz-10")
            #expect(try await NotificationRecord.query(on: birlik.db).filter(\.$organizationID == akimat).filter(\.$kind == "alert-assigned").count() == 1)
            let closed = try await AlertStore.close(alert, outcome: "Кездесу өтті, дау шешілді", version: assigned.version, actor: abai, on: birlik.db, now: TestClock.now)
            #expect(closed.status == .closed)
            await expectFailure(.conflict(.errorTransition)) {
                _ = try await AlertStore.close(alert, outcome: "again", version: closed.version, actor: abai, on: birlik.db, now: TestClock.now)
            }
            // Publishing aggregates is the Secretariat's alone.
            let month = Period.month(of: today)
            await expectFailure(.forbidden) { try await SignalStore.publish(month: month, actor: abai, on: birlik.db, now: TestClock.now) }
            try await SignalStore.publish(month: month, actor: secretariat, on: birlik.db, now: TestClock.now)
            #expect(try await SignalQueries.publishedMonths(on: birlik.db).contains(month))
            #expect(try await AuditLog.verify(on: birlik.db).isWhole)
        }
    }

    @Test("The census's groups add up to the census total: everyone outside the named groups is an explicit other groups row",
          arguments: TestBackend.enabled)
    func censusGroupsAddUp(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            for (year, total) in [("2021", 19_186_015.0), ("2009", 16_009_597.0)] {
                let groups = try await OpenData.values(element: "census.population.ethnicity", period: year, place: nil, by: "ethnicity",
                                                       actor: .anonymous, on: birlik.db)
                #expect(groups.reduce(0) { $0 + $1.value } == total, "\(year)")
                let other = try #require(groups.first { $0.category?.hasSuffix("other") == true }, "\(year) has no other groups row")
                #expect(other.value > 0 && other.value < total / 10)
            }
            // Loading the reference data again changes nothing.
            try await ReferenceSeed.load(now: TestClock.now, on: birlik.db)
            let again = try await OpenData.values(element: "census.population.ethnicity", period: "2021", place: nil, by: "ethnicity", actor: .anonymous, on: birlik.db)
            #expect(again.count == 11)
        }
    }
}
