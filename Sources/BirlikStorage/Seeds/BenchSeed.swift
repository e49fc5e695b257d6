import BirlikCore
import FluentKit
import Foundation

/// A generated registry of any size, for the benchmark: organisations of every type spread over
/// every region, with names in three languages.
public enum BenchSeed {
    public static func load(count: Int, now: Date, on db: any Database) async throws {
        let regions = ReferenceData.regions.filter { $0.kind != .republic }.map(\.code)
        let types = OrganizationType.allCases
        let groups = ReferenceData.ethnicGroups.map(\.code)
        var generator = SystemRandomNumberGenerator()
        let organizations = (0..<count).map { index in
            Organization(code: String(format: "bench-%06d", index), type: types[index % types.count],
                         name: LocalizedText(kk: "Сынақ ұйымы №\(index) Қазақстан", ru: "Тестовая организация №\(index)",
                                             en: "Benchmark organisation \(index)"),
                         regionCode: regions[Int.random(in: 0..<regions.count, using: &generator)],
                         ethnicGroups: [groups[index % groups.count]], isPublic: index % 5 != 0, isDemo: true)
        }
        try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            try await ReferenceSeed.insert(organizations, on: audit.db)
            try await audit.record("seed", "bench", id: "bench-data", before: Nothing?.none, after: ["organizations": count])
        }
        try await PlannerStatistics.refresh(on: db)
    }
}
