import Foundation

/// A level of state-language proficiency as KAZTEST grades it (A1–C1).
public enum LanguageLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case a1 = "A1", a2 = "A2", b1 = "B1", b2 = "B2", c1 = "C1"

    public var l10nKey: L10nKey { L10nKey(rawValue: "courses.level.\(rawValue.lowercased())")! }

    /// 1 for A1 … 5 for C1: the steps between two levels are the difference.
    public var rank: Int { Self.allCases.firstIndex(of: self)! + 1 }

    public static func < (lhs: LanguageLevel, rhs: LanguageLevel) -> Bool { lhs.rank < rhs.rank }
}

/// The five skills KAZTEST scores.
public enum LanguageSkill: String, Sendable, Hashable, Codable, CaseIterable {
    case listening, reading, grammar, writing, speaking
    public var l10nKey: L10nKey { L10nKey(rawValue: "courses.skill.\(rawValue)")! }
}

/// A learner's scores per skill in percent. Under the 2023 KAZTEST rules a level is reached only with
/// at least 60% in **each** skill; a high total does not make up for one weak skill.
public struct SkillScores: Sendable, Hashable, Codable {
    public var percent: [LanguageSkill: Int]

    /// The share every skill must reach.
    public static let passMark = 60

    public init(_ percent: [LanguageSkill: Int]) { self.percent = percent }

    public subscript(skill: LanguageSkill) -> Int { percent[skill] ?? 0 }

    /// The skills below the pass mark.
    public var failing: [LanguageSkill] { LanguageSkill.allCases.filter { self[$0] < Self.passMark } }

    public var passes: Bool { failing.isEmpty }

    /// Written as an object of the five skills (`{"listening": 80, …}`), the same bytes every time.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: LanguageSkill.CodingKeys.self)
        var percent: [LanguageSkill: Int] = [:]
        for skill in LanguageSkill.allCases { percent[skill] = try container.decodeIfPresent(Int.self, forKey: .init(skill)) }
        self.percent = percent
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: LanguageSkill.CodingKeys.self)
        for skill in LanguageSkill.allCases { try container.encodeIfPresent(percent[skill], forKey: .init(skill)) }
    }
}

extension LanguageSkill {
    /// A skill as a JSON key.
    public struct CodingKeys: CodingKey {
        public var stringValue: String
        public var intValue: Int? { nil }
        public init(_ skill: LanguageSkill) { stringValue = skill.rawValue }
        public init?(stringValue: String) { self.stringValue = stringValue }
        public init?(intValue: Int) { nil }
    }
}
