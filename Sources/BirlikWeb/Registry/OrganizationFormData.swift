import BirlikCore
import BirlikStorage
import Vapor

/// The organisation form as the browser sends it.
struct OrganizationFormData: Content {
    var code: String?
    var type: String?
    var nameKK: String?
    var nameRU: String?
    var nameEN: String?
    var descriptionKK: String?
    var descriptionRU: String?
    var descriptionEN: String?
    var regionCode: String?
    var parentCode: String?
    var address: String?
    var phone: String?
    var email: String?
    var website: String?
    var bin: String?
    var languages: [String]?
    var ethnicGroups: [String]?
    var isPublic: String?
    var internalNote: String?
    var version: Int?

    var draft: OrganizationDraft {
        OrganizationDraft(code: code ?? "", type: type ?? "", nameKK: nameKK ?? "", nameRU: nameRU ?? "", nameEN: nameEN ?? "",
                          descriptionKK: descriptionKK ?? "", descriptionRU: descriptionRU ?? "", descriptionEN: descriptionEN ?? "",
                          regionCode: regionCode ?? "", parentCode: parentCode ?? "", address: address ?? "", phone: phone ?? "",
                          email: email ?? "", website: website ?? "", bin: bin ?? "", languages: languages ?? [], ethnicGroups: ethnicGroups ?? [],
                          isPublic: isPublic == "true" || isPublic == "on", internalNote: internalNote ?? "", version: version ?? 0)
    }
}

extension DirectoryQuery {
    /// The directory query a request's parameters describe; unknown values are ignored.
    init(_ request: Request) throws {
        let region = (try? request.query.get(String.self, at: "region")).flatMap { RegionCode.isValid($0) ? $0 : nil }
        self.init(text: request.queryText("q") ?? "",
                  regionCode: region,
                  type: (try? request.query.get(String.self, at: "type")).flatMap(OrganizationType.init(rawValue:)),
                  ethnicGroup: (try? request.query.get(String.self, at: "group")).flatMap { $0.isEmpty ? nil : $0 },
                  sort: (try? request.query.get(String.self, at: "sort")).flatMap(Sort.init(rawValue:)) ?? .name,
                  descending: (try? request.query.get(String.self, at: "desc")) == "1",
                  page: try request.pageNumber(),
                  perPage: try request.queryNumber("perPage", in: 1...200, default: 25))
    }
}
