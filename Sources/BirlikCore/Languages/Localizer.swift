import Foundation

/// **The** way Birlik turns a catalog key or a record's text into what a user reads: in the user's
/// language, Kazakh in the script they chose.
public struct Localizer: Sendable {
    public var language: Language
    public var script: KazakhScript

    public init(_ language: Language, script: KazakhScript = .cyrillic) {
        self.language = language
        self.script = script
    }

    /// The catalog text for `key`, with `{name}` placeholders filled from `arguments`. An argument
    /// written `@some.key` is itself a catalog key, shown in the reader's language.
    public func callAsFunction(_ key: L10nKey, _ arguments: [String: String] = [:]) -> String {
        var text = L10nCatalog.shared.text(key, language)
        for (name, value) in arguments {
            text = text.replacingOccurrences(of: "{\(name)}", with: argument(value))
        }
        return inScript(text, language)
    }

    /// An argument as the reader sees it. Stored messages (notifications) name what they speak of by
    /// reference, so that each reader gets it in their own language: `@key` is a catalog text,
    /// `@region:KZ-75` a place's name, `@period:2026-Q3` a reporting period; anything else stays as it is.
    /// A stored text with references among its words (`M-2026-00001: @mediation.status.closed`), each
    /// reference in the reader's language.
    public func expand(_ text: String) -> String {
        guard text.contains("@") else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false).map { argument(String($0)) }.joined(separator: " ")
    }

    public func argument(_ value: String) -> String {
        guard value.hasPrefix("@") else { return value }
        let reference = String(value.dropFirst())
        if reference.hasPrefix("region:") {
            let code = String(reference.dropFirst("region:".count))
            return ReferenceData.regions.first { $0.code == code }.map { text($0.name) } ?? code
        }
        if reference.hasPrefix("period:") { return ReportingPeriod.label(code: String(reference.dropFirst("period:".count)), self) }
        return L10nKey(rawValue: reference).map { self($0) } ?? value
    }

    /// A record's text in the user's language, or its nearest translation.
    public func text(_ value: LocalizedText) -> String {
        guard let (text, used) = value.resolved(language) else { return "" }
        return inScript(text, used)
    }

    /// `true` when the record's text has to fall back to another language for this user.
    public func isFallback(_ value: LocalizedText) -> Bool {
        value[language] == nil && !value.isEmpty
    }

    /// Kazakh text in the chosen script; other languages unchanged.
    public func inScript(_ text: String, _ textLanguage: Language) -> String {
        textLanguage == .kk && script == .latin ? Transliteration.toLatin(text) : text
    }

    /// A number with the user's grouping (12 345).
    public func number(_ value: Int) -> String {
        value.formatted(.number.locale(Locale(identifier: language == .en ? "en_US" : "ru_RU")))
    }

    /// A decimal number with `digits` after the separator, as the user writes it (72,5 in kk and ru; 72.5 in en).
    public func decimal(_ value: Double, digits: Int) -> String {
        value.formatted(.number.precision(.fractionLength(digits)).locale(Locale(identifier: language == .en ? "en_US" : "ru_RU")))
    }
}

/// The one catalog of user-facing text, `Resources/L10n/catalog.json`: key → {kk, ru, en}.
public struct L10nCatalog: Sendable {
    public let entries: [String: [String: String]]

    public static let shared: L10nCatalog = {
        guard let url = Bundle.module.url(forResource: "catalog", withExtension: "json", subdirectory: "Resources/L10n"),
              let data = try? Data(contentsOf: url),
              let entries = try? JSONDecoder().decode([String: [String: String]].self, from: data)
        else { preconditionFailure("the catalog Resources/L10n/catalog.json is missing or malformed") }
        return L10nCatalog(entries: entries)
    }()

    /// The text of `key` in `language`, falling back to the language's fallbacks, then to the key itself.
    public func text(_ key: L10nKey, _ language: Language) -> String {
        let entry = entries[key.rawValue] ?? [:]
        for candidate in language.fallbacks {
            if let text = entry[candidate.rawValue], !text.isEmpty { return text }
        }
        return key.rawValue
    }

    /// Every (key, language) pair the catalog has no text for, including keys missing altogether.
    public func missing() -> [(key: String, language: Language)] {
        L10nKey.allCases.flatMap { key in
            Language.allCases.compactMap { language in
                (entries[key.rawValue]?[language.rawValue] ?? "").isEmpty ? (key.rawValue, language) : nil
            }
        }
    }

    /// Catalog entries no `L10nKey` refers to.
    public func orphans() -> [String] {
        let known = Set(L10nKey.allCases.map(\.rawValue))
        return entries.keys.filter { !known.contains($0) }.sorted()
    }
}
