import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Vapor

/// A small W3C WebDriver client for the browser tests: Debian's chromium driven through chromedriver.
public final class WebDriver: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    let process: Process
    let base: URL
    let sessionID: String

    /// Starts chromedriver and a headless Chromium session; a `width` under 500 emulates a phone of that width.
    /// A Chromium that fails to start (a busy machine) is started again, up to three times.
    public static func start(client: any Client, language: String = "ru", width: Int = 1280) async throws -> WebDriver {
        var attempt = 1
        while true {
            do {
                return try await startOnce(client: client, language: language, width: width)
            } catch where attempt < 3 {
                attempt += 1
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    static func startOnce(client: any Client, language: String, width: Int) async throws -> WebDriver {
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CHROMEDRIVER"] ?? "/usr/bin/chromedriver")
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let base = URL(string: "http://127.0.0.1:\(port)")!
        for _ in 0..<50 {
            if let status = try? await call(client, base, "GET", "/status", nil), (status["value"] as? [String: Any])?["ready"] as? Bool == true { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        var options: [String: Any] = [
            "binary": ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=\(max(width, 500)),1100", "--lang=\(language)"],
            "prefs": ["intl.accept_languages": language],
        ]
        if width < 500 { options["mobileEmulation"] = ["deviceMetrics": ["width": width, "height": 844, "pixelRatio": 1]] }
        let response: [String: Any]
        do {
            response = try await call(client, base, "POST", "/session",
                                      ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]])
        } catch {
            process.terminate()
            throw error
        }
        guard let value = response["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            process.terminate()
            throw Failure(description: "no session: \(response)")
        }
        return WebDriver(client: client, process: process, base: base, sessionID: id)
    }

    let client: any Client

    init(client: any Client, process: Process, base: URL, sessionID: String) {
        self.client = client
        self.process = process
        self.base = base
        self.sessionID = sessionID
    }

    public func open(_ url: String) async throws {
        _ = try await command("POST", "/url", ["url": url])
    }

    /// The element matching a CSS selector.
    public func element(_ css: String) async throws -> String {
        let value = try await command("POST", "/element", ["using": "css selector", "value": css])
        guard let element = value as? [String: Any], let id = element.values.first as? String else {
            throw Failure(description: "no element \(css)")
        }
        return id
    }

    public func type(_ css: String, _ text: String) async throws {
        let id = try await element(css)
        _ = try await command("POST", "/element/\(id)/clear", [:])
        _ = try await command("POST", "/element/\(id)/value", ["text": text])
    }

    public func click(_ css: String) async throws {
        _ = try await command("POST", "/element/\(try await element(css))/click", [:])
    }

    public func text(_ css: String) async throws -> String {
        try await command("GET", "/element/\(try await element(css))/text", nil) as? String ?? ""
    }

    /// The text of `css` once it contains `expected`, waiting up to thirty seconds for a page to load (a
    /// sign-in's password hash on a machine busy with the other suites can take several); the last text
    /// seen otherwise.
    @discardableResult
    public func waitForText(_ css: String, containing expected: String) async throws -> String {
        var last = ""
        for _ in 0..<300 {
            if let text = try? await text(css) {
                last = text
                if text.contains(expected) { return text }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    public func source() async throws -> String {
        try await command("GET", "/source", nil) as? String ?? ""
    }

    public func script(_ body: String) async throws -> Any? {
        try await command("POST", "/execute/sync", ["script": body, "args": []])
    }

    /// Runs `body` as an asynchronous script: it ends by calling `arguments[arguments.length - 1]` with the result.
    public func asyncScript(_ body: String) async throws -> Any? {
        try await command("POST", "/execute/async", ["script": body, "args": []])
    }

    /// A PNG screenshot of the viewport.
    public func screenshot() async throws -> Data {
        guard let encoded = try await command("GET", "/screenshot", nil) as? String, let data = Data(base64Encoded: encoded) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    public func quit() async {
        _ = try? await Self.call(client, base, "DELETE", "/session/\(sessionID)", nil)
        process.terminate()
        for _ in 0..<50 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
    }

    func command(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        let response = try await Self.call(client, base, method, "/session/\(sessionID)\(path)", body)
        if let value = response["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error) \(value["message"] ?? "")")
        }
        return response["value"]
    }

    static func call(_ client: any Client, _ base: URL, _ method: String, _ path: String, _ body: [String: Any]?) async throws -> [String: Any] {
        var request = ClientRequest(method: HTTPMethod(rawValue: method), url: URI(string: base.absoluteString + path))
        // A browser that stopped answering fails the test instead of holding the suite forever.
        request.timeout = .seconds(120)
        if let body {
            request.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
            request.headers.contentType = .json
        }
        let response = try await client.send(request)
        guard let buffer = response.body else { return [:] }
        return (try JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
    }
}

/// A port nothing listens on: the kernel picks one for a socket bound to port 0.
public func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw PortError() }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
    guard bound == 0 else { throw PortError() }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// No free port could be found.
public struct PortError: Error {}
