import BirlikCore
import FluentKit
import Foundation

/// The control loop at national scale, for the benchmark: 20 regions with 11 generated districts each
/// (220, each with an akimat), two national plans and two plans per region over 2015–2025, 5,000
/// measures and about 1,000,000 reports with their transitions, timeline events and audit entries —
/// or `fraction` of that. Generated districts and organisations are marked as such; never load this
/// into a real database.
public enum NationalScaleSeed {
    public struct Summary: Sendable {
        public var plans = 0
        public var measures = 0
        public var reports = 0
        public var events = 0
    }

    public static func load(fraction: Double, today: Day, on db: any Database) async throws -> Summary {
        let regions = ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }
        var summary = Summary()
        // 220 districts and their akimats.
        var districtAkimats: [String: [UUID]] = [:]
        var places: [UUID: String] = [:]
        try await AuditLog.write(on: db, actor: .system, now: today.noon) { audit in
            var districts: [RegionRecord] = []
            var akimats: [Organization] = []
            for region in regions {
                for number in 51...61 {
                    let code = "\(region.code)-\(number)"
                    districts.append(RegionRecord(Region(code: code, parent: region.code, kind: .district,
                                                         name: LocalizedText(kk: "\(region.name.kk ?? "") \(number)-аудан (генерацияланған)",
                                                                             ru: "Район \(number) (\(region.name.ru ?? ""), сгенерирован)",
                                                                             en: "District \(number) of \(region.name.en ?? "") (generated)"),
                                                         center: LocalizedText())))
                    akimats.append(Organization(code: "bench-akimat-\(code.lowercased())", type: .akimat,
                                                name: LocalizedText(kk: "\(number)-аудан әкімдігі (генерацияланған)", ru: "Акимат района \(number)",
                                                                    en: "Akimat of district \(number)"),
                                                regionCode: code, isDemo: true))
                }
            }
            try await districts.create(on: audit.db)
            try await ReferenceSeed.insert(akimats, on: audit.db)
            try await audit.record("seed", "bench", id: "national-scale-districts", before: Nothing?.none, after: ["districts": districts.count])
        }
        var codes: [String: UUID] = [:]
        for row in try await OrganizationRecord.query(on: db).field(\.$id).field(\.$code).field(\.$regionCode).all() {
            guard let id = row.id else { continue }
            codes[row.code] = id
            places[id] = row.regionCode
            if row.code.hasPrefix("bench-akimat-") {
                let region = RegionCode.topLevel(row.regionCode) ?? row.regionCode
                districtAkimats[region, default: []].append(id)
            }
        }
        let central = ["mci", "edu", "sci", "mvd", "mfa", "adilet", "public-accord", "apk-secretariat"].compactMap { codes[$0] }
        let regionAkimats = regions.compactMap { codes["akimat-\($0.code.lowercased())"] }
        let tasks = StrategyTree.shared.servable
        let total = max(1, Int((5_000 * fraction).rounded()))
        let placesOfExecutors = places

