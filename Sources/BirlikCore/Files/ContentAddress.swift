import Foundation

/// Where a stored file lives: named by the SHA-256 of its bytes, so equal files are stored once and
/// a changed file cannot hide under an old name.
public struct ContentAddress: Sendable, Hashable, Codable {
    public var sha256: String

    public init(of data: Data) { sha256 = Hashing.sha256Hex(data) }

    public init?(hex: String) {
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        sha256 = hex
    }

    /// The path below the files directory: `ab/cd/abcd…`.
    public var relativePath: String {
        let characters = Array(sha256)
        return "\(String(characters[0..<2]))/\(String(characters[2..<4]))/\(sha256)"
    }
}
