import Foundation

/// How a value is broken down: by ethnic group, sex, age band or language, alone or combined.
/// A value's breakdown is written as a key, `ethnicity=kazakhs` or `age=18-29;sex=f`, dimensions in
/// their fixed order; the empty key is the total.
public enum Disaggregation {
    /// One way of breaking a value down.
    public enum Dimension: String, Sendable, CaseIterable, Hashable {
        case ethnicity, sex, age, language

        /// The catalog key of the dimension's name.
        public var l10nKey: L10nKey { L10nKey(rawValue: "dimension.\(rawValue)")! }

        /// The options of the dimension, in display order.
        public var options: [Option] { Self.table[self]?.options ?? [] }

        /// Options by every spelling people use: the code and the name in each language, lower-cased.
        private static let table: [Dimension: (options: [Option], bySpelling: [String: Option])] = Dictionary(uniqueKeysWithValues: allCases.map { dimension in
            let options = dimension.makeOptions()
            var spellings: [String: Option] = [:]
            for option in options.reversed() {
                for spelling in [option.code, option.name.kk, option.name.ru, option.name.en].compactMap({ $0?.lowercased() }) { spellings[spelling] = option }
            }
            for option in options { spellings[option.code] = option }
            return (dimension, (options, spellings))
        })

        private func makeOptions() -> [Option] {
            switch self {
            case .ethnicity:
                ReferenceData.ethnicGroups.map { group in
                    // The reference names are lower-case («қазақтар», «русские»); a breakdown is a heading.
                    Option(code: group.code, name: LocalizedText(kk: group.name.kk.map(capitalized), ru: group.name.ru.map(capitalized), en: group.name.en))
                }
                    + [Option(code: "other", name: LocalizedText(kk: "Басқа ұлттар", ru: "Другие национальности", en: "Other groups"))]
            case .sex:
                [Option(code: "f", name: LocalizedText(kk: "Әйелдер", ru: "Женщины", en: "Women")),
                 Option(code: "m", name: LocalizedText(kk: "Ерлер", ru: "Мужчины", en: "Men"))]
            case .age:
                ["0-17", "18-29", "30-44", "45-59", "60+"].map { Option(code: $0, name: LocalizedText(kk: $0, ru: $0, en: $0)) }
            case .language:
                [Option(code: "kk", name: LocalizedText(kk: "Қазақ тілі", ru: "Казахский язык", en: "Kazakh")),
                 Option(code: "ru", name: LocalizedText(kk: "Орыс тілі", ru: "Русский язык", en: "Russian")),
                 Option(code: "other", name: LocalizedText(kk: "Басқа тілдер", ru: "Другие языки", en: "Other languages"))]
            }
        }

        /// The option with `code` or a name, matched without regard to case.
        public func option(_ code: String) -> Option? {
            if let exact = Self.table[self]?.bySpelling[code] { return exact }
            return Self.table[self]?.bySpelling[code.trimmingCharacters(in: .whitespaces).lowercased()]
        }
    }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// One option of a dimension.
    public struct Option: Sendable, Hashable {
        public var code: String
        public var name: LocalizedText
    }

    /// The key of a breakdown from its parts; the empty key for no parts.
    public static func key(_ parts: [Dimension: String]) -> String {
        if parts.count <= 1 { return parts.first.map { "\($0.key.rawValue)=\($0.value)" } ?? "" }
        return Dimension.allCases.compactMap { dimension in parts[dimension].map { "\(dimension.rawValue)=\($0)" } }.joined(separator: ";")
    }

    /// The parts of a key; `nil` when the key names an unknown dimension or option.
    public static func parts(_ key: String) -> [Dimension: String]? {
        var parts: [Dimension: String] = [:]
        for piece in key.split(separator: ";") where !piece.isEmpty {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let dimension = Dimension(rawValue: pair[0]), dimension.option(pair[1]) != nil else { return nil }
            parts[dimension] = pair[1]
        }
        return parts
    }

    /// Every key of a combination of dimensions (the cartesian product of their options).
    public static func keys(_ dimensions: [Dimension]) -> [String] {
        var combos: [[Dimension: String]] = [[:]]
        for dimension in dimensions {
            combos = combos.flatMap { combo in dimension.options.map { combo.merging([dimension: $0.code]) { $1 } } }
        }
        return combos.map(key)
    }

    /// The breakdown's name for people («Қазақтар, әйелдер»); the total's name for the empty key.
    public static func label(_ key: String, _ l10n: Localizer) -> String {
        guard let parts = parts(key), !parts.isEmpty else { return l10n(.statisticsTotal) }
        return Dimension.allCases.compactMap { dimension in
            parts[dimension].flatMap { dimension.option($0) }.map { l10n.text($0.name) }
        }.joined(separator: ", ")
    }
}
