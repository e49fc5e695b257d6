import BirlikCore
import FluentKit
import Foundation

/// Composes the annual report to the Head of State from the plans, measures, reports and
/// instructions of a year, as the Secretariat sees them.
public enum AnnualReportQueries {
    public static func content(year: Int, actor: Actor, asOf: Day, on db: any Database) async throws -> AnnualReportContent {
        guard Access.visibility(actor, .report) == .everything else { throw actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let plans = try await PlanRecord.query(on: db).filter(\.$startYear <= year).filter(\.$endYear >= year)
            .filter(\.$status != PlanStatus.draft.rawValue).all().map(\.plan)
        let planByID = Dictionary(uniqueKeysWithValues: plans.map { ($0.id, $0) })
        var measures: [Measure] = []
        for start in stride(from: 0, to: plans.count, by: 200) {
            let ids = plans[start..<min(start + 200, plans.count)].map(\.id)
            measures += try await MeasureRecord.query(on: db).filter(\.$planID ~~ ids).sort(\.$sortKey).all().map(\.measure)
        }
        let filter = DashboardQueries.Filter(asOf: asOf, year: year)
        let perMeasure = try await DashboardQueries.rates(by: .measure, filter, actor: actor, on: db)
        // The responsible executors' accepted reports of the year: status, narrative and actuals.
        var latest: [UUID: Report] = [:]
        var actuals: [UUID: [Int: Double]] = [:]
        let rows = try await ReportRecord.query(on: db).filter(\.$periodYear == year).filter(\.$isLead == true)
            .filter(\.$status == ReportStatus.accepted.rawValue).all()
        for row in rows {
            let report = row.report
            if let previous = latest[report.measureID], previous.due > report.due { } else { latest[report.measureID] = report }
            for (index, value) in report.actuals { actuals[report.measureID, default: [:]][index] = max(actuals[report.measureID]?[index] ?? 0, value) }
        }
        let names = try await OrganizationQueries.labels(ids: measures.map(\.executorID), on: db)
        func line(_ measure: Measure) -> AnnualReportContent.MeasureLine {
            let report = latest[measure.id]
            return AnnualReportContent.MeasureLine(
                planCode: planByID[measure.planID]?.code ?? "", code: measure.code, title: measure.title,
                executor: names[measure.executorID]?.name ?? LocalizedText(), execution: report?.execution,
                rates: perMeasure[measure.id.uuidString] ?? Rates(), narrative: report?.narrative ?? LocalizedText(),
                indicators: measure.indicators.enumerated().map { index, indicator in
                    (indicator.name, indicator.unit, indicator.targets[year], actuals[measure.id]?[index])
                })
        }
        let tree = StrategyTree.shared
        let nodeFigures = try await DashboardQueries.byStrategyNode(filter, actor: actor, on: db)
        var sections: [AnnualReportContent.Section] = []
        var listed = Set<UUID>()
        for node in tree.nodes where node.kind == .direction || node.kind == .task || node.kind == .project {
            let serving = measures.filter { $0.taskCodes.contains(node.code) && !listed.contains($0.id) }
            guard !serving.isEmpty else { continue }
            serving.forEach { listed.insert($0.id) }
            let figures = nodeFigures[node.code]
            sections.append(.init(node: node, rates: figures?.rates ?? Rates(), progress: figures?.progress, measures: serving.map(line)))
        }
        var regions: [String: Rates] = [:]
        for (code, rates) in try await DashboardQueries.rates(by: .territory, filter, actor: actor, on: db) {
            let top = RegionCode.topLevel(code) ?? code
            regions[top, default: Rates()] = regions[top, default: Rates()] + rates
        }
        let regionLines = ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }.map { region in
            AnnualReportContent.RegionLine(code: region.code, name: region.name, rates: regions[region.code] ?? Rates())
        }
        let notExecuted = measures.filter { measure in
            let figures = perMeasure[measure.id.uuidString] ?? Rates()
            return figures.leadExpected > 0 && (latest[measure.id] == nil || latest[measure.id]?.execution == .notExecuted)
        }.map(line)
        let instructions = try await InstructionRecord.query(on: db).all().map(\.instruction)
        let overdue = instructions.filter { $0.isOverdue(today: asOf) }
        let executorNames = try await OrganizationQueries.labels(ids: overdue.flatMap(\.executorIDs), on: db).mapValues(\.name)
        return AnnualReportContent(
            year: year, asOf: asOf, total: try await DashboardQueries.total(filter, actor: actor, on: db),
            planCount: plans.count, measureCount: measures.count,
            instructionsExecuted: instructions.filter { $0.status == .executed && $0.deadline.year == year }.count,
            instructionsOnControl: instructions.filter { $0.status == .onControl }.count,
            sections: sections, regions: regionLines, notExecuted: notExecuted, overdueInstructions: overdue,
            instructionExecutors: executorNames)
    }
}
