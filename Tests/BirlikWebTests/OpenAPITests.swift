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
}
