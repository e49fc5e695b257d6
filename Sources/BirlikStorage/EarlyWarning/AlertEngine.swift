import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Runs the alert rules inside the change that touched a region's month: each rule that fires and
/// has not fired for that region and month raises one alert, notifies the region's Public Accord
/// office and the APK Secretariat, and opens a response task. Running it twice raises nothing twice.
enum AlertEngine {
    static func evaluate(places: [String], months: [Period], audit: AuditWriter, now: Date) async throws {
        var pairs = Set<String>()
        for (place, month) in zip(places, months) { pairs.insert("\(RegionCode.topLevel(place) ?? place)|\(month)") }
        for pair in pairs.sorted() {
            let parts = pair.split(separator: "|").map(String.init)
            guard let month = Period(parts[1]) else { continue }
            let region = parts[0]
            let index = try await RiskQueries.index(region: region, month: month, on: audit.db)
            for rule in AlertRule.shipped where rule.fires(index) {
                let exists = try await AlertRecord.query(on: audit.db).filter(\.$rule == rule.code).filter(\.$place == region)
                    .filter(\.$month == month.description).count() > 0
                if exists { continue }
                let alert = Alert(id: UUID(), rule: rule.code, place: region, month: month, riskValue: index.value, load: index.load,
                                  baseline: index.baseline, raisedAt: now)
                try await AlertRecord(alert).create(on: audit.db)
                try await audit.record("raise", "alert", id: alert.id.uuidString, before: Nothing?.none, after: alert)
                let recipients = try await OrganizationRecord.query(on: audit.db).group(.or) { group in
                    group.filter(\.$type == OrganizationType.apkSecretariat.rawValue)
                    group.group(.and) { inner in
                        inner.filter(\.$type == OrganizationType.publicAccordRegional.rawValue).filter(\.$regionCode == region)
                    }
                }.all()
                for organization in recipients {
                    guard let id = organization.id else { continue }
                    try await Notifications.notify(organization: id, kind: "alert", key: .alertNotification,
                                                   arguments: ["place": "@region:\(region)", "rule": "@alertRule.\(rule.code)"],
                                                   link: "/early-warning/alerts/\(alert.id.uuidString)",
                                                   dedupe: "alert:\(rule.code):\(region):\(month):\(id)", now: now, on: audit.db)
                }
            }
        }
    }
}

/// Alerts and their response tasks: the coordinator or the Secretariat assigns one to the
/// responsible organisation; that organisation (or they) close it with an outcome.
public enum AlertStore {
    public struct Assignment: Sendable, Hashable, Codable {
        public var responsibleCode: String
        public var task: String
        public var deadline: String
        public var version: Int
        public init(responsibleCode: String = "", task: String = "", deadline: String = "", version: Int = 0) {
            self.responsibleCode = responsibleCode; self.task = task; self.deadline = deadline; self.version = version
        }
    }

    public static func assign(_ id: UUID, _ assignment: Assignment, actor: Actor, today: Day, on db: any Database, now: Date) async throws -> Alert {
        try await change(id, actor: actor, now: now, on: db) { before, audit in
            try Access.require(actor, .approve, .alert, in: before.scope)
            guard before.status != .closed else { throw DomainError.conflict(.errorTransition) }
            guard assignment.version == before.version else { throw DomainError.staleVersion }
            var errors: [FieldError] = []
            let code = assignment.responsibleCode.trimmingCharacters(in: .whitespaces)
            let responsible = code.isEmpty ? nil : try await OrganizationQueries.ids(codes: [code], on: audit.db)[code]
            if responsible == nil { errors.append(FieldError("responsibleCode", code.isEmpty ? .fieldRequired : .fieldUnknownOrganization)) }
            let task = assignment.task.trimmingCharacters(in: .whitespacesAndNewlines)
            if task.isEmpty { errors.append(FieldError("task", .fieldRequired)) }
            let deadline = Day(assignment.deadline)
            if deadline == nil { errors.append(FieldError("deadline", assignment.deadline.isEmpty ? .fieldRequired : .fieldDate)) }
            if let deadline, deadline < today { errors.append(FieldError("deadline", .fieldDate)) }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            var after = before
            after.responsibleID = responsible
            after.task = task
            after.deadline = deadline
            after.status = .assigned
            if let responsible {
                try await Notifications.notify(organization: responsible, kind: "alert-assigned", key: .alertAssignedNotification,
                                               arguments: ["place": "@region:\(before.place)"],
                                               link: "/early-warning/alerts/\(id.uuidString)", dedupe: "alert-assigned:\(id):\(before.version)",
                                               now: now, on: audit.db)
            }
            return ("assign", after)
        }
    }

    public static func close(_ id: UUID, outcome: String, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Alert {
        try await change(id, actor: actor, now: now, on: db) { before, _ in
            try Access.require(actor, .update, .alert, in: before.scope)
            guard before.status == .assigned else { throw DomainError.conflict(.errorTransition) }
            guard version == before.version else { throw DomainError.staleVersion }
            let outcome = outcome.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !outcome.isEmpty else { throw DomainError.invalid([FieldError("outcome", .fieldRequired)]) }
            var after = before
            after.outcome = outcome
            after.status = .closed
            return ("close", after)
        }
    }

    private static func change(_ id: UUID, actor: Actor, now: Date, on db: any Database,
                               _ body: @escaping @Sendable (Alert, AuditWriter) async throws -> (String, Alert)) async throws -> Alert {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await AlertRecord.find(id, on: audit.db) else { throw DomainError.notFound }
            let before = record.alert
            guard Access.check(actor, .view, .alert, in: before.scope) == .allowed else {
                throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
            }
            var (action, after) = try await body(before, audit)
            after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record(action, "alert", id: id.uuidString, before: before, after: after)
            return after
        }
    }
}
