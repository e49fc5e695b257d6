import Foundation

/// A line of a practice's replication log: "adopted by region X on day Y, result Z". Written for a
/// published practice by the adopting region's assembly (its coordinators) or the Secretariat, naming
/// the organisation of the writer; public, like the practice.
public struct PracticeAdoption: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var practiceID: UUID
    public var practiceCode: String
    /// The adopting region and the organisation that carries the practice out there.
    public var region: String
    public var organizationID: UUID
    public var adoptedOn: Day
    public var result: String
    public var recordedAt: Date

    public init(id: UUID = UUID(), practiceID: UUID, practiceCode: String, region: String, organizationID: UUID, adoptedOn: Day, result: String, recordedAt: Date) {
        self.id = id; self.practiceID = practiceID; self.practiceCode = practiceCode; self.region = region; self.organizationID = organizationID
        self.adoptedOn = adoptedOn; self.result = result; self.recordedAt = recordedAt
    }

    public var scope: Scope { Scope(organizationID: organizationID, regionCode: region, isPublic: true) }
}

/// What the adopting side types.
public struct AdoptionDraft: Sendable, Hashable {
    public var region = ""
    public var adoptedOn = ""
    public var result = ""

    public init(region: String = "", adoptedOn: String = "", result: String = "") { self.region = region; self.adoptedOn = adoptedOn; self.result = result }

    /// The checked values for `practice`: a region other than those it came from, a day not ahead of today.
    public func validated(for practice: GoodPractice, today: Day) throws -> (region: String, adoptedOn: Day, result: String) {
        var errors: [FieldError] = []
        let region = self.region.trimmingCharacters(in: .whitespaces)
        if RegionCode.topLevel(region) != region || region == RegionCode.republic || PlaceDirectory.shared.find(region) == nil {
            errors.append(FieldError("region", region.isEmpty ? .fieldRequired : .fieldChooseValue))
        } else if practice.regions.contains(region) {
            errors.append(FieldError("region", .practiceAdoptionOwnRegion))
        }
        let day = Day(adoptedOn.trimmingCharacters(in: .whitespaces))
        if day == nil { errors.append(FieldError("adoptedOn", .fieldRequired)) } else if day! > today { errors.append(FieldError("adoptedOn", .practiceAdoptionAhead)) }
        let result = self.result.trimmingCharacters(in: .whitespacesAndNewlines)
        if result.count < 10 { errors.append(FieldError("result", .practiceAdoptionResult, ["min": "10"])) } else if result.count > 2000 {
            errors.append(FieldError("result", .fieldTooLong, ["max": "2000"]))
        }
        guard errors.isEmpty, let day else { throw DomainError.invalid(errors) }
        return (region, day, result)
    }
}
