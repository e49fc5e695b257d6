import BirlikCore
import FluentKit
import Foundation

/// Adding and removing the people of an organisation: allowed to whoever may edit the organisation,
/// and audited.
public enum PersonStore {
    public static func add(_ draft: PersonDraft, to organizationID: UUID, actor: Actor, on db: any Database, now: Date) async throws -> Person {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let organization = try await OrganizationRecord.find(organizationID, on: audit.db)?.organization else {
                throw DomainError.notFound
            }
            try Access.require(actor, .update, .organization, in: organization.scope)
            let person = try draft.validated(organizationID: organizationID)
            let order = try await PersonRecord.query(on: audit.db).filter(\.$organizationID == organizationID).count()
            try await PersonRecord(person, sortOrder: order).create(on: audit.db)
            try await audit.record("create", "person", id: person.id.uuidString, before: Nothing?.none, after: person)
            return person
        }
    }

    public static func remove(id: UUID, from organizationID: UUID, actor: Actor, on db: any Database, now: Date) async throws {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await PersonRecord.find(id, on: audit.db), record.organizationID == organizationID,
                  let organization = try await OrganizationRecord.find(organizationID, on: audit.db)?.organization else {
                throw DomainError.notFound
            }
            try Access.require(actor, .update, .organization, in: organization.scope)
            let before = record.person
            try await record.delete(on: audit.db)
            try await audit.record("delete", "person", id: id.uuidString, before: before, after: Nothing?.none)
        }
    }
}
