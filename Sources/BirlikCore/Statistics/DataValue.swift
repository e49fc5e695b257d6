import Foundation

/// One number of the statistical database: an element, broken down by `category`, for a place and a period.
public struct DataValue: Sendable, Hashable, Codable {
    public var element: String
    /// The breakdown key (`ethnicity=kazakhs`); empty for the total.
    public var category: String
    /// The region-tree code of the place.
    public var place: String
    public var period: Period
    public var value: Double

    public init(element: String, category: String = "", place: String, period: Period, value: Double) {
        self.element = element
        self.category = category
        self.place = place
        self.period = period
        self.value = value
    }

    /// What makes a value unique: element × breakdown × place × period.
    public var key: String { "\(element)|\(category)|\(place)|\(period)" }
}

/// Where a value came from: shown beside every figure that uses it.
public enum ValueSource: String, Sendable, CaseIterable, Codable {
    /// The 2021 or 2009 national census (reference data, never edited).
    case census
    /// Entered in a data-entry form.
    case entry
    /// Imported from a CSV or XLSX file.
    case `import`
    /// The demonstration data set.
    case demo
    /// Moved by records kept elsewhere in Birlik (the reports of events held).
    case events
    /// Moved by the learners of state-language courses: seats taken and graduates.
    case courses

    public var l10nKey: L10nKey { L10nKey(rawValue: "valueSource.\(rawValue)")! }
}

/// The places of the region tree a value can belong to, found by code or by name in any language.
public struct PlaceDirectory: Sendable {
    public let regions: [String: Region]
    private let byName: [String: String]

    public init(_ regions: [Region]) {
        self.regions = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var names: [String: String] = [:]
        for region in regions {
            for language in Language.allCases {
                if let name = region.name[language] { names[SearchFolding.fold(name)] = region.code }
            }
        }
        // Older Russian names of the regions formed in 2022, still common in spreadsheets.
        for (alias, code) in [("Абайская область", "KZ-10"), ("Жетысуская область", "KZ-33"), ("Улытауская область", "KZ-62"),
                              ("г. Астана", "KZ-71"), ("г. Алматы", "KZ-75"), ("г. Шымкент", "KZ-79")] where regions.contains(where: { $0.code == code }) {
            names[SearchFolding.fold(alias)] = code
        }
        byName = names
    }

    public static let shared = PlaceDirectory(ReferenceData.regions)

    /// The place `text` names (a code such as `KZ-75` or a name), or `nil`.
    public func find(_ text: String) -> Region? {
        if let region = regions[text] { return region }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let region = regions[trimmed.uppercased()] { return region }
        return byName[SearchFolding.fold(trimmed)].flatMap { regions[$0] }
    }

    /// `true` when values of an element collected at `level` may be entered for `place`.
    public static func accepts(_ level: Region.Kind, _ place: Region) -> Bool {
        switch level {
        case .republic: place.kind == .republic
        case .region, .city: place.kind == .region || place.kind == .city
        case .district: place.kind == .district
        }
    }
}
