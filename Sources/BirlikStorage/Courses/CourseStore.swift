import BirlikCore
import FluentKit
import Foundation

/// Courses and their learners (S13, S17): a host opens a course and its groups, learners enrol (a
/// seat while there are seats, else the waiting list), the teacher marks each session's attendance,
/// results at the end assess each learner (60% per skill for the state language) and a passed
/// learner gets a certificate. Seats taken in a state-language course and its graduates move the
/// statistics indicators `language.learners` and `language.graduates` through the statistics store.
/// Every change is audited.
public enum CourseStore {
    // MARK: Courses and groups

    /// Creates a course of the actor's organisation (`id` nil) or changes one opened at `version`.
    public static func save(_ draft: CourseDraft, id: UUID?, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Course {
        let valid = try draft.validated()
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            if let id {
                guard let record = try await CourseRecord.find(id, on: audit.db), let before = record.value else { throw DomainError.notFound }
                try Access.require(actor, .update, .course, in: before.scope)
                try Access.require(actor, .update, .course, in: Scope(organizationID: before.hostID, regionCode: valid.region, isPublic: true))
                guard before.version == version else { throw DomainError.staleVersion }
                // A course whose learners have finished keeps what their certificates say.
                if before.kind != valid.kind || before.targetLevel != valid.targetLevel || before.hours != valid.hours,
                   try await EnrolmentRecord.query(on: audit.db).filter(\.$courseID == id)
                       .filter(\.$status ~~ [Enrolment.Status.completed.rawValue, Enrolment.Status.notPassed.rawValue]).count() > 0 {
                    throw DomainError.conflict(.coursesFinishedLearners)
                }
                var after = before
                after.kind = valid.kind; after.audience = valid.audience; after.title = valid.title; after.description = valid.description
                after.region = valid.region; after.targetLevel = valid.targetLevel; after.format = valid.format
                after.instructionLanguage = valid.instructionLanguage; after.hours = valid.hours; after.competencies = valid.competencies
                after.passMark = valid.passMark; after.minAttendance = valid.minAttendance; after.validityMonths = valid.validityMonths
                after.updatedAt = now; after.version += 1
                record.apply(after)
                try await record.update(on: audit.db)
                try await audit.record("update", "course", id: id.uuidString, before: before, after: after)
                return after
            }
            guard let host = actor.organizationID else { throw DomainError.forbidden }
            try Access.require(actor, .create, .course, in: Scope(organizationID: host, regionCode: valid.region, isPublic: true))
            let prefix = String(format: "KC-%04d-", Day(now).year)
            let count = try await CourseRecord.query(on: audit.db).filter(\.$code >= prefix).filter(\.$code < prefix + ":").count()
            let course = Course(code: prefix + String(format: "%04d", count + 1), kind: valid.kind, audience: valid.audience, title: valid.title,
                                description: valid.description, hostID: host, region: valid.region, targetLevel: valid.targetLevel, format: valid.format,
                                instructionLanguage: valid.instructionLanguage, hours: valid.hours, competencies: valid.competencies,
                                passMark: valid.passMark, minAttendance: valid.minAttendance, validityMonths: valid.validityMonths, updatedAt: now)
            try await CourseRecord(course).create(on: audit.db)
            try await audit.record("create", "course", id: course.id.uuidString, before: Nothing?.none, after: course)
            return course
        }
    }

