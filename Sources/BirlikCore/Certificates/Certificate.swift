import Crypto
import Foundation

/// A certificate of a finished course (S13, S17): what it states (holder, course, hours, level or
/// competencies, issue day, expiry) under a unique code that a QR code links to a public verify page.
/// The SHA-256 of that statement is written into the audit chain when it is issued, so a changed
/// statement no longer matches the chain. Revoked, never deleted.
public struct Certificate: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case valid, expired, revoked
        public var l10nKey: L10nKey { L10nKey(rawValue: "certificates.status.\(rawValue)")! }
    }

    public var id: UUID
    /// `BK-7KQ2-M9XD`: twelve characters of Crockford base 32 after the prefix (no I, L, O, U to misread).
    public var code: String
    public var enrolmentID: UUID
    public var courseID: UUID
    public var hostID: UUID
    public var region: String
    public var holderName: String
    public var courseCode: String
    public var courseTitle: String
    public var kind: Course.Kind
    public var hours: Int
    public var level: LanguageLevel?
    public var competencies: [String]
    public var issuedOn: Day
    public var expiresOn: Day?
    public var revokedOn: Day?
    public var revocationReason: String?
    /// SHA-256 (hex) of `statement`, as the audit chain holds it.
    public var sha256: String
    public var version: Int

    public init(id: UUID = UUID(), code: String, enrolmentID: UUID, courseID: UUID, hostID: UUID, region: String, holderName: String,
                courseCode: String, courseTitle: String, kind: Course.Kind, hours: Int, level: LanguageLevel?, competencies: [String],
                issuedOn: Day, expiresOn: Day?, revokedOn: Day? = nil, revocationReason: String? = nil, version: Int = 1) {
        self.id = id; self.code = code; self.enrolmentID = enrolmentID; self.courseID = courseID; self.hostID = hostID; self.region = region
        self.holderName = holderName; self.courseCode = courseCode; self.courseTitle = courseTitle; self.kind = kind; self.hours = hours
        self.level = level; self.competencies = competencies; self.issuedOn = issuedOn; self.expiresOn = expiresOn; self.revokedOn = revokedOn
        self.revocationReason = revocationReason; self.sha256 = ""; self.version = version
        self.sha256 = Hashing.sha256Hex(Data(statement.utf8))
    }

    /// The host's staff and the region's coordinators keep it; anyone with the code verifies it.
    public var scope: Scope { Scope(organizationID: hostID, regionCode: region, isPublic: false) }

    /// Its status on `today`.
    public func status(on today: Day) -> Status {
        if revokedOn != nil { return .revoked }
        if let expiresOn, today > expiresOn { return .expired }
        return .valid
    }

    /// What the certificate states, one fact a line, in a fixed order: the text its hash is taken of.
    public var statement: String {
        ["birlik-certificate-v1", code, holderName, courseCode, courseTitle, kind.rawValue, String(hours), level?.rawValue ?? "",
         competencies.joined(separator: "; "), issuedOn.description, expiresOn?.description ?? ""].joined(separator: "\n")
    }

    /// `true` when the stored hash is the hash of what the certificate states.
    public var isIntact: Bool { Hashing.sha256Hex(Data(statement.utf8)) == sha256 }

    /// A new random code.
    public static func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let body = String((0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
        return "BK-" + body.prefix(4) + "-" + body.suffix(4)
    }

    /// `true` when `text` has the shape of a code (so a lookup never runs on anything else).
    public static func looksLikeCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "BK" && parts[1].count == 4 && parts[2].count == 4
            && (parts[1] + parts[2]).allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) }
    }
}
