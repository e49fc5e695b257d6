import BirlikCore
import FluentKit
import Foundation

/// A row of `good_practices`: the practice as JSON, with the columns the lists filter and sort on.
public final class GoodPracticeRecord: Model, @unchecked Sendable {
    public static let schema = "good_practices"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "region") public var region: String
    /// Every region the practice was carried out in, space-separated with a space at each end.
    @Field(key: "regions") public var regions: String
    @Field(key: "domain") public var domain: String
    @Field(key: "status") public var status: String
    @Field(key: "is_public") public var isPublic: Bool
    @Field(key: "updated_at") public var updatedAt: Date
    /// Every language's text, folded for the terms index (`SearchFolding.fold`).
    @Field(key: "search_text") public var searchText: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: GoodPractice) { id = value.id; apply(value) }

    func apply(_ value: GoodPractice) {
        code = value.code; organizationID = value.organizationID; region = value.region; regions = " " + value.regions.joined(separator: " ") + " "; domain = value.domain.rawValue; status = value.status.rawValue
        isPublic = value.scope.isPublic; updatedAt = value.updatedAt; content = JSONColumn.encode(value); version = value.version
        searchText = " " + SearchFolding.fold(value.allTexts.flatMap(\.fields).joined(separator: " ")) + " "
    }

    public var value: GoodPractice? { JSONColumn.decode(GoodPractice?.self, content, default: nil) }
}

extension GoodPracticeRecord: ScopedModel {
    public static let resource = Resource.practice
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("organization_id", table), isPublic: "\(column("is_public", table)) = \(bind: true)")
    }
}

/// A row of `practice_adoptions`: one line of a practice's replication log.
public final class PracticeAdoptionRecord: Model, @unchecked Sendable {
    public static let schema = "practice_adoptions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "practice_id") public var practiceID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "adopted_on") public var adoptedOn: String
    @Field(key: "content") public var content: String

    public init() {}

    init(_ value: PracticeAdoption) {
        id = value.id; practiceID = value.practiceID; region = value.region; organizationID = value.organizationID; adoptedOn = value.adoptedOn.description
        content = JSONColumn.encode(value)
    }

    public var value: PracticeAdoption? { JSONColumn.decode(PracticeAdoption?.self, content, default: nil) }
}

extension PracticeAdoptionRecord: ScopedModel {
    public static let resource = Resource.practiceAdoption
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("organization_id", table), isPublic: "\(bind: true) = \(bind: true)")
    }
}
