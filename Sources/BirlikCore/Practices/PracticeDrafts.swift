import Foundation

/// What an author types for a practice: where and in what field, and its text in its own language;
/// `validated` names every problem at once.
public struct PracticeDraft: Sendable, Hashable {
    public var domain = ""
    public var language = ""
    public var region = ""
    /// The other regions where it was carried out.
    public var regions: [String] = []
    public var text = GoodPractice.Text()

    public init(domain: String = "", language: String = "", region: String = "", regions: [String] = [], text: GoodPractice.Text = GoodPractice.Text()) {
        self.domain = domain; self.language = language; self.region = region; self.regions = regions; self.text = text
    }

    /// The draft of a practice, to edit it.
    public init(_ practice: GoodPractice) {
        self.init(domain: practice.domain.rawValue, language: practice.language.rawValue, region: practice.region,
                  regions: Array(practice.regions.dropFirst()), text: practice.original)
    }

    public struct Valid: Sendable, Hashable {
        public var domain: GoodPractice.Domain, language: Language, region: String, regions: [String], text: GoodPractice.Text
    }

    public func validated() throws -> Valid {
        var errors: [FieldError] = []
        let domain = GoodPractice.Domain(rawValue: self.domain)
        if domain == nil { errors.append(FieldError("domain", .fieldChooseValue)) }
        let language = Language(rawValue: self.language)
        if language == nil { errors.append(FieldError("language", .fieldChooseValue)) }
        let topLevel = Set(ReferenceData.regions.filter { RegionCode.topLevel($0.code) == $0.code }.map(\.code))
        if !topLevel.contains(region) { errors.append(FieldError("region", region.isEmpty ? .fieldRequired : .fieldChooseValue)) }
        let others = regions.filter { !$0.isEmpty && $0 != region }
        if others.contains(where: { !topLevel.contains($0) }) { errors.append(FieldError("regions", .fieldChooseValue)) }
        var text: GoodPractice.Text?
        do { text = try PracticeTextDraft(self.text).validated(prefix: "") } catch let DomainError.invalid(found) { errors += found }
        guard errors.isEmpty, let domain, let language, let text else { throw DomainError.invalid(errors) }
        var seen = Set<String>()
        return Valid(domain: domain, language: language, region: region, regions: ([region] + others).filter { seen.insert($0).inserted }, text: text)
    }
}

/// One language's text of a practice as typed: the title required, each part within its length. What a
/// complete record needs is ``PracticeCompleteness``'s to say, so that a draft can be saved half-written.
public struct PracticeTextDraft: Sendable, Hashable {
    public var text: GoodPractice.Text

    public init(_ text: GoodPractice.Text) { self.text = text }

    /// The trimmed text; field names carry `prefix` (a translation's form names them `ru-title` …).
    public func validated(prefix: String) throws -> GoodPractice.Text {
        func trimmed(_ value: String) -> String { value.trimmingCharacters(in: .whitespacesAndNewlines) }
        let result = GoodPractice.Text(title: trimmed(text.title), problem: trimmed(text.problem), method: trimmed(text.method),
                                       resources: trimmed(text.resources), outcomes: trimmed(text.outcomes))
        var errors: [FieldError] = []
        if result.title.isEmpty { errors.append(FieldError(prefix + "title", .fieldRequired)) } else if result.title.count > 300 {
            errors.append(FieldError(prefix + "title", .fieldTooLong, ["max": "300"]))
        }
        for (name, value) in [("problem", result.problem), ("method", result.method), ("resources", result.resources), ("outcomes", result.outcomes)]
        where value.count > 8_000 {
            errors.append(FieldError(prefix + name, .fieldTooLong, ["max": "8000"]))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return result
    }
}
