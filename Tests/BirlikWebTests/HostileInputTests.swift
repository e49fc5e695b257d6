import BirlikCore
import BirlikTestSupport
import Foundation
import Testing
import Vapor

/// What an attacker sends: numbers no page expects, and the headers every answer must carry.
@Suite("Hostile input")
struct HostileInputTests {
    @Test("A page number past Int's range is a 422 in the user's language, and the server goes on")
    func hugePage() async throws {
        try await withBirlik { app in
            let response = try await app.request(.GET, "/directory?page=9223372036854775807", headers: ["Accept-Language": "kk"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("1 мен 100000 аралығындағы бүтін сан"))
            let russian = try await app.request(.GET, "/api/v1/organizations?page=-9223372036854775808", headers: ["Accept-Language": "ru"])
            #expect(russian.status == .unprocessableEntity && russian.text.contains("нужно целое число от 1 до 100000"))
            #expect(try await app.request(.GET, "/directory?page=2").status == .ok)
        }
    }

    /// Values that overflow, underflow, or are no whole number at all.
    static let extremes = ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "-1", "0", "1e308", "NaN",
                           "99999999999999999999999", "٣", "1.5", "%00", ""]
    /// Every parameter name a route reads as a number.
    static let numericNames = ["page", "perPage", "year", "from", "to", "context", "left", "right", "count", "version", "limit", "period"]

    @Test("Every GET route answers extreme numbers in every numeric parameter without a server error")
    func numericFuzz() async throws {
        try await withBirlik { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            var random = SeededRandom()
            let paths: [String] = app.routes.all.filter { $0.method == .GET }.compactMap { route in
                var parts: [String] = []
                for component in route.path {
                    switch component {
                    case let .constant(text): parts.append(text)
                    case let .parameter(name): parts.append(name == "id" ? UUID().uuidString : name == "code" ? "kz-2021-2025" : "KZ-75")
                    case .anything, .catchall: return nil
                    }
                }
                return "/" + parts.joined(separator: "/")
            }
            #expect(paths.count > 40)
            // Each parameter alone at both ends of Int's range, so that no earlier refusal hides a later trap.
            for path in paths {
                for name in Self.numericNames {
                    for value in ["9223372036854775807", "-9223372036854775808"] {
                        let response = try await app.request(.GET, "\(path)?\(name)=\(value)", as: secretariat)
                        #expect(response.status.code < 500, "\(path)?\(name)=\(value) → \(response.status.code)")
                    }
                }
            }
            for path in paths {
                for _ in 0..<4 {
                    let query = Self.numericNames.map { "\($0)=\(Self.extremes.randomElement(using: &random) ?? "")" }.joined(separator: "&")
                    for identity in [Identity.anonymous, secretariat] {
                        let response = try await app.request(.GET, path + "?" + query, as: identity)
                        #expect(response.status.code < 500, "\(path)?\(query) → \(response.status.code); \(random.comment)")
                    }
                }
            }
            #expect(try await app.request(.GET, "/health").status == .ok)
        }
    }

    @Test("A cached download keeps its file name; a query of combining marks is cut by scalars, not characters")
    func cachedDownloadsAndLongQueries() async throws {
        try await withBirlik { app in
            let first = try await app.request(.GET, "/directory.csv")
            var second = try await app.request(.GET, "/directory.csv")
            // Under load the first copy may outlive the cache's 5 s; a third request then hits.
            if second.headers.first(name: "X-Birlik-Cache") == nil { second = try await app.request(.GET, "/directory.csv") }
            #expect(second.headers.first(name: "X-Birlik-Cache") == "hit")
            #expect(second.headers.first(name: .contentDisposition) == first.headers.first(name: .contentDisposition))
            #expect(second.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            #expect(!second.text.dropFirst().contains("\u{FEFF}"))
            // One base letter with 20,000 combining marks: one Character, 20,001 scalars.
            let hostile = "а" + String(repeating: "\u{0301}", count: 20_000)
            let encoded = hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            // Bounded against a plain search timed just before and after, so the bound follows the machine's load:
            // a search that grows with the marks would take minutes, not a small multiple of a plain one.
            let clock = ContinuousClock()
            let plainBefore = try await clock.measure { _ = try await app.request(.GET, "/directory?q=%D0%B0") }
            var status = HTTPStatus.internalServerError, text = ""
            let hostileTook = try await clock.measure {
                let response = try await app.request(.GET, "/directory?q=\(encoded)")
                (status, text) = (response.status, response.text)
            }
            let plainAfter = try await clock.measure { _ = try await app.request(.GET, "/directory?q=%D0%B0") }
            #expect(status == .ok)
            #expect(hostileTook < max(plainBefore, plainAfter) * 20 + .seconds(2), "\(hostileTook) against \(plainBefore), \(plainAfter)")
            #expect(!text.contains(String(repeating: "\u{0301}", count: 201)))
            // A search for a LIKE wildcard finds what has it, not everything.
            let admin = try await app.session(DemoUsers.admin)
            #expect(try await app.request(.GET, "/admin/users?q=citizen", as: admin).text.contains("citizen@birlik.kz"))
            for wildcard in ["%25", "_", "%25citizen"] {
                #expect(!(try await app.request(.GET, "/admin/users?q=\(wildcard)", as: admin).text.contains("citizen@birlik.kz")), "\(wildcard)")
            }
            let everyone = try await app.request(.GET, "/admin/audit", as: admin).text.components(separatedBy: "<tr").count
            let percent = try await app.request(.GET, "/admin/audit?actor=%25", as: admin).text.components(separatedBy: "<tr").count
            #expect(everyone > 10 && percent < everyone)
        }
    }

    @Test("Every answer carries a strict policy; what a signed-in user sees is never stored")
    func headers() async throws {
        try await withBirlik { app in
            let page = try await app.request(.GET, "/directory")
            let policy = page.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'") && !policy.contains("script-src"))
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.headers.first(name: "Referrer-Policy") == "same-origin")
            #expect(page.headers.first(name: .cacheControl) != "no-store")
            let secretariat = try await app.session(DemoUsers.secretariat)
            let signedIn = try await app.request(.GET, "/dashboard", as: secretariat)
            #expect(signedIn.headers.first(name: .cacheControl) == "no-store")
            let missing = try await app.request(.GET, "/no-such-page")
            #expect(missing.headers.first(name: "Content-Security-Policy") == policy)
            // No page asks for an inline style or script that the policy would block.
            for path in ["/", "/directory", "/dashboard", "/plans", "/statistics", "/early-warning"] {
                let html = try await app.request(.GET, path, as: secretariat).text
                #expect(!html.contains(" style=\"") && !html.contains("<script") && !html.contains(" onclick="), "\(path)")
            }
        }
    }
}
