import BirlikCore
import BirlikTestSupport
import Testing
import Vapor

/// Every page and API route tried with every role: allowed, forbidden, or not found, as written here.
@Suite("Routes × roles")
struct RouteAccessTests {
    /// The users of the demo set, and the public.
    static let people: [String?] = [nil, DemoUsers.admin, DemoUsers.secretariat, DemoUsers.almaty, DemoUsers.abai, DemoUsers.executor,
                                    DemoUsers.council, DemoUsers.mediator, DemoUsers.association, DemoUsers.citizen]

    /// A GET route and the status each person gets; people not listed get `otherwise`.
    struct Expectation: Sendable {
        var path: String
        var statuses: [String: UInt]
        var anonymous: UInt
        var otherwise: UInt
    }

    static let everyone200 = ["/", "/directory", "/directory?region=KZ-75&type=friendshipHouse&q=%D2%9B", "/map", "/map?type=akimat",
                              "/regions", "/directory.csv", "/organizations/apk-secretariat", "/organizations/friendship-house-kz-10",
                              "/api/v1/regions", "/api/v1/organizations", "/api/v1/organizations/apk", "/api/openapi.json",
                              "/health", "/static/birlik.css", "/sign-in"]

    static let restricted: [Expectation] = [
        // Audit log: administrators and the Secretariat.
        // Operational figures: administrators and the Secretariat (a scraper with BIRLIK_METRICS_TOKEN).
        Expectation(path: "/metrics", statuses: [DemoUsers.admin: 200, DemoUsers.secretariat: 200], anonymous: 401, otherwise: 403),
        Expectation(path: "/admin/audit", statuses: [DemoUsers.admin: 200, DemoUsers.secretariat: 200], anonymous: 401, otherwise: 403),
        // Abai's non-public NGO: the republic's roles and Abai's coordinator only; others are told it does not exist.
        Expectation(path: "/organizations/ngo-kz-10", statuses: [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.abai: 200],
                    anonymous: 404, otherwise: 404),
        Expectation(path: "/api/v1/organizations/ngo-kz-10", statuses: [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.abai: 200],
                    anonymous: 404, otherwise: 404),
        // Almaty's non-public district council: Almaty's coordinator, not Abai's.
        Expectation(path: "/organizations/district-council-kz-75-01", statuses: [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.almaty: 200],
                    anonymous: 404, otherwise: 404),
        // Creating organisations: the Secretariat and regional coordinators.
        Expectation(path: "/organizations/new", statuses: [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.almaty: 200, DemoUsers.abai: 200],
                    anonymous: 401, otherwise: 403),
        // Editing an Almaty association: its region's coordinator, the association itself, the republic's roles.
        Expectation(path: "/organizations/association-kz-75-1/edit",
                    statuses: [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.almaty: 200, DemoUsers.association: 200],
                    anonymous: 401, otherwise: 403),
        // Editing a national body: only the republic's roles.
        Expectation(path: "/organizations/apk-mothers-council/edit", statuses: [DemoUsers.admin: 200, DemoUsers.secretariat: 200],
                    anonymous: 401, otherwise: 403),
        Expectation(path: "/organizations/no-such-thing", statuses: [:], anonymous: 404, otherwise: 404),
        // User accounts: administrators and the Secretariat (all), regional coordinators (their region's).
        Expectation(path: "/admin/users", statuses: [DemoUsers.admin: 200, DemoUsers.secretariat: 200, DemoUsers.almaty: 200, DemoUsers.abai: 200],
                    anonymous: 401, otherwise: 403),
    ]

    @Test("Public pages and APIs answer everyone")
    func publicRoutes() async throws {
        try await withBirlik { app in
            for person in Self.people {
                let identity = try await app.identity(person)
                for path in Self.everyone200 {
                    let response = try await app.request(.GET, path, as: identity)
                    #expect(response.status.code == 200, "\(person ?? "public") \(path)")
                }
            }
        }
    }

