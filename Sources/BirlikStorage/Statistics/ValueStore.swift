import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Data entry: one data set's values for one place and period, as the entry form shows and saves them.
public enum ValueStore {
    /// The form's cells: for each element of the data set, each breakdown key, and its stored value.
    public struct Sheet: Sendable {
        public var dataSet: DataSet
        public var place: String
        public var period: Period
        public var values: [String: Double]
        public var locked: Bool
        public var approvals: [String]

        /// The cell key of an element and breakdown, as the form names its inputs.
        public static func key(_ element: String, _ category: String) -> String { "\(element)|\(category)" }
    }

    public static func sheet(dataSet code: String, place: String, period: Period, actor: Actor, on db: any Database) async throws -> Sheet {
        guard let dataSet = StatisticsCatalog.shared.dataSet(code) else { throw DomainError.notFound }
        try Access.require(actor, .create, .statistics, in: Scope(organizationID: nil, regionCode: place, isPublic: false))
        guard let sql = db as? any SQLDatabase else { throw DomainError.notFound }
        var values: [String: Double] = [:]
        for row in try await sql.raw("SELECT element, category, value FROM data_values WHERE place = \(bind: place) AND period = \(bind: period.description) AND element IN (\(binds: dataSet.elements))").all() {
            values[Sheet.key(try row.decode(column: "element", as: String.self), try row.decode(column: "category", as: String.self))] = try row.decode(column: "value", as: Double.self)
        }
        let approvals = try await ApprovalStore.approvals(dataSet: code, period: period, on: db)["\(code)|\(place)|\(period)"] ?? []
        return Sheet(dataSet: dataSet, place: place, period: period, values: values, locked: !approvals.isEmpty, approvals: approvals)
    }

    struct Snapshot: Codable, Sendable {
        var dataSet: String
        var place: String
        var period: String
        var values: [String: Double]
    }

    /// Saves the typed cells (key → text; an empty text removes the value). Problems come back per
    /// cell and nothing is written; on success, the violations of the rules at this place and period.
    public static func save(dataSet code: String, place: String, period: Period, cells: [String: String], actor: Actor,
                            on db: any Database, now: Date) async throws -> (saved: Int, violations: [Violation]) {
        guard let dataSet = StatisticsCatalog.shared.dataSet(code), let region = PlaceDirectory.shared.find(place) else { throw DomainError.notFound }
        try Access.require(actor, .create, .statistics, in: Scope(organizationID: nil, regionCode: region.code, isPublic: false))
        guard period.kind == dataSet.periodKind else { throw DomainError.invalid([FieldError("period", .importUnknownPeriod)]) }
        var errors: [FieldError] = []
        var writes: [DataValue] = []
        var removals: [DataValue] = []
        for code in dataSet.elements {
            guard let element = StatisticsCatalog.shared.element(code) else { continue }
            guard PlaceDirectory.accepts(element.level, region) else { continue }
            for category in Disaggregation.keys(element.dimensions) {
                let key = Sheet.key(code, category)
                guard let text = cells[key] else { continue }
                let value = DataValue(element: code, category: category, place: region.code, period: period, value: 0)
                if text.trimmingCharacters(in: .whitespaces).isEmpty { removals.append(value); continue }
                guard let number = NumberText.parse(text) else { errors.append(FieldError(key, .importBadNumber)); continue }
                if let problem = element.problem(with: number) { errors.append(FieldError(key, problem)); continue }
                writes.append(DataValue(element: code, category: category, place: region.code, period: period, value: number))
            }
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        let writesCopy = writes
        let removalsCopy = removals
        let saved = try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            if try await !ApprovalStore.lockedKeys(on: audit.db).isDisjoint(with: ["\(code)|\(region.code)|\(period)"]) {
                throw DomainError.conflict(.statisticsLocked)
            }
            let before = try await sheet(dataSet: code, place: region.code, period: period, actor: actor, on: audit.db).values
            let changed = try await ValueTable.upsert(writesCopy, source: .entry, enteredBy: actor.displayName, at: now, on: audit.db)
            let removed = try await ValueTable.delete(removalsCopy, on: audit.db)
            guard changed + removed > 0 else { return 0 }
            let after = try await sheet(dataSet: code, place: region.code, period: period, actor: actor, on: audit.db).values
            try await audit.record("enter", "values", id: "\(code)|\(region.code)|\(period)",
                                   before: Snapshot(dataSet: code, place: region.code, period: period.description, values: before),
                                   after: Snapshot(dataSet: code, place: region.code, period: period.description, values: after))
            return changed + removed
        }
        let violations = try await RuleChecks.violations(years: [period.year], elements: Set(dataSet.elements), place: region.code, actor: actor, on: db)
        return (saved, violations)
    }
}

extension ValueStore {
    /// Adds `deltas` to the stored values (a missing value counts as 0) inside the caller's audited
    /// transaction: how a record elsewhere in Birlik (an event's report) moves the figures it feeds, through
    /// the statistics store and its locks, never as a second copy. Refused when the data set's figures
    /// for that place and period are approved.
    public static func contribute(_ deltas: [DataValue], source: ValueSource, audit: AuditWriter) async throws {
        // Deltas on the same value are summed first (an amended report takes the old figures out and puts
        // the new ones in); those that cancel out move nothing.
        var merged: [String: DataValue] = [:], order: [String] = []
        for delta in deltas {
            let key = "\(delta.element)|\(delta.category)|\(delta.place)|\(delta.period)"
            if merged[key] == nil { order.append(key); merged[key] = delta } else { merged[key]?.value += delta.value }
        }
        let deltas = order.compactMap { merged[$0] }.filter { $0.value != 0 }
        guard !deltas.isEmpty, let sql = audit.db as? any SQLDatabase else { return }
        let locked = try await ApprovalStore.lockedKeys(on: audit.db)
        var before: [String: Double] = [:], after: [DataValue] = []
        for delta in deltas {
            guard let element = StatisticsCatalog.shared.element(delta.element) else { throw DomainError.notFound }
            if locked.contains("\(element.dataSet)|\(delta.place)|\(delta.period)") { throw DomainError.conflict(.statisticsLocked) }
            let key = "\(delta.element)|\(delta.category)|\(delta.place)|\(delta.period)"
            let current = try await sql.raw("""
                SELECT value FROM \(unsafeRaw: ValueTable.values) WHERE element = \(bind: delta.element) AND category = \(bind: delta.category)
                AND place = \(bind: delta.place) AND period = \(bind: delta.period.description)
                """).first()?.decode(column: "value", as: Double.self) ?? 0
            before[key] = current
            var value = delta
            value.value = max(0, current + delta.value)
            after.append(value)
        }
        _ = try await ValueTable.upsert(after, source: source, enteredBy: audit.actor.displayName, at: audit.now, on: audit.db)
        try await audit.record("contribute", "values", id: after.map { "\($0.element)|\($0.category)|\($0.place)|\($0.period)" }.joined(separator: ","),
                               before: before, after: Dictionary(uniqueKeysWithValues: after.map { ("\($0.element)|\($0.category)|\($0.place)|\($0.period)", $0.value) }))
    }
}
