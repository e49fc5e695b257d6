import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// A row of `news_items`: the item as JSON, with the columns the lists filter on (the tags as
/// ` kind:code ` words).
public final class NewsRecord: Model, @unchecked Sendable {
    public static let schema = "news_items"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "region") public var region: String
    @Field(key: "status") public var status: String
    @Field(key: "is_public") public var isPublic: Bool
    @OptionalField(key: "publish_at") public var publishAt: Date?
    @Field(key: "tags") public var tags: String
    @Field(key: "content") public var content: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: NewsItem) { id = value.id; apply(value) }

    func apply(_ value: NewsItem) {
        code = value.code; region = value.region; status = value.status.rawValue; isPublic = value.scope.isPublic; publishAt = value.publishAt
        tags = NewsRecord.tagWords(value.tags); content = JSONColumn.encode(value); version = value.version
    }

    static func tagWords(_ tags: NewsItem.Tags) -> String {
        " " + (tags.organizations.map { "org:\($0)" } + tags.places.map { "place:\($0)" } + tags.events.map { "event:\($0)" }).joined(separator: " ") + " "
    }

    public var value: NewsItem? { JSONColumn.decode(NewsItem?.self, content, default: nil) }
}

extension NewsRecord: ScopedModel {
    public static let resource = Resource.news
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), isPublic: "\(column("is_public", table)) = \(bind: true)")
    }
}

/// The portal's news (S16): editors write items with their translations and tags, publish them now or
/// at a set time, withdraw them; a scheduled item is released when its time comes. Every change audited.
public enum NewsStore {
    /// A step on an item.
    public enum Step: Sendable, Equatable {
        case publishNow
        case schedule(Date)
        case withdraw
    }

    /// Creates an item (`id` nil) or changes one opened at `version`; tags are resolved against the
    /// registry, the places and the calendar, and unknown ones named.
    public static func save(_ draft: NewsDraft, id: UUID?, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> NewsItem {
        var problems: [FieldError] = []
        var valid: (region: String, original: Language, translations: [Language: NewsItem.Translation])?
        do { valid = try draft.validated() } catch let DomainError.invalid(errors) { problems = errors }
        let tags = try await resolve(draft.tagCodes, on: db)
        if !tags.unknown.isEmpty { problems.append(FieldError("tags", .newsUnknownTags, ["codes": tags.unknown.joined(separator: ", ")])) }
        guard problems.isEmpty, let valid else { throw DomainError.invalid(problems) }
        try Access.require(actor, .create, .news, in: Scope(organizationID: nil, regionCode: valid.region, isPublic: false))
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            if let id {
                guard let record = try await NewsRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
                try Access.require(actor, .update, .news, in: before.scope)
                guard before.version == version else { throw DomainError.staleVersion }
                var after = before
                after.region = valid.region; after.originalLanguage = valid.original; after.translations = valid.translations; after.tags = tags.tags
                after.updatedAt = now; after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record("update", "news", id: before.code, before: before, after: after)
                return after
            }
            let prefix = String(format: "N-%04d-", Day(now).year)
            let count = try await NewsRecord.query(on: audit.db).filter(\.$code >= prefix).filter(\.$code < prefix + ":").count()
            let item = NewsItem(code: prefix + String(format: "%04d", count + 1), region: valid.region, originalLanguage: valid.original,
                                translations: valid.translations, tags: tags.tags, author: actor.displayName, updatedAt: now)
            try await NewsRecord(item).create(on: audit.db)
            try await audit.record("create", "news", id: item.code, before: Nothing?.none, after: item)
            return item
        }
    }

