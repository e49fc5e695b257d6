import Foundation

/// A learner's place in a course group (S13, S17), with the least personal data that serves: a name
/// for the certificate, an age band, and the ethnic group only if the learner gives it (sealed with
/// the learners' key, never shown outside the host). The learner holds it by a secret token, as an
/// event's attendee does: their own attendance, scores and certificate, no account needed.
public struct Enrolment: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Holds a seat and studies.
        case enrolled
        /// Waits for a seat, in the order enrolled.
        case waitlisted
        /// Finished and passed: a certificate is issued.
        case completed
        /// Finished the course without passing.
        case notPassed
        /// Left before the end.
        case droppedOut
        public var l10nKey: L10nKey { L10nKey(rawValue: "courses.status.\(rawValue)")! }
        public var isActive: Bool { self == .enrolled || self == .waitlisted }
    }

    public var id: UUID
    public var groupID: UUID
    public var courseID: UUID
    public var hostID: UUID
    public var region: String
    /// The learner's secret (256 bits, base64url), opening this record only.
    public var token: String
    public var name: String
    /// An age band of the statistics' age dimension (`18-29`).
    public var ageBand: String
    /// The ethnic group, sealed (`v1:<key>:<base64>`), or `nil` when not given.
    public var ethnicity: String?
    /// The level the placement test gave (a state-language course); `nil` for a beginner with none.
    public var entryLevel: LanguageLevel?
    public var status: Status
    /// The order enrolments came in within the group: the waiting list's order.
    public var position: Int
    /// The session numbers attended.
    public var attended: [Int]
    public var scores: SkillScores?
    /// The final score of a professional programme, percent.
    public var finalScore: Int?
    /// The level reached (a state-language course's target when passed, else the entry level).
    public var exitLevel: LanguageLevel?
    /// A KAZTEST certificate number, when the learner has one.
    public var kaztest: String?
    public var certificateCode: String?
    public var enrolledAt: Date
    public var finishedOn: Day?
    public var version: Int

    public init(id: UUID = UUID(), groupID: UUID, courseID: UUID, hostID: UUID, region: String, token: String, name: String, ageBand: String,
                ethnicity: String?, entryLevel: LanguageLevel?, status: Status, position: Int, attended: [Int] = [], scores: SkillScores? = nil,
                finalScore: Int? = nil, exitLevel: LanguageLevel? = nil, kaztest: String? = nil, certificateCode: String? = nil, enrolledAt: Date,
                finishedOn: Day? = nil, version: Int = 1) {
        self.id = id; self.groupID = groupID; self.courseID = courseID; self.hostID = hostID; self.region = region; self.token = token
        self.name = name; self.ageBand = ageBand; self.ethnicity = ethnicity; self.entryLevel = entryLevel; self.status = status
        self.position = position; self.attended = attended; self.scores = scores; self.finalScore = finalScore; self.exitLevel = exitLevel
        self.kaztest = kaztest; self.certificateCode = certificateCode; self.enrolledAt = enrolledAt; self.finishedOn = finishedOn; self.version = version
    }

    /// Seen by the host's staff and the region's coordinators; never public.
    public var scope: Scope { Scope(organizationID: hostID, regionCode: region, isPublic: false) }

    /// The attendance of this learner in `group`, `heldCount` sessions held so far.
    public func attendance(in group: CourseGroup) -> Attendance {
        let held = Set(group.held)
        return Attendance(attended: attended.filter { held.contains($0) }.count, planned: group.sessions, held: held.count)
    }
}

/// The outcome of assessing a learner at the end of a course.
public struct Assessment: Sendable, Hashable {
    public var passed: Bool
    public var exitLevel: LanguageLevel?
    /// What stands in the way, for the teacher: skills under 60%, a low final score, too few sessions.
    public var problems: [FieldError]

    /// Assesses a learner of `course` with these results and attendance. A state-language course is
    /// passed with 60% in each skill and reaches its target level; a professional programme with its pass
    /// mark. Both ask the minimum attendance of the sessions held.
    public static func of(_ course: Course, scores: SkillScores?, finalScore: Int?, entryLevel: LanguageLevel?, attendance: Attendance) -> Assessment {
        var problems: [FieldError] = []
        switch course.kind {
        case .stateLanguage:
            let failing = scores?.failing ?? LanguageSkill.allCases
            for skill in failing { problems.append(FieldError("score_\(skill.rawValue)", .coursesSkillBelow, ["mark": String(SkillScores.passMark)])) }
        case .professional:
            if (finalScore ?? 0) < course.passMark { problems.append(FieldError("finalScore", .coursesScoreBelow, ["mark": String(course.passMark)])) }
        }
        if attendance.ofHeld < course.minAttendance {
            problems.append(FieldError("attended", .coursesAttendanceBelow, ["min": String(course.minAttendance), "share": String(attendance.ofHeld)]))
        }
        let passed = problems.isEmpty
        let exit = course.kind == .stateLanguage ? (passed ? course.targetLevel : entryLevel) : nil
        return Assessment(passed: passed, exitLevel: exit, problems: problems)
    }
}
