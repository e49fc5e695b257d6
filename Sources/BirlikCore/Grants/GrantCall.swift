import Foundation

/// A call for applications on published lots of the grant plan, open from one day to another (both
/// included). Public.
public struct GrantCall: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// `GC-YYYY-NN`.
    public var code: String
    public var title: String
    public var lotIDs: [UUID]
    public var opensOn: Day
    public var closesOn: Day
    public var version: Int

    public init(id: UUID = UUID(), code: String, title: String, lotIDs: [UUID], opensOn: Day, closesOn: Day, version: Int = 1) {
        self.id = id; self.code = code; self.title = title; self.lotIDs = lotIDs; self.opensOn = opensOn; self.closesOn = closesOn; self.version = version
    }

    public func isOpen(on day: Day) -> Bool { opensOn <= day && day <= closesOn }

    public enum Phase: String, Sendable { case upcoming, open, closed
        public var l10nKey: L10nKey { L10nKey(rawValue: "grants.call.\(rawValue)")! }
    }

    public func phase(on day: Day) -> Phase { day < opensOn ? .upcoming : day > closesOn ? .closed : .open }
}
