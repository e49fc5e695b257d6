import Foundation

/// What a user submits to add or change a measure, before it is checked. Organisations are named by
/// their registry codes; one indicator can be entered on the form (the import and the API take more).
public struct MeasureDraft: Codable, Sendable, Hashable {
    public var code: String
    public var titleKK: String
    public var titleRU: String
    public var titleEN: String
    public var taskCodes: [String]
    public var executorCode: String
    /// Co-executors' codes, separated by commas, semicolons or new lines.
    public var coExecutorCodes: String
    public var completionForm: String
    /// `date` or one of the periodicities.
    public var deadlineKind: String
    public var deadlineDate: String
    public var dueDay: String
    public var budgetSource: String
    public var amount: String
    public var expectedResultKK: String
    public var expectedResultRU: String
    public var indicatorKK: String
    public var indicatorRU: String
    public var indicatorUnit: String
    public var indicatorBaseline: String
    /// `2021=10; 2022=12`.
    public var indicatorTargets: String
    public var weight: String
    public var version: Int

    public init(code: String = "", titleKK: String = "", titleRU: String = "", titleEN: String = "", taskCodes: [String] = [],
                executorCode: String = "", coExecutorCodes: String = "", completionForm: String = "", deadlineKind: String = "annually",
                deadlineDate: String = "", dueDay: String = "10", budgetSource: String = "notRequired", amount: String = "",
                expectedResultKK: String = "", expectedResultRU: String = "", indicatorKK: String = "", indicatorRU: String = "",
                indicatorUnit: String = "", indicatorBaseline: String = "", indicatorTargets: String = "", weight: String = "1", version: Int = 0) {
        self.code = code; self.titleKK = titleKK; self.titleRU = titleRU; self.titleEN = titleEN; self.taskCodes = taskCodes
        self.executorCode = executorCode; self.coExecutorCodes = coExecutorCodes; self.completionForm = completionForm
        self.deadlineKind = deadlineKind; self.deadlineDate = deadlineDate; self.dueDay = dueDay; self.budgetSource = budgetSource
        self.amount = amount; self.expectedResultKK = expectedResultKK; self.expectedResultRU = expectedResultRU
        self.indicatorKK = indicatorKK; self.indicatorRU = indicatorRU; self.indicatorUnit = indicatorUnit
        self.indicatorBaseline = indicatorBaseline; self.indicatorTargets = indicatorTargets; self.weight = weight; self.version = version
    }

