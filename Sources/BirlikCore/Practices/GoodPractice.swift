import Foundation

/// A practice of the base of good practices (S19; seed 001 §4.2 regional item 3, the exchange of
/// experience between regional assemblies, "Road map of peace and accord"): what a region did about a
/// problem, how, with what, and what came of it — with evidence linked to Birlik's own figures.
///
/// draft → submitted → expert review (the one review engine) → verified | needs evidence (back to the
/// author, then submitted again) → published → archived. Public once published; regions that adopt it
/// write to its replication log (``PracticeAdoption``).
public struct GoodPractice: Sendable, Hashable, Codable, Identifiable {
    /// The subject kind of the practice's review assignments.
    public static let reviewSubject = "goodPractice"

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, submitted, expertReview, verified, needsEvidence, published, archived
        public var l10nKey: L10nKey { L10nKey(rawValue: "practice.status.\(rawValue)")! }
    }

    /// The field of the practice.
    public enum Domain: String, Sendable, Hashable, Codable, CaseIterable {
        case interethnic, language, mediation, charity, publicControl, youth, culture, media
        public var l10nKey: L10nKey { L10nKey(rawValue: "practice.domain.\(rawValue)")! }
    }

    /// The practice told in one language.
    public struct Text: Sendable, Hashable, Codable {
        public var title: String
        public var problem: String
        public var method: String
        public var resources: String
        public var outcomes: String

        public init(title: String = "", problem: String = "", method: String = "", resources: String = "", outcomes: String = "") {
            self.title = title; self.problem = problem; self.method = method; self.resources = resources; self.outcomes = outcomes
        }

        /// Every field, in reading order.
        public var fields: [String] { [title, problem, method, resources, outcomes] }
    }

    /// A translation of the original: written by the author, checked by the Secretariat; outdated once
    /// the original changes after it was made.
    public struct Translation: Sendable, Hashable, Codable {
        public var text: Text
        /// The original's revision it was translated from.
        public var revision: Int
        public var checked: Bool

        public init(text: Text, revision: Int, checked: Bool = false) { self.text = text; self.revision = revision; self.checked = checked }
    }

    /// What a page says of a language's text.
    public enum TranslationStatus: String, Sendable, Hashable, CaseIterable {
        case original, missing, draft, checked, outdated
        public var l10nKey: L10nKey { L10nKey(rawValue: "practice.translation.\(rawValue)")! }
    }

    public var id: UUID
    /// `GP-2026-0001`.
    public var code: String
    /// The author: the organisation that describes the practice, and its region.
    public var organizationID: UUID
    public var region: String
    /// Every region where the practice was carried out (the author's first).
    public var regions: [String]
    public var domain: Domain
    /// The language the practice was written in.
    public var language: Language
    public var original: Text
    /// Raised each time the original's text changes.
    public var revision: Int
    public var translations: [Language: Translation]
    public var evidence: [Evidence]
    public var status: Status
    /// Why the Secretariat asked for more evidence, or archived it.
    public var decisionNote: String
    public var publishedOn: Day?
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID = UUID(), code: String, organizationID: UUID, region: String, regions: [String], domain: Domain, language: Language,
                original: Text, translations: [Language: Translation] = [:], evidence: [Evidence] = [], status: Status = .draft, updatedAt: Date,
                version: Int = 1) {
        self.id = id; self.code = code; self.organizationID = organizationID; self.region = region; self.regions = regions; self.domain = domain
        self.language = language; self.original = original; self.revision = 1; self.translations = translations; self.evidence = evidence
        self.status = status; self.decisionNote = ""; self.publishedOn = nil; self.updatedAt = updatedAt; self.version = version
    }

    /// The author's and its region's; public once published (an archived practice stays readable).
    public var scope: Scope { Scope(organizationID: organizationID, regionCode: region, isPublic: status == .published || status == .archived) }

    /// `true` while the author may change the text, regions and evidence.
    public var isEditable: Bool { status == .draft || status == .needsEvidence }

    /// The status of the text in `language`.
    public func translationStatus(_ language: Language) -> TranslationStatus {
        if language == self.language { return .original }
        guard let translation = translations[language] else { return .missing }
        if translation.revision < revision { return .outdated }
        return translation.checked ? .checked : .draft
    }

    /// The text to show a reader of `language`: its translation while current, else the original; and
    /// the language it is in.
    public func text(in language: Language) -> (text: Text, language: Language) {
        if let translation = translations[language], language != self.language, translation.revision == revision { return (translation.text, language) }
        return (original, self.language)
    }

    /// Every text, for the search: the original and its translations.
    public var allTexts: [Text] { [original] + Language.allCases.compactMap { translations[$0]?.text } }
}
