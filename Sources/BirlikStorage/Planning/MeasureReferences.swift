import BirlikCore
import FluentKit
import Foundation

/// Plan measures (S2) as other parts cite them: `plan-code/measure-code` references resolved to
/// measures, and measures shown back as references with their titles (grant lots, events).
public enum MeasureReferences {
    /// A measure as cited: its reference, title and id.
    public struct MeasureLink: Sendable {
        public var reference: String
        public var title: LocalizedText
        public var id: UUID
    }

    /// `plan-code/measure-code` references resolved to measures, and those that name none.
    public static func resolve(_ codes: [String], on db: any Database) async throws -> (ids: [UUID], unknown: [String]) {
        var ids: [UUID] = [], unknown: [String] = []
        for code in codes {
            guard let slash = code.lastIndex(of: "/"),
                  let plan = try await PlanRecord.query(on: db).filter(\.$code == String(code[..<slash])).first(), let planID = plan.id,
                  let measure = try await MeasureRecord.query(on: db).filter(\.$planID == planID).filter(\.$code == String(code[code.index(after: slash)...])).first(),
                  let id = measure.id else { unknown.append(code); continue }
            if !ids.contains(id) { ids.append(id) }
        }
        return (ids, unknown)
    }

    /// The references and titles of measures, in the order of `ids`.
    public static func links(_ ids: [UUID], on db: any Database) async throws -> [MeasureLink] {
        guard !ids.isEmpty else { return [] }
        let measures = try await MeasureRecord.query(on: db).filter(\.$id ~~ ids).all()
        let plans = try await PlanRecord.query(on: db).filter(\.$id ~~ Array(Set(measures.map(\.planID)))).all()
        let codes = Dictionary(uniqueKeysWithValues: plans.compactMap { plan in plan.id.map { ($0, plan.code) } })
        return ids.compactMap { id in
            measures.first { $0.id == id }.map {
                MeasureLink(reference: "\(codes[$0.planID] ?? "")/\($0.code)", title: LocalizedText(kk: $0.titleKK, ru: $0.titleRU, en: $0.titleEN), id: id)
            }
        }
    }
}
