import BirlikStorage
import BirlikTestSupport
import FluentKit
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
                    documented.insert("\(method.uppercased()) \(path.replacing(/\{(\w+)\}/) { ":" + $0.1 })")
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
            // The ledger as a running server keeps it: with a signed tree head.
            _ = try await CharityStore.signTreeHead(dataDirectory: app.birlikDataDirectory, on: app.db, now: TestClock.now)
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

    /// What a real answer breaks of the schema the document gives it: wrong types, missing required
    /// properties, values outside an enum (OpenAPI 3.0's subset of JSON Schema that the document uses).
    static func problems(_ value: Any, _ schema: [String: Any], components: [String: Any], at path: String = "$") -> [String] {
        if let reference = schema["$ref"] as? String {
            guard let target = components[String(reference.split(separator: "/").last ?? "")] as? [String: Any] else {
                return ["\(path): the document refers to \(reference), which it does not define"]
            }
            return problems(value, target, components: components, at: path)
        }
        if value is NSNull { return schema["nullable"] as? Bool == true ? [] : ["\(path): null where the document allows none"] }
        var found: [String] = []
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) {
            found.append("\(path): \(value) is not one of \(allowed)")
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): \(type(of: value)) where the document says object"] }
            for name in schema["required"] as? [String] ?? [] where object[name] == nil { found.append("\(path).\(name): required, missing") }
            for (name, property) in schema["properties"] as? [String: [String: Any]] ?? [:] {
                if let item = object[name] { found += problems(item, property, components: components, at: "\(path).\(name)") }
            }
        case "array":
            guard let array = value as? [Any] else { return ["\(path): \(type(of: value)) where the document says array"] }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.prefix(50).enumerated() { found += problems(item, items, components: components, at: "\(path)[\(index)]") }
            }
        case "string":
            if !(value is String) { found.append("\(path): \(value) where the document says string") }
        case "integer":
            if jsonKind(value) != "integer" { found.append("\(path): \(value) where the document says integer") }
        case "number":
            if !["integer", "number"].contains(jsonKind(value)) { found.append("\(path): \(value) where the document says number") }
        case "boolean":
            if jsonKind(value) != "boolean" { found.append("\(path): \(value) where the document says boolean") }
        default:
            break
        }
        return found
    }

    /// What JSONSerialization made of a scalar: a boolean, an integer or another number.
    static func jsonKind(_ value: Any) -> String? {
        if value is String || value is [Any] || value is [String: Any] { return nil }
        guard let number = value as? NSNumber else { return nil }
        switch String(cString: number.objCType) {
        case "c", "B": return "boolean"
        case "d", "f": return number.doubleValue.rounded() == number.doubleValue ? "integer" : "number"
        default: return "integer"
        }
    }

    @Test("The schema check finds what a schema forbids")
    func schemaCheckBites() throws {
        let schema: [String: Any] = ["type": "object", "required": ["code", "count"], "properties": [
            "code": ["type": "string"], "count": ["type": "integer"], "ok": ["type": "boolean"],
            "kind": ["type": "string", "enum": ["a", "b"]], "items": ["type": "array", "items": ["$ref": "#/components/schemas/Item"]]]]
        let components: [String: Any] = ["Item": ["type": "object", "required": ["id"], "properties": ["id": ["type": "string"]]]]
        let good = try JSONSerialization.jsonObject(with: Data(#"{"code":"x","count":3,"ok":true,"kind":"a","items":[{"id":"1"}]}"#.utf8))
        #expect(Self.problems(good, schema, components: components).isEmpty)
        let bad = try JSONSerialization.jsonObject(with: Data(#"{"code":5,"count":2.5,"ok":1,"kind":"c","items":[{}]}"#.utf8))
        #expect(Self.problems(bad, schema, components: components).count == 5)
        let missing = try JSONSerialization.jsonObject(with: Data(#"{"code":"x"}"#.utf8))
        #expect(Self.problems(missing, schema, components: components) == ["$.count: required, missing"])
    }

    @Test("Every GET operation's real answer matches its documented schema, and its errors the Error schema")
    func responsesMatchSchemas() async throws {
        try await withBirlik { app in
            let response = try await app.request(.GET, "/api/openapi.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let components = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let secretariat = try await app.bearer(DemoUsers.secretariat)
            // Values for the parameters a path or operation needs, as a client would send them.
            let appeal = try #require(try await AppealRecord.query(on: app.db).first()?.id)
            let receipt = try #require(try await LedgerEntryRecord.query(on: app.db).filter(\.$kind == "incomingFunds").first()?.reference)
            let campaign = try #require(try await CampaignRecord.query(on: app.db).first()?.code)
            _ = try await CharityStore.signTreeHead(dataDirectory: app.birlikDataDirectory, on: app.db, now: TestClock.now)
            let fill = ["{code}": "apk-secretariat", "{id}": appeal.uuidString, "{number}": receipt, "{campaign}": campaign, "{slug}": "tilder-kuni",
                        "element": "census.population.ethnicity", "q": "тіл"]
            var checked = 0
            for (template, operations) in paths {
                guard let get = operations["get"] as? [String: Any], let responses = get["responses"] as? [String: Any] else { continue }
                var path = template
                for (name, value) in fill where name.hasPrefix("{") { path = path.replacingOccurrences(of: name, with: value) }
                let required = (get["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "query" && $0["required"] as? Bool == true }
                    .compactMap { $0["name"] as? String } + (get["x-required-one-of"] as? [String] ?? []).prefix(1)
                let query = required.compactMap { name in fill[name].map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } }
                let url = query.isEmpty ? path : path + "?" + query.joined(separator: "&")
                let answer = try await app.request(.GET, url, as: secretariat)
                #expect(answer.status == .ok, "\(url): \(answer.status)")
                let schema = try #require((((responses["200"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any],
                                          "\(template) documents no JSON answer")
                let body = try JSONSerialization.jsonObject(with: Data(buffer: answer.body), options: [.fragmentsAllowed])
                let found = Self.problems(body, schema, components: components)
                #expect(found.isEmpty, "\(url): \(found.prefix(5))")
                // A documented error answers in the Error schema.
                if responses["401"] != nil, get["security"] != nil {
                    let refused = try await app.request(.GET, url)
                    #expect(refused.status == .unauthorized, "\(url) without a token: \(refused.status)")
                    let error = try JSONSerialization.jsonObject(with: Data(buffer: refused.body))
                    #expect(Self.problems(error, ["$ref": "#/components/schemas/Error"], components: components).isEmpty, "\(url): \(refused.text)")
                }
                checked += 1
            }
            #expect(checked >= 10, "checked \(checked) operations")
        }
    }
}
