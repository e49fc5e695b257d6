import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Grants to NGOs (S10): the grant operator's plan of lots and its calls, the NGOs' applications through
/// their terms in working days of the one calendar, the experts' review through the one review engine,
/// the commission's decision, and tranches paid through the one ledger.
public enum GrantStore {
    /// The kind of subject grant applications are to the review engine.
    public static let reviewSubject = "grantApplication"

    // MARK: The plan

    /// Creates a lot (`id` nil) or changes a draft one opened at `version`.
    public static func saveLot(_ draft: GrantLotDraft, id: UUID?, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> GrantLot {
        var problems: [FieldError] = []
        var valid: (title: String, justification: String, terms: String, budget: Money, months: Int, region: String, winners: Int?)?
        do { valid = try draft.validated() } catch let DomainError.invalid(errors) { problems = errors }
        let measures = try await MeasureReferences.resolve(draft.codes, on: db)
        if !measures.unknown.isEmpty { problems.append(FieldError("measureCodes", .grantsUnknownMeasure, ["codes": measures.unknown.joined(separator: ", ")])) }
        guard problems.isEmpty, let valid else { throw DomainError.invalid(problems) }
        try Access.require(actor, .create, .grantLot, in: Scope(organizationID: nil, regionCode: valid.region, isPublic: false))
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            if let id {
                guard let record = try await GrantLotRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
                guard before.version == version else { throw DomainError.staleVersion }
                guard before.status == .draft else { throw DomainError.conflict(.grantsLotPublished) }
                var after = before
                after.title = valid.title; after.justification = valid.justification; after.termsOfReference = valid.terms; after.budget = valid.budget
                after.termMonths = valid.months; after.region = valid.region; after.measureIDs = measures.ids; after.winners = valid.winners; after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record("update", "grantLot", id: id.uuidString, before: before, after: after)
                return after
            }
            let year = Day(now).year
            let count = try await GrantLotRecord.query(on: audit.db).filter(\.$year == year).count()
            let lot = GrantLot(code: String(format: "L-%04d-%02d", year, count + 1), year: year, title: valid.title, justification: valid.justification,
                               termsOfReference: valid.terms, budget: valid.budget, termMonths: valid.months, region: valid.region, measureIDs: measures.ids,
                               winners: valid.winners)
            try await GrantLotRecord(lot).create(on: audit.db)
            try await audit.record("create", "grantLot", id: lot.id.uuidString, before: Nothing?.none, after: lot)
            return lot
        }
    }

    /// Publishes a lot: from now on it is public and can be called; its budget is allotted to the year's
    /// grant fund in the ledger (state budget → fund), so every tranche paid is checkable against it.
    public static func publishLot(_ id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> GrantLot {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await GrantLotRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .approve, .grantLot, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            guard before.status == .draft else { throw DomainError.conflict(.grantsLotPublished) }
            var after = before
            after.status = .published; after.publishedOn = Day(now); after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("publish", "grantLot", id: id.uuidString, before: before, after: after)
            let fund = try await fund(year: before.year, actor: actor, audit: audit)
            _ = try await CharityStore.appendEntry(in: audit) { index in
                LedgerEntry(index: index, campaignID: fund.id, kind: .incomingFunds, debit: LedgerAccount.cash(fund.id), credit: LedgerAccount.stateBudget,
                            amount: after.budget, day: Day(now), reference: after.code, memo: after.title, recordedAt: now)
            }
            return after
        }
    }

    /// The year's grant fund: a ledger campaign of the grant operator (`GF-YYYY`), opened with the first
    /// lot published; its goal is the sum of the published lots.
    static func fund(year: Int, actor: Actor, audit: AuditWriter) async throws -> Campaign {
        let code = String(format: "GF-%04d", year)
        let budgets = try await GrantLotRecord.query(on: audit.db).filter(\.$year == year).filter(\.$status == GrantLot.Status.published.rawValue).all()
            .compactMap(\.value).reduce(Money.zero) { $0 + $1.budget }
        if let record = try await CampaignRecord.query(on: audit.db).filter(\.$code == code).first() {
            record.goalTiyn = budgets.tiyn
            try await record.update(on: audit.db)
            return record.campaign
        }
        guard let organizer = actor.organizationID else { throw DomainError.forbidden }
        let fund = Campaign(code: code, organizerID: organizer, title: "Мемлекеттік гранттар қоры / Фонд государственных грантов \(year)",
                            purpose: "ҮЕҰ-ға мемлекеттік гранттар (жоспар лоттары бойынша). Государственные гранты НПО по лотам плана.",
                            beneficiaryCategory: BeneficiaryCategory.ngos.rawValue, region: RegionCode.republic, goal: budgets,
                            startsOn: Day(year: year, month: 1, day: 1), endsOn: Day(year: year + 1, month: 12, day: 31))
        try await CampaignRecord(fund).create(on: audit.db)
        try await audit.record("open", "campaign", id: fund.id.uuidString, before: Nothing?.none, after: fund)
        return fund
    }

