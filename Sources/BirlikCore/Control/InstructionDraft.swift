import Foundation

/// What the Secretariat enters to put an instruction on control, before it is checked.
public struct InstructionDraft: Codable, Sendable, Hashable {
    public var number: String
    public var source: String
    public var sourceDate: String
    public var item: String
    public var textKK: String
    public var textRU: String
    /// Executors' registry codes, separated by commas, semicolons or new lines.
    public var executorCodes: String
    public var deadline: String

    public init(number: String = "", source: String = "session", sourceDate: String = "", item: String = "", textKK: String = "",
                textRU: String = "", executorCodes: String = "", deadline: String = "") {
        self.number = number; self.source = source; self.sourceDate = sourceDate; self.item = item; self.textKK = textKK
        self.textRU = textRU; self.executorCodes = executorCodes; self.deadline = deadline
    }

    /// The executors' codes as typed, normalised.
    public var codes: [String] {
        executorCodes.split(whereSeparator: { ",;\n".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.filter { !$0.isEmpty }
    }

    public func validated(id: UUID, organizations: (String) -> UUID?) throws -> Instruction {
        var problems: [FieldError] = []
        let number = number.trimmingCharacters(in: .whitespaces)
        if number.isEmpty { problems.append(FieldError("number", .fieldRequired)) }
        else if number.count > 40 { problems.append(FieldError("number", .fieldTooLong, ["max": "40"])) }
        let source = InstructionSource(rawValue: source)
        if source == nil { problems.append(FieldError("source", .fieldChooseValue)) }
        let given = Day(sourceDate)
        if given == nil { problems.append(FieldError("sourceDate", .fieldDate)) }
        let text = LocalizedText(kk: textKK, ru: textRU)
        if text.kk == nil, text.ru == nil { problems.append(FieldError("textKK", .fieldRequired)) }
        let executors = codes.compactMap(organizations)
        if codes.isEmpty { problems.append(FieldError("executorCodes", .fieldExecutorRequired)) }
        else if executors.count != codes.count { problems.append(FieldError("executorCodes", .fieldUnknownOrganization)) }
        let deadline = Day(self.deadline)
        if deadline == nil { problems.append(FieldError("deadline", .fieldDate)) }
        else if let given, let deadline, deadline < given { problems.append(FieldError("deadline", .fieldDeadlineBeforeSource)) }
        guard problems.isEmpty, let source, let given, let deadline else { throw DomainError.invalid(problems) }
        return Instruction(id: id, number: number, source: source, sourceDate: given, item: item.trimmingCharacters(in: .whitespaces),
                           text: text, executorIDs: executors, deadline: deadline)
    }
}
