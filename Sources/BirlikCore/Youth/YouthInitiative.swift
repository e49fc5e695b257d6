import Foundation

/// A youth programme or initiative (S18; seed 001 §4.2 item 8, seed 000 §6.5: social lifts, volunteering):
/// who organises it, where, and the positions it offers in shifts. planned → open (volunteers sign up)
/// → running → completed | cancelled. Public; its participants are not.
public struct YouthInitiative: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case planned, open, running, completed, cancelled
        public var l10nKey: L10nKey { L10nKey(rawValue: "youth.status.\(rawValue)")! }
    }

    /// A role to fill (a volunteer at the registration desk, a mentor) in shifts.
    public struct Position: Sendable, Hashable, Codable, Identifiable {
        public var id: UUID
        public var role: String
        public var shifts: [Shift]

        public init(id: UUID = UUID(), role: String, shifts: [Shift]) { self.id = id; self.role = role; self.shifts = shifts }
    }

    /// One shift of a position: a day, its hours and its places.
    public struct Shift: Sendable, Hashable, Codable, Identifiable {
        public var id: UUID
        public var day: Day
        public var hours: Int
        public var places: Int

        public init(id: UUID = UUID(), day: Day, hours: Int, places: Int) { self.id = id; self.day = day; self.hours = hours; self.places = places }
    }

    public var id: UUID
    /// `YI-2026-0001`.
    public var code: String
    public var title: String
    public var description: String
    public var organiserID: UUID
    public var region: String
    public var positions: [Position]
    public var status: Status
    public var cancellationReason: String?
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID = UUID(), code: String, title: String, description: String, organiserID: UUID, region: String, positions: [Position],
                status: Status = .planned, cancellationReason: String? = nil, updatedAt: Date, version: Int = 1) {
        self.id = id; self.code = code; self.title = title; self.description = description; self.organiserID = organiserID; self.region = region
        self.positions = positions; self.status = status; self.cancellationReason = cancellationReason; self.updatedAt = updatedAt; self.version = version
    }

    public var scope: Scope { Scope(organizationID: organiserID, regionCode: region, isPublic: true) }

    /// The position and shift with `shiftID`.
    public func shift(_ shiftID: UUID) -> (position: Position, shift: Shift)? {
        for position in positions { if let shift = position.shifts.first(where: { $0.id == shiftID }) { return (position, shift) } }
        return nil
    }

    /// The initiative after a step, or why not.
    public func applying(_ step: YouthStep, now: Date) throws -> YouthInitiative {
        var after = self
        switch (step, status) {
        case (.open, .planned): after.status = .open
        case (.start, .open), (.start, .planned): after.status = .running
        case (.complete, .running): after.status = .completed
        case let (.cancel(reason), current) where current != .completed && current != .cancelled:
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
            after.status = .cancelled; after.cancellationReason = reason
        default:
            throw DomainError.conflict(.errorTransition)
        }
        after.updatedAt = now; after.version += 1
        return after
    }
}

/// A step of an initiative's course.
public enum YouthStep: Sendable, Hashable {
    case open, start, complete
    case cancel(reason: String)

    public var name: String {
        switch self {
        case .open: "open"
        case .start: "start"
        case .complete: "complete"
        case .cancel: "cancel"
        }
    }
}

/// What an organiser types for an initiative: the positions and shifts one per line,
/// `role | YYYY-MM-DD | hours | places`.
public struct YouthInitiativeDraft: Sendable, Hashable {
    public var title = ""
    public var description = ""
    public var region = ""
    public var shifts = ""

    public init(title: String = "", description: String = "", region: String = "", shifts: String = "") {
        self.title = title; self.description = description; self.region = region; self.shifts = shifts
    }

    public func validated() throws -> (title: String, description: String, region: String, positions: [YouthInitiative.Position]) {
        var errors: [FieldError] = []
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.append(FieldError("title", .fieldRequired)) } else if title.count > 300 { errors.append(FieldError("title", .fieldTooLong, ["max": "300"])) }
        let description = self.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if description.count > 5_000 { errors.append(FieldError("description", .fieldTooLong, ["max": "5000"])) }
        if PlaceDirectory.shared.find(region) == nil || RegionCode.topLevel(region) == nil {
            errors.append(FieldError("region", region.isEmpty ? .fieldRequired : .importUnknownPlace))
        }
        var positions: [YouthInitiative.Position] = []
        let lines = shifts.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if lines.isEmpty { errors.append(FieldError("shifts", .fieldRequired)) }
        if lines.count > 200 { errors.append(FieldError("shifts", .youthTooManyShifts, ["max": "200"])) }
        for (index, line) in lines.prefix(200).enumerated() {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 4, !parts[0].isEmpty, parts[0].count <= 200, let day = Day(parts[1]), let hours = Int(parts[2]), (1...12).contains(hours),
                  let places = Int(parts[3]), (1...1_000).contains(places) else {
                errors.append(FieldError("shifts", .youthBadShiftLine, ["line": String(index + 1), "text": String(line.prefix(80))]))
                continue
            }
            let shift = YouthInitiative.Shift(day: day, hours: hours, places: places)
            if let at = positions.firstIndex(where: { $0.role == parts[0] }) { positions[at].shifts.append(shift) } else {
                positions.append(YouthInitiative.Position(role: parts[0], shifts: [shift]))
            }
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return (title, description, region, positions)
    }
}
