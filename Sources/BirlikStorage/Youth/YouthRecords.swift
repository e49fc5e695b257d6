import BirlikCore
import FluentKit
import Foundation

/// A row of `youth_initiatives`.
public final class YouthInitiativeRecord: Model, @unchecked Sendable {
    public static let schema = "youth_initiatives"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "organiser_id") public var organiserID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "status") public var status: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: YouthInitiative) { id = value.id; apply(value) }

    func apply(_ value: YouthInitiative) {
        code = value.code; organiserID = value.organiserID; region = value.region; status = value.status.rawValue; content = JSONColumn.encode(value)
        version = value.version
    }

    public var value: YouthInitiative? { JSONColumn.decode(YouthInitiative?.self, content, default: nil) }
}

/// A row of `volunteers`, found by the portfolio's token.
public final class VolunteerRecord: Model, @unchecked Sendable {
    public static let schema = "volunteers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "token") public var token: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Volunteer) { id = value.id; apply(value) }

    func apply(_ value: Volunteer) { token = value.token; content = JSONColumn.encode(value); version = value.version }

    public var value: Volunteer? { JSONColumn.decode(Volunteer?.self, content, default: nil) }
}

/// A row of `participations`, with the columns the statistics group on.
public final class ParticipationRecord: Model, @unchecked Sendable {
    public static let schema = "participations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "volunteer_id") public var volunteerID: UUID
    @Field(key: "initiative_id") public var initiativeID: UUID
    @Field(key: "organiser_id") public var organiserID: UUID
    @Field(key: "region") public var region: String
    @Field(key: "shift_id") public var shiftID: UUID
    @Field(key: "status") public var status: String
    @Field(key: "hours") public var hours: Int
    @Field(key: "age_band") public var ageBand: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: Participation) { id = value.id; apply(value) }

    func apply(_ value: Participation) {
        volunteerID = value.volunteerID; initiativeID = value.initiativeID; organiserID = value.organiserID; region = value.region; shiftID = value.shiftID
        status = value.status.rawValue; hours = value.hours; ageBand = value.ageBand; content = JSONColumn.encode(value); version = value.version
    }

    public var value: Participation? { JSONColumn.decode(Participation?.self, content, default: nil) }
}

extension ParticipationRecord: ScopedModel {
    public static let resource = Resource.participation
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("organiser_id", table))
    }
}
