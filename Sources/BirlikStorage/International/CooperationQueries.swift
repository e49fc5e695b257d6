import BirlikCore
import FluentKit
import Foundation

/// What the cooperation pages read, through the one scope rule.
public enum CooperationQueries {
    /// Partners `actor` may see, by code.
    public static func partners(actor: Actor, on db: any Database) async throws -> [Partner] {
        try await PartnerRecord.query(on: db).visible(to: actor).sort(\.$code).all().compactMap(\.value)
    }

    /// Agreements `actor` may see, soonest end first (open-ended last).
    public static func agreements(actor: Actor, on db: any Database) async throws -> [Agreement] {
        try await AgreementRecord.query(on: db).visible(to: actor).sort(\.$code, .descending).all().compactMap(\.value)
            .sorted { ($0.endsOn ?? Day(year: 2200, month: 1, day: 1), $0.code) < ($1.endsOn ?? Day(year: 2200, month: 1, day: 1), $1.code) }
    }

    public static func agreement(code: String, actor: Actor, on db: any Database) async throws -> Agreement? {
        try await AgreementRecord.query(on: db).visible(to: actor).filter(\.$code == code).first()?.value
    }

    public static func partner(code: String, actor: Actor, on db: any Database) async throws -> Partner? {
        try await PartnerRecord.query(on: db).visible(to: actor).filter(\.$code == code).first()?.value
    }

    public static func partners(ids: [UUID], on db: any Database) async throws -> [Partner] {
        guard !ids.isEmpty else { return [] }
        return try await PartnerRecord.query(on: db).filter(\.$id ~~ ids).sort(\.$code).all().compactMap(\.value)
    }

    /// Obligations past their day and not done, of the agreements `actor` may see (within `region` when
    /// given): the dashboards' list, earliest due first.
    public static func overdueObligations(region: String?, actor: Actor, today: Day, on db: any Database) async throws -> [(agreement: Agreement, obligation: Obligation)] {
        let query = AgreementRecord.query(on: db).visible(to: actor)
        if let region, region != RegionCode.republic { query.filter("region", within: region) }
        return try await query.all().compactMap(\.value)
            .flatMap { agreement in agreement.obligations.filter { $0.isOverdue(on: today) }.map { (agreement, $0) } }
            .sorted { ($0.1.dueOn, $0.0.code) < ($1.1.dueOn, $1.0.code) }
    }
}