    /// Opens a call on published lots named by code.
    public static func openCall(title: String, lotCodes: [String], opensOn: String, closesOn: String, actor: Actor, on db: any Database, now: Date) async throws -> GrantCall {
        var errors: [FieldError] = []
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.append(FieldError("title", .fieldRequired)) } else if title.count > 300 { errors.append(FieldError("title", .fieldTooLong, ["max": "300"])) }
        let codes = lotCodes.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let lots = try await GrantLotRecord.query(on: db).filter(\.$code ~~ codes).all().compactMap(\.value)
        if codes.isEmpty { errors.append(FieldError("lots", .fieldRequired)) }
        if lots.count != Set(codes).count || lots.contains(where: { $0.status != .published }) { errors.append(FieldError("lots", .grantsLotNotPublished)) }
        let opens = Day(opensOn), closes = Day(closesOn)
        if opens == nil { errors.append(FieldError("opensOn", .fieldDate)) }
        if closes == nil { errors.append(FieldError("closesOn", .fieldDate)) }
        if let opens, let closes, closes < opens { errors.append(FieldError("closesOn", .charityEndsBeforeStart)) }
        guard errors.isEmpty, let opens, let closes else { throw DomainError.invalid(errors) }
        try Access.require(actor, .create, .grantLot, in: Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: true))
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let year = opens.year
            let count = try await GrantCallRecord.query(on: audit.db).filter(\.$code >= String(format: "GC-%04d-", year)).filter(\.$code < String(format: "GC-%04d-:", year)).count()
            let call = GrantCall(code: String(format: "GC-%04d-%02d", year, count + 1), title: title, lotIDs: lots.map(\.id), opensOn: opens, closesOn: closes)
            try await GrantCallRecord(call).create(on: audit.db)
            try await audit.record("open", "grantCall", id: call.id.uuidString, before: Nothing?.none, after: call)
            return call
        }
    }

    // MARK: Applications

    /// The registry types that are non-commercial organisations and may apply.
    public static let eligibleTypes: Set<OrganizationType> = [.ngo, .ethnoculturalAssociation, .journalistsClub, .mothersCouncil]

    /// Checks against the registry that the applicant is a registered NGO with a valid BIN.
    static func eligible(_ applicantID: UUID, on db: any Database) async throws -> Organization {
        guard let organization = try await OrganizationRecord.find(applicantID, on: db)?.organization else { throw DomainError.forbidden }
        guard eligibleTypes.contains(organization.type) else { throw DomainError.conflict(.grantsNotNgo) }
        guard let bin = organization.bin, IdentificationNumber(bin) != nil else { throw DomainError.conflict(.grantsNoBin) }
        return organization
    }

    /// An application drafted by the actor's organisation on a lot of an open call.
    public static func draftApplication(callID: UUID, _ draft: GrantApplicationDraft, actor: Actor, on db: any Database, now: Date) async throws -> GrantApplication {
        guard let call = try await GrantCallRecord.find(callID, on: db)?.value else { throw DomainError.notFound }
        guard let applicantID = actor.organizationID else { throw DomainError.forbidden }
        let applicant = try await eligible(applicantID, on: db)
        try Access.require(actor, .create, .grantApplication, in: Scope(organizationID: applicantID, regionCode: applicant.regionCode, isPublic: false))
        guard call.isOpen(on: Day(now)) else { throw DomainError.conflict(.grantsCallNotOpen) }
        let lot = try await GrantLotRecord.query(on: db).filter(\.$code == draft.lotCode).first()?.value
        let valid = try draft.validated(lotBudget: lot.flatMap { call.lotIDs.contains($0.id) ? $0.budget : nil })
        guard let lot else { throw DomainError.invalid([FieldError("lotCode", .fieldChooseValue)]) }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let year = Day(now).year
            let prefix = String(format: "GA-%04d-", year)
            let last = try await GrantApplicationRecord.query(on: audit.db).filter(\.$number >= prefix + "0").filter(\.$number < prefix + ":").max(\.$number)
            let sequence = (last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0) + 1
            let value = GrantApplication(number: prefix + String(format: "%04d", sequence), callID: call.id, lotID: lot.id, applicantID: applicantID,
                                         region: applicant.regionCode, language: valid.language, title: valid.title, summary: valid.summary,
                                         budget: valid.budget, budgetNotes: valid.notes)
            try await GrantApplicationRecord(value).create(on: audit.db)
            try await audit.record("create", "grantApplication", id: value.id.uuidString, before: Nothing?.none, after: value)
            return value
        }
    }

    /// The applicant changes a draft or returned application opened at `version`.
    public static func revise(_ id: UUID, version: Int, _ draft: GrantApplicationDraft, actor: Actor, on db: any Database, now: Date) async throws -> GrantApplication {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await GrantApplicationRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .grantApplication, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            guard before.isEditable else { throw DomainError.conflict(.errorTransition) }
            let lot = try await GrantLotRecord.find(before.lotID, on: audit.db)?.value
            var draft = draft
            draft.lotCode = lot?.code ?? ""
            let valid = try draft.validated(lotBudget: lot?.budget)
            var after = before
            after.language = valid.language; after.title = valid.title; after.summary = valid.summary; after.budget = valid.budget
            after.budgetNotes = valid.notes; after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("revise", "grantApplication", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    /// Attaches a file (stored content-addressed) to a draft or returned application.
    public static func attach(_ id: UUID, data: Data, fileName: String, files: FileStore, actor: Actor, on db: any Database, now: Date) async throws -> GrantApplication {
        let kind = try Attachment.kind(of: data, fileName: fileName)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await GrantApplicationRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .grantApplication, in: before.scope)
            guard before.isEditable else { throw DomainError.conflict(.errorTransition) }
            guard before.files.count < 10 else { throw DomainError.invalid([FieldError("file", .grantsTooManyFiles, ["max": "10"])]) }
            let name = Attachment.safeName(fileName)
            let address = try await files.store(data, mediaType: kind.mediaType, originalName: name, on: audit.db, now: now)
            var after = before
            if !after.files.contains(where: { $0.sha256 == address.sha256 }) { after.files.append(.init(name: name, sha256: address.sha256)) }
            after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("attach", "grantApplication", id: id.uuidString, before: before.files, after: after.files)
            return after
        }
    }

    /// A step on an application opened at `version`: the applicant's in its own scope, the rest by the
    /// grant operator. Paying a tranche writes the ledger entry in the same transaction.
    public static func apply(_ step: GrantStep, to id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> GrantApplication {
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await GrantApplicationRecord.find(id, on: audit.db), let before = record.value,
                  let lot = try await GrantLotRecord.find(before.lotID, on: audit.db)?.value else { throw DomainError.notFound }
            guard Access.check(actor, .view, .grantApplication, in: before.scope) == .allowed else {
                throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
            }
            try Access.require(actor, step.isApplicants ? .update : .approve, .grantApplication, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            let today = Day(now)
            let reviews = try await ReviewStore.assignments(of: id, on: audit.db)
            switch step {
            case .submit:
                _ = try await eligible(before.applicantID, on: audit.db)
                if before.status == .draft, let call = try await GrantCallRecord.find(before.callID, on: audit.db)?.value, !call.isOpen(on: today) {
                    throw DomainError.conflict(.grantsCallNotOpen)
                }
            case .toCommission:
                let received = reviews.filter { $0.status == .received || $0.status == .complete }
                guard received.count >= ReviewForm.grants.reviewsNeeded else { throw DomainError.conflict(.grantsReviewsNeeded) }
                guard !reviews.contains(where: { $0.status == .awaitingResponse || $0.status == .accepted }) else { throw DomainError.conflict(.grantsReviewsPending) }
            default: break
            }
            let mean = ReviewSummary(reviews, form: .grants).mean
            var after = try before.applying(step, today: today, calendar: calendar, lotBudget: lot.budget, meanScore: mean, nomination: lot.isNomination)
            switch step {
            case .contract:
                // The contract commits the award: an outgoing commitment (IATI type 2) in the fund's ledger, no cash moved.
                guard let applicant = try await OrganizationRecord.find(before.applicantID, on: audit.db)?.organization,
                      let amount = after.decision?.amount else { throw DomainError.notFound }
                let fund = try await fund(year: lot.year, actor: actor, audit: audit)
                _ = try await CharityStore.appendEntry(in: audit) { entryIndex in
                    LedgerEntry(index: entryIndex, campaignID: fund.id, kind: .outgoingCommitment, debit: LedgerAccount.grantee(applicant.bin ?? applicant.code),
                                credit: LedgerAccount.commitments, amount: amount, day: today, reference: "\(before.number)/\(after.contractNumber)",
                                memo: before.title, recordedAt: now)
                }
            case .toCommission:
                for review in reviews where review.status == .received {
                    _ = try await ReviewStore.write(.complete, to: review, actor: actor, today: today, audit: audit)
                }
            case .withdraw:
                for review in reviews where review.status == .awaitingResponse || review.status == .accepted {
                    _ = try await ReviewStore.write(.cancel(reason: "withdrawn"), to: review, actor: actor, today: today, audit: audit)
                }
            case let .payTranche(index):
                guard let applicant = try await OrganizationRecord.find(before.applicantID, on: audit.db)?.organization else { throw DomainError.notFound }
                let fund = try await fund(year: lot.year, actor: actor, audit: audit)
                let balance = try await CharityQueries.sums(campaignID: fund.id, on: audit.db)[fund.id].map { Money(tiyn: $0.raised - $0.spent) } ?? .zero
                let tranche = after.tranches[index]
                guard tranche.amount <= balance else { throw DomainError.conflict(.disbursementOverBalance) }
                let entry = try await CharityStore.appendEntry(in: audit) { entryIndex in
                    LedgerEntry(index: entryIndex, campaignID: fund.id, kind: .disbursement, debit: LedgerAccount.grantee(applicant.bin ?? applicant.code),
                                credit: LedgerAccount.cash(fund.id), amount: tranche.amount, day: today,
                                reference: "\(before.number)/T\(index + 1)", memo: before.title, recordedAt: now)
                }
                after.tranches[index].entryID = entry.id
            default: break
            }
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record(step.action, "grantApplication", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    /// Finalises an award's nomination in a call once the commission has decided every application to it:
    /// the prize (the lot's budget) is split equally between the winners (at most the nomination's number),
    /// the extra tiyn of an uneven split going to the best-scored first. Once only.
    public static func finaliseNomination(callID: UUID, lotID: UUID, actor: Actor, on db: any Database, now: Date) async throws -> [GrantApplication] {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let lot = try await GrantLotRecord.find(lotID, on: audit.db)?.value, let limit = lot.winners else { throw DomainError.notFound }
            try Access.require(actor, .approve, .grantLot, in: lot.scope)
            let records = try await GrantApplicationRecord.query(on: audit.db).filter(\.$callID == callID).filter(\.$lotID == lotID).all()
            let applications = records.compactMap(\.value)
            guard !applications.contains(where: { [.submitted, .expertReview, .commission].contains($0.status) }) else {
                throw DomainError.conflict(.grantsNominationUndecided)
            }
            let winners = applications.filter { $0.status == .awarded && $0.decision?.awarded == true }
                .sorted { ($0.decision?.meanScore ?? 0, $1.number) > ($1.decision?.meanScore ?? 0, $0.number) }
            guard !winners.isEmpty, winners.count <= limit else { throw DomainError.conflict(.grantsNominationWinners) }
            guard winners.allSatisfy({ $0.decision?.amount == .zero }) else { throw DomainError.conflict(.grantsNominationFinal) }
            var result: [GrantApplication] = []
            for (winner, share) in zip(winners, lot.budget.splitEqually(winners.count)) {
                guard let record = records.first(where: { $0.id == winner.id }) else { continue }
                var after = winner
                after.decision?.amount = share
                after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record("finalise", "grantApplication", id: winner.id.uuidString, before: winner, after: after)
                result.append(after)
            }
            return result
        }
    }

    /// Assigns an expert (an account with the expert role) to review an application under expert review.
    /// The expert must not have been assigned to it before.
    public static func assignReviewer(_ applicationID: UUID, reviewerID: UUID, actor: Actor, on db: any Database, now: Date) async throws -> ReviewAssignment {
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let application = try await GrantApplicationRecord.find(applicationID, on: audit.db)?.value else { throw DomainError.notFound }
            try Access.require(actor, .approve, .grantApplication, in: application.scope)
            try Access.require(actor, .create, .reviewAssignment, in: Scope(organizationID: reviewerID, regionCode: RegionCode.republic, isPublic: false))
            guard application.status == .expertReview, let due = application.reviewDue else { throw DomainError.conflict(.errorTransition) }
            guard let reviewer = try await UserRecord.find(reviewerID, on: audit.db), reviewer.role == Role.expert.rawValue, !reviewer.isDisabled else {
                throw DomainError.invalid([FieldError("reviewer", .reviewNotExpert)])
            }
            let existing = try await ReviewStore.assignments(of: applicationID, on: audit.db)
            guard !existing.contains(where: { $0.reviewerID == reviewerID }) else { throw DomainError.invalid([FieldError("reviewer", .reviewAssignedBefore)]) }
            let today = Day(now)
            let respondBy = min(calendar.adding(workingDays: ReviewForm.grants.respondDays, to: today), max(due, today))
            return try await ReviewStore.assign(ReviewAssignment(subjectKind: reviewSubject, subjectID: applicationID, reviewerID: reviewerID,
                                                                 reviewerName: reviewer.displayName, assignedOn: today, respondBy: respondBy,
                                                                 dueOn: max(due, calendar.adding(workingDays: 5, to: today))), audit: audit)
        }
    }
}