        /// One plan with `count` quarterly measures, each with a lead and eight co-executors.
        func plan(code: String, region: String, concept: String, years: ClosedRange<Int>, count: Int, lead: (Int) -> UUID,
                  coExecutors: (Int) -> [UUID]) async throws {
            let leads = (0..<count).map(lead)
            let teams = (0..<count).map(coExecutors)
            let places = placesOfExecutors
            let written = try await AuditLog.write(on: db, actor: .system, now: Day(year: years.lowerBound, month: 2, day: 1).end) { audit -> (Int, Int) in
                var dice = ControlLoopSeed.Dice(state: code.unicodeScalars.reduce(UInt64(7)) { $0 &* 31 &+ UInt64($1.value) })
                var written = (0, 0)
                let plan = Plan(code: code, title: LocalizedText(kk: "Жоспар \(code) (генерацияланған)", ru: "План \(code) (сгенерирован)", en: "Plan \(code) (generated)"),
                                regionCode: region, conceptCode: concept, startYear: years.lowerBound, endYear: years.upperBound, status: .approved,
                                approvedAt: Day(year: years.lowerBound, month: 2, day: 1).end, approvedBy: "bench", isDemo: true)
                try await PlanRecord(plan).create(on: audit.db)
                let servable = tasks.filter { $0.conceptCode == concept }
                var measures: [MeasureRecord] = []
                var links: [MeasureTaskRecord] = []
                var nodes: [MeasureNodeRecord] = []
                var reports: [ReportRecord] = []
                var events: [MeasureEventRecord] = []
                var entries: [(action: String, entityType: String, entityID: String, after: String)] = []
                func flush() async throws {
                    try await measures.create(on: audit.db); measures.removeAll(keepingCapacity: true)
                    try await links.create(on: audit.db); links.removeAll(keepingCapacity: true)
                    for start in stride(from: 0, to: nodes.count, by: 500) { try await Array(nodes[start..<min(start + 500, nodes.count)]).create(on: audit.db) }
                    nodes.removeAll(keepingCapacity: true)
                    for start in stride(from: 0, to: reports.count, by: 500) { try await Array(reports[start..<min(start + 500, reports.count)]).create(on: audit.db) }
                    for start in stride(from: 0, to: events.count, by: 500) { try await Array(events[start..<min(start + 500, events.count)]).create(on: audit.db) }
                    try await audit.recordMany(entries)
                    written.0 += reports.count
                    written.1 += events.count
                    reports.removeAll(keepingCapacity: true); events.removeAll(keepingCapacity: true); entries.removeAll(keepingCapacity: true)
                }
                for index in 0..<count {
                    let task = servable[(index * 7) % servable.count].code
                    let measure = Measure(planID: plan.id, code: "\(index + 1)",
                                          title: LocalizedText(kk: "Іс-шара \(index + 1): \(task)", ru: "Мероприятие \(index + 1)"),
                                          taskCodes: [task], executorID: leads[index], coExecutorIDs: teams[index],
                                          completionForm: CompletionForm.allCases[index % CompletionForm.allCases.count],
                                          deadline: .periodic(.quarterly, dueDay: 10), budgetSource: .local, amount: Int64(1_000_000 * (index % 9 + 1)),
                                          weight: index % 3 + 1)
                    measures.append(MeasureRecord(measure))
                    links.append(MeasureTaskRecord(measureID: measure.id, planID: plan.id, taskCode: task))
                    nodes += MeasureNodeRecord.rows(for: measure.id, taskCodes: [task])
                    for period in measure.periods(in: plan.years) {
                        for executor in measure.executors {
                            var report = Report(measureID: measure.id, planID: plan.id, regionCode: region, executorID: executor,
                                                executorRegion: places[executor] ?? region, isLead: executor == measure.executorID, period: period)
                            let due = period.due.end
                            let roll = dice.next(100)
                            report.status = period.due >= today ? .notStarted
                                : roll < 78 ? .accepted : roll < 84 ? .submitted : roll < 89 ? .returned : roll < 94 ? .draft : .notStarted
                            if report.status != .notStarted {
                                report.execution = [ExecutionStatus.executed, .executed, .partlyExecuted, .inProgress, .notExecuted][dice.next(5)]
                                report.narrative = LocalizedText(kk: "Іс-шара жоспарға сәйкес орындалды.")
                            }
                            if [.submitted, .returned, .accepted].contains(report.status) {
                                let submitted = due.addingTimeInterval(Double(dice.next(30) - 20) * 86_400)
                                report.firstSubmittedAt = submitted
                                report.submittedAt = submitted
                                events.append(MeasureEventRecord(measureID: measure.id, reportID: report.id, at: submitted, actorName: "bench",
                                                                 action: "report.submit", periodCode: period.code, executorID: executor, comment: nil))
                                entries.append(("submit", "report", report.id.uuidString, "{\"status\":\"submitted\"}"))
                                if report.status == .accepted {
                                    report.acceptedAt = submitted.addingTimeInterval(4 * 86_400)
                                    events.append(MeasureEventRecord(measureID: measure.id, reportID: report.id, at: report.acceptedAt!, actorName: "bench",
                                                                     action: "report.accept", periodCode: period.code, executorID: executor, comment: nil))
                                    entries.append(("accept", "report", report.id.uuidString, "{\"status\":\"accepted\"}"))
                                } else if report.status == .returned {
                                    report.returnComment = "Толықтырыңыз"
                                    entries.append(("return", "report", report.id.uuidString, "{\"status\":\"returned\"}"))
                                }
                            }
                            reports.append(ReportRecord(report))
                        }
                    }
                    if reports.count >= 20_000 { try await flush() }
                }
                try await flush()
                try await PlanVersionRecord(plan: plan, measures: [], at: plan.approvedAt!, by: "bench").create(on: audit.db)
                try await audit.record("seed", "bench", id: code, before: Nothing?.none, after: ["measures": count])
                return written
            }
            summary.reports += written.0
            summary.events += written.1
            summary.plans += 1
            summary.measures += count
        }

        let national = total / 5
        try await plan(code: "bench-kz-2015-2020", region: RegionCode.republic, concept: "C1", years: 2015...2020, count: national / 2,
                       lead: { central[$0 % central.count] }, coExecutors: { index in (0..<8).map { regionAkimats[(index + $0) % regionAkimats.count] } })
        try await plan(code: "bench-kz-2021-2025", region: RegionCode.republic, concept: "C2", years: 2021...2025, count: national - national / 2,
                       lead: { central[$0 % central.count] }, coExecutors: { index in (0..<8).map { regionAkimats[(index + $0 * 2) % regionAkimats.count] } })
        let perRegion = (total - national) / regions.count
        for (offset, region) in regions.enumerated() {
            let districts = districtAkimats[region.code] ?? []
            let lead = codes["akimat-\(region.code.lowercased())"] ?? regionAkimats[offset]
            let accord = codes["public-accord-\(region.code.lowercased())"] ?? lead
            for (concept, years) in [("C1", 2015...2020), ("C2", 2021...2025)] {
                try await plan(code: "bench-\(region.code.lowercased())-\(years.lowerBound)", region: region.code, concept: concept, years: years,
                               count: perRegion / 2, lead: { $0 % 2 == 0 ? lead : accord },
                               coExecutors: { index in (0..<8).map { districts[(index + $0) % max(districts.count, 1)] } })
            }
        }
        return summary
    }
}
