import BirlikCore
import FluentKit
import Foundation

/// Reading grants through the one scoping rule, and what they publish: the plan, the calls, the
/// commission's minutes and the 360Giving data.
public enum GrantQueries {
    /// The lots the actor may see (published ones for everyone), newest first.
    public static func lots(actor: Actor, on db: any Database) async throws -> [GrantLot] {
        try await GrantLotRecord.query(on: db).visible(to: actor).sort(\.$code, .descending).limit(1000).all().compactMap(\.value)
    }

    public static func lot(code: String, actor: Actor, on db: any Database) async throws -> GrantLot {
        guard let lot = try await GrantLotRecord.query(on: db).filter(\.$code == code).first()?.value,
              Access.check(actor, .view, .grantLot, in: lot.scope) == .allowed else {
            throw DomainError.notFound
        }
        return lot
    }

    /// The (public) lot an application was made on.
    public static func lot(ofApplication id: UUID, on db: any Database) async throws -> GrantLot? {
        guard let application = try await GrantApplicationRecord.find(id, on: db)?.value else { return nil }
        return try await lots(ids: [application.lotID], on: db)[application.lotID].flatMap { $0.status == .published ? $0 : nil }
    }

    public static func lots(ids: [UUID], on db: any Database) async throws -> [UUID: GrantLot] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await GrantLotRecord.query(on: db).filter(\.$id ~~ ids).all().compactMap(\.value).map { ($0.id, $0) })
    }

    /// Every call, newest first (calls are public).
    public static func calls(on db: any Database) async throws -> [GrantCall] {
        try await GrantCallRecord.query(on: db).sort(\.$opensOn, .descending).limit(500).all().compactMap(\.value)
    }

    public static func call(code: String, on db: any Database) async throws -> GrantCall {
        guard let call = try await GrantCallRecord.query(on: db).filter(\.$code == code).first()?.value else { throw DomainError.notFound }
        return call
    }

    /// The applications to a call the actor may see.
    public static func applications(callID: UUID, actor: Actor, on db: any Database) async throws -> [GrantApplication] {
        try await GrantApplicationRecord.query(on: db).filter(\.$callID == callID).visible(to: actor).sort(\.$number).all().compactMap(\.value)
    }

    /// The applications the actor may see, across calls, newest first.
    public static func applications(actor: Actor, on db: any Database) async throws -> [GrantApplication] {
        try await GrantApplicationRecord.query(on: db).visible(to: actor).sort(\.$number, .descending).limit(500).all().compactMap(\.value)
    }

    public static func application(_ id: UUID, actor: Actor, on db: any Database) async throws -> GrantApplication {
        guard let value = try await GrantApplicationRecord.find(id, on: db)?.value,
              Access.check(actor, .view, .grantApplication, in: value.scope) == .allowed else {
            throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        return value
    }

    /// What a reviewer may read of the application under an assignment: the content without the
    /// applicant (blind review), and only after the declaration of no conflict.
    public struct BlindApplication: Sendable {
        public var number: String
        public var lot: GrantLot?
        public var language: Language
        public var title: String
        public var summary: String
        public var budget: Money
        public var budgetNotes: String
        public var files: [GrantApplication.File]
    }

    public static func blind(_ assignment: ReviewAssignment, on db: any Database) async throws -> BlindApplication? {
        guard assignment.showsContent, assignment.subjectKind == GrantStore.reviewSubject,
              let value = try await GrantApplicationRecord.find(assignment.subjectID, on: db)?.value else { return nil }
        let lot = try await GrantLotRecord.find(value.lotID, on: db)?.value
        return BlindApplication(number: value.number, lot: lot, language: value.language, title: value.title, summary: value.summary,
                                budget: value.budget, budgetNotes: value.budgetNotes, files: value.files)
    }

    /// One line of a call's public minutes: a decided application, its applicant, the experts' mean and each vote.
    public struct MinutesLine: Sendable {
        public var application: GrantApplication
        public var applicant: Organization?
        public var lot: GrantLot?
        public var rank: Int?
    }

    /// The commission's minutes of a call: every decided application (awarded or rejected and what followed),
    /// ranked by the experts' mean score within its lot.
    public static func minutes(callID: UUID, on db: any Database) async throws -> [MinutesLine] {
        let decided = try await GrantApplicationRecord.query(on: db).filter(\.$callID == callID).all().compactMap(\.value).filter { $0.decision != nil }
        let applicants = try await OrganizationRecord.query(on: db).filter(\.$id ~~ decided.map(\.applicantID)).all().map(\.organization)
        let lots = try await lots(ids: Array(Set(decided.map(\.lotID))), on: db)
        var lines: [MinutesLine] = []
        for (_, group) in Dictionary(grouping: decided, by: \.lotID).sorted(by: { (lots[$0.key]?.code ?? "") < (lots[$1.key]?.code ?? "") }) {
            let ranked = Dictionary(uniqueKeysWithValues: ReviewSummary.ranking(means: group.map { ($0.id, $0.decision?.meanScore) })
                .compactMap { item in item.rank.map { (item.id, $0) } })
            for application in group.sorted(by: { (ranked[$0.id] ?? .max, $0.number) < (ranked[$1.id] ?? .max, $1.number) }) {
                lines.append(MinutesLine(application: application, applicant: applicants.first { $0.id == application.applicantID },
                                         lot: lots[application.lotID], rank: ranked[application.id]))
            }
        }
        return lines
    }

    /// The received reviews of each application of a call, summarised, for the commission.
    public static func reviewSummaries(_ applications: [GrantApplication], on db: any Database) async throws -> [UUID: (summary: ReviewSummary, assignments: [ReviewAssignment])] {
        guard !applications.isEmpty else { return [:] }
        // One query for every application's assignments.
        let all = try await ReviewAssignmentRecord.query(on: db).filter(\.$subjectID ~~ applications.map(\.id)).all().compactMap(\.value)
            .sorted { ($0.assignedOn, $0.id.uuidString) < ($1.assignedOn, $1.id.uuidString) }
        let bySubject = Dictionary(grouping: all, by: \.subjectID)
        var result: [UUID: (ReviewSummary, [ReviewAssignment])] = [:]
        for application in applications {
            let assignments = bySubject[application.id] ?? []
            result[application.id] = (ReviewSummary(assignments, form: .grants), assignments)
        }
        return result
    }

    /// Active accounts with the expert role, by name.
    public static func experts(on db: any Database) async throws -> [(id: UUID, name: String)] {
        try await UserRecord.query(on: db).filter(\.$role == Role.expert.rawValue).filter(\.$disabledAt == nil).sort(\.$displayName).all()
            .compactMap { row in row.id.map { ($0, row.displayName) } }
    }
}
