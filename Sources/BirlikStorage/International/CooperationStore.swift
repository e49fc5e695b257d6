import BirlikCore
import FluentKit
import Foundation

/// International cooperation (S20): the register of partners abroad, agreements stepped from draft to
/// their end, their obligations linked to plan measures and events, and the alerts 90 and 30 days
/// before an agreement ends. Every change is audited.
public enum CooperationStore {
    // MARK: Partners

    /// Registers a partner kept by the actor's organisation (`id` nil), or changes one opened at `version`.
    public static func savePartner(_ draft: PartnerDraft, id: UUID?, active: Bool = true, version: Int, actor: Actor, on db: any Database,
                                   now: Date) async throws -> Partner {
        let valid = try draft.validated()
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            if !valid.identifier.isEmpty,
               let other = try await PartnerRecord.query(on: audit.db).all().compactMap(\.value).first(where: { $0.identifier == valid.identifier && $0.id != id }) {
                throw DomainError.invalid([FieldError("identifier", .cooperationDuplicateOrgID, ["code": other.code])])
            }
            if let id {
                guard let record = try await PartnerRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
                try Access.require(actor, .update, .partner, in: before.scope)
                guard before.version == version else { throw DomainError.staleVersion }
                var after = before
                after.kind = valid.kind; after.name = valid.name; after.country = valid.country; after.identifier = valid.identifier
                after.website = valid.website; after.languageCourses = valid.languageCourses; after.events = valid.events; after.active = active
                after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record("update", "partner", id: id.uuidString, before: before, after: after)
                return after
            }
            guard let keeper = actor.organizationID else { throw DomainError.forbidden }
            let region = actor.regionCode
            try Access.require(actor, .create, .partner, in: Scope(organizationID: keeper, regionCode: region, isPublic: true))
            let count = try await PartnerRecord.query(on: audit.db).count()
            let partner = Partner(code: String(format: "PRT-%04d", count + 1), kind: valid.kind, name: valid.name, country: valid.country,
                                  identifier: valid.identifier, website: valid.website, languageCourses: valid.languageCourses, events: valid.events,
                                  keeperID: keeper, region: region)
            try await PartnerRecord(partner).create(on: audit.db)
            try await audit.record("create", "partner", id: partner.id.uuidString, before: Nothing?.none, after: partner)
            return partner
        }
    }

    // MARK: Agreements

    /// Creates a draft agreement of the actor's organisation (`id` nil) or changes one opened at
    /// `version`; partners are named by their codes.
    public static func saveAgreement(_ draft: AgreementDraft, id: UUID?, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Agreement {
        let valid = try draft.validated()
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let partners = try await PartnerRecord.query(on: audit.db).filter(\.$code ~~ valid.partnerCodes).all().compactMap(\.value)
            let unknown = valid.partnerCodes.filter { code in !partners.contains { $0.code == code } }
            if !unknown.isEmpty { throw DomainError.invalid([FieldError("partners", .cooperationUnknownPartner, ["codes": unknown.joined(separator: ", ")])]) }
            if let id {
                guard let record = try await AgreementRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
                try Access.require(actor, .update, .agreement, in: before.scope)
                try Access.require(actor, .update, .agreement, in: Scope(organizationID: before.keeperID, regionCode: valid.region, isPublic: false))
                guard before.version == version else { throw DomainError.staleVersion }
                guard before.status != .terminated else { throw DomainError.conflict(.errorTransition) }
                var after = before
                after.kind = valid.kind; after.title = valid.title; after.summary = valid.summary; after.confidential = valid.confidential
                after.partnerIDs = partners.map(\.id); after.region = valid.region; after.endsOn = valid.endsOn; after.renewal = valid.renewal
                after.updatedAt = now; after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record("update", "agreement", id: id.uuidString, before: Audited(before), after: Audited(after))
                return after
            }
            guard let keeper = actor.organizationID else { throw DomainError.forbidden }
            try Access.require(actor, .create, .agreement, in: Scope(organizationID: keeper, regionCode: valid.region, isPublic: false))
            let prefix = String(format: "AGR-%04d-", Day(now).year)
            let count = try await AgreementRecord.query(on: audit.db).filter(\.$code >= prefix).filter(\.$code < prefix + ":").count()
            let agreement = Agreement(code: prefix + String(format: "%04d", count + 1), kind: valid.kind, title: valid.title, summary: valid.summary,
                                      confidential: valid.confidential, partnerIDs: partners.map(\.id), keeperID: keeper, region: valid.region,
                                      signatories: "", signedOn: nil, place: "", startsOn: nil, endsOn: valid.endsOn, renewal: valid.renewal, updatedAt: now)
            try await AgreementRecord(agreement).create(on: audit.db)
            try await audit.record("create", "agreement", id: agreement.id.uuidString, before: Nothing?.none, after: Audited(agreement))
            return agreement
        }
    }

    /// A step on an agreement opened at `version`.
    public static func apply(_ step: AgreementStep, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Agreement {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await AgreementRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .agreement, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            let after = try before.applying(step, today: Day(now), now: now)
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record(step.name, "agreement", id: id.uuidString, before: Audited(before), after: Audited(after))
            return after
        }
    }

    /// Adds an obligation, linked to a plan measure or an event when their codes are given.
    public static func addObligation(_ draft: ObligationDraft, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Agreement {
        let valid = try draft.validated()
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await AgreementRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .agreement, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            var problems: [FieldError] = []
            if !valid.measureCode.isEmpty, try await MeasureReferences.resolve([valid.measureCode], on: audit.db).ids.isEmpty {
                problems.append(FieldError("measureCode", .grantsUnknownMeasure, ["codes": valid.measureCode]))
            }
            if !valid.eventCode.isEmpty, try await EventQueries.event(code: valid.eventCode, on: audit.db) == nil {
                problems.append(FieldError("eventCode", .cooperationUnknownEvent, ["code": valid.eventCode]))
            }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            var after = before
            after.obligations.append(Obligation(text: valid.text, dueOn: valid.dueOn, measureCode: valid.measureCode, eventCode: valid.eventCode))
            after.obligations.sort { ($0.dueOn, $0.text) < ($1.dueOn, $1.text) }
            after.updatedAt = now; after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("addObligation", "agreement", id: id.uuidString, before: before.obligations, after: after.obligations)
            return after
        }
    }

    /// Marks an obligation fulfilled today.
    public static func fulfil(_ obligationID: UUID, of id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Agreement {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await AgreementRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .agreement, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            guard let index = before.obligations.firstIndex(where: { $0.id == obligationID }), before.obligations[index].doneOn == nil else {
                throw DomainError.conflict(.errorTransition)
            }
            var after = before
            after.obligations[index].doneOn = Day(now); after.updatedAt = now; after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("fulfil", "agreement", id: id.uuidString, before: before.obligations[index], after: after.obligations[index])
            return after
        }
    }

    // MARK: Alerts

    /// Tells each agreement's keeper 90 and 30 days before it ends (once per threshold and end date);
    /// returns how many alerts were written. Run with the other scheduled reminders.
    public static func remindExpiring(now: Date, on db: any Database) async throws -> Int {
        let today = Day(now)
        let horizon = today.adding(days: Agreement.alertDays[0]).description
        let candidates = try await AgreementRecord.query(on: db).filter(\.$status ~~ [Agreement.Status.inForce.rawValue, Agreement.Status.renewed.rawValue])
            .filter(\.$endsOn >= today.description).filter(\.$endsOn <= horizon).all().compactMap(\.value)
        guard !candidates.isEmpty else { return 0 }
        return try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            var written = 0
            for agreement in candidates {
                guard let endsOn = agreement.endsOn, let left = agreement.daysLeft(on: today) else { continue }
                // The nearest threshold crossed: 30 days once that close, else 90.
                guard let threshold = Agreement.alertDays.sorted().first(where: { left <= $0 }) else { continue }
                let wrote = try await Notifications.notify(organization: agreement.keeperID, kind: "agreement", key: .cooperationNotifyExpiring,
                                                           arguments: ["code": agreement.code, "title": agreement.title, "date": endsOn.dotted, "days": String(left)],
                                                           link: "/cooperation/agreements/\(agreement.code)",
                                                           dedupe: "agreement:\(threshold):\(agreement.id.uuidString):\(endsOn)", now: now, on: audit.db)
                if wrote { written += 1 }
            }
            if written > 0 { try await audit.record("remind", "agreement", id: today.description, before: Nothing?.none, after: ["written": written]) }
            return written
        }
    }

    /// The audit entry of an agreement: everything but its confidential clauses, of which only the hash is kept.
    struct Audited: Encodable {
        var agreement: Agreement
        var confidentialSHA256: String
        init(_ value: Agreement) {
            var copy = value
            confidentialSHA256 = Hashing.sha256Hex(Data(value.confidential.utf8))
            copy.confidential = ""
            agreement = copy
        }
    }
}
