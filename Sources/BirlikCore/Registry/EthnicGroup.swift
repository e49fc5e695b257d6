/// An ethnic group an ethnocultural association serves, with its name in three languages.
public struct EthnicGroup: Codable, Sendable, Hashable, Identifiable {
    /// A stable lower-case code (`kazakhs`, `uzbeks`, `koreans`).
    public var code: String
    public var name: LocalizedText
    public var id: String { code }

    public init(code: String, name: LocalizedText) {
        self.code = code
        self.name = name
    }
}
