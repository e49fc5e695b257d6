import BirlikCore
import BirlikDocuments
import BirlikStorage
import FluentKit
import Vapor

/// Courses (S13, S17): the public catalogue and results, a course and its groups, enrolment with a
/// waiting list, the teacher's attendance and results, the learner's own page by token and each
/// group's iCalendar schedule.
enum CoursesController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.courses, use: catalogue)
        routes.get(.courseResults, use: results)
        routes.get(.courseNew, use: newCourse)
        routes.post(.courseNew, use: create)
        routes.get(.course(code: ""), use: show)
        routes.post(.course(code: ""), use: update)
        routes.post(.courseGroups(code: ""), use: addGroup)
        routes.get(.courseGroup(code: ""), use: group)
        routes.post(.courseGroupEnrol(code: ""), use: enrol)
        routes.post(.courseGroupAttendance(code: ""), use: attendance)
        routes.get(.courseGroupCalendar(code: ""), use: calendar)
        routes.post(.courseLearner(id: ""), use: learnerStep)
        routes.get(.learning(token: ""), use: learning)
    }

    /// Whether the actor may open a course for its own organisation.
    static func canHost(_ actor: Actor) -> Bool {
        guard let organization = actor.organizationID else { return false }
        return Access.check(actor, .create, .course, in: Scope(organizationID: organization, regionCode: actor.regionCode, isPublic: true)) == .allowed
    }

    static func vault(_ request: Request) throws -> ConfidentialVault {
        try VaultKeys.vault(.learners, dataDirectory: request.application.birlikDataDirectory)
    }

    // MARK: Catalogue and results

    static func region(_ request: Request) throws -> String? {
        guard let region = request.queryText("region"), !region.isEmpty else { return nil }
        guard PlaceDirectory.shared.find(region) != nil else { throw DomainError.invalid([FieldError("region", .importUnknownPlace)]) }
        return region
    }

    static func catalogue(_ request: Request) async throws -> Response {
        let region = try region(request)
        let kindText = request.queryText("kind") ?? ""
        let kind = Course.Kind(rawValue: kindText)
        if !kindText.isEmpty, kind == nil { throw DomainError.invalid([FieldError("kind", .fieldChooseValue)]) }
        let courses = try await CourseQueries.courses(region: region, kind: kind, on: request.db)
        let groups = try await CourseQueries.groups(of: courses.map(\.id), on: request.db)
        let hosts = try await OrganizationQueries.labels(ids: courses.map(\.hostID), on: request.db).mapValues(\.name)
        return html(CoursesPage.catalogue(courses, groups: groups, hosts: hosts, region: region, kind: kind, canHost: canHost(request.actor),
                                          PageContext(request)))
    }

    static func results(_ request: Request) async throws -> Response {
        let region = try region(request)
        let results = try await CourseQueries.results(region: region, on: request.db)
        return html(CoursesPage.results(results, region: region, PageContext(request)))
    }

    // MARK: A course

    struct CourseForm: Content {
        var kind: String?
        var audience: String?
        var title: String?
        var description: String?
        var region: String?
        var targetLevel: String?
        var format: String?
        var instructionLanguage: String?
        var hours: String?
        var competencies: String?
        var passMark: String?
        var minAttendance: String?
        var validityMonths: String?
        var version: Int?

        var draft: CourseDraft {
            CourseDraft(kind: kind ?? "", audience: audience ?? "", title: title ?? "", description: description ?? "", region: region ?? "",
                        targetLevel: targetLevel ?? "", format: format ?? "", instructionLanguage: instructionLanguage ?? "", hours: hours ?? "",
                        competencies: competencies ?? "", passMark: passMark ?? "", minAttendance: minAttendance ?? "", validityMonths: validityMonths ?? "")
        }

        init(_ draft: CourseDraft, version: Int? = nil) {
            kind = draft.kind; audience = draft.audience; title = draft.title; description = draft.description; region = draft.region
            targetLevel = draft.targetLevel; format = draft.format; instructionLanguage = draft.instructionLanguage; hours = draft.hours
            competencies = draft.competencies; passMark = draft.passMark; minAttendance = draft.minAttendance; validityMonths = draft.validityMonths
            self.version = version
        }
    }

    static func newCourse(_ request: Request) async throws -> Response {
        guard canHost(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let draft = CourseDraft(kind: Course.Kind.stateLanguage.rawValue, audience: Course.Audience.public_.rawValue, region: request.actor.regionCode,
                                targetLevel: LanguageLevel.b1.rawValue, format: Course.Format.inPerson.rawValue, instructionLanguage: Language.ru.rawValue,
                                hours: "72", passMark: "60", minAttendance: "70")
        return html(CoursesPage.courseForm(CourseForm(draft), errors: Form.Errors(), PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        guard canHost(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(CourseForm.self)
        do {
            let course = try await CourseStore.save(form.draft, id: nil, version: 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.course(code: course.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(CoursesPage.courseForm(form, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func course(_ request: Request) async throws -> Course {
        guard let course = try await CourseQueries.course(code: request.parameters.get("code") ?? "", on: request.db) else { throw DomainError.notFound }
        return course
    }

    static func show(_ request: Request) async throws -> Response {
        try await page(request, try await course(request), courseForm: nil, groupForm: nil, errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, _ course: Course, courseForm: CourseForm?, groupForm: GroupForm?, errors: Form.Errors,
                     status: HTTPResponseStatus) async throws -> Response {
        let groups = try await CourseQueries.groups(of: [course.id], on: request.db)
        let seats = try await CourseQueries.seats(of: groups.map(\.id), on: request.db)
        let host = try await OrganizationQueries.labels(ids: [course.hostID], on: request.db)[course.hostID]?.name
        let calendar = try await WorkingCalendarStore.calendar(on: request.db)
        let canKeep = Access.check(request.actor, .update, .course, in: course.scope) == .allowed
        return html(CoursesPage.course(course, host: host, groups: groups, seats: seats, calendar: calendar, canKeep: canKeep,
                                       courseForm: courseForm ?? CourseForm(CourseDraft(course), version: course.version),
                                       groupForm: groupForm ?? GroupForm(), errors: errors, PageContext(request)), status: status)
    }

    static func update(_ request: Request) async throws -> Response {
        let course = try await course(request)
        try request.requireCSRF()
        let form = try request.content.decode(CourseForm.self)
        do {
            _ = try await CourseStore.save(form.draft, id: course.id, version: form.version ?? 0, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.course(code: course.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, course, courseForm: form, groupForm: nil, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct GroupForm: Content {
        var teacher: String?
        var venue: String?
        var firstDay: String?
        var weekdays: [String]?
        var startTime: String?
        var minutes: String?
        var sessions: String?
        var capacity: String?

        init() { startTime = "18:30"; minutes = "90"; sessions = "24"; capacity = "15"; weekdays = ["0", "2"] }

        var draft: CourseGroupDraft {
            CourseGroupDraft(teacher: teacher ?? "", venue: venue ?? "", firstDay: firstDay ?? "", weekdays: (weekdays ?? []).compactMap { Int($0) },
                             startTime: startTime ?? "", minutes: minutes ?? "", sessions: sessions ?? "", capacity: capacity ?? "")
        }
    }

    static func addGroup(_ request: Request) async throws -> Response {
        let course = try await course(request)
        try request.requireCSRF()
        let form = try request.content.decode(GroupForm.self)
        do {
            let group = try await CourseStore.addGroup(form.draft, to: course.id, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.courseGroup(code: group.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, course, courseForm: nil, groupForm: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    // MARK: A group

    static func groupAndCourse(_ request: Request) async throws -> (CourseGroup, Course) {
        guard let group = try await CourseQueries.group(code: request.parameters.get("code") ?? "", on: request.db),
              let course = try await CourseQueries.course(id: group.courseID, on: request.db) else { throw DomainError.notFound }
        return (group, course)
    }

    static func group(_ request: Request) async throws -> Response {
        let (group, course) = try await groupAndCourse(request)
        return try await groupPage(request, group, course, enrolForm: EnrolForm(), errors: Form.Errors(), status: .ok)
    }

    static func groupPage(_ request: Request, _ group: CourseGroup, _ course: Course, enrolForm: EnrolForm, errors: Form.Errors,
                          status: HTTPResponseStatus) async throws -> Response {
        let calendar = try await WorkingCalendarStore.calendar(on: request.db)
        let learners = try await CourseQueries.learners(of: group.id, actor: request.actor, on: request.db)
        let seats = try await CourseQueries.seats(of: [group.id], on: request.db)[group.id] ?? (0, 0)
        let host = try await OrganizationQueries.labels(ids: [course.hostID], on: request.db)[course.hostID]?.name
        let canKeep = Access.check(request.actor, .update, .enrolment, in: Scope(organizationID: group.hostID, regionCode: group.region, isPublic: false)) == .allowed
        // The sealed ethnic group is opened for the host's keepers only, on their page.
        var ethnicity: [UUID: String] = [:]
        if canKeep, learners.contains(where: { $0.ethnicity != nil }) {
            let vault = try vault(request)
            for learner in learners { if let sealed = learner.ethnicity { ethnicity[learner.id] = try? vault.open(String.self, sealed) } }
        }
        let model = CoursesPage.GroupModel(group: group, course: course, host: host, days: group.sessionDays(calendar), today: request.today,
                                           taken: seats.taken, waiting: seats.waiting, learners: canKeep ? learners : [], ethnicity: ethnicity,
                                           canKeep: canKeep)
        return html(CoursesPage.group(model, enrolForm: enrolForm, errors: errors, PageContext(request)), status: status)
    }

    struct EnrolForm: Content {
        var name: String?
        var ageBand: String?
        var ethnicity: String?
        var entryLevel: String?
        var consent: Bool?

        init() {}

        var draft: EnrolmentDraft {
            EnrolmentDraft(name: name ?? "", ageBand: ageBand ?? "", ethnicity: ethnicity ?? "", entryLevel: entryLevel ?? "", consent: consent ?? false)
        }
    }

    static func enrol(_ request: Request) async throws -> Response {
        let (group, course) = try await groupAndCourse(request)
        try request.requireCSRF()
        let form = try request.content.decode(EnrolForm.self)
        do {
            let enrolment = try await CourseStore.enrol(form.draft, in: group.id, vault: try vault(request), actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.learning(token: enrolment.token).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await groupPage(request, group, course, enrolForm: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct AttendanceForm: Content {
        var session: Int?
        var present: [String]?
        var version: Int
    }

    static func attendance(_ request: Request) async throws -> Response {
        let (group, course) = try await groupAndCourse(request)
        try request.requireCSRF()
        let form = try request.content.decode(AttendanceForm.self)
        do {
            let present = Set((form.present ?? []).compactMap(UUID.init(uuidString:)))
            _ = try await CourseStore.markAttendance(group.id, session: form.session ?? 0, present: present, version: form.version, actor: request.actor,
                                                     on: request.db, now: request.now)
            return request.redirect(to: SiteURL.courseGroup(code: group.code).with([("notice", "saved")]) + "#attendance", redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await groupPage(request, group, course, enrolForm: EnrolForm(), errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct LearnerForm: Content {
        var step: String
        var version: Int
        var score_listening: String?
        var score_reading: String?
        var score_grammar: String?
        var score_writing: String?
        var score_speaking: String?
        var finalScore: String?
        var kaztest: String?

        var result: ResultDraft {
            let scores: [LanguageSkill: String] = [.listening: score_listening ?? "", .reading: score_reading ?? "", .grammar: score_grammar ?? "",
                                                   .writing: score_writing ?? "", .speaking: score_speaking ?? ""]
            return ResultDraft(scores: scores, finalScore: finalScore ?? "", kaztest: kaztest ?? "")
        }
    }

    static func learnerStep(_ request: Request) async throws -> Response {
        guard let id = UUID(uuidString: request.parameters.get("id") ?? ""),
              let learner = try await CourseQueries.enrolment(id: id, actor: request.actor, on: request.db),
              let group = try await CourseQueries.group(id: learner.groupID, on: request.db),
              let course = try await CourseQueries.course(id: learner.courseID, on: request.db) else {
            throw request.actor.isSignedIn ? DomainError.notFound : DomainError.signInRequired
        }
        try request.requireCSRF()
        let form = try request.content.decode(LearnerForm.self)
        do {
            switch form.step {
            case "result":
                _ = try await CourseStore.recordResult(form.result, for: id, version: form.version, actor: request.actor, on: request.db, now: request.now)
            case "drop":
                _ = try await CourseStore.dropOut(id, version: form.version, actor: request.actor, on: request.db, now: request.now)
            default:
                throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            return request.redirect(to: SiteURL.courseGroup(code: group.code).with([("notice", "saved")]) + "#learner-\(id.uuidString.lowercased())",
                                    redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await groupPage(request, group, course, enrolForm: EnrolForm(), errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    // MARK: The learner's page and the schedule

    static func learning(_ request: Request) async throws -> Response {
        guard let enrolment = try await CourseQueries.enrolment(token: request.parameters.get("token") ?? "", on: request.db),
              let group = try await CourseQueries.group(id: enrolment.groupID, on: request.db),
              let course = try await CourseQueries.course(id: enrolment.courseID, on: request.db) else { throw DomainError.notFound }
        let calendar = try await WorkingCalendarStore.calendar(on: request.db)
        var place: Int?
        if enrolment.status == .waitlisted {
            let waiting = try await CourseQueries.waitingList(of: group.id, on: request.db)
            place = waiting.firstIndex(of: enrolment.id).map { $0 + 1 }
        }
        let host = try await OrganizationQueries.labels(ids: [course.hostID], on: request.db)[course.hostID]?.name
        return html(CoursesPage.learning(enrolment, group: group, course: course, host: host, days: group.sessionDays(calendar), waitingPlace: place,
                                         PageContext(request)))
    }

    static func calendar(_ request: Request) async throws -> Response {
        let (group, course) = try await groupAndCourse(request)
        let calendar = try await WorkingCalendarStore.calendar(on: request.db)
        let base = request.application.birlik.configuration.linkBase
        let entries = group.sessionDays(calendar).enumerated().map { index, day in
            let start = group.startsAt(day)
            return ICalendar.Entry(uid: "\(group.id.uuidString.lowercased())-\(index + 1)@birlik.kz", stamp: group.updatedAt, sequence: group.version - 1,
                                   when: .timed(start: start, end: start.addingTimeInterval(TimeInterval(group.minutes * 60))),
                                   summary: "\(course.title) — \(request.l10n(.coursesSession, ["number": String(index + 1)]))",
                                   description: request.l10n(.coursesTeacher) + ": " + group.teacher, location: group.venue,
                                   status: group.cancelled ? .cancelled : .confirmed, url: base + SiteURL.courseGroup(code: group.code).path,
                                   categories: [request.l10n(course.kind.l10nKey)])
        }
        return EventsController.calendarResponse(ICalendar(name: "\(course.title) (\(group.code))", entries: entries).rendered())
    }
}
