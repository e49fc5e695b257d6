import BirlikCore
import FluentKit

/// Reading the region tree.
public enum RegionQueries {
    /// Every place, republic first, then regions and cities by code, then districts.
    public static func all(on db: any Database) async throws -> [Region] {
        try await RegionRecord.query(on: db).sort(\.$id).all().map(\.region)
    }

    /// One place by its code.
    public static func find(_ code: String, on db: any Database) async throws -> Region? {
        try await RegionRecord.find(code, on: db)?.region
    }
}
