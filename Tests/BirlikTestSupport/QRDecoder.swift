import Foundation

/// Reads QR codes with a decoder that did not draw them: zbarimg, from Debian's zbar-tools.
public enum QRDecoder {
    /// `true` when zbarimg is installed (CI installs it).
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg") }

    /// The text of the QR code in an image file (PBM, PNG), trimmed; empty when none is found.
    public static func decode(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
