import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Appeals and mediation cases at national scale for the benchmark: `appeals` over the five years before
/// `today` (every region, every topic, answered on time and late, extended, forwarded, open) and
/// `mediationCases` sealed as real ones are. Written with multi-row inserts, outside the audit log (the
/// benchmark's data is not a change anyone made).
public enum AppealScaleSeed {
    public struct Summary: Sendable {
        public var appeals: Int
        public var mediationCases: Int
    }

    public static func load(appeals: Int, mediationCases: Int, today: Day, vault: ConfidentialVault, on db: any Database) async throws -> Summary {
        let sql = db as! any SQLDatabase
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        let regions = ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }.map(\.code)
        var offices: [String: UUID] = [:]
        for region in regions { offices[region] = try await AppealStore.route(place: region, on: db) }
        let categories = Appeal.Category.allCases
        let columns = ["id", "number", "year", "sequence", "channel", "reference", "applicant", "language", "script", "place", "region", "category", "text",
                       "points", "may_publish", "status", "organization_id", "forwarded_to", "registered_at", "registered_on", "due_on", "extension_count",
                       "answered_on", "working_days_taken", "outcome", "registered_by", "signal_id", "token_hash", "is_demo", "version"]
        let applicant = "{\"address\":\"\",\"email\":\"\",\"name\":\"Bench\",\"phone\":\"\"}"
        let points = "[{\"answer\":\"\",\"request\":\"Bench\"}]"
        var written = 0
        while written < appeals {
            let batch = min(500, appeals - written)
            let insert = sql.insert(into: AppealRecord.schema).columns(columns)
            for offset in 0..<batch {
                let index = written + offset
                let registered = today.adding(days: -(1 + index % 1825))
                let region = regions[index % regions.count]
                let due = calendar.adding(workingDays: 15, to: registered)
                let age = today.ordinal - registered.ordinal
                // Most old appeals are answered (one in seven late, one in ten extended, one in twelve forwarded);
                // the last month's are still open.
                let forwarded = index % 12 == 0
                let answered = age > 30 || (age > 10 && index % 3 == 0)
                let days = forwarded ? 1 + index % 4 : (index % 7 == 0 ? 16 + index % 5 : 4 + index % 11)
                let answeredOn: Day? = answered ? calendar.adding(workingDays: days, to: registered) : nil
                let status: Appeal.Status = forwarded && answered ? .forwarded : answered ? (index % 4 == 0 ? .closed : .answered) : .accepted
                let outcome: Appeal.Outcome? = answered && !forwarded ? Appeal.Outcome.allCases[index % 4] : nil
                let values: [any SQLExpression] = [
                    SQLBind(UUID()), SQLBind("B\(registered.year)-\(index)"), SQLBind(registered.year), SQLBind(-index - 1), SQLBind("online"), SQLBind(""),
                    SQLBind(applicant), SQLBind(index % 2 == 0 ? "kk" : "ru"), SQLBind("cyrillic"), SQLBind(region), SQLBind(region),
                    SQLBind(categories[index % categories.count].rawValue), SQLBind("Bench appeal"), SQLBind(points), SQLBind(index % 2 == 0),
                    SQLBind(status.rawValue), SQLBind(offices[region] ?? UUID()), SQLBind(forwarded ? "Bench body" : ""), SQLBind(registered.noon),
                    SQLBind(registered.description), SQLBind((forwarded ? calendar.adding(workingDays: 3, to: registered) : due).description),
                    SQLBind(index % 10 == 0 ? 1 : 0), SQLBind(answeredOn?.description), SQLBind(answered ? days : nil), SQLBind(outcome?.rawValue),
                    SQLBind(""), SQLBind(UUID?.none), SQLBind("bench-\(index)"), SQLBind(true), SQLBind(1),
                ]
                insert.values(values)
            }
            try await insert.run()
            written += batch
        }
        let caseColumns = ["id", "number", "year", "origin_kind", "origin_id", "place", "region", "dispute_type", "interethnic", "languages", "status",
                           "mediator_id", "mediator_user_id", "supervisor_id", "received_on", "contract_signed_on", "term_ends_on", "closed_on", "note",
                           "agreement_sha256", "session_count", "sealed", "version"]
        let statuses: [MediationCase.Status] = [.closed, .closed, .agreementSigned, .ended, .contracted, .consultationOnly]
        var cases = 0
        while cases < mediationCases {
            let batch = min(500, mediationCases - cases)
            let insert = sql.insert(into: MediationCaseRecord.schema).columns(caseColumns)
            for offset in 0..<batch {
                let index = cases + offset
                let received = today.adding(days: -(1 + index % 1825))
                let region = regions[index % regions.count]
                let status = statuses[index % statuses.count]
                let sealed = try vault.seal(MediationCase.Confidential(parties: [MediationCase.Party(name: "Party A \(index)"), MediationCase.Party(name: "Party B")],
                                                                      summary: "Bench case \(index)"))
                let values: [any SQLExpression] = [
                    SQLBind(UUID()), SQLBind("MB-\(index)"), SQLBind(received.year), SQLBind("direct"), SQLBind(UUID?.none), SQLBind(region), SQLBind(region),
                    SQLBind(DisputeType.allCases[index % DisputeType.allCases.count].rawValue), SQLBind(index % 3 == 0), SQLBind("kk,ru"), SQLBind(status.rawValue),
                    SQLBind(UUID?.none), SQLBind(UUID?.none), SQLBind(UUID()), SQLBind(received.description), SQLBind(received.adding(days: 3).description),
                    SQLBind(received.adding(days: 33).description), SQLBind(status == .contracted ? nil : received.adding(days: 20 + index % 30).description),
                    SQLBind(""), SQLBind(""), SQLBind(index % 4), SQLBind(sealed), SQLBind(1),
                ]
                insert.values(values)
            }
            try await insert.run()
            cases += batch
        }
        return Summary(appeals: written, mediationCases: cases)
    }
}
