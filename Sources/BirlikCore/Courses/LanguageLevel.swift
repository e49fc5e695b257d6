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
}
