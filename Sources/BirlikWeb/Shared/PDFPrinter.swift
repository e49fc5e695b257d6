import Foundation

/// Prints Birlik's print-ready HTML pages (the annual report, the mediation agreement) to PDF with
/// headless Chromium (Debian's `chromium`), the one way Birlik makes a PDF.
public enum PDFPrinter {
    /// Why no PDF came out.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The Chromium binary: `BIRLIK_CHROMIUM`, or Debian's.
    static var chromium: String? {
        if let configured = ProcessInfo.processInfo.environment["BIRLIK_CHROMIUM"], !configured.isEmpty { return configured }
        return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Prints an HTML page to PDF (60 s at most).
    public static func print(_ html: String) async throws -> Data {
        guard let binary = chromium else { throw Failure(description: "Chromium is not installed (apt-get install chromium), or set BIRLIK_CHROMIUM") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("birlik-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("document.html")
        let output = directory.appendingPathComponent("document.pdf")
        try Data(html.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                             "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
                             "--print-to-pdf=\(output.path)", input.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while process.isRunning {
            if ContinuousClock.now > deadline { process.terminate(); throw Failure(description: "Chromium did not finish printing in 60 s") }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        guard let data = try? Data(contentsOf: output), data.starts(with: Data("%PDF".utf8)) else {
            throw Failure(description: "Chromium produced no PDF (exit \(process.terminationStatus))")
        }
        return data
    }
}
