import BirlikCore
import FluentKit
import Foundation

/// The base of good practices (S19): an organisation describes a practice, links evidence from Birlik's
/// own figures and translations, and submits it; the Secretariat has experts review it through **the**
/// review engine, verifies it or asks for more evidence, publishes and archives it; regions that adopt a
/// published practice write to its replication log. Every change audited; the terms index follows the text.
public enum PracticeStore {
    /// Writes a new practice of the actor's organisation as a draft.
    public static func create(_ draft: PracticeDraft, actor: Actor, on db: any Database, now: Date) async throws -> GoodPractice {
        let valid = try draft.validated()
        guard let organization = actor.organizationID else { throw actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try Access.require(actor, .create, .practice, in: Scope(organizationID: organization, regionCode: valid.region, isPublic: false))
        try requireOwnRegion(valid.region, actor: actor)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let prefix = String(format: "GP-%04d-", Day(now).year)
            let count = try await GoodPracticeRecord.query(on: audit.db).filter(\.$code >= prefix).filter(\.$code < prefix + ":").count()
            let practice = GoodPractice(code: prefix + String(format: "%04d", count + 1), organizationID: organization, region: valid.region,
                                        regions: valid.regions, domain: valid.domain, language: valid.language, original: valid.text, updatedAt: now)
            try await save(practice, record: nil, audit: audit)
            try await audit.record("create", "practice", id: practice.code, before: Nothing?.none, after: practice)
            return practice
        }
    }

