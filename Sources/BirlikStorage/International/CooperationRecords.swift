import BirlikCore
import FluentKit
import Foundation

/// A row of `partners`.
public final class PartnerRecord: Model, @unchecked Sendable {
    public static let schema = "partners"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "keeper_id") public var keeperID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "is_public") public var isPublic: Bool
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Partner) { id = value.id; apply(value) }

    func apply(_ value: Partner) {
        code = value.code; keeperID = value.keeperID; region = value.region; isPublic = value.scope.isPublic; content = JSONColumn.encode(value)
        version = value.version
    }

    public var value: Partner? { JSONColumn.decode(Partner?.self, content, default: nil) }
}

extension PartnerRecord: ScopedModel {
    public static let resource = Resource.partner
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("keeper_id", table), isPublic: "\(column("is_public", table)) = \(bind: true)")
    }
}

/// A row of `agreements`: the agreement with its obligations as JSON, the columns lists filter on.
public final class AgreementRecord: Model, @unchecked Sendable {
    public static let schema = "agreements"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "keeper_id") public var keeperID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "ends_on") public var endsOn: String?
    @Field(key: "is_public") public var isPublic: Bool
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Agreement) { id = value.id; apply(value) }

    func apply(_ value: Agreement) {
        code = value.code; keeperID = value.keeperID; region = value.region; status = value.status.rawValue; endsOn = value.endsOn?.description
        isPublic = value.scope.isPublic; content = JSONColumn.encode(value); version = value.version
    }

    public var value: Agreement? { JSONColumn.decode(Agreement?.self, content, default: nil) }
}

extension AgreementRecord: ScopedModel {
    public static let resource = Resource.agreement
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("keeper_id", table), isPublic: "\(column("is_public", table)) = \(bind: true)")
    }
}
