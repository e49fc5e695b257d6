/// Hashes and checks passwords (bcrypt in the server). Kept behind a protocol so the core and the
/// storage layer stay free of the web framework.
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) throws -> String
    func verify(_ password: String, against hash: String) throws -> Bool
}
