import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// Reading the mediation system: the public register and its lookup, cases through the permission
/// check (their confidential part only for the mediator and the supervisor), and anonymised statistics.
public enum MediationQueries {
    /// The register, for everyone: active first, by name.
    public static func mediators(place: String? = nil, on db: any Database) async throws -> [Mediator] {
        let query = MediatorRecord.query(on: db)
        if let place, !place.isEmpty { query.filter(\.$place == place) }
        return try await query.sort(\.$fullName).all().map(\.mediator)
            .sorted { ($0.status == .active ? 0 : 1, $0.fullName) < ($1.status == .active ? 0 : 1, $1.fullName) }
    }

    /// The public lookup by certificate number (exact, spaces ignored).
    public static func mediator(certificate: String, on db: any Database) async throws -> Mediator? {
        let number = certificate.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.count <= 50 else { return nil }
        return try await MediatorRecord.query(on: db).filter(\.$certificateNumber == number).first()?.mediator
    }

    /// The account a mediator signs in with (by the e-mail the register holds), if any.
    public static func account(of mediator: Mediator, on db: any Database) async throws -> UUID? {
        guard !mediator.accountEmail.isEmpty else { return nil }
        return try await UserRecord.query(on: db).filter(\.$email == mediator.accountEmail.lowercased()).first()?.id
    }

    public static func mediator(id: UUID, on db: any Database) async throws -> Mediator? {
        try await MediatorRecord.find(id, on: db)?.mediator
    }

    /// A line of the case list: no confidential column is read.
    public struct Row: Sendable, Hashable {
        public var id: UUID
        public var number: String
        public var place: String
        public var disputeType: DisputeType
        public var isInterethnic: Bool
        public var status: MediationCase.Status
        public var receivedOn: Day
        public var termEndsOn: Day?
    }

    /// The cases `actor` may see, newest first.
    public static func list(actor: Actor, on db: any Database) async throws -> [Row] {
        guard Access.visibility(actor, .mediationCase) != .nothing else { throw actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        return try await MediationCaseRecord.query(on: db).visible(to: actor)
            .field(\.$id).field(\.$number).field(\.$place).field(\.$disputeType).field(\.$isInterethnic).field(\.$status).field(\.$receivedOn).field(\.$termEndsOn)
            .sort(\.$receivedOn, .descending).sort(\.$number, .descending).limit(500).all().compactMap { row in
                guard let id = row.id, let received = Day(row.receivedOn) else { return nil }
                return Row(id: id, number: row.number, place: row.place, disputeType: DisputeType(rawValue: row.disputeType) ?? .other,
                           isInterethnic: row.isInterethnic, status: MediationCase.Status(rawValue: row.status) ?? .received, receivedOn: received,
                           termEndsOn: row.termEndsOn.flatMap(Day.init))
            }
    }

    /// One case for `actor`: with its confidential part when they are its mediator or supervisor, without
    /// it otherwise (`isOpened` false: the page offers a break-glass read).
    public static func find(_ id: UUID, actor: Actor, vault: ConfidentialVault, on db: any Database) async throws -> (value: MediationCase, isOpened: Bool) {
        guard let record = try await MediationCaseRecord.find(id, on: db), Access.check(actor, .view, .mediationCase, in: record.scope) == .allowed else {
            throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        let closed = try record.mediationCase(vault: nil)
        guard closed.mayReadConfidential(actor) else { return (closed, false) }
        return (try record.mediationCase(vault: vault), true)
    }

    /// The cases opened from an origin (an alert, a signal, an appeal) that `actor` may see.
    public static func cases(from origin: UUID, actor: Actor, on db: any Database) async throws -> [Row] {
        guard Access.visibility(actor, .mediationCase) != .nothing else { return [] }
        return try await MediationCaseRecord.query(on: db).visible(to: actor).filter(\.$originID == origin).all().compactMap { row in
            guard let id = row.id, let received = Day(row.receivedOn) else { return nil }
            return Row(id: id, number: row.number, place: row.place, disputeType: DisputeType(rawValue: row.disputeType) ?? .other,
                       isInterethnic: row.isInterethnic, status: MediationCase.Status(rawValue: row.status) ?? .received, receivedOn: received,
                       termEndsOn: row.termEndsOn.flatMap(Day.init))
        }
    }

    /// One cell of the anonymised statistics: region × dispute type.
    public struct Cell: Sendable, Hashable, Codable {
        public var region: String
        public var disputeType: String
        /// `nil` in a cell with fewer than `smallestCell` cases: suppressed.
        public var cases: Int?
        public var interethnic: Int?
        public var agreements: Int?
        public var medianDays: Int?
    }

    public static let smallestCell = 5

    /// `true` for a case that reached an agreement.
    static func reachedAgreement(status: String, agreementSHA256: String) -> Bool {
        [MediationCase.Status.agreementSigned.rawValue, MediationCase.Status.followUp.rawValue].contains(status) || !agreementSHA256.isEmpty
    }

    /// Agreements reached in a year's cases of a place (the republic or a region's subtree), counted over
    /// all its cases; `nil` when the place had fewer than `smallestCell` cases (suppressed like a cell).
    public static func agreements(year: Int, place: String, on db: any Database) async throws -> Int? {
        let query = MediationCaseRecord.query(on: db).filter(\.$year == year)
        if place != RegionCode.republic { query.filter("region", within: place) }
        let rows = try await query.field(\.$status).field(\.$agreementSHA256).all()
        guard rows.count >= smallestCell else { return nil }
        return rows.filter { reachedAgreement(status: $0.status, agreementSHA256: $0.agreementSHA256) }.count
    }

    /// The anonymised projection (region, dispute type, interethnic flag, outcome, duration) of a year's
    /// cases, cells under five suppressed.
    public static func statistics(year: Int, today: Day, on db: any Database) async throws -> [Cell] {
        let rows = try await MediationCaseRecord.query(on: db).filter(\.$year == year)
            .field(\.$region).field(\.$disputeType).field(\.$isInterethnic).field(\.$status).field(\.$receivedOn).field(\.$closedOn).field(\.$agreementSHA256).all()
        var groups: [String: [MediationCaseRecord]] = [:]
        for row in rows { groups["\(row.region)|\(row.disputeType)", default: []].append(row) }
        return groups.map { key, rows in
            let parts = key.split(separator: "|").map(String.init)
            guard rows.count >= smallestCell else { return Cell(region: parts[0], disputeType: parts[1]) }
            let durations = rows.compactMap { row -> Int? in
                guard let received = Day(row.receivedOn) else { return nil }
                return (row.closedOn.flatMap(Day.init) ?? today).ordinal - received.ordinal
            }.sorted()
            return Cell(region: parts[0], disputeType: parts[1], cases: rows.count, interethnic: rows.filter(\.isInterethnic).count,
                        agreements: rows.filter { reachedAgreement(status: $0.status, agreementSHA256: $0.agreementSHA256) }.count,
                        medianDays: durations.isEmpty ? nil : durations[(durations.count - 1) / 2])
        }.sorted { ($0.region, $0.disputeType) < ($1.region, $1.disputeType) }
    }
}
