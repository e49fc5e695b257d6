import BirlikCore
import FluentKit
import Foundation

/// A row of `media_plan_items`: the item as JSON, with the columns the plan and its report filter on.
public final class MediaPlanRecord: Model, @unchecked Sendable {
    public static let schema = "media_plan_items"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "region") public var region: String
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "planned_on") public var plannedOn: String
    @Field(key: "status") public var status: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: MediaPlanItem) { id = value.id; apply(value) }

    func apply(_ value: MediaPlanItem) {
        code = value.code; region = value.region; organizationID = value.organizationID; plannedOn = value.plannedOn.description
        status = value.status.rawValue; content = JSONColumn.encode(value); version = value.version
    }

    public var value: MediaPlanItem? { JSONColumn.decode(MediaPlanItem?.self, content, default: nil) }
}

extension MediaPlanRecord: ScopedModel {
    public static let resource = Resource.mediaPlan
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("organization_id", table))
    }
}

/// The media plan (S16): organisations plan their publications, mark them done with the publication's
/// link, or cancel them with a reason; a quarter's plan is set against what was published, by region.
public enum MediaPlanStore {
    /// Creates an item of the actor's organisation (`id` nil) or changes an open one opened at `version`.
    public static func save(_ draft: MediaPlanDraft, id: UUID?, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> MediaPlanItem {
        var problems: [FieldError] = []
        var valid: (plannedOn: Day, channel: MediaPlanItem.Channel, topic: String, language: Language, region: String)?
        do { valid = try draft.validated() } catch let DomainError.invalid(errors) { problems = errors }
        let measureCode = draft.measureCode.trimmingCharacters(in: .whitespaces)
        let measure = measureCode.isEmpty ? nil : try await MeasureReferences.resolve([measureCode], on: db).ids.first
        if !measureCode.isEmpty, measure == nil { problems.append(FieldError("measureCode", .grantsUnknownMeasure, ["codes": measureCode])) }
        let eventCode = draft.eventCode.trimmingCharacters(in: .whitespaces)
        if !eventCode.isEmpty, try await EventRecord.query(on: db).filter(\.$code == eventCode).count() == 0 {
            problems.append(FieldError("eventCode", .newsUnknownTags, ["codes": eventCode]))
        }
        guard problems.isEmpty, let valid else { throw DomainError.invalid(problems) }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            if let id {
                guard let record = try await MediaPlanRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
                try Access.require(actor, .update, .mediaPlan, in: before.scope)
                try Access.require(actor, .update, .mediaPlan, in: Scope(organizationID: before.organizationID, regionCode: valid.region, isPublic: false))
                guard before.version == version else { throw DomainError.staleVersion }
                guard before.status.isOpen else { throw DomainError.conflict(.errorTransition) }
                var after = before
                after.plannedOn = valid.plannedOn; after.channel = valid.channel; after.topic = valid.topic; after.language = valid.language
                after.region = valid.region; after.measureID = measure; after.eventCode = eventCode.isEmpty ? nil : eventCode; after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record("update", "mediaPlanItem", id: before.code, before: before, after: after)
                return after
            }
            guard let organization = actor.organizationID else { throw DomainError.forbidden }
            try Access.require(actor, .create, .mediaPlan, in: Scope(organizationID: organization, regionCode: valid.region, isPublic: false))
            let prefix = String(format: "MP-%04d-", valid.plannedOn.year)
            let count = try await MediaPlanRecord.query(on: audit.db).filter(\.$code >= prefix).filter(\.$code < prefix + ":").count()
            let item = MediaPlanItem(code: prefix + String(format: "%04d", count + 1), plannedOn: valid.plannedOn, channel: valid.channel, topic: valid.topic,
                                     language: valid.language, organizationID: organization, region: valid.region, measureID: measure,
                                     eventCode: eventCode.isEmpty ? nil : eventCode)
            try await MediaPlanRecord(item).create(on: audit.db)
            try await audit.record("create", "mediaPlanItem", id: item.code, before: Nothing?.none, after: item)
            return item
        }
    }

    /// A step on an item opened at `version`.
    public static func apply(_ step: MediaPlanStep, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> MediaPlanItem {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await MediaPlanRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .mediaPlan, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            let after = try before.applying(step, today: Day(now))
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record(step.name, "mediaPlanItem", id: before.code, before: before, after: after)
            return after
        }
    }
}

/// What the media plan's pages read.
public enum MediaPlanQueries {
    /// The quarter's items the actor may see (the one scoping rule), optionally of a place and its subtree, by planned day.
    public static func items(quarter: Period, region: String?, actor: Actor, on db: any Database) async throws -> [MediaPlanItem] {
        let months = quarter.parts(.month)
        guard let first = months.first, let last = months.last else { return [] }
        let from = Day(year: first.year, month: first.index, day: 1), to = Day(year: last.year, month: last.index, day: Day.daysIn(month: last.index, year: last.year))
        let query = MediaPlanRecord.query(on: db).visible(to: actor).filter(\.$plannedOn >= from.description).filter(\.$plannedOn <= to.description)
        if let region, region != RegionCode.republic {
            let subtree = region + "-"
            query.group(.or) { $0.filter(\.$region == region).filter(\.$region =~ subtree) }
        }
        return try await query.sort(\.$plannedOn).sort(\.$code).all().compactMap(\.value)
    }

    /// One line of plan against actual: a region's items of the quarter by outcome.
    public struct Line: Sendable, Hashable {
        public var region: String
        public var planned = 0
        public var published = 0
        public var onTime = 0
        public var cancelled = 0
        public var overdue = 0
        /// Open and not yet due.
        public var pending = 0
        /// Published as a share of the items not cancelled, 0…1; `nil` with none.
        public var rate: Double? { planned - cancelled > 0 ? Double(published) / Double(planned - cancelled) : nil }
    }

    /// Plan against actual by top-level region, and the total (each item counted once, in its region).
    public static func report(_ items: [MediaPlanItem], today: Day) -> (lines: [Line], total: Line) {
        var lines: [String: Line] = [:]
        var total = Line(region: RegionCode.republic)
        func count(_ item: MediaPlanItem, into line: inout Line) {
            line.planned += 1
            switch item.status {
            case .published: line.published += 1; if item.isOnTime { line.onTime += 1 }
            case .cancelled: line.cancelled += 1
            case .planned, .inProgress: if item.isOverdue(on: today) { line.overdue += 1 } else { line.pending += 1 }
            }
        }
        for item in items {
            let region = RegionCode.topLevel(item.region) ?? item.region
            count(item, into: &lines[region, default: Line(region: region)])
            count(item, into: &total)
        }
        return (lines.values.sorted { $0.region < $1.region }, total)
    }
}
