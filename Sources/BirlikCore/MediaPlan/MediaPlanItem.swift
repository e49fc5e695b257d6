import Foundation

/// An item of the media plan (S16; seed 001 §4.2: the information work under a media plan): what is to be
/// published, when, on which channel and in which language, by which organisation, for which plan measure
/// or event; and, once done, the publication itself. Kept by the responsible organisation and the region.
public struct MediaPlanItem: Sendable, Hashable, Codable, Identifiable {
    public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
        case tv, radio, print, online, social, event
        public var l10nKey: L10nKey { L10nKey(rawValue: "mediaPlan.channel.\(rawValue)")! }
    }

    /// planned → inProgress → published | cancelled.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case planned, inProgress, published, cancelled
        public var l10nKey: L10nKey { L10nKey(rawValue: "mediaPlan.status.\(rawValue)")! }
        public var isOpen: Bool { self == .planned || self == .inProgress }
    }

    /// The publication that fulfils the item.
    public struct Publication: Sendable, Hashable, Codable {
        public var url: String
        public var title: String
        public var publishedOn: Day
        public init(url: String, title: String, publishedOn: Day) { self.url = url; self.title = title; self.publishedOn = publishedOn }
    }

    public var id: UUID
    /// `MP-YYYY-NNNN`.
    public var code: String
    public var plannedOn: Day
    public var channel: Channel
    public var topic: String
    public var language: Language
    public var organizationID: UUID
    public var region: String
    public var measureID: UUID?
    public var eventCode: String?
    public var status: Status
    public var publication: Publication?
    public var cancellationReason: String?
    public var version: Int

    public init(id: UUID = UUID(), code: String, plannedOn: Day, channel: Channel, topic: String, language: Language, organizationID: UUID, region: String,
                measureID: UUID?, eventCode: String?, status: Status = .planned, publication: Publication? = nil, cancellationReason: String? = nil, version: Int = 1) {
        self.id = id; self.code = code; self.plannedOn = plannedOn; self.channel = channel; self.topic = topic; self.language = language
        self.organizationID = organizationID; self.region = region; self.measureID = measureID; self.eventCode = eventCode; self.status = status
        self.publication = publication; self.cancellationReason = cancellationReason; self.version = version
    }

    /// The responsible organisation's and the region's; not public.
    public var scope: Scope { Scope(organizationID: organizationID, regionCode: region, isPublic: false) }

    /// The quarter it is planned in.
    public var quarter: Period { Period(kind: .quarter, year: plannedOn.year, index: (plannedOn.month - 1) / 3 + 1)! }

    /// Still open after its planned day.
    public func isOverdue(on today: Day) -> Bool { status.isOpen && plannedOn < today }

    /// Published on or before the planned day.
    public var isOnTime: Bool { publication.map { $0.publishedOn <= plannedOn } ?? false }
}

/// A step on a media-plan item.
public enum MediaPlanStep: Sendable, Hashable {
    case start
    case publish(url: String, title: String, publishedOn: String)
    case cancel(reason: String)

    public var name: String {
        switch self {
        case .start: "start"
        case .publish: "publish"
        case .cancel: "cancel"
        }
    }
}

extension MediaPlanItem {
    /// The item after `step` on `today`, or what is wrong with it.
    public func applying(_ step: MediaPlanStep, today: Day) throws -> MediaPlanItem {
        var after = self
        switch step {
        case .start:
            guard status == .planned else { throw DomainError.conflict(.errorTransition) }
            after.status = .inProgress
        case let .publish(url, title, publishedOn):
            guard status.isOpen else { throw DomainError.conflict(.errorTransition) }
            var errors: [FieldError] = []
            let link = url.trimmingCharacters(in: .whitespaces)
            if URL(string: link).map({ ["http", "https"].contains($0.scheme?.lowercased() ?? "") && $0.host != nil }) != true {
                errors.append(FieldError("url", link.isEmpty ? .fieldRequired : .fieldUrlFormat))
            }
            let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
            if title.isEmpty { errors.append(FieldError("title", .fieldRequired)) } else if title.count > 300 { errors.append(FieldError("title", .fieldTooLong, ["max": "300"])) }
            let day = Day(publishedOn)
            if day == nil { errors.append(FieldError("publishedOn", publishedOn.isEmpty ? .fieldRequired : .fieldDate)) }
            if let day, day > today { errors.append(FieldError("publishedOn", .mediaPlanPublishedInFuture)) }
            guard errors.isEmpty, let day else { throw DomainError.invalid(errors) }
            after.status = .published
            after.publication = Publication(url: link, title: title, publishedOn: day)
        case let .cancel(reason):
            guard status.isOpen else { throw DomainError.conflict(.errorTransition) }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
            after.status = .cancelled
            after.cancellationReason = String(reason.prefix(1_000))
        }
        after.version += 1
        return after
    }
}

/// What staff type for an item; `validated` names every problem at once. Measure and event are resolved by storage.
public struct MediaPlanDraft: Sendable, Hashable {
    public var plannedOn = ""
    public var channel = ""
    public var topic = ""
    public var language = ""
    public var region = ""
    public var measureCode = ""
    public var eventCode = ""

    public init(plannedOn: String = "", channel: String = "", topic: String = "", language: String = "", region: String = "", measureCode: String = "",
                eventCode: String = "") {
        self.plannedOn = plannedOn; self.channel = channel; self.topic = topic; self.language = language; self.region = region
        self.measureCode = measureCode; self.eventCode = eventCode
    }

    public func validated() throws -> (plannedOn: Day, channel: MediaPlanItem.Channel, topic: String, language: Language, region: String) {
        var errors: [FieldError] = []
        let day = Day(plannedOn)
        if day == nil { errors.append(FieldError("plannedOn", plannedOn.isEmpty ? .fieldRequired : .fieldDate)) }
        let channel = MediaPlanItem.Channel(rawValue: channel)
        if channel == nil { errors.append(FieldError("channel", .fieldRequired)) }
        let topic = topic.trimmingCharacters(in: .whitespacesAndNewlines)
        if topic.isEmpty { errors.append(FieldError("topic", .fieldRequired)) } else if topic.count > 500 { errors.append(FieldError("topic", .fieldTooLong, ["max": "500"])) }
        let language = Language(rawValue: language)
        if language == nil { errors.append(FieldError("language", .fieldRequired)) }
        if PlaceDirectory.shared.find(region) == nil { errors.append(FieldError("region", region.isEmpty ? .fieldRequired : .importUnknownPlace)) }
        guard errors.isEmpty, let day, let channel, let language else { throw DomainError.invalid(errors) }
        return (day, channel, topic, language, region)
    }
}
