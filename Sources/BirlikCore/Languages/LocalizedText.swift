import Foundation

/// A record's human text, stored per language. Missing translations stay visible: `missing` lists them.
public struct LocalizedText: Codable, Sendable, Hashable {
    public var kk: String?
    public var ru: String?
    public var en: String?

    public init(kk: String? = nil, ru: String? = nil, en: String? = nil) {
        self.kk = kk.nonBlank
        self.ru = ru.nonBlank
        self.en = en.nonBlank
    }

    public subscript(language: Language) -> String? {
        get {
            switch language {
            case .kk: kk
            case .ru: ru
            case .en: en
            }
        }
        set {
            switch language {
            case .kk: kk = newValue.nonBlank
            case .ru: ru = newValue.nonBlank
            case .en: en = newValue.nonBlank
            }
        }
    }

    /// The languages this text has no translation in.
    public var missing: [Language] { Language.allCases.filter { self[$0] == nil } }

    public var isEmpty: Bool { missing.count == Language.allCases.count }

    /// The text in `language`, or in the nearest fallback, with the language actually used.
    public func resolved(_ language: Language) -> (text: String, language: Language)? {
        for candidate in language.fallbacks {
            if let value = self[candidate] { return (value, candidate) }
        }
        return nil
    }
}

extension Optional where Wrapped == String {
    /// The text without leading and trailing white space, `nil` when nothing is left. Most stored texts
    /// have none to trim and come back as they are, without Foundation's bridging.
    var nonBlank: String? {
        guard let self, let first = self.firstIndex(where: { !$0.isWhitespace }),
              let last = self.lastIndex(where: { !$0.isWhitespace }) else { return nil }
        if first == self.startIndex, self.index(after: last) == self.endIndex { return self }
        return String(self[first...last])
    }
}
