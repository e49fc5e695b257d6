import BirlikTestSupport
import Foundation
import Testing
import Vapor

@Suite("The OpenAPI document")
struct OpenAPITests {
    @Test("Every documented operation is a route, and every API route is documented")
    func documentMatchesRoutes() async throws {
        try await withBirlik(demo: false) { app in
            let response = try await app.request(.GET, "/api/openapi.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.0.3")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys where method != "parameters" {
                    documented.insert("\(method.uppercased()) \(path.replacingOccurrences(of: "{code}", with: ":code"))")
                }
            }
            let routes = Set(app.routes.all.map { route in
                "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
            }.filter { $0.contains(" /api/v1/") })
            #expect(documented == routes)
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let text = String(decoding: Data(buffer: response.body), as: UTF8.self)
            for match in text.matches(of: /#\/components\/schemas\/(\w+)/) {
                #expect(schemas[String(match.1)] != nil, "\(match.1)")
            }
        }
    }

    @Test("A GET operation answers 4xx without a parameter the document calls required, and never 4xx for a missing optional one")
    func requiredParameters() async throws {
        try await withBirlik { app in
            let response = try await app.request(.GET, "/api/openapi.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let secretariat = try await app.bearer(DemoUsers.secretariat)
            var checked = 0
            for (path, operations) in paths where !path.contains("{") {
                guard let get = operations["get"] as? [String: Any] else { continue }
                let parameters = (get["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "query" }
                let required = parameters.filter { $0["required"] as? Bool == true }.map { $0["name"] as? String ?? "" }
                    + (get["x-required-one-of"] as? [String] ?? [])
                let status = try await app.request(.GET, path, as: secretariat).status.code
                if required.isEmpty {
                    #expect(status < 400, "\(path) answers \(status) with no parameter, though none is required")
                } else {
                    #expect((400..<500).contains(status), "\(path) answers \(status) without its required parameters")
                }
                checked += 1
            }
            #expect(checked > 5)
        }
    }
}
