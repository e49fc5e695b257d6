import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// A row of `grant_lots`: the lot as JSON, with the columns lists and the scope use.
public final class GrantLotRecord: Model, @unchecked Sendable {
    public static let schema = "grant_lots"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "year") public var year: Int
    @Field(key: "region") public var region: String
    @Field(key: "status") public var status: String
    @Field(key: "is_public") public var isPublic: Bool
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: GrantLot) { id = value.id; apply(value) }

    func apply(_ value: GrantLot) {
        code = value.code; year = value.year; region = value.region; status = value.status.rawValue; isPublic = value.scope.isPublic
        content = JSONColumn.encode(value); version = value.version
    }

    public var value: GrantLot? { JSONColumn.decode(GrantLot?.self, content, default: nil) }
}

extension GrantLotRecord: ScopedModel {
    public static let resource = Resource.grantLot
    /// Kept by the grant operator; public once published.
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), isPublic: "\(column("is_public", table)) = \(bind: true)")
    }
}

/// A row of `grant_calls`. Calls are made only of published lots and are public.
public final class GrantCallRecord: Model, @unchecked Sendable {
    public static let schema = "grant_calls"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "opens_on") public var opensOn: String
    @Field(key: "closes_on") public var closesOn: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: GrantCall) { id = value.id; apply(value) }

    func apply(_ value: GrantCall) {
        code = value.code; opensOn = value.opensOn.description; closesOn = value.closesOn.description
        content = JSONColumn.encode(value); version = value.version
    }

    public var value: GrantCall? { JSONColumn.decode(GrantCall?.self, content, default: nil) }
}

/// A row of `grant_applications`: the applicant's, in its place.
public final class GrantApplicationRecord: Model, @unchecked Sendable {
    public static let schema = "grant_applications"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "call_id") public var callID: UUID
    @Field(key: "lot_id") public var lotID: UUID
    @Field(key: "applicant_id") public var applicantID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "status") public var status: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: GrantApplication) { id = value.id; apply(value) }

    func apply(_ value: GrantApplication) {
        number = value.number; callID = value.callID; lotID = value.lotID; applicantID = value.applicantID; region = value.region
        status = value.status.rawValue; content = JSONColumn.encode(value); version = value.version
    }

    public var value: GrantApplication? { JSONColumn.decode(GrantApplication?.self, content, default: nil) }
}

extension GrantApplicationRecord: ScopedModel {
    public static let resource = Resource.grantApplication
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("applicant_id", table))
    }
}

/// A row of `review_assignments`: the reviewer's own (S21).
public final class ReviewAssignmentRecord: Model, @unchecked Sendable {
    public static let schema = "review_assignments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "subject_kind") public var subjectKind: String
    @Field(key: "subject_id") public var subjectID: UUID
    @Field(key: "reviewer_id") public var reviewerID: UUID
    @Field(key: "status") public var status: String
    @Field(key: "respond_by") public var respondBy: String
    @Field(key: "due_on") public var dueOn: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: ReviewAssignment) { id = value.id; apply(value) }

    func apply(_ value: ReviewAssignment) {
        subjectKind = value.subjectKind; subjectID = value.subjectID; reviewerID = value.reviewerID; status = value.status.rawValue
        respondBy = value.respondBy.description; dueOn = value.dueOn.description; content = JSONColumn.encode(value); version = value.version
    }

    public var value: ReviewAssignment? { JSONColumn.decode(ReviewAssignment?.self, content, default: nil) }
}

extension ReviewAssignmentRecord: ScopedModel {
    public static let resource = Resource.reviewAssignment
    /// Owned by the reviewer's account, at the republic's level, never public.
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: "\(bind: RegionCode.republic)", organization: column("reviewer_id", table))
    }
}
