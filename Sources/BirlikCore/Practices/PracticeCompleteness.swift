import Foundation

/// How complete a practice's record is, computed from the record itself: the five parts of its original
/// text, its evidence and its translations into the other two languages. The first six are needed to
/// submit it; the share counts all eight.
public struct PracticeCompleteness: Sendable {
    public enum Item: String, Sendable, Hashable, CaseIterable {
        case title, problem, method, resources, outcomes, evidence, translationOne, translationTwo
        public var l10nKey: L10nKey { L10nKey(rawValue: "practice.complete.\(rawValue)")! }
        /// `true` for what submitting needs.
        public var isRequired: Bool { self != .translationOne && self != .translationTwo }
    }

    /// Each item and whether the record has it, in the order above.
    public var items: [(item: Item, done: Bool)]

    /// The shortest text each part must have.
    public static let minimum: [Item: Int] = [.title: 5, .problem: 50, .method: 50, .resources: 10, .outcomes: 50]

    public init(_ practice: GoodPractice) {
        let text = practice.original
        func long(_ value: String, _ item: Item) -> Bool { value.trimmingCharacters(in: .whitespacesAndNewlines).count >= Self.minimum[item] ?? 1 }
        let current = Language.allCases.filter { $0 != practice.language }.filter { [.draft, .checked].contains(practice.translationStatus($0)) }.count
        items = [(.title, long(text.title, .title)), (.problem, long(text.problem, .problem)), (.method, long(text.method, .method)),
                 (.resources, long(text.resources, .resources)), (.outcomes, long(text.outcomes, .outcomes)), (.evidence, !practice.evidence.isEmpty),
                 (.translationOne, current >= 1), (.translationTwo, current >= 2)]
    }

    /// Done items as a whole percentage of all.
    public var percent: Int { Int((Double(items.filter(\.done).count) / Double(items.count) * 100).rounded()) }

    /// `true` when everything submitting needs is there.
    public var canSubmit: Bool { items.allSatisfy { !$0.item.isRequired || $0.done } }

    /// What is still missing.
    public var missing: [Item] { items.filter { !$0.done }.map(\.item) }
}
