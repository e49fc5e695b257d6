/// The roles of Birlik's users (mission.md, "Who uses it").
public enum Role: String, CaseIterable, Codable, Sendable {
    case secretariat
    case regionalCoordinator
    case executor
    case councilMember
    case mediator
    /// An expert of the Scientific-expert council or an independent reviewer (S21): sees only what is assigned to them.
    case expert
    case association
    case citizen
    case admin

    /// The catalog key of the role's name.
    public var l10nKey: L10nKey { L10nKey(rawValue: "role.\(rawValue)")! }
}
