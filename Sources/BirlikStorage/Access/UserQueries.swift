import BirlikCore
import FluentKit
import Foundation

/// Reading user accounts, scoped by `Access.visibility(actor, .user)`.
public enum UserQueries {
    /// A user as an administrator's list shows it.
    public struct Row: Sendable {
        public var id: UUID
        public var email: String
        public var displayName: String
        public var role: Role
        public var organizationCode: String?
        public var organizationName: LocalizedText?
        public var regionCode: String?
        public var lockedUntil: Date?
        public var isDisabled: Bool
        public var isDemo: Bool
        var organizationID: UUID?

        init(_ user: UserRecord, organization: OrganizationRecord?) {
            id = user.id ?? UUID(); email = user.email; organizationID = user.organizationID; displayName = user.displayName; role = Role(rawValue: user.role) ?? .citizen
            organizationCode = organization?.code; organizationName = organization?.organization.name; regionCode = organization?.regionCode
            lockedUntil = user.lockedUntil; isDisabled = user.isDisabled; isDemo = user.isDemo
        }

        /// The account's place for `Access`: its organisation's region (the republic without one).
        public var scope: Scope { Scope(organizationID: organizationID, regionCode: regionCode ?? RegionCode.republic, isPublic: false) }
    }

    /// Users visible to `actor`, optionally of one role, newest e-mail order.
    public static func list(actor: Actor, role: Role?, text: String, page: Int, perPage: Int = 50,
                            on db: any Database) async throws -> Page<Row> {
        let query = UserRecord.query(on: db).visible(to: actor)
        if let role { query.filter(\.$role == role.rawValue) }
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if !text.isEmpty {
            query.group(.or) { group in
                group.filter("email", containsLiterally: text)
                group.filter("display_name", containsLiterally: text)
            }
        }
        let total = try await query.count()
        let users = try await query.sort(\.$email).range(Page<UserRecord>.rows(page: page, perPage: perPage)).all()
        let organizationIDs = Set(users.compactMap(\.organizationID))
        let organizations = organizationIDs.isEmpty ? [] : try await OrganizationRecord.query(on: db).filter(\.$id ~~ organizationIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: organizations.compactMap { record in record.id.map { ($0, record) } })
        let rows = users.map { user in Row(user, organization: user.organizationID.flatMap { byID[$0] }) }
        return Page(items: rows, page: max(1, page), perPage: perPage, total: total)
    }

    /// One account, when `actor` may see it; `notFound` otherwise (another region's account does not exist for them).
    public static func find(_ id: UUID, actor: Actor, on db: any Database) async throws -> Row {
        guard let user = try await UserRecord.find(id, on: db) else { throw DomainError.notFound }
        let row = Row(user, organization: try await user.organizationID.asyncFlatMap { try await OrganizationRecord.find($0, on: db) })
        guard Access.check(actor, .view, .user, in: row.scope) == .allowed else { throw DomainError.notFound }
        return row
    }
}
