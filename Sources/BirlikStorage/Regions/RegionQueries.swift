import BirlikCore
import FluentKit

/// Reading the region tree.
public enum RegionQueries {
    /// Every place, republic first, then regions and cities by code, then districts.
    /// - Parameter cache: where the server keeps the tree between changes (none: always read).
    public static func all(cache: ReadCache<[Region]>? = nil, on db: any Database) async throws -> [Region] {
        guard let cache else { return try await RegionRecord.query(on: db).sort(\.$id).all().map(\.region) }
        return try await cache.value("all") { try await RegionRecord.query(on: db).sort(\.$id).all().map(\.region) }
    }

    /// One place by its code.
    public static func find(_ code: String, on db: any Database) async throws -> Region? {
        try await RegionRecord.find(code, on: db)?.region
    }
}