    /// Opens a new group of a course.
    public static func addGroup(_ draft: CourseGroupDraft, to courseID: UUID, actor: Actor, on db: any Database, now: Date) async throws -> CourseGroup {
        let valid = try draft.validated(today: Day(now))
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let course = try await CourseRecord.find(courseID, on: audit.db)?.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .course, in: course.scope)
            let number = try await CourseGroupRecord.query(on: audit.db).filter(\.$courseID == courseID).count() + 1
            let group = CourseGroup(code: "\(course.code)-\(number)", courseID: courseID, hostID: course.hostID, region: course.region, teacher: valid.teacher,
                                    venue: valid.venue, firstDay: valid.firstDay, weekdays: valid.weekdays, startTime: valid.startTime,
                                    minutes: valid.minutes, sessions: valid.sessions, capacity: valid.capacity, updatedAt: now)
            try await CourseGroupRecord(group).create(on: audit.db)
            try await audit.record("create", "courseGroup", id: group.id.uuidString, before: Nothing?.none, after: group)
            return group
        }
    }

    // MARK: Learners

    /// Enrols a learner in a group until its last session: a seat while there are seats, else the
    /// waiting list. Anyone may enrol themself; the ethnic group, when given, is sealed.
    public static func enrol(_ draft: EnrolmentDraft, in groupID: UUID, vault: ConfidentialVault, actor: Actor, on db: any Database, now: Date) async throws -> Enrolment {
        let person = try draft.validated()
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        let ethnicity = try person.ethnicity.map { try vault.seal($0) }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let group = try await CourseGroupRecord.find(groupID, on: audit.db)?.value,
                  let course = try await CourseRecord.find(group.courseID, on: audit.db)?.value else { throw DomainError.notFound }
            try Access.require(actor, .create, .enrolment, in: Scope(organizationID: group.hostID, regionCode: group.region, isPublic: false))
            guard !group.cancelled, Day(now) <= group.lastDay(calendar) else { throw DomainError.conflict(.coursesEnrolmentClosed) }
            let existing = try await enrolments(of: groupID, on: audit.db)
            let seated = existing.filter { $0.status == .enrolled }.count
            let enrolment = Enrolment(groupID: groupID, courseID: course.id, hostID: group.hostID, region: group.region, token: TokenStore.randomToken(),
                                      name: person.name, ageBand: person.ageBand, ethnicity: ethnicity, entryLevel: person.entryLevel,
                                      status: seated < group.capacity ? .enrolled : .waitlisted, position: (existing.map(\.position).max() ?? 0) + 1,
                                      enrolledAt: now)
            try await EnrolmentRecord(enrolment).create(on: audit.db)
            try await audit.record("enrol", "enrolment", id: enrolment.id.uuidString, before: Nothing?.none, after: Audited(enrolment))
            if enrolment.status == .enrolled { try await ValueStore.contribute(learnerFigures(course, group), source: .courses, audit: audit) }
            return enrolment
        }
    }

    /// Marks session `number` of a group as held with the learners present (every other seated
    /// learner absent). A session is marked on or after its day; marking it again corrects it.
    public static func markAttendance(_ groupID: UUID, session number: Int, present: Set<UUID>, version: Int, actor: Actor, on db: any Database,
                                      now: Date) async throws -> CourseGroup {
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await CourseGroupRecord.find(groupID, on: audit.db), let before = record.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .enrolment, in: Scope(organizationID: before.hostID, regionCode: before.region, isPublic: false))
            guard before.version == version else { throw DomainError.staleVersion }
            let days = before.sessionDays(calendar)
            guard (1...days.count).contains(number) else { throw DomainError.invalid([FieldError("session", .fieldChooseValue)]) }
            guard days[number - 1] <= Day(now) else { throw DomainError.invalid([FieldError("session", .coursesSessionAhead)]) }
            let learners = try await enrolments(of: groupID, on: audit.db).filter { $0.status == .enrolled }
            if let stranger = present.first(where: { id in !learners.contains { $0.id == id } }) {
                throw DomainError.invalid([FieldError("present", .coursesNotInGroup, ["id": stranger.uuidString])])
            }
            var after = before
            after.held = Array(Set(before.held + [number])).sorted(); after.updatedAt = now; after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            for learner in learners {
                let attended = present.contains(learner.id)
                guard attended != learner.attended.contains(number) else { continue }
                var changed = learner
                changed.attended = attended ? (learner.attended + [number]).sorted() : learner.attended.filter { $0 != number }
                changed.version += 1
                try await store(changed, on: audit.db)
            }
            try await audit.record("attend", "courseGroup", id: groupID.uuidString, before: ["session": number],
                                   after: ["session": number, "present": present.count])
            return after
        }
    }

    static func store(_ value: Enrolment, on db: any Database) async throws {
        guard let row = try await EnrolmentRecord.find(value.id, on: db) else { throw DomainError.notFound }
        row.apply(value)
        try await row.update(on: db)
    }

    /// Records a learner's results and assesses them: passed → completed with the level reached and a
    /// certificate; otherwise not passed, and the results may be entered again.
    public static func recordResult(_ draft: ResultDraft, for enrolmentID: UUID, version: Int, actor: Actor, on db: any Database,
                                    now: Date) async throws -> Enrolment {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await EnrolmentRecord.find(enrolmentID, on: audit.db), let before = record.value,
                  let group = try await CourseGroupRecord.find(before.groupID, on: audit.db)?.value,
                  let course = try await CourseRecord.find(before.courseID, on: audit.db)?.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .enrolment, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            guard before.status == .enrolled || before.status == .notPassed else { throw DomainError.conflict(.errorTransition) }
            guard !group.held.isEmpty else { throw DomainError.conflict(.coursesNoSessionHeld) }
            let results = try draft.validated(for: course)
            let assessment = Assessment.of(course, scores: results.scores, finalScore: results.finalScore, entryLevel: before.entryLevel,
                                           attendance: before.attendance(in: group))
            var after = before
            after.scores = results.scores; after.finalScore = results.finalScore; after.kaztest = results.kaztest
            after.exitLevel = assessment.exitLevel; after.status = assessment.passed ? .completed : .notPassed
            after.finishedOn = Day(now); after.version += 1
            if assessment.passed {
                let certificate = try await issue(after, course: course, on: Day(now), audit: audit)
                after.certificateCode = certificate.code
                if course.kind == .stateLanguage, let region = RegionCode.topLevel(course.region) {
                    try await ValueStore.contribute([DataValue(element: "language.graduates", place: region, period: .year(of: Day(now)), value: 1)],
                                                    source: .courses, audit: audit)
                }
            }
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("assess", "enrolment", id: enrolmentID.uuidString, before: Audited(before), after: Audited(after))
            return after
        }
    }

    /// A learner leaves the group (or is taken off the waiting list); a freed seat goes to the first waiting.
    public static func dropOut(_ enrolmentID: UUID, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Enrolment {
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await EnrolmentRecord.find(enrolmentID, on: audit.db), let before = record.value,
                  let group = try await CourseGroupRecord.find(before.groupID, on: audit.db)?.value,
                  let course = try await CourseRecord.find(before.courseID, on: audit.db)?.value else { throw DomainError.notFound }
            try Access.require(actor, .update, .enrolment, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            guard before.status.isActive else { throw DomainError.conflict(.errorTransition) }
            var after = before
            after.status = .droppedOut; after.finishedOn = Day(now); after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("drop", "enrolment", id: enrolmentID.uuidString, before: Audited(before), after: Audited(after))
            if before.status == .enrolled,
               let next = try await enrolments(of: group.id, on: audit.db).filter({ $0.status == .waitlisted }).min(by: { $0.position < $1.position }),
               let row = try await EnrolmentRecord.find(next.id, on: audit.db) {
                var promoted = next
                promoted.status = .enrolled; promoted.version += 1
                row.apply(promoted)
                try await row.update(on: audit.db)
                try await audit.record("promote", "enrolment", id: next.id.uuidString, before: Audited(next), after: Audited(promoted))
                try await ValueStore.contribute(learnerFigures(course, group), source: .courses, audit: audit)
            }
            return after
        }
    }

    // MARK: Certificates

    /// Issues the certificate of a learner who passed; its statement's hash goes into the audit chain.
    static func issue(_ enrolment: Enrolment, course: Course, on day: Day, audit: AuditWriter) async throws -> Certificate {
        var code = Certificate.newCode()
        while try await CertificateRecord.query(on: audit.db).filter(\.$code == code).count() > 0 { code = Certificate.newCode() }
        let certificate = Certificate(code: code, enrolmentID: enrolment.id, courseID: course.id, hostID: course.hostID, region: course.region,
                                      holderName: enrolment.name, courseCode: course.code, courseTitle: course.title, kind: course.kind,
                                      hours: course.hours, level: enrolment.exitLevel, competencies: course.competencies, issuedOn: day,
                                      expiresOn: course.validityMonths.map { day.adding(months: $0) })
        try await CertificateRecord(certificate).create(on: audit.db)
        try await audit.record("issue", "certificate", id: certificate.id.uuidString, before: Nothing?.none,
                               after: ["code": certificate.code, "sha256": certificate.sha256])
        return certificate
    }

    /// Revokes a certificate (a mistake, a fraud), with the reason; it stays verifiable as revoked.
    public static func revoke(_ code: String, reason: String, version: Int, actor: Actor, on db: any Database, now: Date) async throws -> Certificate {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DomainError.invalid([FieldError("reason", .fieldRequired)]) }
        guard reason.count <= 1_000 else { throw DomainError.invalid([FieldError("reason", .fieldTooLong, ["max": "1000"])]) }
        return try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            guard let record = try await CertificateRecord.query(on: audit.db).filter(\.$code == code).first(), let before = record.value else {
                throw DomainError.notFound
            }
            try Access.require(actor, .update, .certificate, in: before.scope)
            guard before.version == version else { throw DomainError.staleVersion }
            guard before.revokedOn == nil else { throw DomainError.conflict(.errorTransition) }
            var after = before
            after.revokedOn = Day(now); after.revocationReason = reason; after.version += 1
            record.apply(after)
            try await record.update(on: audit.db)
            try await audit.record("revoke", "certificate", id: before.id.uuidString, before: ["code": before.code], after: ["code": after.code, "reason": reason])
            return after
        }
    }

    // MARK: Reading and figures

    /// A group's learners in the order they enrolled (unscoped: for the store's own rules).
    static func enrolments(of groupID: UUID, on db: any Database) async throws -> [Enrolment] {
        try await EnrolmentRecord.query(on: db).filter(\.$groupID == groupID).sort(\.$position).all().compactMap(\.value)
    }

    /// One more learner of a state-language course in the year its group starts, in its region.
    static func learnerFigures(_ course: Course, _ group: CourseGroup) -> [DataValue] {
        guard course.kind == .stateLanguage, let region = RegionCode.topLevel(course.region) else { return [] }
        return [DataValue(element: "language.learners", place: region, period: .year(of: group.firstDay), value: 1)]
    }

    /// The audit entry of an enrolment: its course of study, without the learner's name or ethnicity.
    struct Audited: Encodable {
        var id: UUID
        var status: String
        var attended: [Int]
        var scores: SkillScores?
        var finalScore: Int?
        var exitLevel: String?
        var certificate: String?
        init(_ value: Enrolment) {
            id = value.id; status = value.status.rawValue; attended = value.attended; scores = value.scores; finalScore = value.finalScore
            exitLevel = value.exitLevel?.rawValue; certificate = value.certificateCode
        }
    }
}
