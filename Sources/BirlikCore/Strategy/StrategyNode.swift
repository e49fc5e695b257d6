import Foundation

/// One node of the strategy tree of the two Concepts: the Concept itself, its goal, a group heading, a
/// principle, a task, a direction, a national project, a stage or an expected result.
public struct StrategyNode: Sendable, Hashable, Identifiable {
    /// What a node is in its Concept.
    public enum Kind: String, Sendable, CaseIterable {
        case concept, goal, group, principle, task, direction, sphere, project, stage, result

        /// The catalog key of the kind's name.
        public var l10nKey: L10nKey { L10nKey(rawValue: "strategy.kind.\(rawValue)")! }
    }

    /// A stable code: `C1` (the 2015–2025 Concept), `C2` (the APK Concept), then dotted children (`C2.D3.8`).
    public let code: String
    public let parentCode: String?
    public let kind: Kind
    /// The seed document (`000` or `001`) and the line the Kazakh wording is taken from.
    public let seed: String
    public let line: Int
    /// Kazakh: the original wording; Russian and English: Birlik's unofficial translations.
    public let text: LocalizedText

    public var id: String { code }
    /// The Concept the node belongs to (`C1` or `C2`).
    public var conceptCode: String { String(code.prefix { $0 != "." }) }
    /// Tasks, directions, projects and results are what measures of a plan can serve.
    public var canBeServed: Bool { [.task, .direction, .project, .result].contains(kind) }
}
