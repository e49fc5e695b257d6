import FluentKit

/// Every migration of Birlik, in the order they run. Each part of the mission appends its own batch.
public enum BirlikMigrations {
    public static let all: [any Migration] = [
        CreateRegions(),
        CreateOrganizations(),
        CreatePeople(),
        CreateUsers(),
        CreateAuthTokens(),
        CreateAuditLog(),
        CreateStoredFiles(),
    ]
}
