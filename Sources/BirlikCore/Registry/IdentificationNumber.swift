/// A Kazakh individual or business identification number (ИИН / БИН, ЖСН / БСН): twelve digits whose
/// last is a check digit over the first eleven, weighted 1…11 and, when that gives 10, 3…11, 1, 2 (a
/// second 10 means no number is valid with those digits).
public struct IdentificationNumber: Sendable, Hashable, CustomStringConvertible {
    public let digits: String

    /// `nil` unless `text` (spaces allowed) is twelve digits with a correct check digit.
    public init?(_ text: String) {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.count == 12, compact.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let values = compact.compactMap(\.wholeNumberValue)
        guard let check = Self.checkDigit(Array(values.prefix(11))), check == values[11] else { return nil }
        digits = compact
    }

    /// The check digit of eleven digits, or `nil` when the rule yields none.
    public static func checkDigit(_ first: [Int]) -> Int? {
        precondition(first.count == 11)
        let primary = zip(first, 1...11).reduce(0) { $0 + $1.0 * $1.1 } % 11
        if primary != 10 { return primary }
        let secondary = zip(first, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return secondary == 10 ? nil : secondary
    }

    /// `true` when `text` has the shape of one (twelve digits), valid or not.
    public static func looksLikeOne(_ text: String) -> Bool {
        let compact = text.filter { !$0.isWhitespace }
        return compact.count == 12 && compact.allSatisfy { $0.isASCII && $0.isNumber }
    }

    public var description: String { digits }
}
