import Foundation

/// A piece of a practice's evidence: a figure Birlik itself keeps, named by kind, reference, place and
/// year, so that a reader sees the figure as it was when linked and as it is today — never a number the
/// author typed.
public struct Evidence: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A value of the statistical database (S6): an element's code, a place, a year.
        case indicator
        /// A charity campaign's ledger (S8): what it raised, by its code.
        case campaign
        /// The courses' results of a region (S13, S17): learners who completed.
        case courses
        /// The anonymised mediation statistics of a region and year (S7): agreements reached.
        case mediation
        public var l10nKey: L10nKey { L10nKey(rawValue: "practice.evidence.\(rawValue)")! }
        /// `true` when the kind names its record by a code.
        public var needsReference: Bool { self == .indicator || self == .campaign }
    }

    public var id: UUID
    public var kind: Kind
    /// The element's or campaign's code; empty for the other kinds.
    public var reference: String
    public var place: String
    public var year: Int
    /// What the figure shows for the practice, in the author's words.
    public var note: String
    /// The figure when it was linked, `nil` when Birlik had none to show.
    public var linkedValue: Double?
    public var linkedOn: Day

    public init(id: UUID = UUID(), kind: Kind, reference: String, place: String, year: Int, note: String, linkedValue: Double?, linkedOn: Day) {
        self.id = id; self.kind = kind; self.reference = reference; self.place = place; self.year = year; self.note = note
        self.linkedValue = linkedValue; self.linkedOn = linkedOn
    }
}

/// What an author types to link a figure; `validated` names every problem at once. Whether the campaign
/// exists is the store's to check.
public struct EvidenceDraft: Sendable, Hashable {
    public var kind = ""
    public var reference = ""
    public var place = ""
    public var year = ""
    public var note = ""

    public init(kind: String = "", reference: String = "", place: String = "", year: String = "", note: String = "") {
        self.kind = kind; self.reference = reference; self.place = place; self.year = year; self.note = note
    }

    public struct Valid: Sendable, Hashable {
        public var kind: Evidence.Kind, reference: String, place: String, year: Int, note: String
    }

    public func validated(today: Day) throws -> Valid {
        var errors: [FieldError] = []
        let kind = Evidence.Kind(rawValue: self.kind)
        if kind == nil { errors.append(FieldError("kind", .fieldChooseValue)) }
        let reference = self.reference.trimmingCharacters(in: .whitespaces)
        if kind == .indicator {
            // A published practice shows its figures to everyone: only what the statistics publish.
            if let element = StatisticsCatalog.shared.element(reference) {
                if !element.isPublic { errors.append(FieldError("reference", .practiceEvidenceNotPublic)) }
            } else {
                errors.append(FieldError("reference", reference.isEmpty ? .fieldRequired : .importUnknownElement))
            }
        }
        if kind == .campaign, reference.isEmpty { errors.append(FieldError("reference", .fieldRequired)) }
        let place = self.place.trimmingCharacters(in: .whitespaces)
        if PlaceDirectory.shared.find(place) == nil { errors.append(FieldError("place", place.isEmpty ? .fieldRequired : .importUnknownPlace)) }
        let year = Int(self.year.trimmingCharacters(in: .whitespaces))
        if year == nil || !(2000...today.year).contains(year!) {
            errors.append(FieldError("year", .fieldNumberRange, ["min": "2000", "max": String(today.year)]))
        }
        let note = self.note.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count < 5 { errors.append(FieldError("note", .fieldRequired)) } else if note.count > 300 { errors.append(FieldError("note", .fieldTooLong, ["max": "300"])) }
        guard errors.isEmpty, let kind, let year else { throw DomainError.invalid(errors) }
        return Valid(kind: kind, reference: kind.needsReference ? reference : "", place: place, year: year, note: note)
    }
}
