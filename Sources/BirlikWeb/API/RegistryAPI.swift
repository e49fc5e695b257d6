import BirlikCore
import BirlikStorage
import Vapor

/// The JSON API of the registry and the region tree (`/api/v1`), described in `OpenAPIDocument`.
enum RegistryAPI {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.apiRegions, use: regions)
        routes.get(.apiOrganizations, use: organizations)
        routes.post(.apiOrganizations, use: create)
        routes.get(.apiOrganization(code: ""), use: organization)
        routes.put(SiteURL.apiOrganization(code: "").pattern, use: update)
        routes.delete(SiteURL.apiOrganization(code: "").pattern, use: delete)
    }

    struct RegionDTO: Content {
        var code: String
        var parent: String?
        var kind: String
        var name: LocalizedText
        var center: LocalizedText
    }

    static func regions(_ request: Request) async throws -> [RegionDTO] {
        try await request.regions().map {
            RegionDTO(code: $0.code, parent: $0.parent, kind: $0.kind.rawValue, name: $0.name, center: $0.center)
        }
    }

    struct OrganizationDTO: Content {
        var id: UUID
        var code: String
        var type: String
        var name: LocalizedText
        var description: LocalizedText
        var region: String
        var parentID: UUID?
        var contacts: Contacts
        var bin: String?
        var languages: [Language]
        var ethnicGroups: [String]
        var isPublic: Bool
        var isDemo: Bool
        var missingTranslations: [Language]
        var version: Int
        var url: String

        init(_ organization: Organization) {
            id = organization.id
            code = organization.code
            type = organization.type.rawValue
            name = organization.name
            description = organization.description
            region = organization.regionCode
            parentID = organization.parentID
            contacts = organization.contacts
            bin = organization.bin
            languages = organization.languages
            ethnicGroups = organization.ethnicGroups
            isPublic = organization.isPublic
            isDemo = organization.isDemo
            missingTranslations = organization.name.missing
            version = organization.version
            url = SiteURL.organization(code: organization.code).path
        }
    }

    struct ListDTO: Content {
        var items: [OrganizationDTO]
        var page: Int
        var perPage: Int
        var total: Int
    }

    static func organizations(_ request: Request) async throws -> ListDTO {
        if let region = try? request.query.get(String.self, at: "region"), !region.isEmpty, !RegionCode.isValid(region) {
            throw DomainError.malformed("region must look like KZ-75")
        }
        if let type = try? request.query.get(String.self, at: "type"), !type.isEmpty, OrganizationType(rawValue: type) == nil {
            throw DomainError.malformed("unknown type '\(type)'")
        }
        let page = try await OrganizationQueries.directory(try DirectoryQuery(request), actor: request.actor,
                                                           language: request.l10n.language, counts: request.application.birlik.counts,
                                                           on: request.db)
        return ListDTO(items: page.items.map(OrganizationDTO.init), page: page.page, perPage: page.perPage, total: page.total)
    }

    static func organization(_ request: Request) async throws -> OrganizationDTO {
        OrganizationDTO(try await OrganizationQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db))
    }

    /// The JSON body of a create or update.
    struct OrganizationInput: Content {
        var code: String?
        var type: String?
        var name: LocalizedText?
        var description: LocalizedText?
        var region: String?
        var parentCode: String?
        var contacts: Contacts?
        var languages: [String]?
        var ethnicGroups: [String]?
        var isPublic: Bool?
        var internalNote: String?
        var bin: String?
        var version: Int?

        var draft: OrganizationDraft {
            OrganizationDraft(code: code ?? "", type: type ?? "", nameKK: name?.kk ?? "", nameRU: name?.ru ?? "", nameEN: name?.en ?? "",
                              descriptionKK: description?.kk ?? "", descriptionRU: description?.ru ?? "", descriptionEN: description?.en ?? "",
                              regionCode: region ?? "", parentCode: parentCode ?? "", address: contacts?.address ?? "",
                              phone: contacts?.phone ?? "", email: contacts?.email ?? "", website: contacts?.website ?? "", bin: bin ?? "",
                              languages: languages ?? ["kk", "ru"], ethnicGroups: ethnicGroups ?? [], isPublic: isPublic ?? true,
                              internalNote: internalNote ?? "", version: version ?? 0)
        }
    }

    static func create(_ request: Request) async throws -> Response {
        try requireBearer(request)
        let input = try request.content.decode(OrganizationInput.self)
        let organization = try await OrganizationStore.create(input.draft, actor: request.actor, on: request.db, now: request.now)
        let response = Response(status: .created)
        try response.content.encode(OrganizationDTO(organization))
        response.headers.replaceOrAdd(name: .location, value: SiteURL.apiOrganization(code: organization.code).path)
        return response
    }

    static func update(_ request: Request) async throws -> OrganizationDTO {
        try requireBearer(request)
        let existing = try await OrganizationQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        let input = try request.content.decode(OrganizationInput.self)
        return OrganizationDTO(try await OrganizationStore.update(id: existing.id, input.draft, actor: request.actor, on: request.db, now: request.now))
    }

    static func delete(_ request: Request) async throws -> HTTPStatus {
        try requireBearer(request)
        let existing = try await OrganizationQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try await OrganizationStore.delete(id: existing.id, actor: request.actor, on: request.db, now: request.now)
        return .noContent
    }

    /// API writes are made with a bearer token, never with a browser's cookie.
    static func requireBearer(_ request: Request) throws {
        guard request.birlik.viaBearer else { throw DomainError.signInRequired }
    }
}
