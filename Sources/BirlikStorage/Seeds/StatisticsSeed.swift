import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// The census reference values (real data) and the statistical demo set: plausible values of every
/// indicator by region for recent years, and seven months of signals in which Almaty crosses its
/// alert threshold in the current month. Demo values carry the source `demo`, never `census`.
public enum StatisticsSeed {
    /// Loads the 2009 and 2021 census figures: the groups shipped by name and, so that the groups add up to
    /// the census total, everyone else as "other groups". Writes only what is missing or different.
    static func loadCensus(audit: AuditWriter) async throws {
        var values: [DataValue] = []
        var totals: [Int: Double] = [:]
        for row in CSVReader.records(ReferenceData.text("census_totals.csv")) {
            guard let year = Int(row["year"] ?? ""), let period = Period(kind: .year, year: year), let count = Double(row["population"] ?? "") else { continue }
            let place = row["region_code"] ?? RegionCode.republic
            values.append(DataValue(element: "census.population", place: place, period: period, value: count))
            if place == RegionCode.republic { totals[year] = count }
        }
        for (year, file) in [(2009, "ethnic_composition_2009.csv"), (2021, "ethnic_composition_2021.csv")] {
            guard let period = Period(kind: .year, year: year) else { continue }
            var named = 0.0
            for row in CSVReader.records(ReferenceData.text(file)) {
                guard let count = Double(row["population"] ?? ""), let code = row["ethnicity_en"]?.lowercased() else { continue }
                values.append(DataValue(element: "census.population.ethnicity", category: Disaggregation.key([.ethnicity: code]),
                                        place: RegionCode.republic, period: period, value: count))
                named += count
            }
            if let total = totals[year], total > named {
                values.append(DataValue(element: "census.population.ethnicity", category: Disaggregation.key([.ethnicity: "other"]),
                                        place: RegionCode.republic, period: period, value: total - named))
            }
        }
        let changed = try await ValueTable.upsert(values, source: .census, enteredBy: "Bureau of National Statistics", at: audit.now, on: audit.db)
        if changed > 0 { try await audit.record("seed", "values", id: "census", before: Nothing?.none, after: ["values": changed]) }
    }

    /// Approximate populations of the regions (thousands), the share of Kazakhs in each, for the demo.
    static let regions: [(code: String, thousands: Double, kazakhs: Double)] = [
        ("KZ-10", 603, 0.72), ("KZ-11", 787, 0.55), ("KZ-15", 930, 0.87), ("KZ-19", 1530, 0.70), ("KZ-23", 700, 0.93),
        ("KZ-27", 690, 0.77), ("KZ-31", 1220, 0.74), ("KZ-33", 700, 0.72), ("KZ-35", 1130, 0.55), ("KZ-39", 830, 0.47),
        ("KZ-43", 830, 0.96), ("KZ-47", 780, 0.92), ("KZ-55", 750, 0.53), ("KZ-59", 530, 0.38), ("KZ-61", 2130, 0.80),
        ("KZ-62", 220, 0.84), ("KZ-63", 720, 0.60), ("KZ-71", 1420, 0.80), ("KZ-75", 2230, 0.61), ("KZ-79", 1220, 0.66),
    ]

