import BirlikCore
import FluentKit
import Foundation

/// In-app notifications to the users of an organisation, and the scheduled reminders (due soon,
/// overdue). Each notification has a dedupe key, so a reminder is written once however many server
/// instances run the schedule.
public enum Notifications {
    /// Writes a notification inside an audited change, unless one with `dedupe` exists; `true` when written.
    @discardableResult
    static func notify(organization: UUID, kind: String, key: L10nKey, arguments: [String: String], link: String,
                       dedupe: String, now: Date, on db: any Database) async throws -> Bool {
        guard try await NotificationRecord.query(on: db).filter(\.$dedupeKey == dedupe).count() == 0 else { return false }
        try await NotificationRecord(organizationID: organization, kind: kind, messageKey: key, arguments: arguments,
                                     link: link, dedupeKey: dedupe, at: now).create(on: db)
        return true
    }

    /// Notifies whoever accepts the plan's reports: the region's Public Accord institution for a
    /// regional plan, the APK Secretariat for the national one.
    static func notify(coordinatorOf plan: Plan, kind: String, key: L10nKey, arguments: [String: String], link: String,
                       dedupe: String, now: Date, on db: any Database) async throws {
        let type = plan.isNational ? OrganizationType.apkSecretariat.rawValue : OrganizationType.publicAccordRegional.rawValue
        let query = OrganizationRecord.query(on: db).filter(\.$type == type)
        if !plan.isNational { query.filter(\.$regionCode == plan.regionCode) }
        guard let coordinator = try await query.first()?.id else { return }
        try await notify(organization: coordinator, kind: kind, key: key, arguments: arguments, link: link, dedupe: dedupe, now: now, on: db)
    }

    /// A notification as a page shows it.
    public struct Item: Sendable {
        public var id: UUID
        public var key: L10nKey
        public var arguments: [String: String]
        public var link: String
        public var createdAt: Date
        public var isRead: Bool
    }

    /// The newest notifications of an organisation.
    public static func list(organization: UUID, limit: Int = 50, on db: any Database) async throws -> [Item] {
        try await NotificationRecord.query(on: db).filter(\.$organizationID == organization).sort(\.$createdAt, .descending)
            .limit(limit).all().compactMap { row in
                guard let id = row.id, let key = L10nKey(rawValue: row.messageKey) else { return nil }
                return Item(id: id, key: key, arguments: JSONColumn.decode([String: String].self, row.arguments, default: [:]),
                            link: row.link, createdAt: row.createdAt, isRead: row.readAt != nil)
            }
    }

    /// The scheduled work: reminders for open reports due within `days`, overdue notices for reports and
    /// appeals, term warnings for mediation, reviewers' terms. Each kind runs in one audited transaction (the audit lock serialises instances); returns how many were written.
    @discardableResult
    public static func runReminders(days: Int = 7, now: Date, on db: any Database) async throws -> Int {
        let reports = try await remindReports(days: days, now: now, on: db)
        let appeals = try await AppealStore.remindOverdue(now: now, on: db)
        let mediation = try await MediationStore.remindTerms(now: now, on: db)
        let agreements = try await CooperationStore.remindExpiring(now: now, on: db)
        return reports + appeals + mediation + agreements + (try await ReviewStore.remind(now: now, on: db))
    }

    static func remindReports(days: Int, now: Date, on db: any Database) async throws -> Int {
        let today = Day(now)
        let horizon = Day(now.addingTimeInterval(TimeInterval(days) * 86_400))
        return try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            let open = [ReportStatus.notStarted.rawValue, ReportStatus.draft.rawValue, ReportStatus.returned.rawValue]
            let rows = try await ReportRecord.query(on: audit.db).filter(\.$status ~~ open)
                .filter(\.$dueDate >= Day(now.addingTimeInterval(-30 * 86_400)).description)
                .filter(\.$dueDate <= horizon.description).all()
            let measures = try await MeasureRecord.query(on: audit.db).filter(\.$id ~~ Array(Set(rows.map(\.measureID))))
                .field(\.$id).field(\.$code).all()
            let codes = Dictionary(uniqueKeysWithValues: measures.compactMap { row in row.id.map { ($0, row.code) } })
            var written = 0
            for row in rows {
                guard let id = row.id, let due = Day(row.dueDate) else { continue }
                let overdue = due < today
                let dedupe = (overdue ? "overdue:" : "due:") + id.uuidString
                let wrote = try await notify(organization: row.executorID, kind: overdue ? "overdue" : "due",
                                 key: overdue ? .notifyOverdue : .notifyDueSoon,
                                 arguments: ["measure": codes[row.measureID] ?? "", "period": "@period:\(row.periodCode)", "date": due.dotted],
                                 link: "/reports/\(id.uuidString)", dedupe: dedupe, now: now, on: audit.db)
                if wrote { written += 1 }
            }
            if written > 0 {
                try await audit.record("remind", "notification", id: today.description, before: Nothing?.none, after: ["written": written])
            }
            return written
        }
    }
}
