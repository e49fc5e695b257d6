import BirlikCore
import BirlikStorage
import Vapor

/// The JSON API of plans, measures and the dashboard figures (`/api/v1`), described in `OpenAPIDocument`.
enum ControlLoopAPI {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.apiPlans, use: plans)
        routes.get(.apiMeasures, use: measures)
        routes.get(.apiDashboardSummary, use: summary)
    }

    struct PlanDTO: Content {
        var id: UUID
        var code: String
        var title: LocalizedText
        var region: String
        var concept: String
        var startYear: Int
        var endYear: Int
        var status: String
        var planVersion: Int
        var approvedAt: Date?
        var measureCount: Int
        var url: String
    }

    static func plans(_ request: Request) async throws -> [PlanDTO] {
        let counts = try await PlanQueries.measureCounts(on: request.db)
        return try await PlanQueries.list(actor: request.actor, on: request.db).map { plan in
            PlanDTO(id: plan.id, code: plan.code, title: plan.title, region: plan.regionCode, concept: plan.conceptCode, startYear: plan.startYear,
                    endYear: plan.endYear, status: plan.status.rawValue, planVersion: plan.planVersion, approvedAt: plan.approvedAt,
                    measureCount: counts[plan.id] ?? 0, url: SiteURL.plan(code: plan.code).path)
        }
    }

    struct IndicatorDTO: Content {
        var name: LocalizedText
        var unit: String
        var baseline: Double
        var targets: [String: Double]
    }

    struct MeasureDTO: Content {
        var id: UUID
        var plan: String
        var code: String
        var title: LocalizedText
        var tasks: [String]
        var executor: String
        var coExecutors: [String]
        var completionForm: String
        var deadline: String
        var periodicity: String?
        var dueDay: Int?
        var budgetSource: String
        var amount: Int64
        var expectedResult: LocalizedText
        var indicators: [IndicatorDTO]
        var weight: Int
        var url: String
    }

    static func measures(_ request: Request) async throws -> [MeasureDTO] {
        let planCode = request.queryText("plan")
        let plan = try await planCode.asyncMap { try await PlanQueries.find(code: $0, actor: request.actor, on: request.db) }
        let executorCode = request.queryText("executor")?.lowercased()
        let executor = try await executorCode.asyncMap { try await OrganizationQueries.ids(codes: [$0], on: request.db)[$0] } ?? nil
        if executorCode != nil, executor == nil { throw DomainError.invalid([FieldError("executor", .fieldUnknownOrganization)]) }
        let region = request.queryText("region")
        if let region, !RegionCode.isValid(region) { throw DomainError.invalid([FieldError("region", .fieldChooseValue)]) }
        let rows = try await PlanQueries.measures(.init(planID: plan?.id, executorID: executor, regionCode: region, taskCode: request.queryText("task")),
                                                  actor: request.actor, limit: 5000, on: request.db)
        let codes = try await OrganizationQueries.labels(ids: rows.flatMap(\.0.executors), on: request.db).mapValues(\.code)
        return rows.map { measure, plan in
            var deadline = "", periodicity: String?, dueDay: Int?
            switch measure.deadline {
            case let .date(day): deadline = day.description
            case let .periodic(value, day): periodicity = value.rawValue; dueDay = day
            }
            return MeasureDTO(id: measure.id, plan: plan.code, code: measure.code, title: measure.title, tasks: measure.taskCodes,
                              executor: codes[measure.executorID] ?? "", coExecutors: measure.coExecutorIDs.compactMap { codes[$0] },
                              completionForm: measure.completionForm.rawValue, deadline: deadline, periodicity: periodicity, dueDay: dueDay,
                              budgetSource: measure.budgetSource.rawValue, amount: measure.amount, expectedResult: measure.expectedResult,
                              indicators: measure.indicators.map { IndicatorDTO(name: $0.name, unit: $0.unit, baseline: $0.baseline,
                                                                                targets: Dictionary(uniqueKeysWithValues: $0.targets.map { ("\($0.key)", $0.value) })) },
                              weight: measure.weight, url: SiteURL.measure(id: measure.id.uuidString).path)
        }
    }

    struct RatesDTO: Content {
        var expected: Int
        var accepted: Int
        var onTime: Int
        var overdue: Int
        var reportingRate: Double?
        var timeliness: Double?
        var progress: Double?

        init(_ rates: Rates) {
            expected = rates.expected; accepted = rates.accepted; onTime = rates.onTime; overdue = rates.overdue
            reportingRate = rates.reportingRate; timeliness = rates.timeliness; progress = rates.progress
        }
    }

    struct SummaryDTO: Content {
        var asOf: String
        var year: Int?
        var region: String?
        var total: RatesDTO
        var byRegion: [String: RatesDTO]
        var byYear: [String: RatesDTO]
        var overdueInstructions: Int
        var definitions: [String: String]
    }

    static func summary(_ request: Request) async throws -> SummaryDTO {
        let selection = try MonitoringController.Selection(request)
        let filter = selection.filter(asOf: request.today)
        let actor = request.actor
        var byRegion: [String: Rates] = [:]
        for (code, rates) in try await DashboardQueries.rates(by: .territory, filter, actor: actor, on: request.db) {
            let key = selection.regionCode == nil ? RegionCode.topLevel(code) ?? code : code
            byRegion[key, default: Rates()] = byRegion[key, default: Rates()] + rates
        }
        let l10n = request.l10n
        return SummaryDTO(asOf: request.today.description, year: selection.year, region: selection.regionCode,
                          total: RatesDTO(try await DashboardQueries.total(filter, actor: actor, on: request.db)),
                          byRegion: byRegion.mapValues(RatesDTO.init),
                          byYear: try await DashboardQueries.rates(by: .year, filter, actor: actor, on: request.db).mapValues(RatesDTO.init),
                          overdueInstructions: try await InstructionQueries.overdue(actor: actor, today: request.today, on: request.db).count,
                          definitions: ["expected": l10n(.figuresExpectedDefinition), "reportingRate": l10n(.figuresReportingRateDefinition),
                                        "timeliness": l10n(.figuresTimelinessDefinition), "progress": l10n(.figuresProgressDefinition)])
    }
}
