import Foundation

/// Who is acting: a signed-in user bound to an organisation and through it to a place in the region
/// tree, or the anonymous public.
public struct Actor: Sendable, Hashable {
    public var userID: UUID?
    public var role: Role
    public var organizationID: UUID?
    /// The region code of the user's organisation (`KZ` for national bodies).
    public var regionCode: String
    public var displayName: String

    public init(userID: UUID?, role: Role, organizationID: UUID?, regionCode: String, displayName: String) {
        self.userID = userID
        self.role = role
        self.organizationID = organizationID
        self.regionCode = regionCode
        self.displayName = displayName
    }

    /// The public: a visitor who has not signed in.
    public static let anonymous = Actor(userID: nil, role: .citizen, organizationID: nil,
                                        regionCode: RegionCode.republic, displayName: "public")

    /// Birlik itself, for reference data loaded by commands.
    public static let system = Actor(userID: nil, role: .admin, organizationID: nil,
                                     regionCode: RegionCode.republic, displayName: "system")

    public var isSignedIn: Bool { userID != nil }
}

/// What a record belongs to, for the permission check: its organisation, its place, whether it is public.
public struct Scope: Sendable, Hashable {
    public var organizationID: UUID?
    public var regionCode: String
    public var isPublic: Bool

    public init(organizationID: UUID?, regionCode: String, isPublic: Bool) {
        self.organizationID = organizationID
        self.regionCode = regionCode
        self.isPublic = isPublic
    }
}
