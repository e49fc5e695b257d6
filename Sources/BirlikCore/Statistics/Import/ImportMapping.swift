import Foundation

extension String {
    /// The text without surrounding spaces and tabs; returns itself when there are none (the common case, no copying).
    var trimmedCell: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 0x20, first != 0x09, last != 0x20, last != 0x09, first < 0x80 || last < 0x80 { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}

/// Which column of an imported file holds what. Guessed from the header (in Kazakh, Russian or
/// English) and confirmed or changed by the person importing.
public struct ImportMapping: Sendable, Hashable, Codable {
    public enum Field: String, Sendable, CaseIterable, Codable {
        case element, period, place, value
        /// A ready-made breakdown key (`ethnicity=kazakhs`).
        case category
        case ethnicity, sex, age, language

        /// The fields every file must map.
        public static let required: [Field] = [.element, .period, .place, .value]

        public var l10nKey: L10nKey { L10nKey(rawValue: "importField.\(rawValue)")! }

        public var dimension: Disaggregation.Dimension? { Disaggregation.Dimension(rawValue: rawValue) }

        /// Header texts that name the field.
        var synonyms: [String] {
            switch self {
            case .element: ["element", "data element", "indicator", "показатель", "код показателя", "көрсеткіш", "көрсеткіш коды", "korsetkish"]
            case .period: ["period", "период", "кезең", "год", "жыл", "year", "kezen"]
            case .place: ["place", "region", "orgunit", "регион", "область", "место", "өңір", "облыс", "аймақ", "orin", "onir"]
            case .value: ["value", "значение", "мән", "количество", "саны", "man"]
            case .category: ["category", "disaggregation", "разрез", "категория", "санат"]
            case .ethnicity: ["ethnicity", "ethnic group", "национальность", "этнос", "ұлты", "ұлт", "этнос тобы"]
            case .sex: ["sex", "gender", "пол", "жынысы"]
            case .age: ["age", "age band", "возраст", "жасы", "жас тобы"]
            case .language: ["language", "язык", "тіл"]
            }
        }
    }

    public var columns: [Field: Int]

    public init(columns: [Field: Int] = [:]) { self.columns = columns }

    /// The mapping a header suggests.
    public static func guess(_ header: [String]) -> ImportMapping {
        var columns: [Field: Int] = [:]
        for (index, name) in header.enumerated() {
            let text = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard !text.isEmpty else { continue }
            if let field = Field.allCases.first(where: { field in columns[field] == nil && field.synonyms.contains { text == $0 || text.hasPrefix($0 + " ") || text.hasPrefix($0 + ",") || text.hasPrefix($0 + "(") } }) {
                columns[field] = index
            }
        }
        return ImportMapping(columns: columns)
    }

    /// The required fields no column holds.
    public var missing: [Field] { Field.required.filter { columns[$0] == nil } }
}
