import Foundation

/// A signal of the early-warning system: something that happened in a place and may strain
/// interethnic relations, from a report to its verification and the response to it.
public struct Signal: Sendable, Hashable, Codable, Identifiable {
    /// The codebook of signal types (docs/early-warning.md).
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case interethnicIncident, hateSpeechMedia, hateSpeechOnline, protestTension, ethnicDispute, appealEscalated, provocativeRumour, other
        public var l10nKey: L10nKey { L10nKey(rawValue: "signal.kind.\(rawValue)")! }
    }

    /// Where the signal came from.
    public enum Source: String, Sendable, CaseIterable, Codable {
        case media, socialMedia, citizenAppeal, lawEnforcement, akimat, monitoringGroup, assemblyNetwork, other
        public var l10nKey: L10nKey { L10nKey(rawValue: "signal.source.\(rawValue)")! }
    }

    /// Reported → verified or rejected.
    public enum Status: String, Sendable, CaseIterable, Codable {
        case reported, verified, rejected
        public var l10nKey: L10nKey { L10nKey(rawValue: "signal.status.\(rawValue)")! }
    }

    public var id: UUID
    public var date: Day
    /// A region or a district.
    public var place: String
    public var kind: Kind
    /// Codes of the ethnic groups involved.
    public var groups: [String]
    /// 1 (minor) to 5 (grave).
    public var severity: Int
    public var source: Source
    /// What happened: confidential, shown only to those who may see the signal's details.
    public var summary: String
    public var status: Status
    public var reviewNote: String
    /// The response: who acts, what they do, by when, and what came of it.
    public var responsibleID: UUID?
    public var measures: String
    public var deadline: Day?
    public var outcome: String
    public var reportedBy: String
    public var reporterOrganizationID: UUID?
    public var isDemo: Bool
    public var version: Int

    public init(id: UUID, date: Day, place: String, kind: Kind, groups: [String], severity: Int, source: Source, summary: String,
                status: Status = .reported, reviewNote: String = "", responsibleID: UUID? = nil, measures: String = "", deadline: Day? = nil,
                outcome: String = "", reportedBy: String, reporterOrganizationID: UUID?, isDemo: Bool = false, version: Int = 1) {
        self.id = id; self.date = date; self.place = place; self.kind = kind; self.groups = groups; self.severity = severity
        self.source = source; self.summary = summary; self.status = status; self.reviewNote = reviewNote; self.responsibleID = responsibleID
        self.measures = measures; self.deadline = deadline; self.outcome = outcome; self.reportedBy = reportedBy
        self.reporterOrganizationID = reporterOrganizationID; self.isDemo = isDemo; self.version = version
    }

    /// The month the signal counts in.
    public var month: Period { Period.month(of: date) }

    /// Its scope for the permission check: the place, the responsible organisation; never public.
    public var scope: Scope { Scope(organizationID: responsibleID, regionCode: place, isPublic: false) }
}

/// What a person enters to report a signal, checked field by field.
public struct SignalDraft: Sendable, Hashable, Codable {
    public var date = ""
    public var place = ""
    public var kind = ""
    public var groups: [String] = []
    public var severity = ""
    public var source = ""
    public var summary = ""

    public init() {}

    /// The signal, or every problem with the draft.
    public func validated(id: UUID, today: Day, reportedBy: String, organizationID: UUID?, places: PlaceDirectory = .shared) throws -> Signal {
        var errors: [FieldError] = []
        let day = Day(date)
        if day == nil { errors.append(FieldError("date", date.isEmpty ? .fieldRequired : .fieldDate)) }
        if let day, day > today { errors.append(FieldError("date", .signalDateFuture)) }
        let region = places.find(place)
        if region == nil || region?.kind == .republic { errors.append(FieldError("place", place.isEmpty ? .fieldRequired : .importUnknownPlace)) }
        let kind = Signal.Kind(rawValue: kind)
        if kind == nil { errors.append(FieldError("kind", .fieldRequired)) }
        let severity = Int(severity)
        if severity == nil || !(1...5).contains(severity!) { errors.append(FieldError("severity", .signalSeverityRange)) }
        let source = Signal.Source(rawValue: source)
        if source == nil { errors.append(FieldError("source", .fieldRequired)) }
        let known = Set(Disaggregation.Dimension.ethnicity.options.map(\.code))
        if groups.contains(where: { !known.contains($0) }) { errors.append(FieldError("groups", .importUnknownCategory)) }
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty { errors.append(FieldError("summary", .fieldRequired)) }
        if summary.count > 10_000 { errors.append(FieldError("summary", .fieldTooLong, ["max": "10000"])) }
        guard errors.isEmpty, let day, let region, let kind, let severity, let source else { throw DomainError.invalid(errors) }
        return Signal(id: id, date: day, place: region.code, kind: kind, groups: Array(Set(groups)).sorted(), severity: severity, source: source,
                      summary: summary, reportedBy: reportedBy, reporterOrganizationID: organizationID)
    }
}
