import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// What the youth pages read: initiatives (public), an initiative's participants as its keepers see
/// them, places taken per shift, a volunteer's portfolio by token, and statistics that carry no personal data.
public enum YouthQueries {
    public static func initiatives(region: String?, on db: any Database) async throws -> [YouthInitiative] {
        var query = YouthInitiativeRecord.query(on: db)
        if let region, region != RegionCode.republic {
            let subtree = region + "-"
            query = query.group(.or) { $0.filter(\.$region == region).filter(\.$region =~ subtree) }
        }
        return try await query.sort(\.$code, .descending).all().compactMap(\.value)
    }

    public static func initiative(code: String, on db: any Database) async throws -> YouthInitiative? {
        try await YouthInitiativeRecord.query(on: db).filter(\.$code == code).first()?.value
    }

    public static func initiatives(ids: [UUID], on db: any Database) async throws -> [YouthInitiative] {
        guard !ids.isEmpty else { return [] }
        return try await YouthInitiativeRecord.query(on: db).filter(\.$id ~~ ids).all().compactMap(\.value)
    }

    /// Places taken in each shift of an initiative (anyone may see the counts).
    public static func taken(in initiativeID: UUID, on db: any Database) async throws -> [UUID: Int] {
        let rows = try await ParticipationRecord.query(on: db).filter(\.$initiativeID == initiativeID)
            .filter(\.$status ~~ [Participation.Status.signedUp.rawValue, Participation.Status.verified.rawValue]).field(\.$shiftID).all()
        return Dictionary(grouping: rows, by: \.shiftID).mapValues(\.count)
    }

    /// An initiative's participants as `actor` may see them, with the volunteers' names.
    public static func participants(of initiativeID: UUID, actor: Actor, on db: any Database) async throws -> [(Participation, Volunteer)] {
        let participations = try await ParticipationRecord.query(on: db).visible(to: actor).filter(\.$initiativeID == initiativeID).all().compactMap(\.value)
        let volunteers = try await VolunteerRecord.query(on: db).filter(\.$id ~~ participations.map(\.volunteerID)).all().compactMap(\.value)
        let byID = Dictionary(uniqueKeysWithValues: volunteers.map { ($0.id, $0) })
        return participations.compactMap { participation in byID[participation.volunteerID].map { (participation, $0) } }
            .sorted { ($0.0.day, $0.0.role, $0.1.name) < ($1.0.day, $1.0.role, $1.1.name) }
    }

    public static func volunteer(token: String, on db: any Database) async throws -> Volunteer? {
        guard TokenStore.isWellFormed(token) else { return nil }
        return try await VolunteerRecord.query(on: db).filter(\.$token == token).first()?.value
    }

    /// A volunteer's portfolio: every participation, and the certificates they attached.
    public struct Portfolio: Sendable {
        public var volunteer: Volunteer
        public var participations: [(Participation, YouthInitiative)]
        public var certificates: [Certificate]
        public var verifiedHours: Int { participations.filter { $0.0.status == .verified }.reduce(0) { $0 + $1.0.hours } }
    }

    public static func portfolio(token: String, on db: any Database) async throws -> Portfolio? {
        guard let volunteer = try await volunteer(token: token, on: db) else { return nil }
        let participations = try await ParticipationRecord.query(on: db).filter(\.$volunteerID == volunteer.id).all().compactMap(\.value)
        let initiatives = Dictionary(uniqueKeysWithValues: try await initiatives(ids: Array(Set(participations.map(\.initiativeID))), on: db).map { ($0.id, $0) })
        // The attached certificates in one read, in the order they were attached.
        let found = volunteer.certificates.isEmpty ? [] : try await CertificateRecord.query(on: db).filter(\.$code ~~ volunteer.certificates).all().compactMap(\.value)
        let certificates = volunteer.certificates.compactMap { code in found.first { $0.code == code } }
        return Portfolio(volunteer: volunteer,
                         participations: participations.compactMap { p in initiatives[p.initiativeID].map { (p, $0) } }.sorted { $0.0.day < $1.0.day },
                         certificates: certificates)
    }

    /// Verified participation by region, age band and initiative: hours and distinct volunteers. Counts only.
    public struct Figure: Sendable, Hashable {
        public var region: String
        public var ageBand: String
        public var initiativeID: UUID
        public var hours: Int
        public var volunteers: Int
    }

    /// Verified hours and distinct volunteers over everything (a volunteer of several initiatives once).
    public static func totals(on db: any Database) async throws -> (hours: Int, volunteers: Int) {
        guard let sql = db as? any SQLDatabase, let row = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(hours), 0) AS BIGINT) AS hours, COUNT(DISTINCT volunteer_id) AS volunteers FROM participations
            WHERE status = \(bind: Participation.Status.verified.rawValue)
            """).first() else { return (0, 0) }
        return (try row.decode(column: "hours", as: Int.self), try row.decode(column: "volunteers", as: Int.self))
    }

    public static func statistics(on db: any Database) async throws -> [Figure] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw("""
            SELECT region, age_band, initiative_id, CAST(SUM(hours) AS BIGINT) AS hours, COUNT(DISTINCT volunteer_id) AS volunteers FROM participations
            WHERE status = \(bind: Participation.Status.verified.rawValue) GROUP BY region, age_band, initiative_id ORDER BY region, age_band
            """).all()
        return try rows.map { row in
            Figure(region: try row.decode(column: "region", as: String.self), ageBand: try row.decode(column: "age_band", as: String.self),
                   initiativeID: try row.decode(column: "initiative_id", as: UUID.self), hours: try row.decode(column: "hours", as: Int.self),
                   volunteers: try row.decode(column: "volunteers", as: Int.self))
        }
    }
}

/// A participation as `actor` may see it (the one scope rule).
public enum ParticipationQueries {
    public static func find(_ id: UUID, actor: Actor, on db: any Database) async throws -> Participation? {
        try await ParticipationRecord.query(on: db).visible(to: actor).filter(\.$id == id).first()?.value
    }
}
