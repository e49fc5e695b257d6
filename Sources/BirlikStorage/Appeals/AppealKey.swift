import BirlikCore
import FluentKit
import Foundation

/// How an applicant reaches their own appeal without being staff: the secret link's token, or the
/// account that follows the appeal. Either one opens exactly one appeal and nothing else.
public enum AppealKey: Sendable, Hashable {
    case token(String)
    case follower(appealID: UUID, userID: UUID)

    /// The one appeal this key opens (none for a malformed token).
    func query(on db: any Database) -> QueryBuilder<AppealRecord>? {
        switch self {
        case let .token(token):
            guard !token.isEmpty, token.count < 100 else { return nil }
            return AppealRecord.query(on: db).filter(\.$tokenHash == TokenStore.hash(token))
        case let .follower(appealID, userID):
            return AppealRecord.query(on: db).filter(\.$id == appealID).filter(\.$followerUserID == userID)
        }
    }

    func record(on db: any Database) async throws -> AppealRecord {
        guard let record = try await query(on: db)?.first() else { throw DomainError.notFound }
        return record
    }
}
