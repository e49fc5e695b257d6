import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// A row of `measures`: one measure of a plan.
public final class MeasureRecord: Model, @unchecked Sendable {
    public static let schema = "measures"

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "code") public var code: String
    /// The code padded for ordering (`0002.0003`).
    @Field(key: "sort_key") public var sortKey: String
    @Field(key: "title_kk") public var titleKK: String
    @OptionalField(key: "title_ru") public var titleRU: String?
    @OptionalField(key: "title_en") public var titleEN: String?
    /// `|C1.T1|C2.D3.8|`.
    @Field(key: "task_codes") public var taskCodes: String
    @Field(key: "executor_id") public var executorID: UUID
    /// JSON array of ids.
    @Field(key: "co_executor_ids") public var coExecutorIDs: String
    @Field(key: "completion_form") public var completionForm: String
    /// `date`, `annually`, `semiannually`, `quarterly`.
    @Field(key: "deadline_kind") public var deadlineKind: String
    @OptionalField(key: "deadline_date") public var deadlineDate: String?
    @Field(key: "due_day") public var dueDay: Int
    @Field(key: "budget_source") public var budgetSource: String
    @Field(key: "amount") public var amount: Int64
    @OptionalField(key: "expected_kk") public var expectedKK: String?
    @OptionalField(key: "expected_ru") public var expectedRU: String?
    @OptionalField(key: "expected_en") public var expectedEN: String?
    @Field(key: "indicators") public var indicators: String
    @Field(key: "weight") public var weight: Int
    @Field(key: "version") public var version: Int

    public init() {}

    public init(_ measure: Measure) {
        id = measure.id
        apply(measure)
    }

    public func apply(_ measure: Measure) {
        planID = measure.planID
        code = measure.code
        sortKey = MeasureRecord.sortKey(measure.code)
        titleKK = measure.title.kk ?? measure.title.ru ?? measure.code
        titleRU = measure.title.ru
        titleEN = measure.title.en
        taskCodes = "|" + measure.taskCodes.joined(separator: "|") + "|"
        executorID = measure.executorID
        coExecutorIDs = JSONColumn.encode(measure.coExecutorIDs)
        completionForm = measure.completionForm.rawValue
        switch measure.deadline {
        case let .date(day):
            deadlineKind = "date"; deadlineDate = day.description; dueDay = day.day
        case let .periodic(periodicity, day):
            deadlineKind = periodicity.rawValue; deadlineDate = nil; dueDay = day
        }
        budgetSource = measure.budgetSource.rawValue
        amount = measure.amount
        expectedKK = measure.expectedResult.kk
        expectedRU = measure.expectedResult.ru
        expectedEN = measure.expectedResult.en
        indicators = JSONColumn.encode(measure.indicators)
        weight = measure.weight
        version = measure.version
    }

    public var measure: Measure {
        let deadline: Deadline
        if deadlineKind == "date", let day = deadlineDate.flatMap(Day.init) {
            deadline = .date(day)
        } else {
            deadline = .periodic(Periodicity(rawValue: deadlineKind) ?? .annually, dueDay: dueDay)
        }
        return Measure(id: id ?? UUID(), planID: planID, code: code, title: LocalizedText(kk: titleKK, ru: titleRU, en: titleEN),
                       taskCodes: taskCodes.split(separator: "|").map(String.init), executorID: executorID,
                       coExecutorIDs: JSONColumn.decode([UUID].self, coExecutorIDs, default: []),
                       completionForm: CompletionForm(rawValue: completionForm) ?? .report, deadline: deadline,
                       budgetSource: BudgetSource(rawValue: budgetSource) ?? .notRequired, amount: amount,
                       expectedResult: LocalizedText(kk: expectedKK, ru: expectedRU, en: expectedEN),
                       indicators: JSONColumn.decode([Indicator].self, indicators, default: []), weight: weight, version: version)
    }

    /// `2.3` → `0002.0003`, so that text order is numeric order.
    static func sortKey(_ code: String) -> String {
        code.split(separator: ".").map { part in
            let text = String(part)
            return Int(text).map { String(format: "%04d", $0) } ?? text
        }.joined(separator: ".")
    }
}

/// A row of `measure_tasks`: a measure serves a strategy node (for roll-ups in SQL).
public final class MeasureTaskRecord: Model, @unchecked Sendable {
    public static let schema = "measure_tasks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "measure_id") public var measureID: UUID
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "task_code") public var taskCode: String

    public init() {}

    init(measureID: UUID, planID: UUID, taskCode: String) {
        id = UUID()
        self.measureID = measureID
        self.planID = planID
        self.taskCode = taskCode
    }
}

/// A row of `measure_nodes`: a measure serves a strategy node directly or through the node's subtree
/// (every ancestor of its tasks), so a node's figures are one join.
public final class MeasureNodeRecord: Model, @unchecked Sendable {
    public static let schema = "measure_nodes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "measure_id") public var measureID: UUID
    @Field(key: "node_code") public var nodeCode: String

    public init() {}

    init(measureID: UUID, nodeCode: String) {
        id = UUID()
        self.measureID = measureID
        self.nodeCode = nodeCode
    }

    /// The rows of a measure: its tasks and all their ancestors, each once.
    static func rows(for measureID: UUID, taskCodes: [String]) -> [MeasureNodeRecord] {
        let tree = StrategyTree.shared
        var codes: [String] = []
        for task in taskCodes { for node in tree.path(to: task) where !codes.contains(node.code) { codes.append(node.code) } }
        return codes.map { MeasureNodeRecord(measureID: measureID, nodeCode: $0) }
    }
}

struct CreateMeasureNodes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MeasureNodeRecord.schema)
            .id()
            .field("measure_id", .uuid, .required, .references(MeasureRecord.schema, .id))
            .field("node_code", .string, .required)
            .unique(on: "measure_id", "node_code")
            .create()
        try await (database as! any SQLDatabase).create(index: "measure_nodes_node_idx").on(MeasureNodeRecord.schema)
            .column("node_code").column("measure_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MeasureNodeRecord.schema).delete()
    }
}
