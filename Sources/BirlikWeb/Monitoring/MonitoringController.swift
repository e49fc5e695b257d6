import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The monitoring and control dashboard and its exports (S3–S4).
enum MonitoringController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.dashboard, use: dashboard)
    }

    /// What a dashboard request asks for, narrowed to what the user may see: a coordinator always
    /// sees their own region, an executor their own organisation.
    struct Selection {
        var year: Int?
        var regionCode: String?
        var executorID: UUID?

        /// The widest view `Access` allows: the asked region (or the republic), else the user's region,
        /// else the user's organisation.
        init(_ request: Request) throws {
            let actor = request.actor
            year = try request.queryNumber("year", in: PlanDraft.allowedYears)
            let asked = request.queryText("region").flatMap { RegionCode.isValid($0) && $0 != RegionCode.republic ? $0 : nil }
            func allowed(_ organization: UUID?, _ region: String) -> Bool {
                Access.check(actor, .view, .dashboard, in: Scope(organizationID: organization, regionCode: region, isPublic: false)) == .allowed
            }
            if allowed(nil, asked ?? RegionCode.republic) {
                regionCode = asked
            } else if actor.regionCode != RegionCode.republic, allowed(nil, actor.regionCode) {
                regionCode = actor.regionCode
            } else {
                try Access.require(actor, .view, .dashboard, in: MonitoringController.ownScope(actor))
                executorID = actor.organizationID
            }
        }

        func filter(asOf: Day) -> DashboardQueries.Filter {
            DashboardQueries.Filter(asOf: asOf, year: year, regionCode: regionCode, executorID: executorID)
        }
    }

    /// The figures of the user's own organisation, the narrowest view of the figures.
    static func ownScope(_ actor: Actor) -> Scope {
        Scope(organizationID: actor.organizationID, regionCode: actor.regionCode, isPublic: false)
    }

    /// Whether pages show `actor` control figures at all.
    static func showsFigures(_ actor: Actor) -> Bool {
        Access.check(actor, .view, .dashboard, in: ownScope(actor)) == .allowed
    }

    static func model(_ request: Request) async throws -> DashboardPage.Model {
        let actor = request.actor
        let selection = try Selection(request)
        let today = request.today
        let filter = selection.filter(asOf: today)
        let regions = try await request.regions()
        let byTerritory = try await DashboardQueries.rates(by: .territory, filter, actor: actor, on: request.db)
        var territories: [(Region, Rates)] = []
        if let region = selection.regionCode {
            // Inside a region: the region's own bodies, then each district.
            for place in regions where place.code == region || place.parent == region {
                let rates = byTerritory[place.code] ?? Rates()
                if rates.expected > 0 || place.code == region { territories.append((place, rates)) }
            }
        } else {
            var rolled: [String: Rates] = [:]
            for (code, rates) in byTerritory {
                let top = RegionCode.topLevel(code) ?? code
                rolled[top, default: Rates()] = rolled[top, default: Rates()] + rates
            }
            for region in regions where region.kind == .region || region.kind == .city || region.kind == .republic {
                if let rates = rolled[region.code] { territories.append((region, rates)) }
                else if region.kind != .republic { territories.append((region, Rates())) }
            }
        }
        let nodeFigures = try await DashboardQueries.byStrategyNode(filter, actor: actor, nodeCounts: request.application.birlik.nodeCounts, on: request.db)
        let nodes = StrategyTree.shared.nodes.compactMap { node -> (StrategyNode, DashboardQueries.NodeFigures)? in
            guard [.direction, .task, .project].contains(node.kind), let figures = nodeFigures[node.code], figures.measureCount > 0 else { return nil }
            return (node, figures)
        }
        let byExecutor = try await DashboardQueries.rates(by: .executor, filter, actor: actor, on: request.db)
        let overdue = try await ReportQueries.overdue(regionCode: selection.regionCode, year: selection.year, actor: actor, today: today, on: request.db)
            .filter { selection.executorID == nil || $0.report.executorID == selection.executorID }
        let labels = try await OrganizationQueries.labels(ids: byExecutor.keys.compactMap { UUID(uuidString: $0) } + overdue.map(\.report.executorID), on: request.db)
        // The executors with the most reports first; equals in the order of their codes (the same on every request).
        func code(_ key: String) -> String { UUID(uuidString: key).flatMap { labels[$0]?.code } ?? key }
        let top = byExecutor.sorted { ($0.value.expected, code($1.key)) > ($1.value.expected, code($0.key)) }.prefix(40)
        let l10n = request.l10n
        let instructions = try await InstructionQueries.overdue(actor: actor, today: today, on: request.db)
        let obligations = selection.executorID == nil
            ? try await CooperationQueries.overdueObligations(region: selection.regionCode, actor: actor, today: today, on: request.db) : []
        return DashboardPage.Model(
            year: selection.year, regionCode: selection.regionCode, years: Array(2015...(today.year + 1)).reversed(),
            total: try await DashboardQueries.total(filter, actor: actor, on: request.db),
            territories: territories, nodes: nodes,
            executors: top.compactMap { key, rates in
                guard let id = UUID(uuidString: key), let label = labels[id] else { return nil }
                return (label.code, l10n.text(label.name), rates)
            },
            overdue: overdue, overdueInstructions: instructions, overdueObligations: obligations,
            executorNames: labels.mapValues { l10n.text($0.name) }, regions: regions,
            showsRegionFilter: Access.check(actor, .view, .dashboard, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false)) == .allowed,
            today: today)
    }

    static func dashboard(_ request: Request) async throws -> Response {
        if let format = request.queryText("export").flatMap(TableExport.Format.init(rawValue:)) {
            return try export(try await model(request), table: request.queryText("table") ?? "territories", l10n: request.l10n).response(format)
        }
        // The page is the same for one user and URL until something changes: rendered once, kept until
        // the next audited change in this process (a few seconds at most for changes elsewhere).
        _ = try Selection(request)
        let l10n = request.l10n
        let key = "\(request.actor.userID?.uuidString ?? "")|\(l10n.language.rawValue)|\(l10n.script.rawValue)|\(request.url.string)"
        let parts = try await request.application.birlik.dashboards.value(key) {
            DashboardPage.view(try await model(request), .shared(request)).components(separatedBy: PageContext.tokenPlaceholder)
        }
        let token = request.birlik.csrfToken
        var body = request.byteBufferAllocator.buffer(capacity: parts.reduce(0) { $0 + $1.utf8.count } + parts.count * token.utf8.count)
        for (index, part) in parts.enumerated() {
            if index > 0 { body.writeString(token) }
            body.writeString(part)
        }
        let response = Response(status: .ok, body: .init(buffer: body))
        response.headers.contentType = .html
        return response
    }

    static func export(_ model: DashboardPage.Model, table: String, l10n: Localizer) throws -> TableExport {
        let figures = [l10n(.figuresExpected), l10n(.figuresReportingRate), l10n(.figuresTimeliness), l10n(.figuresOverdue), l10n(.figuresProgress)]
        func cells(_ rates: Rates) -> [XLSXWriter.Cell] {
            [.number(Double(rates.expected)), rates.reportingRate.map { .number(($0 * 1000).rounded() / 10) } ?? .empty,
             rates.timeliness.map { .number(($0 * 1000).rounded() / 10) } ?? .empty, .number(Double(rates.overdue)),
             rates.progress.map { .number(($0 * 1000).rounded() / 10) } ?? .empty]
        }
        switch table {
        case "tasks":
            return TableExport(name: "tasks", header: [l10n(.orgCode), l10n(.strategyKindTask), l10n(.planMeasures)] + figures,
                               rows: model.nodes.map { node, value in [.text(node.code), .text(l10n.text(node.text)), .number(Double(value.measureCount))] + cells(value.rates) })
        case "executors":
            return TableExport(name: "executors", header: [l10n(.orgCode), l10n(.reportExecutor)] + figures,
                               rows: model.executors.map { [.text($0.code), .text($0.name)] + cells($0.rates) })
        case "overdue":
            return TableExport(name: "overdue", header: [l10n(.reportDue), l10n(.navPlans), "№", l10n(.measureTitle), l10n(.reportPeriod), l10n(.reportExecutor), l10n(.planStatus)],
                               rows: model.overdue.map { row in
                                   [.text(row.report.due.dotted), .text(row.plan.code), .text(row.measure.code), .text(l10n.text(row.measure.title)),
                                    .text(ReportingPeriod.label(code: row.report.periodCode, l10n)), .text(model.executorNames[row.report.executorID] ?? ""), .text(l10n(row.report.status.l10nKey))]
                               })
        case "territories":
            return TableExport(name: "territories", header: [l10n(.orgCode), l10n(.columnRegion)] + figures,
                               rows: model.territories.map { region, rates in [.text(region.code), .text(l10n.text(region.name))] + cells(rates) })
        default:
            throw DomainError.malformed("table")
        }
    }
}