    /// The demo values and signals; skipped when demo values exist.
    static func loadDemo(today: Day, on db: any Database) async throws {
        guard try await ValueCount.count(source: .demo, on: db) == 0 else { return }
        var random = SeededGenerator(seed: 2025)
        var values: [DataValue] = []
        let groups = Disaggregation.Dimension.ethnicity.options.map(\.code).filter { $0 != "kazakhs" && $0 != "other" }
        let lastYear = today.year - 1
        for (index, region) in regions.enumerated() {
            var associations = Double(20 + index * 3 % 40)
            for year in (lastYear - 6)...lastYear {
                let period = Period(kind: .year, year: year)!
                let growth = 1 + 0.012 * Double(year - (lastYear - 6))
                let population = (region.thousands * 1000 * growth / 1.07).rounded()
                values.append(DataValue(element: "population", place: region.code, period: period, value: population))
                var remaining = population
                let kazakhs = (population * min(0.98, region.kazakhs + 0.004 * Double(year - lastYear + 6))).rounded()
                values.append(DataValue(element: "population.ethnicity", category: "ethnicity=kazakhs", place: region.code, period: period, value: kazakhs))
                remaining -= kazakhs
                let others = remaining
                let weights = groups.indices.map { 1 / pow(1.6, Double($0)) }
                let weightSum = weights.reduce(0, +)
                for (rank, group) in groups.enumerated() {
                    let share = 0.9 * weights[rank] / weightSum
                    let count = (others * share * Double.random(in: 0.85...1.15, using: &random)).rounded()
                    let value = min(count, remaining)
                    values.append(DataValue(element: "population.ethnicity", category: "ethnicity=\(group)", place: region.code, period: period, value: value))
                    remaining -= value
                }
                // One region's breakdown is left inconsistent in one year, so the violation report shows a real case.
                let slip = region.code == "KZ-39" && year == lastYear - 1 ? (population * 0.02).rounded() : 0
                values.append(DataValue(element: "population.ethnicity", category: "ethnicity=other", place: region.code, period: period, value: max(0, remaining + slip)))
                associations = max(5, (associations * Double.random(in: 0.95...1.12, using: &random)).rounded())
                values.append(DataValue(element: "associations.count", place: region.code, period: period, value: associations))
                values.append(DataValue(element: "friendship-houses.count", place: region.code, period: period, value: Double(1 + index % 3)))
                values.append(DataValue(element: "ethno-complexes.count", place: region.code, period: period, value: Double(index % 4)))
                let learnersTotal = (population * Double.random(in: 0.004...0.009, using: &random)).rounded()
                var learnersSum = 0.0
                for group in Disaggregation.Dimension.ethnicity.options.map(\.code) {
                    let share = group == "kazakhs" ? 0.1 : group == "russians" ? 0.45 : 0.45 / Double(groups.count)
                    let count = (learnersTotal * share).rounded()
                    learnersSum += count
                    values.append(DataValue(element: "language.learners", category: "ethnicity=\(group)", place: region.code, period: period, value: count))
                }
                values.append(DataValue(element: "language.graduates", place: region.code, period: period, value: (learnersSum * Double.random(in: 0.5...0.8, using: &random)).rounded()))
                values.append(DataValue(element: "survey.relations-good", place: region.code, period: period,
                                        value: (Double.random(in: 78...94, using: &random) * 10).rounded() / 10))
            }
            var month = Period(kind: .month, year: lastYear - 2, index: 1)!
            let lastMonth = Period.month(of: today).previous
            while month <= lastMonth {
                let cases = Double(Int.random(in: 2...14, using: &random))
                values.append(DataValue(element: "mediation.cases", place: region.code, period: month, value: cases))
                values.append(DataValue(element: "mediation.agreements", place: region.code, period: month, value: (cases * Double.random(in: 0.5...0.9, using: &random)).rounded()))
                let events = (Double(8 + index % 7) * Double.random(in: 0.75...1.3, using: &random)).rounded()
                values.append(DataValue(element: "events.count", place: region.code, period: month, value: events))
                for sex in ["f", "m"] {
                    values.append(DataValue(element: "events.participants", category: "sex=\(sex)", place: region.code, period: month,
                                            value: (events * Double.random(in: 15...25, using: &random)).rounded()))
                }
                if month.index % 3 == 0, let quarter = month.rolled(to: .quarter) {
                    values.append(DataValue(element: "council.meetings", place: region.code, period: quarter, value: Double(Int.random(in: 1...4, using: &random))))
                }
                month = Period(kind: .month, year: month.index == 12 ? month.year + 1 : month.year, index: month.index % 12 + 1)!
            }
        }
        let signals = demoSignals(today: today, random: &random)
        let valuesCopy = values
        try await AuditLog.write(on: db, actor: .system, now: today.noon) { audit in
            _ = try await ValueTable.upsert(valuesCopy, source: .demo, enteredBy: "demo", at: audit.now, on: audit.db)
            for signal in signals { try await SignalRecord(signal).create(on: audit.db) }
            // The year before last is partly approved: some regions at their level, a few by the Secretariat too.
            let approvedYear = String(today.year - 2)
            for (index, region) in regions.enumerated() where index % 3 == 0 {
                for level in index % 6 == 0 ? [region.code, RegionCode.republic] : [region.code] {
                    try await (audit.db as! any SQLDatabase).insert(into: ValueTable.approvals)
                        .columns("id", "data_set", "place", "period", "level", "approved_by", "approved_at")
                        .values(SQLBind(UUID()), SQLBind("apk-annual"), SQLBind(region.code), SQLBind(approvedYear), SQLBind(level),
                                SQLBind("demo"), SQLBind(audit.now))
                        .run()
                }
            }
            // The Secretariat has published the regional totals of two earlier months; last month's waits for it.
            if let current = Period(kind: .month, year: today.year, index: today.month) {
                for month in [current.previous.previous, current.previous.previous.previous] {
                    try await (audit.db as! any SQLDatabase).insert(into: ValueTable.publications).columns("id", "month", "published_by", "published_at")
                        .values(SQLBind(UUID()), SQLBind(month.description), SQLBind("demo"), SQLBind(audit.now)).run()
                }
            }
            try await audit.record("seed", "values", id: "statistics-demo", before: Nothing?.none,
                                   after: ["values": valuesCopy.count, "signals": signals.count])
            try await AlertEngine.evaluate(places: signals.map(\.place), months: signals.map(\.month), audit: audit, now: audit.now)
        }
    }

