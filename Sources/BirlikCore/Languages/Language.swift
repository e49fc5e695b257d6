/// The three working languages of Birlik (S14). Kazakh is the state language and comes first.
public enum Language: String, CaseIterable, Codable, Sendable, Hashable {
    case kk, ru, en

    /// The order in which a record's text is looked for when the wanted language is missing.
    public var fallbacks: [Language] {
        switch self {
        case .kk: [.kk, .ru, .en]
        case .ru: [.ru, .kk, .en]
        case .en: [.en, .ru, .kk]
        }
    }

    /// The BCP 47 tag written into `<html lang>`.
    public var htmlTag: String {
        switch self {
        case .kk: "kk"
        case .ru: "ru"
        case .en: "en"
        }
    }

    /// Picks the best language from an HTTP `Accept-Language` header, honouring q-values.
    public static func preferred(acceptLanguage header: String?) -> Language? {
        guard let header, !header.isEmpty else { return nil }
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard let language = Language(rawValue: primary) else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > 0, quality > (best?.1 ?? -1) { best = (language, quality) }
        }
        return best?.0
    }
}

/// The script Kazakh text is shown in: the Cyrillic original or the 2021 Latin alphabet.
public enum KazakhScript: String, CaseIterable, Codable, Sendable {
    case cyrillic, latin
}

import Foundation

/// A dictionary keyed by language (a news item's translations) encodes as a JSON object keyed `kk`, `ru`,
/// `en` — the same bytes whatever the dictionary's order — not as an array of pairs.
extension Language: CodingKeyRepresentable {}
