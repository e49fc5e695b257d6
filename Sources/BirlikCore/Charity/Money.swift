import Foundation

/// An amount of Kazakh tenge held as whole tiyn (1 tenge = 100 tiyn): never a floating-point number.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var tiyn: Int64

    public init(tiyn: Int64) { self.tiyn = tiyn }

    public static let zero = Money(tiyn: 0)

    /// Reads what people type: `1250`, `1 250,50`, `1250.5`, `1 250 000 ₸`. `nil` for anything else,
    /// for more than two decimals, or beyond a trillion tenge.
    public init?(tenge text: String) {
        var cleaned = text.trimmingCharacters(in: .whitespaces)
        for suffix in ["₸", "тг", "тенге", "теңге", "KZT"] where cleaned.hasSuffix(suffix) {
            cleaned = String(cleaned.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        cleaned = cleaned.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }.replacingOccurrences(of: ",", with: ".")
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard !cleaned.isEmpty, parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 13,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }), let tenge = Int64(whole) else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        tiyn = tenge * 100 + fraction
    }

    /// `1 250 000,50 ₸` as Kazakh and Russian write it (thin spaces between thousands, a decimal comma;
    /// whole tenge without decimals).
    public var description: String {
        let sign = tiyn < 0 ? "−" : ""
        let magnitude = tiyn.magnitude
        let whole = String(magnitude / 100)
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append("\u{202F}") }
            grouped.append(character)
        }
        let fraction = magnitude % 100
        return sign + grouped + (fraction == 0 ? "" : String(format: ",%02d", fraction)) + " ₸"
    }

    /// The amount split into `parts` shares as equal as whole tiyn allow: the first `remainder` shares
    /// carry one tiyn more, so the shares always add up to the amount exactly.
    public func splitEqually(_ parts: Int) -> [Money] {
        guard parts > 0 else { return [] }
        let (share, remainder) = tiyn.quotientAndRemainder(dividingBy: Int64(parts))
        return (0..<parts).map { Money(tiyn: share + ($0 < Int(remainder) ? 1 : 0)) }
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.tiyn < rhs.tiyn }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(tiyn: lhs.tiyn + rhs.tiyn) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(tiyn: lhs.tiyn - rhs.tiyn) }
    public static prefix func - (value: Money) -> Money { Money(tiyn: -value.tiyn) }
}
