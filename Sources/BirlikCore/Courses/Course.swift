import Foundation

/// A course of training (S13, S17): an accelerated "Тілдарын" state-language course of an
/// ethno-educational complex, Friendship House, language centre or association (seed 001 §4.1 item 5),
/// or a programme of professional development for civil servants, association leaders, mediators or
/// youth (001 §4.2 regional item 2). It is taught in groups; those who finish it get a certificate
/// anyone can verify. Courses are public; their learners are not.
public struct Course: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A "Тілдарын" state-language course, scored per skill against a target level.
        case stateLanguage
        /// A programme of professional development, assessed by a final score.
        case professional
        public var l10nKey: L10nKey { L10nKey(rawValue: "courses.kind.\(rawValue)")! }
    }

    /// Whom a course is for.
    public enum Audience: String, Sendable, Hashable, Codable, CaseIterable {
        case public_ = "public", civilServants, associationLeaders, mediators, youth
        public var l10nKey: L10nKey { L10nKey(rawValue: "courses.audience.\(rawValue)")! }
    }

    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        case inPerson, online
        public var l10nKey: L10nKey { L10nKey(rawValue: "courses.format.\(rawValue)")! }
    }

    public var id: UUID
    /// `KC-2026-0001`.
    public var code: String
    public var kind: Kind
    public var audience: Audience
    public var title: String
    public var description: String
    /// The registry organisation that holds it.
    public var hostID: UUID
    /// The place it is held (a region, city or district code).
    public var region: String
    /// The level a state-language course brings its learners to.
    public var targetLevel: LanguageLevel?
    public var format: Format
    /// The language lessons are explained in (`kk`, `ru`, `en`).
    public var instructionLanguage: Language
    /// Academic hours of the whole course: what a certificate states.
    public var hours: Int
    /// What a professional programme teaches, one per line on its certificate.
    public var competencies: [String]
    /// The final score (percent) a professional programme's participant must reach; a state-language
    /// course uses the 60% rule per skill instead.
    public var passMark: Int
    /// The share of the sessions held that a learner must attend to finish.
    public var minAttendance: Int
    /// Months a certificate stays valid; `nil`: it does not expire.
    public var validityMonths: Int?
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID = UUID(), code: String, kind: Kind, audience: Audience, title: String, description: String, hostID: UUID, region: String,
                targetLevel: LanguageLevel?, format: Format, instructionLanguage: Language, hours: Int, competencies: [String], passMark: Int,
                minAttendance: Int, validityMonths: Int?, updatedAt: Date, version: Int = 1) {
        self.id = id; self.code = code; self.kind = kind; self.audience = audience; self.title = title; self.description = description
        self.hostID = hostID; self.region = region; self.targetLevel = targetLevel; self.format = format; self.instructionLanguage = instructionLanguage
        self.hours = hours; self.competencies = competencies; self.passMark = passMark; self.minAttendance = minAttendance
        self.validityMonths = validityMonths; self.updatedAt = updatedAt; self.version = version
    }

    /// Kept by the host's staff and the region's coordinators; public.
    public var scope: Scope { Scope(organizationID: hostID, regionCode: region, isPublic: true) }
}
