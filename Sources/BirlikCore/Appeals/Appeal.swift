import Foundation

/// A citizen's appeal to a council of public accord or a regional Public Accord office (S9): what was
/// asked, where it went, the deadline it runs on in working days, and the answer to each point raised.
/// Its status is never set by hand: it is the status of its last recorded `AppealEvent`.
public struct Appeal: Sendable, Hashable, Codable, Identifiable {
    /// How the appeal arrived.
    public enum Channel: String, Sendable, CaseIterable, Codable {
        /// The public form.
        case online
        /// Said aloud to an operator and written into a protocol.
        case oral
        /// Through the state's e-appeals channel (eOtinish), with its reference number.
        case eAppeals
        public var l10nKey: L10nKey { L10nKey(rawValue: "appeal.channel.\(rawValue)")! }
    }

    /// What the appeal is about; decides where it goes and, for an anonymous message, the signal's type.
    public enum Category: String, Sendable, CaseIterable, Codable {
        case interethnicRelations, discrimination, hateSpeech, language, cultureAndTraditions, religion, otherBody, other
        public var l10nKey: L10nKey { L10nKey(rawValue: "appeal.category.\(rawValue)")! }

        /// The early-warning signal type an anonymous message of this category becomes.
        public var signalKind: Signal.Kind {
            switch self {
            case .interethnicRelations: .ethnicDispute
            case .discrimination: .interethnicIncident
            case .hateSpeech: .hateSpeechOnline
            case .language, .cultureAndTraditions, .religion, .otherBody, .other: .other
            }
        }
    }

    /// registered → forwarded | accepted → in review → (extended) → answered → (appealed) → closed.
    public enum Status: String, Sendable, CaseIterable, Codable {
        case registered, forwarded, accepted, inReview, extended, answered, appealed, closed
        public var l10nKey: L10nKey { L10nKey(rawValue: "appeal.status.\(rawValue)")! }

        /// Still waiting for an answer (or, when registered, for routing).
        public var isOpen: Bool { [.registered, .accepted, .inReview, .extended, .appealed].contains(self) }
    }

    /// The answer to one point raised.
    public enum Outcome: String, Sendable, CaseIterable, Codable {
        case satisfied, partly, refused, explained
        public var l10nKey: L10nKey { L10nKey(rawValue: "appeal.outcome.\(rawValue)")! }

        /// The answer as a whole: satisfied only when every point is, refused only when none is.
        public static func overall(_ points: [Outcome]) -> Outcome {
            let set = Set(points)
            if set.count == 1, let only = set.first { return only }
            if set.contains(.satisfied) || set.contains(.partly) { return .partly }
            return set.contains(.refused) ? .refused : .explained
        }
    }

    /// One point the applicant raised and the answer to it.
    public struct Point: Sendable, Hashable, Codable {
        public var request: String
        public var outcome: Outcome?
        public var answer: String

        public init(request: String, outcome: Outcome? = nil, answer: String = "") {
            self.request = request; self.outcome = outcome; self.answer = answer
        }
    }

    public var id: UUID
    /// The registration number the applicant quotes: year and a sequence (`2026-000017`).
    public var number: String
    public var channel: Channel
    /// The eOtinish number or the protocol number of an oral appeal.
    public var reference: String
    public var applicant: Applicant
    /// The language the applicant wrote in, and for Kazakh the script: the e-mailed notices use them.
    public var language: Language
    public var script: KazakhScript
    /// A region or a district.
    public var place: String
    public var category: Category
    public var text: String
    public var points: [Point]
    /// The applicant agreed that the answer be published without personal data.
    public var mayPublish: Bool
    public var status: Status
    /// The council or Public Accord office the appeal was routed to.
    public var organizationID: UUID
    /// The body an appeal outside the council's remit was forwarded to.
    public var forwardedTo: String
    public var registeredAt: Date
    /// The day the current deadline ends (for routing while registered, for the answer after).
    public var dueOn: Day
    public var extensionCount: Int
    public var answeredOn: Day?
    /// Working days from registration to the answer (or the forwarding).
    public var workingDaysTaken: Int?
    public var outcome: Outcome?
    /// The staff member who registered an oral or eOtinish appeal; empty for the public form.
    public var registeredBy: String
    /// The early-warning signal raised from the appeal, if any.
    public var signalID: UUID?
    public var isDemo: Bool
    public var version: Int

    public init(id: UUID, number: String, channel: Channel, reference: String, applicant: Applicant, language: Language, script: KazakhScript = .cyrillic, place: String,
                category: Category, text: String, points: [Point], mayPublish: Bool, status: Status, organizationID: UUID, forwardedTo: String = "",
                registeredAt: Date, dueOn: Day, extensionCount: Int = 0, answeredOn: Day? = nil, workingDaysTaken: Int? = nil, outcome: Outcome? = nil,
                registeredBy: String = "", signalID: UUID? = nil, isDemo: Bool = false, version: Int = 1) {
        self.id = id; self.number = number; self.channel = channel; self.reference = reference; self.applicant = applicant
        self.language = language; self.script = script; self.place = place; self.category = category; self.text = text; self.points = points
        self.mayPublish = mayPublish; self.status = status; self.organizationID = organizationID; self.forwardedTo = forwardedTo
        self.registeredAt = registeredAt; self.dueOn = dueOn; self.extensionCount = extensionCount; self.answeredOn = answeredOn
        self.workingDaysTaken = workingDaysTaken; self.outcome = outcome; self.registeredBy = registeredBy; self.signalID = signalID
        self.isDemo = isDemo; self.version = version
    }

    /// The day it was registered, in Kazakhstan.
    public var registeredOn: Day { Day(registeredAt) }

    /// Its scope for the permission check: the place and the council it was routed to; never public
    /// (the applicant reads it through the secret link of the receipt).
    public var scope: Scope { Scope(organizationID: organizationID, regionCode: place, isPublic: false) }

    /// Open and past its deadline on `today`.
    public func isOverdue(on today: Day) -> Bool { status.isOpen && dueOn < today }
}

/// Who wrote an appeal: personal data, shown only to those handling it.
public struct Applicant: Sendable, Hashable, Codable {
    public var name: String
    public var email: String
    public var phone: String
    public var address: String

    public init(name: String, email: String = "", phone: String = "", address: String = "") {
        self.name = name; self.email = email; self.phone = phone; self.address = address
    }
}
