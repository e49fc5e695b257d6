import Foundation

/// A problem with one field of a form or a JSON body, named by a catalog key.
public struct FieldError: Sendable, Hashable, Codable {
    public var field: String
    public var key: L10nKey
    public var arguments: [String: String]

    public init(_ field: String, _ key: L10nKey, _ arguments: [String: String] = [:]) {
        self.field = field
        self.key = key
        self.arguments = arguments
    }
}

/// The one error type of Birlik. The web layer maps each case, in one place, to an HTTP status and a
/// message from the catalog in the user's language.
public enum DomainError: Error, Sendable, Equatable {
    /// Values that break a rule; nothing was written (422, or the form again).
    case invalid([FieldError])
    /// The record does not exist, or the user may not know that it does (404).
    case notFound
    /// A duplicate or a reference that cannot be honoured (409).
    case conflict(L10nKey)
    /// Someone else saved the record since it was opened (409); the submitted values are kept.
    case staleVersion
    /// The request itself is malformed: broken JSON, a wrong type (400).
    case malformed(String)
    /// The request body is larger than allowed (413).
    case tooLarge
    case signInRequired
    case forbidden
    case invalidCredentials
    /// Too many attempts from one place (429).
    case rateLimited

    /// The catalog key of the error's message.
    public var messageKey: L10nKey {
        switch self {
        case .invalid: .errorInvalid
        case .notFound: .errorNotFound
        case let .conflict(key): key
        case .staleVersion: .errorStaleVersion
        case .malformed: .errorMalformed
        case .tooLarge: .errorTooLarge
        case .signInRequired: .errorSignInRequired
        case .forbidden: .errorForbidden
        case .invalidCredentials: .errorInvalidCredentials
        case .rateLimited: .errorRateLimited
        }
    }
}
