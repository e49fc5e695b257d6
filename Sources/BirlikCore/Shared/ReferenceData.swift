import Foundation

/// The reference files shipped inside Birlik (`Resources/Reference`, see its ATTRIBUTION.md).
public enum ReferenceData {
    /// The URL of a shipped reference file.
    public static func url(_ name: String) -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/Reference") else {
            preconditionFailure("reference file \(name) is missing from the bundle")
        }
        return url
    }

    /// The text of a shipped reference file.
    public static func text(_ name: String) -> String {
        (try? String(contentsOf: url(name), encoding: .utf8)) ?? ""
    }

    /// The republic, its 17 regions and 3 cities, and the districts Birlik knows.
    public static let regions: [Region] = {
        var regions = [Region(code: RegionCode.republic, parent: nil, kind: .republic,
                              name: LocalizedText(kk: "Қазақстан Республикасы", ru: "Республика Казахстан", en: "Republic of Kazakhstan"),
                              center: LocalizedText(kk: "Астана", ru: "Астана", en: "Astana"))]
        for row in CSVReader.records(text("regions.csv")) {
            regions.append(Region(code: row["code"] ?? "", parent: RegionCode.republic,
                                  kind: row["kind"] == "city" ? .city : .region,
                                  name: LocalizedText(kk: row["name_kk"], ru: row["name_ru"], en: row["name_en"]),
                                  center: LocalizedText(kk: row["center_kk"], ru: row["center_ru"], en: row["center_en"])))
        }
        for row in CSVReader.records(text("districts.csv")) {
            regions.append(Region(code: row["code"] ?? "", parent: row["parent"], kind: .district,
                                  name: LocalizedText(kk: row["name_kk"], ru: row["name_ru"], en: row["name_en"]),
                                  center: LocalizedText()))
        }
        return regions
    }()

    /// The ethnic groups Birlik names, from the Bureau of National Statistics' 2025 estimate.
    public static let ethnicGroups: [EthnicGroup] = CSVReader.records(text("ethnic_composition_bns_estimate_2025.csv")).map { row in
        let english = row["ethnicity_en"] ?? ""
        return EthnicGroup(code: english.lowercased(),
                           name: LocalizedText(kk: row["ethnicity_kk"], ru: row["ethnicity_ru"], en: english))
    }
}
