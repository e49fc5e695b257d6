/// The password rules: at least 10 characters, with letters and digits, not the e-mail itself.
public enum PasswordPolicy {
    public static let minimumLength = 10

    /// The rule `password` breaks, or `nil` when it is acceptable.
    public static func problem(_ password: String, email: String) -> L10nKey? {
        if password.count < minimumLength { return .passwordTooShort }
        if !password.contains(where: \.isLetter) || !password.contains(where: \.isNumber) { return .passwordNeedsLettersAndDigits }
        if password.lowercased() == email.lowercased() || password.lowercased().contains(email.lowercased().split(separator: "@").first.map(String.init) ?? "\u{0}") {
            return .passwordLikeEmail
        }
        return nil
    }
}
