import BirlikCore
import FluentKit
import Foundation
import SQLKit

/// What the pages of the base of good practices read: the practices an actor may see, by field, region
/// and words (any form of a Kazakh or Russian word, in either script, through the terms index); a
/// practice with its replication log; the map of who adopted what; and the live value of each piece of
/// evidence.
public enum PracticeQueries {
    /// A search of the base.
    public struct Search: Sendable, Hashable {
        public var query: String
        public var domain: GoodPractice.Domain?
        /// Practices carried out in this region.
        public var region: String?
        /// Only practices in this status (the keepers' queue); any the actor may see when `nil`.
        public var status: GoodPractice.Status?

        public init(query: String = "", domain: GoodPractice.Domain? = nil, region: String? = nil, status: GoodPractice.Status? = nil) {
            self.query = query; self.domain = domain; self.region = region; self.status = status
        }
    }

    /// The matching practices the actor may see, last changed first.
    public static func practices(_ search: Search, actor: Actor, limit: Int = 100, on db: any Database) async throws -> [GoodPractice] {
        try await matching(search, actor: actor, on: db).sort(\.$updatedAt, .descending).sort(\.$code, .descending).range(..<limit).all().compactMap(\.value)
    }

    /// How many practices match in all.
    public static func count(_ search: Search, actor: Actor, on db: any Database) async throws -> Int {
        try await matching(search, actor: actor, on: db).count()
    }

    static func matching(_ search: Search, actor: Actor, on db: any Database) -> QueryBuilder<GoodPracticeRecord> {
        let builder = GoodPracticeRecord.query(on: db).visible(to: actor)
        if let domain = search.domain { builder.filter(\.$domain == domain.rawValue) }
        if let status = search.status { builder.filter(\.$status == status.rawValue) }
        // The row's region is the author's; `regions` lists every region it was carried out in.
        if let region = search.region { builder.filter(\.$regions ~~ " \(region) ") }
        for forms in SearchTerms.alternatives(search.query) {
            builder.filter(.sql(embed: SearchTermRecord.condition(.practice, idColumn: "\(column("id", GoodPracticeRecord.schema))", forms: forms)))
        }
        return builder
    }

    /// A practice by its code, if the actor may see it.
    public static func practice(code: String, actor: Actor, on db: any Database) async throws -> GoodPractice {
        guard let value = try await GoodPracticeRecord.query(on: db).visible(to: actor).filter(\.$code == code).first()?.value else {
            throw actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        return value
    }

    /// A practice by id, without a scope check: for a reviewer, whose assignment is the check.
    static func practice(id: UUID, on db: any Database) async throws -> GoodPractice? {
        try await GoodPracticeRecord.find(id, on: db)?.value
    }

    /// The practice a reviewer reviews, once the reviewer has declared no conflict; `nil` before.
    public static func reviewed(_ assignment: ReviewAssignment, on db: any Database) async throws -> GoodPractice? {
        guard assignment.showsContent, assignment.subjectKind == GoodPractice.reviewSubject else { return nil }
        return try await practice(id: assignment.subjectID, on: db)
    }

    /// A practice's replication log, earliest adoption first.
    public static func adoptions(of practiceID: UUID, on db: any Database) async throws -> [PracticeAdoption] {
        try await PracticeAdoptionRecord.query(on: db).filter(\.$practiceID == practiceID).sort(\.$adoptedOn).sort(\.$region).all().compactMap(\.value)
    }

    /// One region's line of the adoption map.
    public struct RegionLine: Sendable {
        public var region: String
        /// Published practices from the region (their author's).
        public var published: [PracticeRef]
        /// Practices the region adopted, with the adoption.
        public var adopted: [(practice: PracticeRef, adoption: PracticeAdoption)]
    }

    /// A practice named on the map: code, titles, author's region.
    public struct PracticeRef: Sendable, Hashable {
        public var code: String
        public var region: String
        public var practice: GoodPractice
    }

    /// Who adopted what, region by region: each top-level region with the published practices it gave
    /// and those it adopted. Two reads: the published practices and the whole log.
    public static func adoptionMap(on db: any Database) async throws -> [RegionLine] {
        let published = try await GoodPracticeRecord.query(on: db).filter(\.$status == GoodPractice.Status.published.rawValue).all().compactMap(\.value)
        let byID = Dictionary(uniqueKeysWithValues: published.map { ($0.id, PracticeRef(code: $0.code, region: $0.region, practice: $0)) })
        let adoptions = try await PracticeAdoptionRecord.query(on: db).sort(\.$adoptedOn).all().compactMap(\.value)
        let regions = ReferenceData.regions.filter { RegionCode.topLevel($0.code) == $0.code }.map(\.code)
        return regions.map { region in
            RegionLine(region: region,
                       published: byID.values.filter { $0.region == region }.sorted { $0.code < $1.code },
                       adopted: adoptions.filter { $0.region == region }.compactMap { adoption in byID[adoption.practiceID].map { ($0, adoption) } })
        }
    }

    /// The value a piece of evidence reads from Birlik today, as `actor` may see it; `nil` when there is
    /// none (or too few cases to show).
    public static func figure(of evidence: Evidence, actor: Actor, today: Day, on db: any Database) async throws -> Double? {
        switch evidence.kind {
        case .indicator:
            let topLevel = RegionCode.topLevel(evidence.place)
            let within = topLevel == nil || topLevel == evidence.place ? nil : topLevel
            guard let table = try? await Pivot.run(PivotRequest(rows: .place, columns: .period, elements: [evidence.reference], years: [evidence.year], within: within),
                                                   actor: actor, on: db),
                  let column = table.columnKeys.first(where: { $0 == String(evidence.year) }) ?? table.columnKeys.first else { return nil }
            return evidence.place == RegionCode.republic ? table.columnTotal(column)?.value : table.cell(evidence.place, column)?.value
        case .campaign:
            guard let figures = try? await CharityQueries.campaign(code: evidence.reference, on: db) else { return nil }
            return Double(figures.raised.tiyn) / 100
        case .courses:
            let results = try await CourseQueries.results(region: evidence.place, on: db)
            return Double(results.completed)
        case .mediation:
            return try await MediationQueries.agreements(year: evidence.year, place: evidence.place, on: db).map(Double.init)
        }
    }

    /// The live values of a practice's evidence, by evidence id.
    public static func figures(of practice: GoodPractice, actor: Actor, today: Day, on db: any Database) async throws -> [UUID: Double] {
        var values: [UUID: Double] = [:]
        for evidence in practice.evidence { values[evidence.id] = try await figure(of: evidence, actor: actor, today: today, on: db) }
        return values
    }
}
