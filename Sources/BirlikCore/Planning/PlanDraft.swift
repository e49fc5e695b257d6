import Foundation

/// What a user submits to create or change an action plan's header, before it is checked.
public struct PlanDraft: Codable, Sendable, Hashable {
    public var code: String
    public var titleKK: String
    public var titleRU: String
    public var titleEN: String
    public var regionCode: String
    public var conceptCode: String
    public var startYear: String
    public var endYear: String
    public var version: Int

    public init(code: String = "", titleKK: String = "", titleRU: String = "", titleEN: String = "", regionCode: String = "",
                conceptCode: String = "C2", startYear: String = "", endYear: String = "", version: Int = 0) {
        self.code = code; self.titleKK = titleKK; self.titleRU = titleRU; self.titleEN = titleEN; self.regionCode = regionCode
        self.conceptCode = conceptCode; self.startYear = startYear; self.endYear = endYear; self.version = version
    }

    /// The years a plan may cover.
    public static let allowedYears = 2015...2035

    /// Checks every field and builds the plan, or throws `DomainError.invalid` listing every problem.
    public func validated(id: UUID, regions: Set<String>, existing: Plan? = nil, isDemo: Bool = false) throws -> Plan {
        var problems: [FieldError] = []
        let code = code.trimmingCharacters(in: .whitespaces).lowercased()
        if code.isEmpty {
            problems.append(FieldError("code", .fieldRequired))
        } else if code.count > 80 || !code.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) {
            problems.append(FieldError("code", .fieldCodeFormat))
        }
        let title = LocalizedText(kk: titleKK, ru: titleRU, en: titleEN)
        if title.kk == nil { problems.append(FieldError("titleKK", .fieldRequired)) }
        for (field, value) in [("titleKK", titleKK), ("titleRU", titleRU), ("titleEN", titleEN)] where value.count > 500 {
            problems.append(FieldError(field, .fieldTooLong, ["max": "500"]))
        }
        if !regions.contains(regionCode) { problems.append(FieldError("regionCode", .fieldChooseValue)) }
        if StrategyTree.shared.node(conceptCode)?.kind != .concept { problems.append(FieldError("conceptCode", .fieldChooseValue)) }
        let start = Int(startYear.trimmingCharacters(in: .whitespaces))
        let end = Int(endYear.trimmingCharacters(in: .whitespaces))
        if start.map({ !Self.allowedYears.contains($0) }) ?? true { problems.append(FieldError("startYear", .fieldYear)) }
        if end.map({ !Self.allowedYears.contains($0) }) ?? true {
            problems.append(FieldError("endYear", .fieldYear))
        } else if let start, let end, end < start {
            problems.append(FieldError("endYear", .fieldEndBeforeStart))
        }
        guard problems.isEmpty, let start, let end else { throw DomainError.invalid(problems) }
        return Plan(id: id, code: code, title: title, regionCode: regionCode, conceptCode: conceptCode, startYear: start, endYear: end,
                    status: existing?.status ?? .draft, planVersion: existing?.planVersion ?? 1, approvedAt: existing?.approvedAt,
                    approvedBy: existing?.approvedBy, isDemo: existing?.isDemo ?? isDemo, version: version + 1)
    }
}
