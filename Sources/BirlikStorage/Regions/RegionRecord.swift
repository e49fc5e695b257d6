import BirlikCore
import FluentKit

/// A row of `regions`: one place in the region tree.
public final class RegionRecord: Model, @unchecked Sendable {
    public static let schema = "regions"

    @ID(custom: "code", generatedBy: .user) public var id: String?
    @OptionalField(key: "parent_code") public var parentCode: String?
    @Field(key: "kind") public var kind: String
    @Field(key: "name_kk") public var nameKK: String
    @OptionalField(key: "name_ru") public var nameRU: String?
    @OptionalField(key: "name_en") public var nameEN: String?
    @OptionalField(key: "center_kk") public var centerKK: String?
    @OptionalField(key: "center_ru") public var centerRU: String?
    @OptionalField(key: "center_en") public var centerEN: String?

    public init() {}

    public init(_ region: Region) {
        id = region.code
        parentCode = region.parent
        kind = region.kind.rawValue
        nameKK = region.name.kk ?? region.code
        nameRU = region.name.ru
        nameEN = region.name.en
        centerKK = region.center.kk
        centerRU = region.center.ru
        centerEN = region.center.en
    }

    public var region: Region {
        Region(code: id ?? "", parent: parentCode, kind: Region.Kind(rawValue: kind) ?? .region,
               name: LocalizedText(kk: nameKK, ru: nameRU, en: nameEN),
               center: LocalizedText(kk: centerKK, ru: centerRU, en: centerEN))
    }
}
