import Foundation

/// A plan as the spreadsheet ministries exchange: №, measure, completion form, executors, deadline,
/// expected costs, source of funding, and the Concept tasks the measure serves. The same layout is
/// exported and imported; headers are recognised in Kazakh, Russian and English.
public enum PlanSheet {
    /// The columns, in order.
    public enum Column: String, CaseIterable, Sendable {
        case number, title, completionForm, executors, deadline, amount, budgetSource, tasks

        /// The header's catalog key.
        public var key: L10nKey {
            switch self {
            case .number: .planSheetNumber
            case .title: .measureTitle
            case .completionForm: .measureCompletionForm
            case .executors: .measureExecutors
            case .deadline: .measureDeadline
            case .amount: .measureAmountTenge
            case .budgetSource: .measureBudgetSource
            case .tasks: .measureTasks
            }
        }
    }

    public static func header(_ l10n: Localizer) -> [String] { Column.allCases.map { l10n($0.key) } }

    /// A measure as a row; `executorLabel` names an organisation ("Name (code)").
    public static func row(_ measure: Measure, _ l10n: Localizer, executorLabel: (UUID) -> String) -> [String] {
        let deadline: String
        switch measure.deadline {
        case let .date(day): deadline = day.dotted
        case let .periodic(periodicity, dueDay): deadline = "\(l10n(periodicity.l10nKey)), \(dueDay)"
        }
        return [measure.code, l10n.text(measure.title), l10n(measure.completionForm.l10nKey), measure.executors.map(executorLabel).joined(separator: "; "),
                deadline, measure.amount == 0 ? "" : String(measure.amount), l10n(measure.budgetSource.l10nKey), measure.taskCodes.joined(separator: ", ")]
    }

    /// The measures a sheet describes, each with its spreadsheet row number, or every problem found
    /// (`FieldError` fields are `row:column`, arguments carry the row).
    public static func drafts(_ rows: [[String]], language: Language) throws -> [(row: Int, draft: MeasureDraft)] {
        func fold(_ text: String) -> String { SearchFolding.fold(text) }
        guard let headerIndex = rows.firstIndex(where: { row in row.contains { fold($0) == fold("№") || $0.trimmingCharacters(in: .whitespaces) == "№" } }) else {
            throw DomainError.invalid([FieldError("1:number", .importNoHeader)])
        }
        let header = rows[headerIndex]
        var positions: [Column: Int] = [:]
        for column in Column.allCases {
            let names = Set(Language.allCases.map { fold(L10nCatalog.shared.text(column.key, $0)) } + [fold(column.rawValue)])
            if let index = header.firstIndex(where: { cell in
                let folded = fold(cell)
                return names.contains(folded) || (column == .number && cell.trimmingCharacters(in: .whitespaces) == "№")
            }) { positions[column] = index }
        }
        let missing = Column.allCases.filter { positions[$0] == nil }
        if !missing.isEmpty {
            throw DomainError.invalid(missing.map { FieldError("\(headerIndex + 1):\($0.rawValue)", .importMissingColumn,
                                                                ["column": L10nCatalog.shared.text($0.key, language)]) })
        }
        var result: [(Int, MeasureDraft)] = []
        var problems: [FieldError] = []
        for (offset, row) in rows.enumerated().dropFirst(headerIndex + 1) {
            func cell(_ column: Column) -> String {
                let index = positions[column]!
                return index < row.count ? row[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            }
            if Column.allCases.allSatisfy({ cell($0).isEmpty }) { continue }
            let number = offset + 1
            let executors = cell(.executors).split(whereSeparator: { ";\n".contains($0) }).map { executorCode(String($0)) }
            var draft = MeasureDraft(code: cell(.number), titleKK: language == .kk ? cell(.title) : "", titleRU: language == .ru ? cell(.title) : "",
                                     titleEN: language == .en ? cell(.title) : "",
                                     taskCodes: cell(.tasks).split(whereSeparator: { ",; ".contains($0) }).map(String.init),
                                     executorCode: executors.first ?? "", coExecutorCodes: executors.dropFirst().joined(separator: ", "),
                                     budgetSource: "", amount: cell(.amount).replacingOccurrences(of: "—", with: ""))
            if let form = match(cell(.completionForm), CompletionForm.allCases, \.l10nKey) { draft.completionForm = form.rawValue }
            else if !cell(.completionForm).isEmpty { problems.append(FieldError("\(number):completionForm", .fieldChooseValue, ["row": "\(number)"])) }
            if let source = match(cell(.budgetSource), BudgetSource.allCases, \.l10nKey) { draft.budgetSource = source.rawValue }
            else { problems.append(FieldError("\(number):budgetSource", .fieldChooseValue, ["row": "\(number)"])) }
            let deadline = cell(.deadline)
            if let day = Day(deadline) {
                draft.deadlineKind = "date"
                draft.deadlineDate = day.description
            } else if let periodicity = match(deadline.split(separator: ",").first.map(String.init) ?? deadline, Periodicity.allCases, \.l10nKey) {
                draft.deadlineKind = periodicity.rawValue
                draft.dueDay = deadline.split(whereSeparator: { !$0.isNumber }).first.map(String.init) ?? "10"
            } else {
                problems.append(FieldError("\(number):deadline", .importDeadline, ["row": "\(number)"]))
                continue
            }
            result.append((number, draft))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        if result.isEmpty { throw DomainError.invalid([FieldError("\(headerIndex + 2):number", .importEmpty)]) }
        return result
    }

    /// `Name (code)` → `code`; a bare code stays as it is.
    static func executorCode(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") {
            return String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]).trimmingCharacters(in: .whitespaces)
        }
        return trimmed
    }

    /// The case whose name in any language (or raw value) is `text`.
    static func match<T: RawRepresentable>(_ text: String, _ cases: [T], _ key: (T) -> L10nKey) -> T? where T.RawValue == String {
        let folded = SearchFolding.fold(text)
        guard !folded.isEmpty else { return nil }
        return cases.first { item in
            folded == SearchFolding.fold(item.rawValue) || Language.allCases.contains { SearchFolding.fold(L10nCatalog.shared.text(key(item), $0)) == folded }
        }
    }
}
