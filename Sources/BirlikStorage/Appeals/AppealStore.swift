import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Citizens' appeals (S9): registration and routing, the steps of their handling and the applicant's
/// challenge. Every step writes the appeal, its `AppealEvent` and the audit entry in one transaction;
/// the audit entry carries the appeal without its personal data.
public enum AppealStore {
    /// What a registration produced.
    public enum Registered: Sendable {
        /// An appeal, with the secret of its status link (shown once, kept only as a hash).
        case appeal(Appeal, token: String)
        /// A message without a name, filed as an early-warning signal.
        case signal(Signal)
    }

    /// Registers an appeal from the public form (anyone) or an operator's form (oral and eOtinish
    /// appeals, by the staff who handle appeals of that place), routes it to the place's council of public
    /// accord (or the region's Public Accord office) and starts its term.
    /// `statusLink` makes the address of the status page from the secret, for the e-mailed receipt.
    public static func register(_ draft: AppealDraft, language: Language, script: KazakhScript = .cyrillic, actor: Actor, terms: AppealTerms,
                                statusLink: @escaping @Sendable (String) -> String, on db: any Database, now: Date) async throws -> Registered {
        let intake = try draft.validated()
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        let today = Day(now)
        switch intake {
        case let .anonymous(place, category, text):
            let signal = Signal(id: UUID(), date: today, place: place, kind: category.signalKind, groups: [], severity: 2, source: .citizenAppeal,
                                summary: text, reportedBy: "@appeal.anonymousSender", reporterOrganizationID: actor.organizationID)
            try await AuditLog.write(on: db, actor: actor, now: now) { audit in try await SignalStore.insert(signal, audit: audit) }
            return .signal(signal)
        case let .appeal(channel, applicant, place, category, text, points, mayPublish, reference):
            try Access.require(actor, .create, .appeal, in: Scope(organizationID: nil, regionCode: place, isPublic: false))
            let token = TokenStore.randomToken()
            return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
                guard let office = try await route(place: place, on: audit.db) else { throw DomainError.conflict(.appealNoOffice) }
                if channel != .online {
                    try Access.require(actor, .update, .appeal, in: Scope(organizationID: office, regionCode: place, isPublic: false))
                }
                let sql = audit.db as! any SQLDatabase
                let last = try await sql.raw("SELECT MAX(sequence) AS n FROM \(ident: AppealRecord.schema) WHERE year = \(bind: today.year)").first()?
                    .decode(column: "n", as: Int?.self) ?? nil
                let sequence = max(last ?? 0, 0) + 1
                let appeal = Appeal(id: UUID(), number: String(format: "%04d-%06d", today.year, sequence), channel: channel, reference: reference,
                                    applicant: applicant, language: language, script: script, place: place, category: category, text: text, points: points,
                                    mayPublish: mayPublish, status: .registered, organizationID: office, registeredAt: now,
                                    dueOn: calendar.adding(workingDays: terms.answerDays, to: today),
                                    registeredBy: channel == .online ? "" : actor.displayName)
                // A citizen who files signed in follows the appeal in their account; staff writing one down do not.
                let follower = channel == .online ? actor.userID : nil
                try await AppealRecord(appeal, sequence: sequence, tokenHash: TokenStore.hash(token), followerUserID: follower).create(on: audit.db)
                let event = AppealEvent(appealID: appeal.id, sequence: 1, at: now, status: .registered, note: "", dueOn: appeal.dueOn,
                                        actor: channel == .online ? "" : actor.displayName)
                try await AppealEventRecord(event).create(on: audit.db)
                try await mail(appeal, event, statusLink: statusLink(token), audit: audit)
                try await Notifications.notify(organization: office, kind: "appeal", key: .appealNotifyNew,
                                               arguments: ["number": appeal.number, "date": appeal.dueOn.dotted],
                                               link: "/appeals/\(appeal.id.uuidString)", dedupe: "appeal:new:\(appeal.id.uuidString)", now: now, on: audit.db)
                try await audit.record("register", "appeal", id: appeal.id.uuidString, before: Nothing?.none, after: Audited(appeal))
                try await signalRepeated(appeal, audit: audit)
                return .appeal(appeal, token: token)
            }
        }
    }

    /// Appeals that repeat one topic in one place feed early warning: the `repeatThreshold`-th appeal on a
    /// topic in a place within `repeatWindow` days raises one signal there (type from the topic, source
    /// "citizen appeal", severity 2), which then counts in the place's risk index like any other signal.
    static let repeatThreshold = 3
    static let repeatWindow = 30

    static func signalRepeated(_ appeal: Appeal, audit: AuditWriter) async throws {
        let since = appeal.registeredOn.adding(days: -repeatWindow)
        // Only "exactly the threshold" matters: counting stops one past it, however busy the place is.
        let count = try await AppealRecord.query(on: audit.db).filter(\.$place == appeal.place).filter(\.$category == appeal.category.rawValue)
            .filter(\.$registeredOn >= since.description).limit(repeatThreshold + 1).all(\.$id).count
        guard count == repeatThreshold else { return }
        let signal = Signal(id: UUID(), date: appeal.registeredOn, place: appeal.place, kind: appeal.category.signalKind, groups: [], severity: 2,
                            source: .citizenAppeal, summary: "@appeal.repeatedSignal \(count) · @appeal.category.\(appeal.category.rawValue) · \(appeal.number)",
                            reportedBy: "@appeal.repeatedSender", reporterOrganizationID: nil)
        try await SignalStore.insert(signal, audit: audit)
    }

    /// The council of public accord of the place (a district's own, else the region's), else the region's
    /// Public Accord office.
    static func route(place: String, on db: any Database) async throws -> UUID? {
        let region = RegionCode.topLevel(place) ?? place
        let councils = try await OrganizationRecord.query(on: db).filter(\.$type == OrganizationType.publicAccordCouncil.rawValue)
            .filter(\.$regionCode ~~ [place, region]).all()
        if let own = councils.first(where: { $0.regionCode == place }) ?? councils.first(where: { $0.regionCode == region }) { return own.id }
        return try await OrganizationRecord.query(on: db).filter(\.$type == OrganizationType.publicAccordRegional.rawValue)
            .filter(\.$regionCode == region).first()?.id
    }

    /// A step of the staff who handle the appeal; `version` is the one the form was opened at.
    public static func apply(_ step: AppealStep, to id: UUID, version: Int, actor: Actor, terms: AppealTerms,
                             on db: any Database, now: Date) async throws -> Appeal {
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await AppealRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.appeal
            guard Access.check(actor, .view, .appeal, in: before.scope) == .allowed else {
                throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
            }
            try Access.require(actor, .update, .appeal, in: before.scope)
            guard version == before.version else { throw DomainError.staleVersion }
            return try await recordStep(step, record: record, before: before, actorName: actor.displayName, calendar: calendar, terms: terms, audit: audit)
        }
    }

    /// The signed-in holder of an appeal's secret link follows it in their account: from then on it is
    /// listed under "My appeals" and opens there without the link. An appeal follows one account; a second
    /// account cannot take it over.
    public static func follow(token: String, actor: Actor, on db: any Database, now: Date) async throws -> Appeal {
        guard let userID = actor.userID else { throw DomainError.signInRequired }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let record = try await AppealKey.token(token).record(on: audit.db)
            if record.followerUserID == userID { return record.appeal }
            guard record.followerUserID == nil else { throw DomainError.conflict(.appealFollowedElsewhere) }
            record.followerUserID = userID
            try await record.update(on: audit.db)
            try await audit.record("follow", "appeal", id: record.id?.uuidString ?? "", before: Nothing?.none, after: ["follower": userID.uuidString])
            return record.appeal
        }
    }

    /// The applicant challenges the answer, through the secret link of the receipt or the account that follows the appeal.
    public static func challenge(_ key: AppealKey, grounds: String, actor: Actor, terms: AppealTerms, on db: any Database, now: Date) async throws -> Appeal {
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            let record = try await key.record(on: audit.db)
            let before = record.appeal
            let after = try await recordStep(.challenge(grounds: grounds), record: record, before: before, actorName: "@appeal.applicant",
                                              calendar: calendar, terms: terms, audit: audit)
            try await Notifications.notify(organization: after.organizationID, kind: "appeal", key: .appealNotifyChallenged,
                                           arguments: ["number": after.number], link: "/appeals/\(after.id.uuidString)",
                                           dedupe: "appeal:challenged:\(after.id.uuidString):\(after.version)", now: now, on: audit.db)
            return after
        }
    }

    private static func recordStep(_ step: AppealStep, record: AppealRecord, before: Appeal, actorName: String, calendar: WorkingCalendar,
                               terms: AppealTerms, audit: AuditWriter) async throws -> Appeal {
        let (after, note) = try before.applying(step, today: Day(audit.now), calendar: calendar, terms: terms)
        record.apply(after)
        try await record.update(on: audit.db)
        let sequence = (try await AppealEventRecord.query(on: audit.db).filter(\.$appealID == before.id).max(\.$sequence) ?? 0) + 1
        let event = AppealEvent(appealID: before.id, sequence: sequence, at: audit.now, status: after.status, note: note,
                                dueOn: after.status.isOpen ? after.dueOn : nil, actor: actorName)
        try await AppealEventRecord(event).create(on: audit.db)
        try await mail(after, event, statusLink: nil, audit: audit)
        try await audit.record(after.status.rawValue, "appeal", id: before.id.uuidString, before: Audited(before), after: Audited(after))
        return after
    }

    /// Queues the applicant's e-mail for a step, in the step's own transaction (one per appeal and step).
    static func mail(_ appeal: Appeal, _ event: AppealEvent, statusLink: String?, audit: AuditWriter) async throws {
        guard let message = AppealMail.message(appeal, event, statusLink: statusLink) else { return }
        try await MailOutbox.enqueue(message, kind: "appeal", dedupe: "appeal:\(appeal.id.uuidString):\(event.sequence)", audit: audit)
    }

    /// Raises an early-warning signal from the appeal (its place, its category's signal type, the text),
    /// and keeps the link both ways.
    public static func raiseSignal(from id: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Signal {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await AppealRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            var appeal = record.appeal
            guard Access.check(actor, .view, .appeal, in: appeal.scope) == .allowed else { throw DomainError.notFound }
            try Access.require(actor, .update, .appeal, in: appeal.scope)
            guard version == appeal.version else { throw DomainError.staleVersion }
            guard appeal.signalID == nil else { throw DomainError.conflict(.appealSignalAlready) }
            try Access.require(actor, .create, .signal, in: Scope(organizationID: nil, regionCode: appeal.place, isPublic: false))
            let signal = Signal(id: UUID(), date: Day(audit.now), place: appeal.place, kind: appeal.category.signalKind, groups: [], severity: 2,
                                source: .citizenAppeal, summary: "\(appeal.number): \(appeal.text)", reportedBy: actor.displayName,
                                reporterOrganizationID: actor.organizationID)
            try await SignalStore.insert(signal, audit: audit)
            let before = appeal
            appeal.signalID = signal.id
            appeal.version += 1
            record.apply(appeal)
            try await record.update(on: audit.db)
            try await audit.record("raiseSignal", "appeal", id: id.uuidString, before: Audited(before), after: Audited(appeal))
            return signal
        }
    }

    /// The overdue notices for open appeals past their deadline: one per appeal and deadline, to the
    /// council handling it. Runs with the other scheduled reminders; returns how many were written.
    @discardableResult
    public static func remindOverdue(now: Date, on db: any Database) async throws -> Int {
        let today = Day(now)
        return try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            let open = Appeal.Status.allCases.filter(\.isOpen).map(\.rawValue)
            let rows = try await AppealRecord.query(on: audit.db).filter(\.$status ~~ open).filter(\.$dueOn < today.description)
                .field(\.$id).field(\.$number).field(\.$organizationID).field(\.$dueOn).all()
            var written = 0
            for row in rows {
                guard let id = row.id, let due = Day(row.dueOn) else { continue }
                if try await Notifications.notify(organization: row.organizationID, kind: "overdue", key: .appealNotifyOverdue,
                                                  arguments: ["number": row.number, "date": due.dotted], link: "/appeals/\(id.uuidString)",
                                                  dedupe: "appeal:overdue:\(id.uuidString):\(row.dueOn)", now: now, on: audit.db) { written += 1 }
            }
            if written > 0 {
                try await audit.record("remind", "appeal", id: today.description, before: Nothing?.none, after: ["written": written])
            }
            return written
        }
    }

    /// An appeal as the audit log keeps it: what was decided, without the applicant's personal data or text.
    struct Audited: Encodable, Sendable {
        var number: String, status: String, place: String, category: String, organization: String, dueOn: String
        var extensions: Int, outcome: String?, forwardedTo: String, signal: String?, version: Int

        init(_ appeal: Appeal) {
            number = appeal.number; status = appeal.status.rawValue; place = appeal.place; category = appeal.category.rawValue
            organization = appeal.organizationID.uuidString; dueOn = appeal.dueOn.description; extensions = appeal.extensionCount
            outcome = appeal.outcome?.rawValue; forwardedTo = appeal.forwardedTo; signal = appeal.signalID?.uuidString; version = appeal.version
        }
    }
}
