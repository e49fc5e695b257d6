import BirlikDocuments
import BirlikTestSupport
import Foundation
import Testing

/// The receipt's QR code, read back by a decoder that did not write it (zbarimg, from Debian's zbar-tools).
@Suite("QR codes")
struct QRCodeTests {
    /// The code as a PBM image, 4 pixels a module, with the quiet zone.
    static func pbm(_ code: QRCode) -> String {
        let scale = 4, border = 4, side = (code.size + 2 * border) * scale
        var lines = ["P1", "\(side) \(side)"]
        for row in 0..<side {
            let y = row / scale - border
            lines.append((0..<side).map { column -> String in
                let x = column / scale - border
                return (0..<code.size).contains(x) && (0..<code.size).contains(y) && code.isDark(x: x, y: y) ? "1" : "0"
            }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("Links of every length up to version 10 decode to the same text", arguments: [
        "https://birlik.kz", "http://127.0.0.1:8080/appeals/status/mA1HkZB5kjXaO8CGXzy6Z24Y2oclVlBWjYY",
        "https://birlik.kz/appeals/status/" + String(repeating: "Qz9_", count: 30), String(repeating: "x", count: 213),
    ])
    func decodes(text: String) throws {
        let code = try #require(QRCode(text: text))
        #expect(code.size >= 21 && code.size <= 57)
        guard QRDecoder.isAvailable else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs zbar-tools; zbarimg is missing")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pbm")
        try Self.pbm(code).write(to: file, atomically: true, encoding: .ascii)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try QRDecoder.decode(file) == text)
    }

    @Test("Too long a text for version 10 gives no code")
    func tooLong() {
        #expect(QRCode(text: String(repeating: "x", count: 214)) == nil)
    }
}