    @Test("Restricted pages answer each role as the rules say")
    func restrictedRoutes() async throws {
        try await withBirlik { app in
            for person in Self.people {
                let identity = try await app.identity(person)
                for expectation in Self.restricted {
                    let expected = person.map { expectation.statuses[$0] ?? expectation.otherwise } ?? expectation.anonymous
                    let response = try await app.request(.GET, expectation.path, as: identity)
                    #expect(response.status.code == expected, "\(person ?? "public") \(expectation.path)")
                }
            }
        }
    }

    @Test("A region's user never sees another region's non-public organisations in any list")
    func noLeaks() async throws {
        try await withBirlik { app in
            let abai = try await app.session(DemoUsers.abai)
            for path in ["/api/v1/organizations?region=KZ-75&perPage=200", "/api/v1/organizations?q=%D0%B6%D0%B0%D1%81%D1%82%D0%B0%D1%80&perPage=200"] {
                let response = try await app.request(.GET, path, as: abai)
                let list = try JSONDecoder().decode(OrganizationList.self, from: Data(buffer: response.body))
                #expect(!list.items.isEmpty, "\(path)")
                #expect(list.items.allSatisfy { $0.isPublic || $0.region.hasPrefix("KZ-10") }, "\(path)")
            }
            let page = try await app.request(.GET, "/directory?region=KZ-75&perPage=200", as: abai).text
            #expect(!page.contains("ngo-kz-75") && !page.contains("district-council-kz-75"))
            let almaty = try await app.request(.GET, "/directory?region=KZ-75&perPage=200", as: try await app.session(DemoUsers.almaty)).text
            #expect(almaty.contains("/organizations/ngo-kz-75"))
            let profile = try await app.request(.GET, "/organizations/ngo-kz-75", as: try await app.session(DemoUsers.almaty)).text
            #expect(profile.contains("Тіркеу құжаттары тексерілуде"))
            let publicProfile = try await app.request(.GET, "/organizations/friendship-house-kz-75").text
            #expect(!publicProfile.contains("@example.kz, +7 (701)"))
        }
    }

    @Test("Writes need the right role, region and form token")
    func writes() async throws {
        try await withBirlik { app in
            let abai = try await app.session(DemoUsers.abai)
            let form = ["_csrf": abai.csrf, "code": "x-new", "type": "ngo", "nameKK": "Жаңа ұйым", "regionCode": "KZ-75", "version": "0"]
            #expect(try await app.request(.POST, "/organizations/new", as: abai, form: form).status == .forbidden)
            #expect(try await app.request(.POST, "/organizations/association-kz-75-1/edit", as: abai, form: form).status == .forbidden)
            #expect(try await app.request(.POST, "/organizations/association-kz-75-1/delete", as: abai, form: ["_confirmed": "1", "_csrf": abai.csrf]).status == .forbidden)
            let citizen = try await app.session(DemoUsers.citizen)
            #expect(try await app.request(.POST, "/organizations/new", as: citizen, form: form).status == .forbidden)
            #expect(try await app.request(.POST, "/organizations/new", form: form).status == .unauthorized)
            let almaty = try await app.session(DemoUsers.almaty)
            var noToken = form
            noToken["_csrf"] = "forged"
            let forged = try await app.request(.POST, "/organizations/new", as: almaty, form: noToken)
            #expect(forged.status == .forbidden)
            #expect(try await app.request(.GET, "/organizations/x-new", as: almaty).status == .notFound)
            var good = form
            good["_csrf"] = almaty.csrf
            let created = try await app.request(.POST, "/organizations/new", as: almaty, form: good)
            #expect(created.status == .seeOther)
            #expect(created.headers.first(name: .location) == "/organizations/x-new?notice=saved")
        }
    }
}

/// The shape of `GET /api/v1/organizations`, decoded independently of the server's types.
struct OrganizationList: Decodable {
    struct Item: Decodable {
        var code: String
        var region: String
        var isPublic: Bool
        var name: [String: String]
        var version: Int
    }

    var items: [Item]
    var total: Int
}
