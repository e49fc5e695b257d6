import Foundation

/// What an executor enters for a report, before it is checked.
public struct ReportDraft: Codable, Sendable, Hashable {
    public var execution: String
    public var narrativeKK: String
    public var narrativeRU: String
    /// Indicator actuals as typed, by indicator position.
    public var actuals: [Int: String]
    public var version: Int

    public init(execution: String = "", narrativeKK: String = "", narrativeRU: String = "", actuals: [Int: String] = [:], version: Int = 0) {
        self.execution = execution; self.narrativeKK = narrativeKK; self.narrativeRU = narrativeRU
        self.actuals = actuals; self.version = version
    }

    public init(_ report: Report) {
        self.init(execution: report.execution?.rawValue ?? "", narrativeKK: report.narrative.kk ?? "",
                  narrativeRU: report.narrative.ru ?? "",
                  actuals: report.actuals.mapValues { $0.rounded() == $0 ? String(Int64($0)) : String($0) }, version: report.version)
    }

    /// The checked values; `submitting` also requires a status and a narrative in Kazakh or Russian.
    public func validated(indicators: [Indicator], submitting: Bool) throws -> (ExecutionStatus?, LocalizedText, [Int: Double]) {
        var errors: [FieldError] = []
        let execution = ExecutionStatus(rawValue: execution)
        if !self.execution.isEmpty, execution == nil { errors.append(FieldError("execution", .fieldChooseValue)) }
        if submitting, execution == nil, self.execution.isEmpty { errors.append(FieldError("execution", .fieldRequired)) }
        let narrative = LocalizedText(kk: narrativeKK, ru: narrativeRU)
        if submitting, narrative.kk == nil, narrative.ru == nil { errors.append(FieldError("narrativeKK", .fieldNarrativeRequired)) }
        for (field, text) in [("narrativeKK", narrativeKK), ("narrativeRU", narrativeRU)] where text.count > 20_000 {
            errors.append(FieldError(field, .fieldTooLong, ["max": "20000"]))
        }
        var actuals: [Int: Double] = [:]
        for (index, text) in self.actuals {
            let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: "")
            guard !trimmed.isEmpty else { continue }
            guard indicators.indices.contains(index) else { errors.append(FieldError("actual\(index)", .fieldChooseValue)); continue }
            guard let value = Double(trimmed), value.isFinite else {
                errors.append(FieldError("actual\(index)", .fieldNumber)); continue
            }
            if value < 0 { errors.append(FieldError("actual\(index)", .fieldNegative)); continue }
            actuals[index] = value
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return (execution, narrative, actuals)
    }
}
