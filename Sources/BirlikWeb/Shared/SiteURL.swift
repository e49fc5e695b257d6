import BirlikCore
import Vapor

/// Every URL of Birlik, defined once: routes are registered from these and links are printed from them.
public enum SiteURL: Sendable {
    case home
    case directory
    case directoryCSV
    case map
    case organization(code: String)
    case organizationNew
    case organizationEdit(code: String)
    case organizationDelete(code: String)
    case organizationPeople(code: String)
    case personDelete(code: String, id: String)
    case users
    case regions
    case signIn
    case signOut
    case language(Language)
    case script(KazakhScript)
    case audit
    case stylesheet
    case health
    case liveness
    case metrics
    case openAPI
    case apiRegions
    case apiOrganizations
    case apiOrganization(code: String)
    case apiToken

    /// The path a link points at.
    public var path: String {
        switch self {
        case .home: "/"
        case .directory: "/directory"
        case .directoryCSV: "/directory.csv"
        case .map: "/map"
        case let .organization(code): "/organizations/\(code)"
        case .organizationNew: "/organizations/new"
        case let .organizationEdit(code): "/organizations/\(code)/edit"
        case let .organizationDelete(code): "/organizations/\(code)/delete"
        case let .organizationPeople(code): "/organizations/\(code)/people"
        case let .personDelete(code, id): "/organizations/\(code)/people/\(id)/delete"
        case .users: "/admin/users"
        case .regions: "/regions"
        case .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case let .language(language): "/language/\(language.rawValue)"
        case let .script(script): "/script/\(script.rawValue)"
        case .audit: "/admin/audit"
        case .stylesheet: "/static/birlik.css"
        case .health: "/health"
        case .liveness: "/health/live"
        case .metrics: "/metrics"
        case .openAPI: "/api/openapi.json"
        case .apiRegions: "/api/v1/regions"
        case .apiOrganizations: "/api/v1/organizations"
        case let .apiOrganization(code): "/api/v1/organizations/\(code)"
        case .apiToken: "/api/v1/auth/token"
        }
    }

    /// The route pattern, with `:code` style parameters.
    public var pattern: [PathComponent] {
        switch self {
        case .organization: ["organizations", ":code"]
        case .organizationEdit: ["organizations", ":code", "edit"]
        case .organizationDelete: ["organizations", ":code", "delete"]
        case .organizationPeople: ["organizations", ":code", "people"]
        case .personDelete: ["organizations", ":code", "people", ":person", "delete"]
        case .language: ["language", ":value"]
        case .script: ["script", ":value"]
        case .apiOrganization: ["api", "v1", "organizations", ":code"]
        default: path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
        }
    }

    /// The path with a query string; empty values are left out.
    public func with(_ query: [(String, String?)]) -> String {
        let items = query.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            let encoded = value.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? value
            return "\(key)=\(encoded)"
        }
        return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()
}

extension RoutesBuilder {
    @discardableResult
    func get<Response: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        get(url.pattern, use: handler)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        post(url.pattern, use: handler)
    }
}
