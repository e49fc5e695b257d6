import Foundation

/// What a keeper types for a partner.
public struct PartnerDraft: Sendable, Hashable {
    public var kind = ""
    public var name = ""
    public var country = ""
    public var identifier = ""
    public var website = ""
    public var languageCourses = ""
    public var events = ""

    public init(kind: String = "", name: String = "", country: String = "", identifier: String = "", website: String = "", languageCourses: String = "",
                events: String = "") {
        self.kind = kind; self.name = name; self.country = country; self.identifier = identifier; self.website = website
        self.languageCourses = languageCourses; self.events = events
    }

    public func validated() throws -> (kind: Partner.Kind, name: String, country: String, identifier: String, website: String, languageCourses: String, events: String) {
        var errors: [FieldError] = []
        let kind = Partner.Kind(rawValue: self.kind)
        if kind == nil { errors.append(FieldError("kind", .fieldRequired)) }
        let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.append(FieldError("name", .fieldRequired)) } else if name.count > 300 { errors.append(FieldError("name", .fieldTooLong, ["max": "300"])) }
        let country = self.country.trimmingCharacters(in: .whitespaces).uppercased()
        if country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isLetter }) { errors.append(FieldError("country", .cooperationCountry)) }
        let identifier = self.identifier.trimmingCharacters(in: .whitespaces)
        if !identifier.isEmpty, !Partner.isOrgID(identifier) { errors.append(FieldError("identifier", .cooperationOrgID)) }
        let website = self.website.trimmingCharacters(in: .whitespaces)
        if !website.isEmpty, !(website.hasPrefix("https://") || website.hasPrefix("http://")) || website.count > 300 || website.contains(" ") {
            errors.append(FieldError("website", .fieldUrlFormat))
        }
        let courses = languageCourses.trimmingCharacters(in: .whitespacesAndNewlines), events = self.events.trimmingCharacters(in: .whitespacesAndNewlines)
        if courses.count > 3_000 { errors.append(FieldError("languageCourses", .fieldTooLong, ["max": "3000"])) }
        if events.count > 3_000 { errors.append(FieldError("events", .fieldTooLong, ["max": "3000"])) }
        guard errors.isEmpty, let kind else { throw DomainError.invalid(errors) }
        return (kind, name, country, identifier, website, courses, events)
    }
}

/// What a keeper types for an agreement (a draft until it is signed).
public struct AgreementDraft: Sendable, Hashable {
    public var kind = ""
    public var title = ""
    public var summary = ""
    public var confidential = ""
    /// Partner codes, one per line or separated by commas.
    public var partners = ""
    public var region = ""
    public var endsOn = ""
    public var renewal = ""

    public init(kind: String = "", title: String = "", summary: String = "", confidential: String = "", partners: String = "", region: String = "",
                endsOn: String = "", renewal: String = "") {
        self.kind = kind; self.title = title; self.summary = summary; self.confidential = confidential; self.partners = partners
        self.region = region; self.endsOn = endsOn; self.renewal = renewal
    }

    public struct Valid: Sendable {
        public var kind: Agreement.Kind
        public var title: String
        public var summary: String
        public var confidential: String
        public var partnerCodes: [String]
        public var region: String
        public var endsOn: Day?
        public var renewal: Agreement.Renewal
    }

    public func validated() throws -> Valid {
        var errors: [FieldError] = []
        let kind = Agreement.Kind(rawValue: self.kind)
        if kind == nil { errors.append(FieldError("kind", .fieldRequired)) }
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.append(FieldError("title", .fieldRequired)) } else if title.count > 300 { errors.append(FieldError("title", .fieldTooLong, ["max": "300"])) }
        let summary = self.summary.trimmingCharacters(in: .whitespacesAndNewlines), confidential = self.confidential.trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.count > 5_000 { errors.append(FieldError("summary", .fieldTooLong, ["max": "5000"])) }
        if confidential.count > 10_000 { errors.append(FieldError("confidential", .fieldTooLong, ["max": "10000"])) }
        let codes = partners.split(whereSeparator: { $0 == "," || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        if codes.isEmpty { errors.append(FieldError("partners", .fieldRequired)) }
        if PlaceDirectory.shared.find(region) == nil { errors.append(FieldError("region", region.isEmpty ? .fieldRequired : .importUnknownPlace)) }
        let ends = endsOn.trimmingCharacters(in: .whitespaces).isEmpty ? nil : Day(endsOn)
        if !endsOn.trimmingCharacters(in: .whitespaces).isEmpty, ends == nil { errors.append(FieldError("endsOn", .fieldDate)) }
        let renewal = Agreement.Renewal(rawValue: self.renewal)
        if renewal == nil { errors.append(FieldError("renewal", .fieldRequired)) }
        if renewal != nil, renewal != Agreement.Renewal.none, ends == nil { errors.append(FieldError("endsOn", .cooperationRenewalNeedsEnd)) }
        guard errors.isEmpty, let kind, let renewal else { throw DomainError.invalid(errors) }
        return Valid(kind: kind, title: title, summary: summary, confidential: confidential, partnerCodes: Array(Set(codes)).sorted(), region: region,
                     endsOn: ends, renewal: renewal)
    }
}

/// What a keeper types for an obligation.
public struct ObligationDraft: Sendable, Hashable {
    public var text = ""
    public var dueOn = ""
    public var measureCode = ""
    public var eventCode = ""

    public init(text: String = "", dueOn: String = "", measureCode: String = "", eventCode: String = "") {
        self.text = text; self.dueOn = dueOn; self.measureCode = measureCode; self.eventCode = eventCode
    }

    /// The checked fields (the measure and the event are resolved by storage).
    public func validated() throws -> (text: String, dueOn: Day, measureCode: String, eventCode: String) {
        var errors: [FieldError] = []
        let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { errors.append(FieldError("text", .fieldRequired)) } else if text.count > 1_000 { errors.append(FieldError("text", .fieldTooLong, ["max": "1000"])) }
        let due = Day(dueOn)
        if due == nil { errors.append(FieldError("dueOn", dueOn.isEmpty ? .fieldRequired : .fieldDate)) }
        guard errors.isEmpty, let due else { throw DomainError.invalid(errors) }
        return (text, due, measureCode.trimmingCharacters(in: .whitespaces), eventCode.trimmingCharacters(in: .whitespaces).uppercased())
    }
}
