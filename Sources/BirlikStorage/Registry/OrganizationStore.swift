import BirlikCore
import FluentKit
import Foundation

/// The registry's write side: every change is checked by `Access`, validated, and audited.
public enum OrganizationStore {
    /// Creates an organisation from a draft.
    public static func create(_ draft: OrganizationDraft, actor: Actor, on db: any Database, now: Date) async throws -> Organization {
        let scope = Scope(organizationID: nil, regionCode: draft.regionCode, isPublic: draft.isPublic)
        try Access.require(actor, .create, .organization, in: scope)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let organization = try await validate(draft, id: UUID(), on: audit.db)
            if try await OrganizationRecord.query(on: audit.db).filter(\.$code == organization.code).count() > 0 {
                throw DomainError.conflict(.errorDuplicateCode)
            }
            try await OrganizationRecord(organization).create(on: audit.db)
            try await audit.record("create", "organization", id: organization.id.uuidString, before: Nothing?.none, after: organization)
            return organization
        }
    }

    /// Updates an organisation; a draft opened at an older version fails with `staleVersion`.
    public static func update(id: UUID, _ draft: OrganizationDraft, actor: Actor, on db: any Database, now: Date) async throws -> Organization {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await OrganizationRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.organization
            try Access.require(actor, .view, .organization, in: before.scope)
            try Access.require(actor, .update, .organization, in: before.scope)
            guard draft.version == before.version else { throw DomainError.staleVersion }
            var after = try await validate(draft, id: id, isDemo: before.isDemo, on: audit.db)
            if after.parentID == id { after.parentID = before.parentID }
            // Moving a record to another place is a change of scope: the user must own the target too.
            try Access.require(actor, .update, .organization, in: after.scope)
            // An organisation's identity (code, type, region, parent) decides who may act for it: only those
            // who may register organisations there (its coordinator, the Secretariat) change it, never its own users.
            if after.code != before.code || after.type != before.type || after.regionCode != before.regionCode || after.parentID != before.parentID {
                try Access.require(actor, .create, .organization, in: before.scope)
                try Access.require(actor, .create, .organization, in: after.scope)
            }
            if after.code != before.code,
               try await OrganizationRecord.query(on: audit.db).filter(\.$code == after.code).count() > 0 {
                throw DomainError.conflict(.errorDuplicateCode)
            }
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("update", "organization", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    /// Deletes an organisation that has no member organisations and no users.
    public static func delete(id: UUID, actor: Actor, on db: any Database, now: Date) async throws {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await OrganizationRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.organization
            try Access.require(actor, .delete, .organization, in: before.scope)
            let children = try await OrganizationRecord.query(on: audit.db).filter(\.$parentID == id).count()
            let users = try await UserRecord.query(on: audit.db).filter(\.$organizationID == id).count()
            guard children == 0, users == 0 else { throw DomainError.conflict(.errorHasChildren) }
            try await record.delete(on: audit.db)
            try await audit.record("delete", "organization", id: id.uuidString, before: before, after: Nothing?.none)
        }
    }

    static func validate(_ draft: OrganizationDraft, id: UUID, isDemo: Bool = false, on db: any Database) async throws -> Organization {
        let regions = Set(try await RegionRecord.query(on: db).all(\.$id))
        let parentCode = draft.parentCode.trimmingCharacters(in: .whitespaces).lowercased()
        let parent = parentCode.isEmpty ? nil : try await OrganizationRecord.query(on: db).filter(\.$code == parentCode).first()
        return try draft.validated(id: id, regions: regions, ethnicGroupCodes: Set(ReferenceData.ethnicGroups.map(\.code)),
                                   parentID: parent?.id, isDemo: isDemo)
    }
}