    /// Publishes now, schedules for a later time, or withdraws. An item is published only with its
    /// original text ready.
    public static func apply(_ step: Step, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> NewsItem {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await NewsRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .publish, .news, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            var after = before
            switch step {
            case .publishNow, .schedule:
                guard before.translations[before.originalLanguage]?.status == .ready else { throw DomainError.conflict(.newsOriginalNotReady) }
                if case let .schedule(at) = step {
                    guard at > now else { throw DomainError.invalid([FieldError("publishAt", .newsScheduleInPast)]) }
                    after.status = .scheduled; after.publishAt = at
                } else {
                    after.status = .published; after.publishAt = now
                }
            case .withdraw:
                guard before.status == .published || before.status == .scheduled else { throw DomainError.conflict(.errorTransition) }
                after.status = .withdrawn
            }
            after.updatedAt = now; after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record(after.status == .withdrawn ? "withdraw" : after.status == .scheduled ? "schedule" : "publish", "news",
                                   id: before.code, before: before, after: after)
            return after
        }
    }

    /// Publishes the scheduled items whose time has come; returns how many. Called by the scheduled work
    /// and before the public lists are read, so an item appears on time.
    @discardableResult
    public static func releaseDue(now: Date, on db: any Database) async throws -> Int {
        guard try await NewsRecord.query(on: db).filter(\.$status == NewsItem.Status.scheduled.rawValue).filter(\.$publishAt <= now).count() > 0 else { return 0 }
        return try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            var released = 0
            for record in try await NewsRecord.query(on: audit.db).filter(\.$status == NewsItem.Status.scheduled.rawValue).filter(\.$publishAt <= now).all() {
                guard let before = record.value else { continue }
                var after = before
                after.status = .published; after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record("publish", "news", id: before.code, before: before, after: after)
                released += 1
            }
            return released
        }
    }

    /// Tag codes told apart: places by the place directory, events by their code, organisations by the registry.
    static func resolve(_ codes: [String], on db: any Database) async throws -> (tags: NewsItem.Tags, unknown: [String]) {
        var tags = NewsItem.Tags(), unknown: [String] = []
        for code in codes {
            if PlaceDirectory.shared.find(code) != nil { if !tags.places.contains(code) { tags.places.append(code) }; continue }
            if try await EventRecord.query(on: db).filter(\.$code == code).count() > 0 { if !tags.events.contains(code) { tags.events.append(code) }; continue }
            if try await OrganizationRecord.query(on: db).filter(\.$code == code).filter(\.$isPublic == true).count() > 0 {
                if !tags.organizations.contains(code) { tags.organizations.append(code) }; continue
            }
            unknown.append(code)
        }
        return (tags, unknown)
    }
}

/// What the news pages and the feed read.
public enum NewsQueries {
    /// Published items, newest first, of a place (and its subtree) or the whole country, optionally with a tag (`org:…`, `place:…`, `event:…`).
    public static func published(region: String?, tag: String?, limit: Int = 50, on db: any Database) async throws -> [NewsItem] {
        var query = NewsRecord.query(on: db).visible(to: .anonymous)
        if let region, region != RegionCode.republic {
            let subtree = region + "-"
            query = query.group(.or) { $0.filter(\.$region == region).filter(\.$region =~ subtree) }
        }
        if let tag { query = query.filter(\.$tags ~~ " \(tag) ") }
        return try await query.sort(\.$publishAt, .descending).sort(\.$code, .descending).range(..<limit).all().compactMap(\.value)
    }

    /// Items the actor edits (drafts, scheduled, withdrawn too), newest first.
    public static func editable(actor: Actor, on db: any Database) async throws -> [NewsItem] {
        try await NewsRecord.query(on: db).visible(to: actor).sort(\.$code, .descending).range(..<200).all().compactMap(\.value)
            .filter { Access.check(actor, .update, .news, in: $0.scope) == .allowed }
    }

    /// An item by its code, as the actor may see it.
    public static func find(code: String, actor: Actor, on db: any Database) async throws -> NewsItem {
        guard let item = try await NewsRecord.query(on: db).visible(to: actor).filter(\.$code == code).first()?.value else { throw DomainError.notFound }
        return item
    }
}
