import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Reading appeals: the staff's register through the permission check, one appeal with its recorded
/// steps, the applicant's view through the secret link, and the public statistics (aggregates only).
public enum AppealQueries {
    public struct Filter: Sendable, Hashable {
        public var status: Appeal.Status?
        public var overdueOnly: Bool
        public var region: String?
        public var limit: Int
        public init(status: Appeal.Status? = nil, overdueOnly: Bool = false, region: String? = nil, limit: Int = 500) {
            self.status = status; self.overdueOnly = overdueOnly; self.region = region; self.limit = limit
        }
    }

    /// A line of the register: only the columns the list shows (no text, no personal data beyond the name).
    public struct Row: Sendable, Hashable {
        public var id: UUID
        public var number: String
        public var registeredOn: Day
        public var place: String
        public var category: Appeal.Category
        public var status: Appeal.Status
        public var dueOn: Day
        public var organizationID: UUID

        public func isOverdue(on today: Day) -> Bool { status.isOpen && dueOn < today }
    }

    /// The appeals `actor` may see, newest first.
    public static func list(_ filter: Filter, actor: Actor, today: Day, on db: any Database) async throws -> [Row] {
        let visibility = Access.visibility(actor, .appeal)
        guard visibility != .nothing else { throw actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let query = AppealRecord.query(on: db).visible(to: actor)
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if filter.overdueOnly {
            query.filter(\.$status ~~ Appeal.Status.allCases.filter(\.isOpen).map(\.rawValue)).filter(\.$dueOn < today.description)
        }
        if let region = filter.region, !region.isEmpty { query.filter(\.$region == region) }
        return try await query.field(\.$id).field(\.$number).field(\.$registeredOn).field(\.$place).field(\.$category).field(\.$status)
            .field(\.$dueOn).field(\.$organizationID).sort(\.$registeredAt, .descending).sort(\.$number, .descending).limit(filter.limit).all()
            .compactMap(row)
    }

    /// A line of a list from a record read with the list's columns only.
    static func row(_ record: AppealRecord) -> Row? {
        guard let id = record.id, let registered = Day(record.registeredOn), let due = Day(record.dueOn) else { return nil }
        return Row(id: id, number: record.number, registeredOn: registered, place: record.place,
                   category: Appeal.Category(rawValue: record.category) ?? .other, status: Appeal.Status(rawValue: record.status) ?? .registered,
                   dueOn: due, organizationID: record.organizationID)
    }

    /// An answer the public may read: the applicant agreed to its publication. It carries the topic, the
    /// place, the day and, per point, the outcome and the answer: never the applicant's name, contacts or words.
    public struct PublishedAnswer: Sendable {
        public var number: String
        public var place: String
        public var category: Appeal.Category
        public var answeredOn: Day
        public var outcome: Appeal.Outcome
        public var answers: [(outcome: Appeal.Outcome?, answer: String)]
    }

    /// The newest published answers.
    public static func publishedAnswers(limit: Int = 100, on db: any Database) async throws -> [PublishedAnswer] {
        try await AppealRecord.query(on: db).filter(\.$mayPublish == true).filter(\.$outcome != nil)
            .sort(\.$answeredOn, .descending).sort(\.$number, .descending).limit(limit).all().compactMap { row in
                let appeal = row.appeal
                guard let answered = appeal.answeredOn, let outcome = appeal.outcome else { return nil }
                return PublishedAnswer(number: appeal.number, place: appeal.place, category: appeal.category, answeredOn: answered, outcome: outcome,
                                       answers: appeal.points.map { ($0.outcome, $0.answer) })
            }
    }

    /// One appeal and its recorded steps, for staff who may see it.
    public static func find(_ id: UUID, actor: Actor, on db: any Database) async throws -> (appeal: Appeal, events: [AppealEvent]) {
        guard let appeal = try await AppealRecord.find(id, on: db)?.appeal, Access.check(actor, .view, .appeal, in: appeal.scope) == .allowed else {
            throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        return (appeal, try await events(of: id, on: db))
    }

    /// The applicant's own view: the appeal `key` opens (its secret link, or the account following it),
    /// whether that account follows it, and its recorded steps.
    public static func find(_ key: AppealKey, on db: any Database) async throws -> (appeal: Appeal, events: [AppealEvent], follower: UUID?) {
        let record = try await key.record(on: db)
        let appeal = record.appeal
        return (appeal, try await events(of: appeal.id, on: db), record.followerUserID)
    }

    /// The appeals the account `userID` follows, newest first (only the columns the list shows).
    public static func followed(by userID: UUID, on db: any Database) async throws -> [Row] {
        try await AppealRecord.query(on: db).filter(\.$followerUserID == userID)
            .field(\.$id).field(\.$number).field(\.$registeredOn).field(\.$place).field(\.$category).field(\.$status)
            .field(\.$dueOn).field(\.$organizationID).sort(\.$registeredAt, .descending).limit(500).all()
            .compactMap(row)
    }

    /// The recorded steps, in order: the one source of every status shown.
    public static func events(of id: UUID, on db: any Database) async throws -> [AppealEvent] {
        try await AppealEventRecord.query(on: db).filter(\.$appealID == id).sort(\.$sequence).all().map(\.event)
    }

    /// How the appeals of one cell (a region, a council, a category) were handled.
    public struct Figures: Sendable, Hashable, Codable {
        public var key: String
        public var received: Int
        /// Answered or forwarded.
        public var finished: Int
        public var onTime: Int
        /// Open and past the deadline: late already.
        public var overdue: Int
        public var extended: Int
        /// Answers (not forwardings) and, of them, the fully satisfied.
        public var answered: Int
        public var satisfied: Int
        /// Working days from registration to the answer, median and 90th percentile.
        public var medianDays: Int?
        public var p90Days: Int?

        /// Answered in time, of those answered or already late; `nil` in a cell too small to show rates.
        public var onTimeShare: Double? { rated && finished + overdue > 0 ? Double(onTime) / Double(finished + overdue) : nil }
        public var extendedShare: Double? { rated ? Double(extended) / Double(received) : nil }
        public var satisfiedShare: Double? { rated && answered > 0 ? Double(satisfied) / Double(answered) : nil }
        /// At least `AppealQueries.smallestCell` appeals: rates are shown and the cell is ranked.
        public var rated: Bool { received >= AppealQueries.smallestCell }
    }

    /// Cells with fewer appeals show counts only and are not ranked.
    public static let smallestCell = 5

    /// The dimensions of the public statistics.
    public enum Dimension: String, Sendable, CaseIterable {
        case region, council, category
        var column: String { self == .council ? "organization_id" : self.rawValue }
    }

    /// The figures of every cell of `dimension` for appeals registered in `year`, as of `today`.
    public static func statistics(_ dimension: Dimension, year: Int, today: Day, on db: any Database) async throws -> [Figures] {
        try await cells(dimension, year: year, today: today, on: db).map { figures($0.key, $0.value) }.sorted { $0.key < $1.key }
    }

    /// The figures of all appeals of `year` together.
    public static func total(year: Int, today: Day, on db: any Database) async throws -> Figures? {
        let byRegion = try await cells(.region, year: year, today: today, on: db)
        guard !byRegion.isEmpty else { return nil }
        var all = Cell()
        for cell in byRegion.values { all.add(cell) }
        return figures(RegionCode.republic, all)
    }

    /// One cell's sums and its spread of working days, as one query returns them.
    struct Cell {
        var received = 0, finished = 0, onTime = 0, overdue = 0, extended = 0, answered = 0, satisfied = 0
        var spread: [Int: Int] = [:]

        mutating func add(_ other: Cell) {
            received += other.received; finished += other.finished; onTime += other.onTime; overdue += other.overdue
            extended += other.extended; answered += other.answered; satisfied += other.satisfied
            spread.merge(other.spread, uniquingKeysWith: +)
        }
    }

    /// One scan: the sums by cell and by working days taken (days are small numbers), so the counts and
    /// the percentiles come from the same rows and agree on both databases.
    static func cells(_ dimension: Dimension, year: Int, today: Day, on db: any Database) async throws -> [String: Cell] {
        let sql = db as! any SQLDatabase
        let open = Appeal.Status.allCases.filter(\.isOpen).map(\.rawValue)
        let key = SQLIdentifier(dimension.column)
        let rows = try await sql.raw("""
            SELECT \(key) AS k, working_days_taken AS d, COUNT(*) AS n,
              SUM(CASE WHEN answered_on IS NOT NULL THEN 1 ELSE 0 END) AS finished,
              SUM(CASE WHEN answered_on IS NOT NULL AND answered_on <= due_on THEN 1 ELSE 0 END) AS on_time,
              SUM(CASE WHEN answered_on IS NULL AND status IN (\(binds: open)) AND due_on < \(bind: today.description) THEN 1 ELSE 0 END) AS overdue,
              SUM(CASE WHEN extension_count > 0 THEN 1 ELSE 0 END) AS extended,
              SUM(CASE WHEN outcome IS NOT NULL THEN 1 ELSE 0 END) AS answered,
              SUM(CASE WHEN outcome = \(bind: Appeal.Outcome.satisfied.rawValue) THEN 1 ELSE 0 END) AS satisfied
            FROM \(ident: AppealRecord.schema) WHERE year = \(bind: year) GROUP BY \(key), working_days_taken
            """).all()
        var cells: [String: Cell] = [:]
        for row in rows {
            let count = try row.decode(column: "n", as: Int.self)
            var cell = Cell(received: count, finished: try Self.count(row, "finished"), onTime: try Self.count(row, "on_time"),
                            overdue: try Self.count(row, "overdue"), extended: try Self.count(row, "extended"),
                            answered: try Self.count(row, "answered"), satisfied: try Self.count(row, "satisfied"))
            if let days = try row.decode(column: "d", as: Int?.self) { cell.spread[days] = count }
            cells[try keyText(row), default: Cell()].add(cell)
        }
        return cells
    }

    static func figures(_ key: String, _ cell: Cell) -> Figures {
        let spread = cell.spread.sorted { $0.key < $1.key }.map { (days: $0.key, count: $0.value) }
        return Figures(key: key, received: cell.received, finished: cell.finished, onTime: cell.onTime, overdue: cell.overdue, extended: cell.extended,
                       answered: cell.answered, satisfied: cell.satisfied, medianDays: percentile(0.5, spread), p90Days: percentile(0.9, spread))
    }

    /// The years that have appeals, newest first.
    public static func years(on db: any Database) async throws -> [Int] {
        try await AppealRecord.query(on: db).unique().all(\.$year).sorted(by: >)
    }

    private static func keyText(_ row: any SQLRow) throws -> String {
        if let text = try? row.decode(column: "k", as: String.self) { return text }
        return try row.decode(column: "k", as: UUID.self).uuidString
    }

    private static func count(_ row: any SQLRow, _ column: String) throws -> Int {
        try row.decode(column: column, as: Int?.self) ?? 0
    }

    /// The nearest-rank percentile of a histogram sorted by days.
    static func percentile(_ p: Double, _ spread: [(days: Int, count: Int)]) -> Int? {
        let total = spread.reduce(0) { $0 + $1.count }
        guard total > 0 else { return nil }
        let rank = max(1, Int((p * Double(total)).rounded(.up)))
        var seen = 0
        for bucket in spread {
            seen += bucket.count
            if seen >= rank { return bucket.days }
        }
        return spread.last?.days
    }
}
