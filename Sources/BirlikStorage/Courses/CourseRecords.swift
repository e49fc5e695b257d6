import BirlikCore
import FluentKit
import Foundation

/// A row of `courses`: the course as JSON, with the columns lists filter on.
public final class CourseRecord: Model, @unchecked Sendable {
    public static let schema = "courses"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "kind") public var kind: String
    @Field(key: "host_id") public var hostID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Course) { id = value.id; apply(value) }

    func apply(_ value: Course) {
        code = value.code; kind = value.kind.rawValue; hostID = value.hostID; region = value.region; content = JSONColumn.encode(value); version = value.version
    }

    public var value: Course? { JSONColumn.decode(Course?.self, content, default: nil) }
}

/// A row of `course_groups`.
public final class CourseGroupRecord: Model, @unchecked Sendable {
    public static let schema = "course_groups"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "course_id") public var courseID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "first_day") public var firstDay: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: CourseGroup) { id = value.id; apply(value) }

    func apply(_ value: CourseGroup) {
        code = value.code; courseID = value.courseID; region = value.region; firstDay = value.firstDay.description
        content = JSONColumn.encode(value); version = value.version
    }

    public var value: CourseGroup? { JSONColumn.decode(CourseGroup?.self, content, default: nil) }
}

/// A row of `enrolments`: the learner's record, with the columns the results count on.
public final class EnrolmentRecord: Model, @unchecked Sendable {
    public static let schema = "enrolments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "group_id") public var groupID: UUID
    @Field(key: "course_id") public var courseID: UUID
    @Field(key: "host_id") public var hostID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "token") public var token: String
    @Field(key: "status") public var status: String
    @Field(key: "position") public var position: Int
    @OptionalField(key: "entry_level") public var entryLevel: String?
    @OptionalField(key: "exit_level") public var exitLevel: String?
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Enrolment) { id = value.id; apply(value) }

    func apply(_ value: Enrolment) {
        groupID = value.groupID; courseID = value.courseID; hostID = value.hostID; region = value.region; token = value.token
        status = value.status.rawValue; position = value.position; entryLevel = value.entryLevel?.rawValue; exitLevel = value.exitLevel?.rawValue
        content = JSONColumn.encode(value); version = value.version
    }

    public var value: Enrolment? { JSONColumn.decode(Enrolment?.self, content, default: nil) }
}

extension EnrolmentRecord: ScopedModel {
    public static let resource = Resource.enrolment
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("host_id", table))
    }
}

/// A row of `certificates`, found by its code.
public final class CertificateRecord: Model, @unchecked Sendable {
    public static let schema = "certificates"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "enrolment_id") public var enrolmentID: UUID
    @Field(key: "host_id") public var hostID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Certificate) { id = value.id; apply(value) }

    func apply(_ value: Certificate) {
        code = value.code; enrolmentID = value.enrolmentID; hostID = value.hostID; region = value.region; content = JSONColumn.encode(value); version = value.version
    }

    public var value: Certificate? { JSONColumn.decode(Certificate?.self, content, default: nil) }
}

extension CertificateRecord: ScopedModel {
    public static let resource = Resource.certificate
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("host_id", table))
    }
}
