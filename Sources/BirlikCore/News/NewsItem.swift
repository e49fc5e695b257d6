import Foundation

/// A news item of the portal (S16; seed 000 §6.3, 001 §4.2: the multifunctional web portal and the
/// information work): written in one language and translated into the others, each translation with its
/// own status, published at once or at a set time, tagged with the organisations, places and events it
/// concerns. The Secretariat writes the republic's news, a regional assembly its region's.
public struct NewsItem: Sendable, Hashable, Codable, Identifiable {
    /// draft → scheduled (a time is set) → published → withdrawn.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, scheduled, published, withdrawn
        public var l10nKey: L10nKey { L10nKey(rawValue: "news.status.\(rawValue)")! }
    }

    /// One language's text.
    public struct Translation: Sendable, Hashable, Codable {
        /// draft → ready; only a ready translation is shown to readers.
        public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
            case draft, ready
            public var l10nKey: L10nKey { L10nKey(rawValue: "news.translation.\(rawValue)")! }
        }

        public var title: String
        public var summary: String
        public var body: String
        public var status: Status

        public init(title: String, summary: String, body: String, status: Status) {
            self.title = title; self.summary = summary; self.body = body; self.status = status
        }
    }

    /// What an item is tagged with: registry organisations, places, events (by code).
    public struct Tags: Sendable, Hashable, Codable {
        public var organizations: [String]
        public var places: [String]
        public var events: [String]
        public init(organizations: [String] = [], places: [String] = [], events: [String] = []) {
            self.organizations = organizations; self.places = places; self.events = events
        }
        public var isEmpty: Bool { organizations.isEmpty && places.isEmpty && events.isEmpty }
    }

    public var id: UUID
    /// `N-YYYY-NNNN`.
    public var code: String
    /// The republic (the Secretariat's news) or a region (its assembly's).
    public var region: String
    public var originalLanguage: Language
    public var translations: [Language: Translation]
    public var tags: Tags
    public var status: Status
    /// When it is (or was) released to readers.
    public var publishAt: Date?
    public var author: String
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID = UUID(), code: String, region: String, originalLanguage: Language, translations: [Language: Translation], tags: Tags,
                status: Status = .draft, publishAt: Date? = nil, author: String, updatedAt: Date, version: Int = 1) {
        self.id = id; self.code = code; self.region = region; self.originalLanguage = originalLanguage; self.translations = translations
        self.tags = tags; self.status = status; self.publishAt = publishAt; self.author = author; self.updatedAt = updatedAt; self.version = version
    }

    /// Kept by the editors of its place; public while published (a scheduled item is published when its
    /// time comes, by `NewsStore.releaseDue`).
    public var scope: Scope { Scope(organizationID: nil, regionCode: region, isPublic: status == .published) }

    /// The text a reader of `language` is shown: that language when its translation is ready, else the
    /// original; `nil` when not even the original is ready.
    public func text(for language: Language) -> (language: Language, translation: Translation)? {
        if let own = translations[language], own.status == .ready { return (language, own) }
        if let original = translations[originalLanguage], original.status == .ready { return (originalLanguage, original) }
        return nil
    }
}

/// What an editor types for an item; `validated` names every problem at once. Tags are resolved by storage.
public struct NewsDraft: Sendable {
    public var region = ""
    public var originalLanguage = ""
    /// Per language: title, summary, body and the translation's status (`draft`/`ready`); empty fields for a missing one.
    public var texts: [Language: (title: String, summary: String, body: String, status: String)] = [:]
    /// Codes separated by commas or spaces: organisations, places (`KZ-75`) and events (`EV-…`), told apart by storage.
    public var tags = ""

    public init(region: String = "", originalLanguage: String = "", texts: [Language: (title: String, summary: String, body: String, status: String)] = [:], tags: String = "") {
        self.region = region; self.originalLanguage = originalLanguage; self.texts = texts; self.tags = tags
    }

    public var tagCodes: [String] {
        tags.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init).filter { !$0.isEmpty }
    }

    /// The checked place, original language and translations.
    public func validated() throws -> (region: String, original: Language, translations: [Language: NewsItem.Translation]) {
        var errors: [FieldError] = []
        if PlaceDirectory.shared.find(region) == nil { errors.append(FieldError("region", region.isEmpty ? .fieldRequired : .importUnknownPlace)) }
        let original = Language(rawValue: originalLanguage)
        if original == nil { errors.append(FieldError("originalLanguage", .fieldRequired)) }
        var translations: [Language: NewsItem.Translation] = [:]
        for language in Language.allCases {
            guard let text = texts[language] else { continue }
            let title = text.title.trimmingCharacters(in: .whitespacesAndNewlines), summary = text.summary.trimmingCharacters(in: .whitespacesAndNewlines)
            let body = text.body.trimmingCharacters(in: .whitespacesAndNewlines)
            if title.isEmpty, summary.isEmpty, body.isEmpty { continue }
            let field = { (name: String) in "\(name)_\(language.rawValue)" }
            if title.isEmpty { errors.append(FieldError(field("title"), .fieldRequired)) } else if title.count > 300 { errors.append(FieldError(field("title"), .fieldTooLong, ["max": "300"])) }
            if body.isEmpty { errors.append(FieldError(field("body"), .fieldRequired)) } else if body.count > 50_000 { errors.append(FieldError(field("body"), .fieldTooLong, ["max": "50000"])) }
            if summary.count > 1_000 { errors.append(FieldError(field("summary"), .fieldTooLong, ["max": "1000"])) }
            translations[language] = NewsItem.Translation(title: title, summary: summary, body: body,
                                                          status: NewsItem.Translation.Status(rawValue: text.status) ?? .draft)
        }
        if let original, translations[original] == nil { errors.append(FieldError("title_\(original.rawValue)", .newsOriginalRequired)) }
        guard errors.isEmpty, let original else { throw DomainError.invalid(errors) }
        return (region, original, translations)
    }
}
