import Foundation

/// The indicators, data sets and validation rules of the statistical database, loaded from the
/// reference files `data_elements.csv` and `data_sets.csv`.
public struct StatisticsCatalog: Sendable {
    public var elements: [DataElement]
    public var dataSets: [DataSet]
    public var rules: [ValidationRule]
    private var byCode: [String: DataElement]

    public init(elements: [DataElement], dataSets: [DataSet], rules: [ValidationRule]) {
        self.elements = elements
        self.dataSets = dataSets
        self.rules = rules
        byCode = Dictionary(elements.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The shipped catalog.
    public static let shared: StatisticsCatalog = {
        let elements = CSVReader.records(ReferenceData.text("data_elements.csv")).compactMap { row -> DataElement? in
            guard let code = row["code"], let type = DataElement.ValueType(rawValue: row["value_type"] ?? ""),
                  let places = DataElement.Aggregation(rawValue: row["over_places"] ?? ""),
                  let time = DataElement.Aggregation(rawValue: row["over_time"] ?? ""),
                  let period = Period.Kind(rawValue: row["period"] ?? ""), let level = Region.Kind(rawValue: row["level"] ?? "") else { return nil }
            return DataElement(code: code, name: LocalizedText(kk: row["name_kk"], ru: row["name_ru"], en: row["name_en"]),
                               valueType: type, unit: row["unit"] ?? "", overPlaces: places, overTime: time, periodKind: period, level: level,
                               dimensions: (row["dimensions"] ?? "").split(separator: "+").compactMap { Disaggregation.Dimension(rawValue: String($0)) },
                               isPublic: row["public"] == "yes", dataSet: row["data_set"] ?? "", source: row["source"].flatMap { $0.isEmpty ? nil : $0 })
        }
        let sets = CSVReader.records(ReferenceData.text("data_sets.csv")).compactMap { row -> DataSet? in
            guard let code = row["code"], let period = Period.Kind(rawValue: row["period"] ?? "") else { return nil }
            return DataSet(code: code, name: LocalizedText(kk: row["name_kk"], ru: row["name_ru"], en: row["name_en"]), periodKind: period,
                           dueDays: Int(row["due_days"] ?? "") ?? 0, reporter: row["reporter"] ?? "",
                           elements: elements.filter { $0.dataSet == code }.map(\.code))
        }
        return StatisticsCatalog(elements: elements, dataSets: sets, rules: ValidationRule.shipped)
    }()

    public func element(_ code: String) -> DataElement? { byCode[code] }

    public func dataSet(_ code: String) -> DataSet? { dataSets.first { $0.code == code } }

    /// Finds an element by its code or by its name in any language (as people type it in a spreadsheet).
    public func match(_ text: String) -> DataElement? {
        if let element = byCode[text] { return element }
        let wanted = text.trimmingCharacters(in: .whitespaces)
        if let element = byCode[wanted] ?? byCode[wanted.lowercased()] { return element }
        let folded = SearchFolding.fold(wanted)
        return elements.first { element in Language.allCases.contains { element.name[$0].map(SearchFolding.fold) == folded } }
    }
}
