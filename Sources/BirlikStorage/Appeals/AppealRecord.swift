import BirlikCore
import FluentKit
import Foundation

/// A row of `appeals`. The applicant's personal data and the points are JSON text columns; the status
/// column mirrors the last row of `appeal_events`, written in the same transaction.
public final class AppealRecord: Model, @unchecked Sendable {
    public static let schema = "appeals"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "year") public var year: Int
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "channel") public var channel: String
    @Field(key: "reference") public var reference: String
    @Field(key: "applicant") public var applicant: String
    @Field(key: "language") public var language: String
    @Field(key: "script") public var script: String
    @Field(key: "place") public var place: String
    @Field(key: "region") public var region: String
    @Field(key: "category") public var category: String
    @Field(key: "text") public var text: String
    @Field(key: "points") public var points: String
    @Field(key: "may_publish") public var mayPublish: Bool
    @Field(key: "status") public var status: String
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "forwarded_to") public var forwardedTo: String
    @Field(key: "registered_at") public var registeredAt: Date
    @Field(key: "registered_on") public var registeredOn: String
    @Field(key: "due_on") public var dueOn: String
    @Field(key: "extension_count") public var extensionCount: Int
    @OptionalField(key: "answered_on") public var answeredOn: String?
    @OptionalField(key: "working_days_taken") public var workingDaysTaken: Int?
    @OptionalField(key: "outcome") public var outcome: String?
    @Field(key: "registered_by") public var registeredBy: String
    @OptionalField(key: "signal_id") public var signalID: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    /// The account that follows the appeal (the applicant's, when they filed signed in or chose to follow).
    @OptionalField(key: "follower_user_id") public var followerUserID: UUID?
    @Field(key: "is_demo") public var isDemo: Bool
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ appeal: Appeal, sequence: Int, tokenHash: String, followerUserID: UUID?) {
        id = appeal.id
        self.sequence = sequence
        self.tokenHash = tokenHash
        self.followerUserID = followerUserID
        apply(appeal)
    }

    func apply(_ appeal: Appeal) {
        number = appeal.number; year = appeal.registeredOn.year; channel = appeal.channel.rawValue; reference = appeal.reference
        applicant = JSONColumn.encode(appeal.applicant); language = appeal.language.rawValue; script = appeal.script.rawValue; place = appeal.place
        region = RegionCode.topLevel(appeal.place) ?? appeal.place; category = appeal.category.rawValue; text = appeal.text
        points = JSONColumn.encode(appeal.points); mayPublish = appeal.mayPublish; status = appeal.status.rawValue
        organizationID = appeal.organizationID; forwardedTo = appeal.forwardedTo; registeredAt = appeal.registeredAt
        registeredOn = appeal.registeredOn.description; dueOn = appeal.dueOn.description; extensionCount = appeal.extensionCount
        answeredOn = appeal.answeredOn?.description; workingDaysTaken = appeal.workingDaysTaken; outcome = appeal.outcome?.rawValue
        registeredBy = appeal.registeredBy; signalID = appeal.signalID; isDemo = appeal.isDemo; version = appeal.version
    }

    public var appeal: Appeal {
        let registered = Day(registeredOn) ?? Day(registeredAt)
        return Appeal(id: id ?? UUID(), number: number, channel: Appeal.Channel(rawValue: channel) ?? .online, reference: reference,
                      applicant: JSONColumn.decode(Applicant.self, applicant, default: Applicant(name: "")), language: Language(rawValue: language) ?? .kk, script: KazakhScript(rawValue: script) ?? .cyrillic,
                      place: place, category: Appeal.Category(rawValue: category) ?? .other, text: text,
                      points: JSONColumn.decode([Appeal.Point].self, points, default: []), mayPublish: mayPublish,
                      status: Appeal.Status(rawValue: status) ?? .registered, organizationID: organizationID, forwardedTo: forwardedTo,
                      registeredAt: registeredAt, dueOn: Day(dueOn) ?? registered, extensionCount: extensionCount,
                      answeredOn: answeredOn.flatMap(Day.init), workingDaysTaken: workingDaysTaken, outcome: outcome.flatMap(Appeal.Outcome.init(rawValue:)),
                      registeredBy: registeredBy, signalID: signalID, isDemo: isDemo, version: version)
    }
}

/// A row of `appeal_events`: one recorded step.
public final class AppealEventRecord: Model, @unchecked Sendable {
    public static let schema = "appeal_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "appeal_id") public var appealID: UUID
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "at") public var at: Date
    @Field(key: "status") public var status: String
    @Field(key: "note") public var note: String
    @OptionalField(key: "due_on") public var dueOn: String?
    @Field(key: "actor") public var actor: String

    public init() {}

    init(_ event: AppealEvent) {
        id = UUID(); appealID = event.appealID; sequence = event.sequence; at = event.at; status = event.status.rawValue
        note = event.note; dueOn = event.dueOn?.description; actor = event.actor
    }

    var event: AppealEvent {
        AppealEvent(appealID: appealID, sequence: sequence, at: at, status: Appeal.Status(rawValue: status) ?? .registered, note: note,
                    dueOn: dueOn.flatMap(Day.init), actor: actor)
    }
}

extension AppealRecord: ScopedModel {
    public static let resource = Resource.appeal
    /// An appeal belongs to its place and to the council it was routed to; it is never public.
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("place", table), organization: column("organization_id", table))
    }
}
