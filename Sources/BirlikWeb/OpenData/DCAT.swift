import BirlikCore
import Foundation

/// The catalogue in DCAT-AP 3 as JSON-LD: the catalogue, each dataset with its current version's CSV
/// and JSON distributions (checksums, sizes, licence), and each version as a dataset of its own linked
/// by `dcat:hasVersion`, `dcat:previousVersion` and `adms:versionNotes`.
enum DCAT {
    typealias Node = [String: Any]

    static var context: Node { [
        "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
        "adms": "http://www.w3.org/ns/adms#", "spdx": "http://spdx.org/rdf/terms#", "xsd": "http://www.w3.org/2001/XMLSchema#",
        "vcard": "http://www.w3.org/2006/vcard/ns#",
    ] }
    static let licence = "https://creativecommons.org/licenses/by/4.0/"

    /// A text in the three languages, as language-tagged literals.
    static func text(_ key: L10nKey) -> [Node] {
        Language.allCases.map { ["@value": Localizer($0)(key), "@language": $0.rawValue] }
    }

    static func id(_ url: String) -> Node { ["@id": url] }

    static func dateTime(_ date: Date) -> Node {
        let formatter = ISO8601DateFormatter()
        return ["@value": formatter.string(from: date), "@type": "xsd:dateTime"]
    }

    static func publisher(_ base: String) -> Node {
        ["@id": base + "/#apk", "@type": "foaf:Agent", "foaf:name": text(.openDataPublisher),
         "dct:type": id("http://purl.org/adms/publishertype/NationalAuthority")]
    }

    static func distribution(_ base: String, _ dataset: OpenDataset, _ version: DatasetVersion, json: Bool) -> Node {
        let sha = json ? version.jsonSHA256 : version.sha256
        let url = base + SiteURL.openDataFile(dataset: dataset.id, file: "\(sha).\(json ? "json" : "csv")").path
        return ["@id": url, "@type": "dcat:Distribution", "dcat:downloadURL": id(url), "dcat:accessURL": id(url),
                "dct:format": id("http://publications.europa.eu/resource/authority/file-type/\(json ? "JSON" : "CSV")"),
                "dcat:mediaType": id("http://www.iana.org/assignments/media-types/\(json ? "application/json" : "text/csv")"),
                "dcat:byteSize": ["@value": String(json ? version.jsonBytes : version.csvBytes), "@type": "xsd:nonNegativeInteger"],
                "spdx:checksum": ["@type": "spdx:Checksum", "spdx:algorithm": id("http://spdx.org/rdf/terms#checksumAlgorithm_sha256"), "spdx:checksumValue": sha],
                "dct:license": id(licence), "dct:issued": dateTime(version.publishedAt), "dct:title": [["@value": "\(dataset.id) v\(version.number) (\(json ? "JSON" : "CSV"))", "@language": "en"]]]
    }

    /// A version as a dataset of its own.
    static func version(_ base: String, _ dataset: OpenDataset, _ version: DatasetVersion, previous: DatasetVersion?) -> Node {
        var node: Node = ["@id": base + SiteURL.openDataset(id: dataset.id).path + "/" + version.sha256, "@type": "dcat:Dataset",
                          "dct:title": text(dataset.title), "dct:description": text(dataset.summary), "dct:identifier": "\(dataset.id)@\(version.sha256)",
                          "dcat:version": String(version.number), "adms:versionNotes": version.note, "dct:issued": dateTime(version.publishedAt),
                          "dct:publisher": id(base + "/#apk"), "dct:license": id(licence),
                          "dcat:distribution": [distribution(base, dataset, version, json: false), distribution(base, dataset, version, json: true)]]
        if let previous { node["dcat:previousVersion"] = id(base + SiteURL.openDataset(id: dataset.id).path + "/" + previous.sha256) }
        return node
    }

    /// A dataset with its current version's distributions and its history.
    static func dataset(_ base: String, _ dataset: OpenDataset, versions: [DatasetVersion]) -> [Node] {
        let url = base + SiteURL.openDataset(id: dataset.id).path
        var node: Node = ["@id": url, "@type": "dcat:Dataset", "dct:identifier": dataset.id, "dct:title": text(dataset.title),
                          "dct:description": text(dataset.summary), "dcat:keyword": dataset.keywords.map { ["@value": $0, "@language": "en"] },
                          "dcat:theme": id("http://publications.europa.eu/resource/authority/data-theme/\(dataset.theme)"),
                          "dct:publisher": id(base + "/#apk"), "dct:license": id(licence), "dcat:landingPage": id(url),
                          "dct:language": ["KAZ", "RUS", "ENG"].map { id("http://publications.europa.eu/resource/authority/language/\($0)") },
                          "dct:spatial": id("http://publications.europa.eu/resource/authority/country/KAZ"),
                          "dcat:contactPoint": ["@type": "vcard:Organization", "vcard:fn": Localizer(.en)(.openDataPublisher), "vcard:hasURL": id(base + "/")]]
        let ordered = versions.sorted { $0.number < $1.number }
        var history: [Node] = []
        for (index, version) in ordered.enumerated() { history.append(self.version(base, dataset, version, previous: index > 0 ? ordered[index - 1] : nil)) }
        if let current = ordered.last {
            node["dct:modified"] = dateTime(current.publishedAt)
            node["dcat:version"] = String(current.number)
            node["dcat:distribution"] = [distribution(base, dataset, current, json: false), distribution(base, dataset, current, json: true)]
            node["dcat:hasVersion"] = history.map { id($0["@id"] as? String ?? "") }
            node["dcat:hasCurrentVersion"] = id(history.last?["@id"] as? String ?? "")
        }
        if let first = ordered.first { node["dct:issued"] = dateTime(first.publishedAt) }
        return [node] + history
    }

    static func catalogue(_ base: String, versions: [String: [DatasetVersion]]) -> Node {
        let datasets = OpenDataset.all.map { dataset(base, $0, versions: versions[$0.id] ?? []) }
        let catalogue: Node = ["@id": base + SiteURL.openData.path, "@type": "dcat:Catalog", "dct:title": text(.openDataTitle),
                               "dct:description": text(.openDataLead), "dct:publisher": id(base + "/#apk"), "dct:license": id(licence),
                               "foaf:homepage": id(base + SiteURL.openData.path),
                               "dct:language": ["KAZ", "RUS", "ENG"].map { id("http://publications.europa.eu/resource/authority/language/\($0)") },
                               "dcat:themeTaxonomy": id("http://publications.europa.eu/resource/authority/data-theme"),
                               "dcat:dataset": datasets.map { id($0.first?["@id"] as? String ?? "") }]
        return ["@context": context, "@graph": [catalogue, publisher(base)] + datasets.flatMap { $0 }]
    }

    static func datasetDocument(_ base: String, _ dataset: OpenDataset, versions: [DatasetVersion]) -> Node {
        ["@context": context, "@graph": [publisher(base)] + self.dataset(base, dataset, versions: versions)]
    }

    static func data(_ node: Node) throws -> Data {
        try JSONSerialization.data(withJSONObject: node, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