    /// The draft of an existing measure; `codeOf` names organisations by their registry codes.
    public init(_ measure: Measure, codeOf: (UUID) -> String) {
        var deadlineKind = "date", deadlineDate = "", dueDay = "10"
        switch measure.deadline {
        case let .date(day): deadlineDate = day.description
        case let .periodic(periodicity, day): deadlineKind = periodicity.rawValue; dueDay = String(day)
        }
        let indicator = measure.indicators.first
        self.init(code: measure.code, titleKK: measure.title.kk ?? "", titleRU: measure.title.ru ?? "", titleEN: measure.title.en ?? "",
                  taskCodes: measure.taskCodes, executorCode: codeOf(measure.executorID),
                  coExecutorCodes: measure.coExecutorIDs.map(codeOf).joined(separator: ", "),
                  completionForm: measure.completionForm.rawValue, deadlineKind: deadlineKind, deadlineDate: deadlineDate, dueDay: dueDay,
                  budgetSource: measure.budgetSource.rawValue, amount: measure.amount == 0 ? "" : String(measure.amount),
                  expectedResultKK: measure.expectedResult.kk ?? "", expectedResultRU: measure.expectedResult.ru ?? "",
                  indicatorKK: indicator?.name.kk ?? "", indicatorRU: indicator?.name.ru ?? "", indicatorUnit: indicator?.unit ?? "",
                  indicatorBaseline: indicator.map { Self.number($0.baseline) } ?? "",
                  indicatorTargets: indicator?.targets.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.number($0.value))" }.joined(separator: "; ") ?? "",
                  weight: String(measure.weight), version: measure.version)
    }

    static func number(_ value: Double) -> String { value.rounded() == value && abs(value) < NumberText.limit ? String(Int64(value)) : String(value) }

    /// Checks every field against the plan and builds the measure, or throws `DomainError.invalid`.
    /// - Parameter organizations: resolves a registry code to an organisation's id.
    public func validated(id: UUID, plan: Plan, organizations: (String) -> UUID?, extraIndicators: [Indicator] = []) throws -> Measure {
        var problems: [FieldError] = []
        let code = code.trimmingCharacters(in: .whitespaces)
        if code.isEmpty {
            problems.append(FieldError("code", .fieldRequired))
        } else if code.count > 20 || !code.allSatisfy({ $0.isNumber || $0 == "." || ($0.isASCII && $0.isLetter) }) {
            problems.append(FieldError("code", .fieldMeasureCode))
        }
        let title = LocalizedText(kk: titleKK, ru: titleRU, en: titleEN)
        if title.kk == nil, title.ru == nil { problems.append(FieldError("titleKK", .fieldRequired)) }
        for (field, value) in [("titleKK", titleKK), ("titleRU", titleRU), ("titleEN", titleEN)] where value.count > 2000 {
            problems.append(FieldError(field, .fieldTooLong, ["max": "2000"]))
        }
        let tasks = taskCodes.filter { !$0.isEmpty }
        if tasks.isEmpty { problems.append(FieldError("taskCodes", .fieldRequired)) }
        if tasks.contains(where: { StrategyTree.shared.node($0)?.canBeServed != true }) { problems.append(FieldError("taskCodes", .fieldChooseValue)) }
        let executorCode = executorCode.trimmingCharacters(in: .whitespaces).lowercased()
        let executor = executorCode.isEmpty ? nil : organizations(executorCode)
        if executorCode.isEmpty { problems.append(FieldError("executorCode", .fieldExecutorRequired)) }
        else if executor == nil { problems.append(FieldError("executorCode", .fieldUnknownOrganization)) }
        let coCodes = coExecutorCodes.split(whereSeparator: { ",;\n".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.filter { !$0.isEmpty }
        let coExecutors = coCodes.compactMap(organizations)
        if coExecutors.count != coCodes.count { problems.append(FieldError("coExecutorCodes", .fieldUnknownOrganization)) }
        let form = CompletionForm(rawValue: completionForm)
        if form == nil { problems.append(FieldError("completionForm", .fieldChooseValue)) }
        var deadline: Deadline?
        if deadlineKind == "date" {
            if let day = Day(deadlineDate) {
                if plan.years.contains(day.year) || day.year == plan.endYear + 1 && day.month == 1 { deadline = .date(day) }
                else { problems.append(FieldError("deadlineDate", .fieldDeadlineOutsidePlan, ["start": "\(plan.startYear)", "end": "\(plan.endYear)"])) }
            } else {
                problems.append(FieldError("deadlineDate", .fieldDate))
            }
        } else if let periodicity = Periodicity(rawValue: deadlineKind) {
            if let day = Int(dueDay.trimmingCharacters(in: .whitespaces)), (1...31).contains(day) { deadline = .periodic(periodicity, dueDay: day) }
            else { problems.append(FieldError("dueDay", .fieldDayOfMonth)) }
        } else {
            problems.append(FieldError("deadlineKind", .fieldChooseValue))
        }
        let budget = BudgetSource(rawValue: budgetSource)
        if budget == nil { problems.append(FieldError("budgetSource", .fieldChooseValue)) }
        let amountText = amount.filter { !$0.isWhitespace }
        let amountValue = amountText.isEmpty ? 0 : Int64(amountText).flatMap { Double($0.magnitude) <= NumberText.limit ? $0 : nil }
        if amountValue == nil { problems.append(FieldError("amount", .fieldNumber)) }
        else if amountValue! < 0 { problems.append(FieldError("amount", .fieldNegative)) }
        else if budget == .notRequired, amountValue! > 0 { problems.append(FieldError("amount", .fieldAmountWithoutSource)) }
        let weightValue = Int(weight.trimmingCharacters(in: .whitespaces)) ?? -1
        if !(1...100).contains(weightValue) { problems.append(FieldError("weight", .fieldWeight)) }
        var indicators: [Indicator] = []
        let indicatorName = LocalizedText(kk: indicatorKK, ru: indicatorRU)
        if !indicatorName.isEmpty {
            let baseline = indicatorBaseline.isEmpty ? 0 : NumberText.parse(indicatorBaseline)
            if baseline == nil { problems.append(FieldError("indicatorBaseline", .fieldNumber)) }
            var targets: [Int: Double] = [:]
            for pair in indicatorTargets.split(whereSeparator: { ";\n".contains($0) }) {
                let parts = pair.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, let year = Int(parts[0]), plan.years.contains(year),
                   let value = NumberText.parse(parts[1]), value >= 0 {
                    targets[year] = value
                } else {
                    problems.append(FieldError("indicatorTargets", .fieldTargets, ["start": "\(plan.startYear)", "end": "\(plan.endYear)"]))
                    break
                }
            }
            indicators.append(Indicator(name: indicatorName, unit: indicatorUnit.trimmingCharacters(in: .whitespaces), baseline: baseline ?? 0, targets: targets))
        }
        guard problems.isEmpty, let executor, let form, let deadline, let budget, let amountValue else { throw DomainError.invalid(problems) }
        return Measure(id: id, planID: plan.id, code: code, title: title, taskCodes: tasks, executorID: executor,
                       coExecutorIDs: coExecutors.filter { $0 != executor }, completionForm: form, deadline: deadline,
                       budgetSource: budget, amount: amountValue,
                       expectedResult: LocalizedText(kk: expectedResultKK, ru: expectedResultRU),
                       indicators: indicators + extraIndicators, weight: weightValue, version: version + 1)
    }
}
