import Foundation

/// What a host types for a course; `validated` names every problem at once.
public struct CourseDraft: Sendable, Hashable {
    public var kind = ""
    public var audience = ""
    public var title = ""
    public var description = ""
    public var region = ""
    public var targetLevel = ""
    public var format = ""
    public var instructionLanguage = ""
    public var hours = ""
    /// One per line.
    public var competencies = ""
    public var passMark = ""
    public var minAttendance = ""
    /// Empty: the certificate does not expire.
    public var validityMonths = ""

    public init(kind: String = "", audience: String = "", title: String = "", description: String = "", region: String = "", targetLevel: String = "",
                format: String = "", instructionLanguage: String = "", hours: String = "", competencies: String = "", passMark: String = "",
                minAttendance: String = "", validityMonths: String = "") {
        self.kind = kind; self.audience = audience; self.title = title; self.description = description; self.region = region
        self.targetLevel = targetLevel; self.format = format; self.instructionLanguage = instructionLanguage; self.hours = hours
        self.competencies = competencies; self.passMark = passMark; self.minAttendance = minAttendance; self.validityMonths = validityMonths
    }

    public struct Valid: Sendable {
        public var kind: Course.Kind
        public var audience: Course.Audience
        public var title: String
        public var description: String
        public var region: String
        public var targetLevel: LanguageLevel?
        public var format: Course.Format
        public var instructionLanguage: Language
        public var hours: Int
        public var competencies: [String]
        public var passMark: Int
        public var minAttendance: Int
        public var validityMonths: Int?
    }

    public func validated() throws -> Valid {
        var errors: [FieldError] = []
        let kind = Course.Kind(rawValue: self.kind)
        if kind == nil { errors.append(FieldError("kind", .fieldRequired)) }
        let audience = Course.Audience(rawValue: self.audience)
        if audience == nil { errors.append(FieldError("audience", .fieldRequired)) }
        let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.append(FieldError("title", .fieldRequired)) } else if title.count > 300 { errors.append(FieldError("title", .fieldTooLong, ["max": "300"])) }
        let description = self.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if description.count > 5_000 { errors.append(FieldError("description", .fieldTooLong, ["max": "5000"])) }
        if PlaceDirectory.shared.find(region) == nil || RegionCode.topLevel(region) == nil {
            errors.append(FieldError("region", region.isEmpty ? .fieldRequired : .importUnknownPlace))
        }
        let level = LanguageLevel(rawValue: targetLevel.uppercased())
        if kind == .stateLanguage, level == nil { errors.append(FieldError("targetLevel", .fieldRequired)) }
        let format = Course.Format(rawValue: self.format)
        if format == nil { errors.append(FieldError("format", .fieldRequired)) }
        let language = Language(rawValue: instructionLanguage)
        if language == nil { errors.append(FieldError("instructionLanguage", .fieldRequired)) }
        let hours = Self.number(self.hours, "hours", 1...2_000, required: true, &errors)
        let competencies = self.competencies.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if competencies.count > 30 || competencies.contains(where: { $0.count > 300 }) { errors.append(FieldError("competencies", .fieldTooLong, ["max": "300"])) }
        let passMark = Self.number(self.passMark, "passMark", 1...100, required: false, &errors) ?? SkillScores.passMark
        let minAttendance = Self.number(self.minAttendance, "minAttendance", 0...100, required: false, &errors) ?? 70
        let validity = Self.number(validityMonths, "validityMonths", 1...120, required: false, &errors)
        guard errors.isEmpty, let kind, let audience, let format, let language, let hours else { throw DomainError.invalid(errors) }
        return Valid(kind: kind, audience: audience, title: title, description: description, region: region,
                     targetLevel: kind == .stateLanguage ? level : nil, format: format, instructionLanguage: language, hours: hours,
                     competencies: competencies, passMark: kind == .stateLanguage ? SkillScores.passMark : passMark, minAttendance: minAttendance,
                     validityMonths: validity)
    }

    /// A whole number in `range`, or a problem named on `field`; `nil` when empty and not required.
    static func number(_ text: String, _ field: String, _ range: ClosedRange<Int>, required: Bool, _ errors: inout [FieldError]) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            if required { errors.append(FieldError(field, .fieldRequired)) }
            return nil
        }
        guard let value = Int(trimmed), range.contains(value) else {
            errors.append(FieldError(field, .fieldNumberRange, ["min": String(range.lowerBound), "max": String(range.upperBound)]))
            return nil
        }
        return value
    }

    /// The draft of an existing course, for its edit form.
    public init(_ course: Course) {
        self.init(kind: course.kind.rawValue, audience: course.audience.rawValue, title: course.title, description: course.description,
                  region: course.region, targetLevel: course.targetLevel?.rawValue ?? "", format: course.format.rawValue,
                  instructionLanguage: course.instructionLanguage.rawValue, hours: String(course.hours),
                  competencies: course.competencies.joined(separator: "\n"), passMark: String(course.passMark),
                  minAttendance: String(course.minAttendance), validityMonths: course.validityMonths.map(String.init) ?? "")
    }
}

/// What a host types for a group.
public struct CourseGroupDraft: Sendable, Hashable {
    public var teacher = ""
    public var venue = ""
    public var firstDay = ""
    public var weekdays: [Int] = []
    public var startTime = ""
    public var minutes = ""
    public var sessions = ""
    public var capacity = ""

    public init(teacher: String = "", venue: String = "", firstDay: String = "", weekdays: [Int] = [], startTime: String = "", minutes: String = "",
                sessions: String = "", capacity: String = "") {
        self.teacher = teacher; self.venue = venue; self.firstDay = firstDay; self.weekdays = weekdays; self.startTime = startTime
        self.minutes = minutes; self.sessions = sessions; self.capacity = capacity
    }

