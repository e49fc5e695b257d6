/// A place in the region tree: the republic, a region or city of republican significance, a district.
public struct Region: Codable, Sendable, Hashable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case republic, region, city, district
    }

    /// `KZ`, `KZ-75` (ISO 3166-2:KZ) or `KZ-75-03` (a district: Birlik's own suffix).
    public var code: String
    public var parent: String?
    public var kind: Kind
    public var name: LocalizedText
    public var center: LocalizedText

    public var id: String { code }

    public init(code: String, parent: String?, kind: Kind, name: LocalizedText, center: LocalizedText) {
        self.code = code
        self.parent = parent
        self.kind = kind
        self.name = name
        self.center = center
    }
}

/// Region codes encode their place in the tree, so that "is within" is a prefix test.
public enum RegionCode {
    /// The republic: the root of the tree.
    public static let republic = "KZ"

    /// `true` when `code` is `ancestor` itself or lies inside its subtree.
    public static func isWithin(_ code: String, _ ancestor: String) -> Bool {
        code == ancestor || code.hasPrefix(ancestor + "-")
    }

    /// The region or city of republican significance that `code` belongs to (`KZ-75-03` → `KZ-75`).
    public static func topLevel(_ code: String) -> String? {
        let parts = code.split(separator: "-")
        guard parts.count >= 2 else { return nil }
        return parts[0...1].joined(separator: "-")
    }

    /// `true` for a syntactically valid code.
    public static func isValid(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.first == "KZ", parts.count <= 3 else { return false }
        return parts.dropFirst().allSatisfy { $0.count == 2 && $0.allSatisfy(\.isNumber) }
    }
}