    /// Changes a practice's field, regions and original text, opened at `version`, while its author may.
    /// A changed text raises the original's revision, which makes existing translations outdated.
    public static func update(_ id: UUID, _ draft: PracticeDraft, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> GoodPractice {
        let valid = try draft.validated()
        return try await change(id, version: version, action: "update", actor: actor, on: db, now: now) { before in
            if valid.region != before.region { try requireOwnRegion(valid.region, actor: actor) }
            var after = before
            if valid.language != before.language { after.translations[valid.language] = nil }
            if valid.text != before.original || valid.language != before.language { after.revision += 1 }
            after.domain = valid.domain; after.language = valid.language; after.region = valid.region; after.regions = valid.regions; after.original = valid.text
            return after
        }
    }

    /// Writes the author's translation into `language`: unchecked, of the original's current revision.
    public static func translate(_ id: UUID, into language: Language, text: GoodPractice.Text, version: Int, actor: Actor, on db: any Database,
                                 now: Date) async throws -> GoodPractice {
        let text = try PracticeTextDraft(text).validated(prefix: language.rawValue + "-")
        return try await change(id, version: version, action: "translate", actor: actor, on: db, now: now) { before in
            guard language != before.language else { throw DomainError.invalid([FieldError("language", .fieldChooseValue)]) }
            var after = before
            after.translations[language] = GoodPractice.Translation(text: text, revision: before.revision)
            return after
        }
    }

    /// Links a figure Birlik keeps as evidence, reading its value now.
    public static func addEvidence(_ id: UUID, _ draft: EvidenceDraft, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> GoodPractice {
        let valid = try draft.validated(today: Day(now))
        if valid.kind == .campaign, (try? await CharityQueries.campaign(code: valid.reference, on: db)) == nil {
            throw DomainError.invalid([FieldError("reference", .practiceEvidenceNoCampaign)])
        }
        let evidence = Evidence(kind: valid.kind, reference: valid.reference, place: valid.place, year: valid.year, note: valid.note, linkedValue: nil,
                                linkedOn: Day(now))
        // As the public will read it once published.
        let linked = try await PracticeQueries.figure(of: evidence, actor: .anonymous, today: Day(now), on: db)
        return try await change(id, version: version, action: "addEvidence", actor: actor, on: db, now: now) { before in
            guard before.evidence.count < 30 else { throw DomainError.invalid([FieldError("kind", .practiceEvidenceTooMany, ["max": "30"])]) }
            var after = before
            var item = evidence
            item.linkedValue = linked
            after.evidence.append(item)
            return after
        }
    }

    /// Removes a piece of evidence.
    public static func removeEvidence(_ id: UUID, evidenceID: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> GoodPractice {
        try await change(id, version: version, action: "removeEvidence", actor: actor, on: db, now: now) { before in
            guard before.evidence.contains(where: { $0.id == evidenceID }) else { throw DomainError.notFound }
            var after = before
            after.evidence.removeAll { $0.id == evidenceID }
            return after
        }
    }

    /// A practice is its author's region's: only the Secretariat files one for another region (the scope
    /// rule would let an organisation's staff write anywhere, since the practice is their own).
    static func requireOwnRegion(_ region: String, actor: Actor) throws {
        guard actor.role == .secretariat || actor.role == .admin || RegionCode.topLevel(actor.regionCode) == region else {
            throw DomainError.invalid([FieldError("region", .practiceRegionOwn)])
        }
    }

    /// An author's change of an editable practice.
    static func change(_ id: UUID, version: Int, action: String, actor: Actor, on db: any Database, now: Date,
                       _ edit: @Sendable @escaping (GoodPractice) throws -> GoodPractice) async throws -> GoodPractice {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let (record, before) = try await find(id, actor: actor, on: audit.db)
            try Access.require(actor, .update, .practice, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            guard before.isEditable else { throw DomainError.conflict(.practiceNotEditable) }
            var after = try edit(before)
            if action == "update" { try Access.require(actor, .update, .practice, in: after.scope) }
            after.updatedAt = now; after.version += 1
            try await save(after, record: record, audit: audit)
            try await audit.record(action, "practice", id: before.code, before: before, after: after)
            return after
        }
    }

    /// A step on a practice opened at `version`: the author submits; the Secretariat decides the rest.
    /// A verdict needs the form's number of received reviews and none still pending; it completes the
    /// received ones and cancels those that never came.
    public static func apply(_ step: PracticeStep, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> GoodPractice {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let (record, before) = try await find(id, actor: actor, on: audit.db)
            try Access.require(actor, step.isAuthors ? .update : .approve, .practice, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            let today = Day(now)
            let reviews = try await ReviewStore.assignments(of: id, on: audit.db)
            if step == .verify {
                // This round's: a verdict completes the received reviews, so an earlier round's are complete.
                let received = reviews.filter { $0.status == .received }
                guard received.count >= ReviewForm.practices.reviewsNeeded else { throw DomainError.conflict(.practiceReviewsNeeded) }
                guard !reviews.contains(where: { $0.status == .awaitingResponse || $0.status == .accepted }) else { throw DomainError.conflict(.grantsReviewsPending) }
            }
            let after = try before.applying(step, today: today, now: now)
            switch step {
            case .verify, .askEvidence: try await closeReviews(reviews, actor: actor, today: today, audit: audit)
            default: break
            }
            try await save(after, record: record, audit: audit)
            try await audit.record(step.action, "practice", id: before.code, before: before, after: after)
            return after
        }
    }

    /// Completes the received reviews of a decided round and cancels the ones still open.
    static func closeReviews(_ reviews: [ReviewAssignment], actor: Actor, today: Day, audit: AuditWriter) async throws {
        for review in reviews {
            switch review.status {
            case .received: _ = try await ReviewStore.write(.complete, to: review, actor: actor, today: today, audit: audit)
            case .awaitingResponse, .accepted:
                _ = try await ReviewStore.write(.cancel(reason: "@" + L10nKey.practiceReviewClosed.rawValue), to: review, actor: actor, today: today, audit: audit)
            default: break
            }
        }
    }

    /// Assigns an expert (an account with the expert role) to review a submitted practice, due in ten
    /// working days; the first assignment puts the practice under expert review.
    public static func assignReviewer(_ id: UUID, reviewerID: UUID, actor: Actor, on db: any Database, now: Date) async throws -> ReviewAssignment {
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let (record, before) = try await find(id, actor: actor, on: audit.db)
            try Access.require(actor, .approve, .practice, in: before.scope)
            try Access.require(actor, .create, .reviewAssignment, in: Scope(organizationID: reviewerID, regionCode: RegionCode.republic, isPublic: false))
            guard before.status == .submitted || before.status == .expertReview else { throw DomainError.conflict(.errorTransition) }
            guard let reviewer = try await UserRecord.find(reviewerID, on: audit.db), reviewer.role == Role.expert.rawValue, !reviewer.isDisabled else {
                throw DomainError.invalid([FieldError("reviewer", .reviewNotExpert)])
            }
            let existing = try await ReviewStore.assignments(of: id, on: audit.db)
            // One live assignment per expert and round; an expert of an earlier round may review the new version.
            guard !existing.contains(where: { $0.reviewerID == reviewerID && [.awaitingResponse, .accepted, .received].contains($0.status) }) else {
                throw DomainError.invalid([FieldError("reviewer", .practiceReviewerAssigned)])
            }
            let today = Day(now)
            let assignment = try await ReviewStore.assign(ReviewAssignment(
                subjectKind: GoodPractice.reviewSubject, subjectID: id, reviewerID: reviewerID, reviewerName: reviewer.displayName, assignedOn: today,
                respondBy: calendar.adding(workingDays: ReviewForm.practices.respondDays, to: today), dueOn: calendar.adding(workingDays: 10, to: today)), audit: audit)
            if before.status == .submitted {
                var after = before
                after.status = .expertReview; after.updatedAt = now; after.version += 1
                try await save(after, record: record, audit: audit)
                try await audit.record("toReview", "practice", id: before.code, before: before.status.rawValue, after: after.status.rawValue)
            }
            return assignment
        }
    }

    /// Writes a line of a published practice's replication log for the adopting region.
    public static func adopt(_ id: UUID, _ draft: AdoptionDraft, actor: Actor, on db: any Database, now: Date) async throws -> PracticeAdoption {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let (_, practice) = try await find(id, actor: actor, on: audit.db)
            guard practice.status == .published else { throw DomainError.conflict(.practiceNotPublished) }
            let valid = try draft.validated(for: practice, today: Day(now))
            guard let organization = actor.organizationID else { throw DomainError.forbidden }
            let adoption = PracticeAdoption(practiceID: practice.id, practiceCode: practice.code, region: valid.region, organizationID: organization,
                                            adoptedOn: valid.adoptedOn, result: valid.result, recordedAt: now)
            try Access.require(actor, .create, .practiceAdoption, in: Scope(organizationID: nil, regionCode: valid.region, isPublic: true))
            if try await PracticeAdoptionRecord.query(on: audit.db).filter(\.$practiceID == practice.id).filter(\.$region == valid.region).first() != nil {
                throw DomainError.invalid([FieldError("region", .practiceAdoptedBefore)])
            }
            try await PracticeAdoptionRecord(adoption).create(on: audit.db)
            try await audit.record("adopt", "practiceAdoption", id: adoption.id.uuidString, before: Nothing?.none, after: adoption)
            return adoption
        }
    }

    /// A practice and its row, if the actor may see it.
    static func find(_ id: UUID, actor: Actor, on db: any Database) async throws -> (GoodPracticeRecord, GoodPractice) {
        guard let record = try await GoodPracticeRecord.find(id, on: db), let value = record.value,
              Access.check(actor, .view, .practice, in: value.scope) == .allowed else {
            throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        return (record, value)
    }

    /// Writes the row (new when `record` is `nil`) and its search terms.
    static func save(_ practice: GoodPractice, record: GoodPracticeRecord?, audit: AuditWriter) async throws {
        let row = record ?? GoodPracticeRecord(practice)
        if let record { record.apply(practice); try await record.update(on: audit.db) } else { try await row.create(on: audit.db) }
        try await SearchTermRecord.replace(.practice, recordID: practice.id, folded: [row.searchText], on: audit.db)
    }
}
