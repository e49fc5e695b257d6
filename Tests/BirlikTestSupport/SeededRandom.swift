import Foundation
import Testing

/// A reproducible stream of random numbers for property and fuzz tests (SplitMix64). The seed comes from
/// `BIRLIK_FUZZ_SEED` when set, so that a failure seen in CI can be replayed, and is fixed otherwise;
/// every test that uses it names the seed in its failures.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public let seed: UInt64

    public init(seed: UInt64 = SeededRandom.defaultSeed) {
        self.seed = seed
        state = seed
    }

    /// `BIRLIK_FUZZ_SEED`, or 20261129.
    public static var defaultSeed: UInt64 {
        ProcessInfo.processInfo.environment["BIRLIK_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_129
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A comment naming the seed, for `#expect(…, random.comment)`.
    public var comment: Comment { "seed \(seed) (replay with BIRLIK_FUZZ_SEED=\(seed))" }

    /// A random string of up to `length` scalars drawn from `alphabet`.
    public mutating func string(from alphabet: [Unicode.Scalar], length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...length, using: &self) { scalars.append(alphabet.randomElement(using: &self) ?? "a") }
        return String(scalars)
    }

    /// Scalars that break escapers: markup and CSV metacharacters, line breaks of every kind, combining
    /// marks that fuse with the character before them, Kazakh letters, a character outside the BMP.
    public static let hostileAlphabet: [Unicode.Scalar] = [
        "\"", "'", "<", ">", "&", ",", ";", "=", "+", "-", "@", "\t", "\r", "\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
        "\u{0338}", "\u{0301}", "\u{0300}", "\u{200D}", "\u{FE0F}", "ә", "ң", "Ү", "і", "a", "Z", "0", " ", "\u{1F1F0}", "\u{1F1FF}",
    ]
}
