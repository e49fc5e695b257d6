import Foundation

/// A re-issue of a receipt (S8): a receipt never changes; when the donor's public name on it must be
/// corrected, a new version is issued that points at the one it replaces, with the reason. Version 1 is
/// the ledger entry itself, whose leaf and proof stay as they were.
public struct ReceiptVersion: Sendable, Hashable, Codable {
    /// The receipt's number (`R-YYYY-NNNNNN`).
    public var number: String
    /// 2, 3, …
    public var version: Int
    /// The version this one replaces.
    public var replaces: Int
    public var publicName: String
    public var reason: String
    public var issuedOn: Day
    public var issuedBy: String

    public init(number: String, version: Int, publicName: String, reason: String, issuedOn: Day, issuedBy: String) {
        self.number = number; self.version = version; replaces = version - 1; self.publicName = publicName; self.reason = reason
        self.issuedOn = issuedOn; self.issuedBy = issuedBy
    }
}
