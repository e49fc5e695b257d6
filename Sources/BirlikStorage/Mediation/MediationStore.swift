import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// The mediation system (S7): the register of mediators, cases from intake to follow-up, the
/// conflict-of-interest check before every assignment, confidential texts sealed at rest, break-glass
/// reads, and the outcome reported back to the signal or alert the case came from.
public enum MediationStore {
    static let republic = Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false)

    // MARK: The register

    /// Adds a mediator: `organizationCode` is their centre or association, `tieCodes` the organisations
    /// they declare ties to (registry codes).
    public static func addMediator(_ draft: MediatorDraft, organizationCode: String, tieCodes: [String], actor: Actor,
                                   on db: any Database, now: Date) async throws -> Mediator {
        try Access.require(actor, .create, .mediator, in: republic)
        let codes = ([organizationCode] + tieCodes).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let ids = try await OrganizationQueries.ids(codes: codes, on: db)
        var problems: [FieldError] = []
        let organization = organizationCode.trimmingCharacters(in: .whitespaces)
        if !organization.isEmpty, ids[organization] == nil { problems.append(FieldError("organizationCode", .fieldUnknownOrganization)) }
        let ties = tieCodes.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if ties.contains(where: { ids[$0] == nil }) { problems.append(FieldError("ties", .fieldUnknownOrganization)) }
        var mediator: Mediator
        do {
            mediator = try draft.validated(organizationID: ids[organization], ties: ties.compactMap { ids[$0] })
        } catch let DomainError.invalid(more) {
            throw DomainError.invalid(problems + more)
        }
        if let problem = try await trainingProblem(mediator, today: Day(now), on: db) { problems.append(problem) }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        mediator.id = UUID()
        let created = mediator
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard try await MediatorRecord.query(on: audit.db).filter(\.$certificateNumber == created.certificateNumber).count() == 0 else {
                throw DomainError.invalid([FieldError("certificateNumber", .mediatorCertificateTaken)])
            }
            try await MediatorRecord(created).create(on: audit.db)
            try await audit.record("create", "mediator", id: created.id.uuidString, before: Nothing?.none, after: created)
            return created
        }
    }

    /// When a mediator's certificate is one Birlik issued (`BK-…`), it must be valid today, be of a course for
    /// mediators and be in the mediator's name: a mediators' course makes its holder eligible for the
    /// register. Certificates of other training providers are taken as typed.
    static func trainingProblem(_ mediator: Mediator, today: Day, on db: any Database) async throws -> FieldError? {
        let code = mediator.certificateNumber.uppercased()
        guard Certificate.looksLikeCode(code) else { return nil }
        guard let certificate = try await CourseQueries.certificate(code: code, on: db), certificate.status(on: today) == .valid,
              try await CourseQueries.course(id: certificate.courseID, on: db)?.audience == .mediators,
              SearchFolding.fold(certificate.holderName) == SearchFolding.fold(mediator.fullName) else {
            return FieldError("certificateNumber", .mediatorCertificateNotEligible)
        }
        return nil
    }

    /// Suspends, excludes or reinstates a mediator.
    public static func setStatus(_ id: UUID, _ status: Mediator.Status, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Mediator {
        try Access.require(actor, .update, .mediator, in: republic)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await MediatorRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.mediator
            guard before.version == version else { throw DomainError.staleVersion }
            var after = before
            after.status = status
            after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("update", "mediator", id: id.uuidString, before: before, after: after)
            return after
        }
    }

    // MARK: Cases

    /// What staff enter to open a case.
    public struct Intake: Sendable {
        public var originKind: MediationCase.OriginKind
        public var originID: UUID?
        public var place: String
        public var disputeType: String
        public var isInterethnic: Bool
        public var languages: [String]
        /// One party per line, as ``PartyLine`` reads it: the name, then IIN, phone, address, registry code.
        public var parties: String
        public var summary: String

        public init(originKind: MediationCase.OriginKind = .direct, originID: UUID? = nil, place: String = "", disputeType: String = "",
                    isInterethnic: Bool = false, languages: [String] = [], parties: String = "", summary: String = "") {
            self.originKind = originKind; self.originID = originID; self.place = place; self.disputeType = disputeType
            self.isInterethnic = isInterethnic; self.languages = languages; self.parties = parties; self.summary = summary
        }
    }

    /// Opens a case, from an alert, a signal or an appeal (which it keeps as its origin) or directly.
    public static func open(_ intake: Intake, actor: Actor, vault: ConfidentialVault, on db: any Database, now: Date) async throws -> MediationCase {
        guard let supervisor = actor.userID else { throw DomainError.signInRequired }
        var errors: [FieldError] = []
        let region = PlaceDirectory.shared.find(intake.place)
        if region == nil || region?.kind == .republic { errors.append(FieldError("place", intake.place.isEmpty ? .fieldRequired : .importUnknownPlace)) }
        let type = DisputeType(rawValue: intake.disputeType)
        if type == nil { errors.append(FieldError("disputeType", .fieldRequired)) }
        if intake.languages.isEmpty || intake.languages.contains(where: { !Mediator.languageCodes.contains($0) }) { errors.append(FieldError("languages", .fieldChooseValue)) }
        let lines = intake.parties.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if lines.count < 2 { errors.append(FieldError("parties", .mediationTwoParties)) }
        let codes = lines.flatMap(PartyLine.candidateCodes)
        let ids = try await OrganizationQueries.ids(codes: codes, on: db)
        if codes.contains(where: { ids[$0] == nil }) { errors.append(FieldError("parties", .fieldUnknownOrganization)) }
        let lineParts = lines.map { PartyLine($0, isOrganizationCode: { ids[$0] != nil }) }
        if let invalid = lineParts.compactMap(\.invalidIIN).first { errors.append(FieldError("parties", .fieldIin, ["value": invalid])) }
        let summary = intake.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty { errors.append(FieldError("summary", .fieldRequired)) }
        if summary.count > 10_000 { errors.append(FieldError("summary", .fieldTooLong, ["max": "10000"])) }
        guard errors.isEmpty, let region, let type else { throw DomainError.invalid(errors) }
        try Access.require(actor, .create, .mediationCase, in: Scope(organizationID: nil, regionCode: region.code, isPublic: false))
        let parties = lineParts.map { line in
            MediationCase.Party(name: line.name, organizationID: line.organizationCode.flatMap { ids[$0] }, iin: line.iin, phone: line.phone, address: line.address)
        }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let today = Day(now)
            let sql = audit.db as! any SQLDatabase
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: MediationCaseRecord.schema) WHERE year = \(bind: today.year)").first()?
                .decode(column: "n", as: Int.self) ?? 0
            let value = MediationCase(number: String(format: "M-%04d-%05d", today.year, count + 1), originKind: intake.originKind, originID: intake.originID,
                                      place: region.code, disputeType: type, isInterethnic: intake.isInterethnic, languages: Array(Set(intake.languages)).sorted(),
                                      supervisorID: supervisor, receivedOn: today,
                                      confidential: MediationCase.Confidential(parties: parties, summary: summary))
            try await MediationCaseRecord(value, vault: vault).create(on: audit.db)
            try await audit.record("open", "mediationCase", id: value.id.uuidString, before: Nothing?.none, after: Audited(value))
            return value
        }
    }

    /// A step of the case; the supervisor's (screening, assignment, closing) or the mediator's (contract,
    /// sessions, agreement, end). An assignment checks conflicts of interest first.
    public static func apply(_ step: MediationStep, to id: UUID, version: Int, actor: Actor, vault: ConfidentialVault,
                             on db: any Database, now: Date) async throws -> MediationCase {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await MediationCaseRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            guard Access.check(actor, .view, .mediationCase, in: record.scope) == .allowed else {
                throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
            }
            let supervisorStep: Bool = switch step {
            case .screen, .consultationOnly, .inadmissible, .assign, .followUp, .close, .reopen: true
            case .signContract, .session, .agreement, .end: false
            }
            try Access.require(actor, supervisorStep ? .approve : .update, .mediationCase, in: record.scope)
            let before = try record.mediationCase(vault: vault)
            guard before.version == version else { throw DomainError.staleVersion }
            let after = try before.applying(step, today: Day(now))
            try record.apply(after, vault: vault)
            try await record.update(on: audit.db)
            var audited = Audited(after)
            if case let .assign(mediator, _, override) = step, !override.trimmingCharacters(in: .whitespaces).isEmpty {
                audited.overrideReason = override
                audited.conflicts = ConflictOfInterest.find(mediator, parties: before.confidential.parties).map(\.organizationID.uuidString)
            }
            try await audit.record(step.action, "mediationCase", id: id.uuidString, before: Audited(before), after: audited)
            if [.agreementSigned, .ended, .closed, .reopened].contains(after.status) {
                try await reportBack(after, audit: audit)
            }
            return after
        }
    }

    /// The case's outcome, written onto the signal or alert it came from (audited as their change).
    static func reportBack(_ value: MediationCase, audit: AuditWriter) async throws {
        guard let origin = value.originID else { return }
        let outcome = "\(value.number): @mediation.status.\(value.status.rawValue)"
        switch value.originKind {
        case .signal:
            guard let record = try await SignalRecord.find(origin, on: audit.db) else { return }
            let before = record.signal
            var after = before
            after.outcome = outcome
            after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("respond", "signal", id: origin.uuidString, before: before, after: after)
        case .alert:
            guard let record = try await AlertRecord.find(origin, on: audit.db) else { return }
            let before = record.alert
            var after = before
            after.outcome = outcome
            after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("respond", "alert", id: origin.uuidString, before: before, after: after)
        case .appeal, .direct:
            return
        }
    }

    /// Records a signed agreement document's hash on the case (the signature itself is in the register
    /// of signed documents and the audit chain): the Word file, or with `pdf` the PDF.
    public static func recordAgreementDocument(_ id: UUID, sha256: String, pdf: Bool = false, actor: Actor, vault: ConfidentialVault, on db: any Database, now: Date) async throws {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await MediationCaseRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            try Access.require(actor, .update, .mediationCase, in: record.scope)
            let before = try record.mediationCase(vault: vault)
            var after = before
            if pdf { after.agreementPDFSHA256 = sha256 } else { after.agreementSHA256 = sha256 }
            try record.apply(after, vault: vault)
            try await record.update(on: audit.db)
            try await audit.record("agreementDocument", "mediationCase", id: id.uuidString, before: Audited(before), after: Audited(after))
        }
    }

    /// A read of the confidential part by someone who is neither the mediator nor the supervisor: only
    /// with a reason, and recorded in the audit chain before anything is shown.
    public static func breakGlass(_ id: UUID, reason: String, actor: Actor, vault: ConfidentialVault, on db: any Database, now: Date) async throws -> MediationCase {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 10 else { throw DomainError.invalid([FieldError("reason", .mediationBreakGlassReason)]) }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await MediationCaseRecord.find(id, on: audit.db),
                  Access.check(actor, .view, .mediationCase, in: record.scope) == .allowed else { throw DomainError.notFound }
            let value = try record.mediationCase(vault: vault)
            try await audit.record("breakGlass", "mediationCase", id: id.uuidString, before: Nothing?.none, after: ["reason": reason, "number": value.number])
            return value
        }
    }

    /// Records that `actor` took a document holding the case's personal data out of Birlik (the agreement).
    public static func recordExport(_ id: UUID, document: String, actor: Actor, on db: any Database, now: Date) async throws {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            try await audit.record("export", "mediationCase", id: id.uuidString, before: Nothing?.none, after: ["document": document])
        }
    }

    /// Seals every case again with the vault's current key (after `VaultKeys.rotate`); returns how many.
    public static func reseal(vault: ConfidentialVault, on db: any Database, now: Date) async throws -> Int {
        try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            var count = 0
            for record in try await MediationCaseRecord.query(on: audit.db).all() where ConfidentialVault.keyID(of: record.sealed) != vault.current {
                try record.apply(try record.mediationCase(vault: vault), vault: vault)
                try await record.update(on: audit.db)
                count += 1
            }
            try await audit.record("reseal", "mediationCase", id: vault.current, before: Nothing?.none, after: ["cases": count])
            return count
        }
    }

    /// Warnings on the term: to the mediator's and the supervisor's organisations, once when the term
    /// has `days` or fewer left and once when it has run out. Runs with the scheduled reminders.
    @discardableResult
    public static func remindTerms(days: Int = 5, now: Date, on db: any Database) async throws -> Int {
        let today = Day(now)
        return try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            let rows = try await MediationCaseRecord.query(on: audit.db).filter(\.$status == MediationCase.Status.contracted.rawValue)
                .filter(\.$termEndsOn <= today.adding(days: days).description).all()
            var written = 0
            for row in rows {
                guard let id = row.id, let ends = row.termEndsOn.flatMap(Day.init) else { continue }
                let over = ends < today
                let users = [row.supervisorID] + (row.mediatorUserID.map { [$0] } ?? [])
                let organizations = Set(try await UserRecord.query(on: audit.db).filter(\.$id ~~ users).all().compactMap(\.organizationID))
                for organization in organizations {
                    let key = "mediation:\(over ? "over" : "soon"):\(id.uuidString):\(organization.uuidString):\(ends)"
                    if try await Notifications.notify(organization: organization, kind: over ? "overdue" : "due",
                                                      key: over ? .mediationNotifyTermOver : .mediationNotifyTermSoon,
                                                      arguments: ["number": row.number, "date": ends.dotted], link: "/mediation/\(id.uuidString)",
                                                      dedupe: key, now: now, on: audit.db) { written += 1 }
                }
            }
            if written > 0 { try await audit.record("remind", "mediationCase", id: today.description, before: Nothing?.none, after: ["written": written]) }
            return written
        }
    }

    /// A case as the audit log keeps it: the facts, never the parties or the texts.
    struct Audited: Encodable, Sendable {
        var number: String, status: String, place: String, disputeType: String, interethnic: Bool, mediator: String?
        var origin: String, sessions: Int, agreementSHA256: String, agreementPDFSHA256: String, version: Int
        var overrideReason: String?
        var conflicts: [String]?

        init(_ value: MediationCase) {
            number = value.number; status = value.status.rawValue; place = value.place; disputeType = value.disputeType.rawValue
            interethnic = value.isInterethnic; mediator = value.mediatorID?.uuidString
            origin = value.originKind.rawValue + (value.originID.map { ":" + $0.uuidString } ?? ""); sessions = value.sessionCount
            agreementSHA256 = value.agreementSHA256; agreementPDFSHA256 = value.agreementPDFSHA256; version = value.version
        }
    }
}