    public struct Valid: Sendable {
        public var teacher: String
        public var venue: String
        public var firstDay: Day
        public var weekdays: [Int]
        public var startTime: String
        public var minutes: Int
        public var sessions: Int
        public var capacity: Int
    }

    /// Checks the fields; a first day before `today` is refused for a new group.
    public func validated(today: Day) throws -> Valid {
        var errors: [FieldError] = []
        let teacher = self.teacher.trimmingCharacters(in: .whitespacesAndNewlines)
        if teacher.isEmpty { errors.append(FieldError("teacher", .fieldRequired)) } else if teacher.count > 200 { errors.append(FieldError("teacher", .fieldTooLong, ["max": "200"])) }
        let venue = self.venue.trimmingCharacters(in: .whitespacesAndNewlines)
        if venue.isEmpty { errors.append(FieldError("venue", .fieldRequired)) } else if venue.count > 300 { errors.append(FieldError("venue", .fieldTooLong, ["max": "300"])) }
        let first = Day(firstDay)
        if first == nil { errors.append(FieldError("firstDay", firstDay.isEmpty ? .fieldRequired : .fieldDate)) }
        if let first, first < today { errors.append(FieldError("firstDay", .coursesStartsInPast)) }
        let weekdays = Array(Set(self.weekdays.filter { (0...6).contains($0) })).sorted()
        if weekdays.isEmpty { errors.append(FieldError("weekdays", .fieldRequired)) }
        let time = startTime.trimmingCharacters(in: .whitespaces)
        if EventTime.parse("2026-01-05T\(time)") == nil || time.count != 5 { errors.append(FieldError("startTime", time.isEmpty ? .fieldRequired : .eventsBadTime)) }
        let minutes = CourseDraft.number(self.minutes, "minutes", 30...480, required: true, &errors)
        let sessions = CourseDraft.number(self.sessions, "sessions", 1...200, required: true, &errors)
        let capacity = CourseDraft.number(self.capacity, "capacity", 1...200, required: true, &errors)
        guard errors.isEmpty, let first, let minutes, let sessions, let capacity else { throw DomainError.invalid(errors) }
        return Valid(teacher: teacher, venue: venue, firstDay: first, weekdays: weekdays, startTime: time, minutes: minutes, sessions: sessions, capacity: capacity)
    }
}

/// What a learner (or the host's staff for them) types to enrol.
public struct EnrolmentDraft: Sendable, Hashable {
    public var name = ""
    public var ageBand = ""
    /// A code of the statistics' ethnicity options, or empty (not given).
    public var ethnicity = ""
    /// The placement test's level, or empty for a beginner.
    public var entryLevel = ""
    public var consent = false

    public init(name: String = "", ageBand: String = "", ethnicity: String = "", entryLevel: String = "", consent: Bool = false) {
        self.name = name; self.ageBand = ageBand; self.ethnicity = ethnicity; self.entryLevel = entryLevel; self.consent = consent
    }

    public func validated() throws -> (name: String, ageBand: String, ethnicity: String?, entryLevel: LanguageLevel?) {
        var errors: [FieldError] = []
        let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.append(FieldError("name", .fieldRequired)) } else if name.count > 200 { errors.append(FieldError("name", .fieldTooLong, ["max": "200"])) }
        if Disaggregation.Dimension.age.options.first(where: { $0.code == ageBand }) == nil { errors.append(FieldError("ageBand", .fieldRequired)) }
        let ethnicity = self.ethnicity.trimmingCharacters(in: .whitespaces)
        if !ethnicity.isEmpty, Disaggregation.Dimension.ethnicity.options.first(where: { $0.code == ethnicity }) == nil {
            errors.append(FieldError("ethnicity", .fieldChooseValue))
        }
        let level = LanguageLevel(rawValue: entryLevel.uppercased())
        if !entryLevel.isEmpty, level == nil { errors.append(FieldError("entryLevel", .fieldChooseValue)) }
        if !consent { errors.append(FieldError("consent", .eventsConsentRequired)) }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return (name, ageBand, ethnicity.isEmpty ? nil : ethnicity, level)
    }
}

/// What a teacher types at the end of a course for one learner.
public struct ResultDraft: Sendable, Hashable {
    /// Percent per skill (a state-language course).
    public var scores: [LanguageSkill: String] = [:]
    /// Percent (a professional programme).
    public var finalScore = ""
    public var kaztest = ""

    public init(scores: [LanguageSkill: String] = [:], finalScore: String = "", kaztest: String = "") {
        self.scores = scores; self.finalScore = finalScore; self.kaztest = kaztest
    }

    public func validated(for course: Course) throws -> (scores: SkillScores?, finalScore: Int?, kaztest: String?) {
        var errors: [FieldError] = []
        var scores: SkillScores?
        var finalScore: Int?
        switch course.kind {
        case .stateLanguage:
            var percent: [LanguageSkill: Int] = [:]
            for skill in LanguageSkill.allCases {
                percent[skill] = CourseDraft.number(self.scores[skill] ?? "", "score_\(skill.rawValue)", 0...100, required: true, &errors)
            }
            scores = SkillScores(percent)
        case .professional:
            finalScore = CourseDraft.number(self.finalScore, "finalScore", 0...100, required: true, &errors)
        }
        let kaztest = self.kaztest.trimmingCharacters(in: .whitespaces)
        if kaztest.count > 40 || kaztest.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/") }) {
            errors.append(FieldError("kaztest", .coursesBadKaztest))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return (scores, finalScore, kaztest.isEmpty ? nil : kaztest)
    }
}