    static func demoSignals(today: Day, random: inout SeededGenerator) -> [Signal] {
        var signals: [Signal] = []
        let current = Period.month(of: today)
        var months: [Period] = [current]
        for _ in 0..<6 { months.insert(months[0].previous, at: 0) }
        let summaries: [Signal.Kind: String] = [
            .hateSpeechOnline: "Әлеуметтік желідегі ұлтаралық араздықты қоздыратын жазба (демо).",
            .ethnicDispute: "Жер учаскесі бойынша көршілер арасындағы дау этникалық сипат алды (демо).",
            .interethnicIncident: "Жастар арасындағы төбелес, қатысушылар әр түрлі ұлт өкілдері (демо).",
            .provocativeRumour: "Мессенджерлерде тараған арандатушылық қауесет (демо).",
            .appealEscalated: "Азаматтың шешілмеген өтініші БАҚ-қа шықты (демо).",
            .protestTension: "Тұрғындардың жиналысы, шиеленіс белгілері (демо).",
        ]
        let kinds = Array(summaries.keys).sorted { $0.rawValue < $1.rawValue }
        for month in months {
            for region in regions where Int.random(in: 0...2, using: &random) == 0 {
                let kind = kinds[Int.random(in: 0..<kinds.count, using: &random)]
                signals.append(signal(month: month, day: Int.random(in: 1...20, using: &random), place: region.code, kind: kind, severity: Int.random(in: 1...2, using: &random),
                                      status: month == current ? .reported : .verified, summary: summaries[kind]!, today: today))
            }
        }
        // The spike: Almaty's current month.
        for (offset, kind) in [Signal.Kind.interethnicIncident, .hateSpeechOnline, .protestTension, .provocativeRumour, .ethnicDispute].enumerated() {
            signals.append(signal(month: current, day: 1 + offset * 3, place: "KZ-75", kind: kind, severity: offset < 2 ? 4 : 3,
                                  status: offset < 3 ? .verified : .reported, summary: summaries[kind]!, today: today))
        }
        return signals
    }

    static func signal(month: Period, day: Int, place: String, kind: Signal.Kind, severity: Int, status: Signal.Status, summary: String, today: Day) -> Signal {
        var date = Day(year: month.year, month: month.index, day: min(day, Day.daysIn(month: month.index, year: month.year)))
        if date > today { date = today }
        return Signal(id: UUID(), date: date, place: place, kind: kind, groups: ["kazakhs", kind == .hateSpeechOnline ? "russians" : "uzbeks"],
                      severity: severity, source: kind == .hateSpeechOnline ? .socialMedia : .monitoringGroup, summary: summary, status: status,
                      reportedBy: "demo", reporterOrganizationID: nil, isDemo: true)
    }
}

/// How many values a source holds.
enum ValueCount {
    static func count(source: ValueSource, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        return try await sql.raw("SELECT COUNT(*) AS n FROM data_values WHERE source = \(bind: source.rawValue)").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }
}

/// A small deterministic generator (SplitMix64), so the demo set is the same on every machine.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
