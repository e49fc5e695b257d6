import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// The course pages: the catalogue, the results of a place, a course with its groups, a group with its
/// schedule, enrolment and (for its keepers) the register of attendance and results, and the learner's
/// own page.
enum CoursesPage {
    static func crumbs(_ l10n: Localizer, _ trail: [(String, String?)]) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.coursesTitle), url: trail.isEmpty ? nil : SiteURL.courses.path)] + trail.map { Layout.Crumb(label: $0.0, url: $0.1) }
    }

    static func weekdayNames(_ weekdays: [Int], _ l10n: Localizer) -> String {
        weekdays.map { l10n(weekdayKey($0)) }.joined(separator: ", ")
    }

    static func weekdayKey(_ day: Int) -> L10nKey { L10nKey(rawValue: "courses.weekday.\(day)")! }

    static func regionOptions(_ l10n: Localizer) -> [(value: String, label: String)] {
        ReferenceData.regions.filter { $0.kind != .district }.map { ($0.code, l10n.text($0.name)) }
    }

    // MARK: Catalogue

    static func catalogue(_ courses: [Course], groups: [CourseGroup], hosts: [UUID: LocalizedText], region: String?, kind: Course.Kind?, canHost: Bool,
                          _ context: PageContext) -> String {
        let l10n = context.l10n
        let byCourse = Dictionary(grouping: groups, by: \.courseID)
        let list: HTMLNode = courses.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.coursesNone))) :
            el("ul", ["class": "course-list"], courses.map { course in
                let details = [hosts[course.hostID].map { l10n.text($0) } ?? "", EarlyWarningPage.regionName(course.region, l10n), l10n(course.kind.l10nKey),
                               course.targetLevel.map { l10n(.coursesTargetLevelIs, ["level": l10n($0.l10nKey)]) } ?? l10n(course.audience.l10nKey),
                               l10n(course.format.l10nKey), l10n(.coursesHours, ["hours": l10n.number(course.hours)]),
                               l10n(.coursesGroupsCount, ["count": l10n.number(byCourse[course.id]?.count ?? 0)])]
                return el("li", [:], el("a", ["href": SiteURL.course(code: course.code).path], .text(course.title)),
                          el("p", ["class": "muted"], .text(details.filter { !$0.isEmpty }.joined(separator: " · "))))
            })
        return Layout.page(title: l10n(.coursesTitle), crumbs: crumbs(l10n, []), context: context, content: .group([
            el("h1", [:], .text(l10n(.coursesTitle))),
            el("p", ["class": "lead"], .text(l10n(.coursesLead))),
            el("p", ["class": "actions"],
               canHost ? el("a", ["class": "button", "href": SiteURL.courseNew.path], .text(l10n(.coursesNew))) : .empty,
               el("a", ["class": "button secondary", "href": SiteURL.courseResults.with([("region", region)])], .text(l10n(.coursesResultsTitle)))),
            el("form", ["method": "get", "action": SiteURL.courses.path, "class": "filters", "id": "course-filters"],
               Form.select("region", label: l10n(.appealPlace), options: regionOptions(l10n), selected: region ?? "", errors: Form.Errors(), l10n: l10n,
                           anyLabel: l10n(.coursesAllRegions)),
               Form.select("kind", label: l10n(.coursesKind), options: Course.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                           selected: kind?.rawValue ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.coursesAllKinds)),
               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.eventsShow)))),
            list,
        ]))
    }

    // MARK: Results

    static func results(_ results: CourseResults, region: String?, _ context: PageContext) -> String {
        let l10n = context.l10n
        let place = region.map { EarlyWarningPage.regionName($0, l10n) } ?? l10n(.coursesRepublic)
        let figures: [(String, String)] = [
            (l10n(.coursesEnrolled), l10n.number(results.enrolled)), (l10n(.coursesStudying), l10n.number(results.studying)),
            (l10n(.coursesCompleted), l10n.number(results.completed)), (l10n(.coursesNotPassed), l10n.number(results.notPassed)),
            (l10n(.coursesDroppedOut), l10n.number(results.droppedOut)), (l10n(.coursesWaiting), l10n.number(results.waiting)),
            (l10n(.coursesHoursPerLevel), results.hoursPerLevel.map { String(format: "%.1f", $0) } ?? "—"),
        ]
        let levels = results.exitLevels
        let matrix: HTMLNode = results.matrix.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.coursesMatrixEmpty))) :
            el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "level-matrix"],
                el("caption", [:], .text(l10n(.coursesMatrixCaption))),
                el("thead", [:], el("tr", [:], [el("th", ["scope": "col"], .text(l10n(.coursesEntryExit)))] + levels.map { el("th", ["scope": "col"], .text($0?.rawValue ?? l10n(.coursesNoLevel))) })),
                el("tbody", [:], results.entryLevels.map { entry in
                    el("tr", [:], [el("th", ["scope": "row"], .text(entry?.rawValue ?? l10n(.coursesNoLevel)))]
                        + levels.map { exit in el("td", [:], .text(results.matrix[entry]?[exit].map { l10n.number($0) } ?? "")) })
                })))
        return Layout.page(title: l10n(.coursesResultsTitle), crumbs: crumbs(l10n, [(l10n(.coursesResultsTitle), nil)]), context: context, content: .group([
            el("h1", [:], .text(l10n(.coursesResultsTitle) + " — " + place)),
            el("form", ["method": "get", "action": SiteURL.courseResults.path, "class": "filters", "id": "results-filters"],
               Form.select("region", label: l10n(.appealPlace), options: regionOptions(l10n), selected: region ?? "", errors: Form.Errors(), l10n: l10n,
                           anyLabel: l10n(.coursesRepublic)),
               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.eventsShow)))),
            Layout.facts(figures, id: "course-results"),
            el("p", ["class": "hint"], .text(l10n(.coursesResultsHint))),
            matrix,
        ]))
    }

    // MARK: A course

    static func courseLabels(_ l10n: Localizer) -> [String: String] {
        ["kind": l10n(.coursesKind), "audience": l10n(.coursesAudience), "title": l10n(.coursesCourseTitle), "description": l10n(.libraryDescription),
         "region": l10n(.appealPlace), "targetLevel": l10n(.coursesTargetLevel), "format": l10n(.coursesFormat),
         "instructionLanguage": l10n(.coursesInstructionLanguage), "hours": l10n(.coursesHoursLabel), "competencies": l10n(.coursesCompetencies),
         "passMark": l10n(.coursesPassMark), "minAttendance": l10n(.coursesMinAttendance), "validityMonths": l10n(.coursesValidity),
         "teacher": l10n(.coursesTeacher), "venue": l10n(.eventsVenue), "firstDay": l10n(.coursesFirstDay), "weekdays": l10n(.coursesWeekdays),
         "startTime": l10n(.coursesStartTime), "minutes": l10n(.coursesMinutes), "sessions": l10n(.coursesSessions), "capacity": l10n(.eventsCapacity),
         "name": l10n(.eventsName), "ageBand": l10n(.coursesAgeBand), "ethnicity": l10n(.coursesEthnicity), "entryLevel": l10n(.coursesEntryLevel),
         "consent": l10n(.eventsConsent), "session": l10n(.coursesSessionLabel), "present": l10n(.coursesPresent), "finalScore": l10n(.coursesFinalScore),
         "kaztest": l10n(.coursesKaztest), "attended": l10n(.coursesAttendance), "reason": l10n(.eventsReason), "step": l10n(.grantsStatus)]
            .merging(Dictionary(uniqueKeysWithValues: LanguageSkill.allCases.map { ("score_\($0.rawValue)", l10n($0.l10nKey)) })) { a, _ in a }
    }

    static func courseFields(_ form: CoursesController.CourseForm, errors: Form.Errors, _ l10n: Localizer) -> [HTMLNode] {
        let labels = courseLabels(l10n)
        return [
            Form.select("kind", label: labels["kind"]!, options: Course.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }, selected: form.kind ?? "",
                        errors: errors, l10n: l10n, required: true),
            Form.text("title", label: labels["title"]!, value: form.title ?? "", errors: errors, l10n: l10n, required: true),
            Form.textArea("description", label: labels["description"]!, value: form.description ?? "", errors: errors, l10n: l10n),
            Form.select("audience", label: labels["audience"]!, options: Course.Audience.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                        selected: form.audience ?? "", errors: errors, l10n: l10n, required: true),
            Form.select("region", label: labels["region"]!, options: regionOptions(l10n), selected: form.region ?? "", errors: errors, l10n: l10n, required: true),
            Form.select("targetLevel", label: labels["targetLevel"]!, options: LanguageLevel.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                        selected: form.targetLevel ?? "", errors: errors, l10n: l10n, anyLabel: l10n(.coursesNoTargetLevel)),
            Form.select("format", label: labels["format"]!, options: Course.Format.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                        selected: form.format ?? "", errors: errors, l10n: l10n, required: true),
            Form.select("instructionLanguage", label: labels["instructionLanguage"]!, options: Language.allCases.map { ($0.rawValue, NewsPage.langName($0, l10n)) },
                        selected: form.instructionLanguage ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("hours", label: labels["hours"]!, value: form.hours ?? "", errors: errors, l10n: l10n, type: "number", required: true),
            Form.textArea("competencies", label: labels["competencies"]!, value: form.competencies ?? "", errors: errors, l10n: l10n, hint: l10n(.libraryOnePerLine)),
            Form.text("passMark", label: labels["passMark"]!, value: form.passMark ?? "", errors: errors, l10n: l10n, type: "number", hint: l10n(.coursesPassMarkHint)),
            Form.text("minAttendance", label: labels["minAttendance"]!, value: form.minAttendance ?? "", errors: errors, l10n: l10n, type: "number"),
            Form.text("validityMonths", label: labels["validityMonths"]!, value: form.validityMonths ?? "", errors: errors, l10n: l10n, type: "number",
                      hint: l10n(.coursesValidityHint)),
        ]
    }

    static func courseForm(_ form: CoursesController.CourseForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.coursesNew), crumbs: crumbs(l10n, [(l10n(.coursesNew), nil)]), context: context, content: .group([
            el("h1", [:], .text(l10n(.coursesNew))),
            Form.summary(errors, labels: courseLabels(l10n), l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.courseNew.path, "id": "course-form"], Layout.csrfField(context),
               .group(courseFields(form, errors: errors, l10n)), el("button", ["type": "submit", "class": "button"], .text(l10n(.newsSave)))),
        ]))
    }

    static func schedule(_ group: CourseGroup, _ l10n: Localizer) -> String {
        "\(weekdayNames(group.weekdays, l10n)), \(group.startTime) · \(l10n(.coursesMinutesValue, ["minutes": String(group.minutes)]))"
    }

    static func course(_ course: Course, host: LocalizedText?, groups: [CourseGroup], seats: [UUID: (taken: Int, waiting: Int)], calendar: WorkingCalendar,
                       canKeep: Bool, courseForm: CoursesController.CourseForm, groupForm: CoursesController.GroupForm, errors: Form.Errors,
                       _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = courseLabels(l10n)
        var facts: [(String, String)] = [
            (l10n(.coursesHost), host.map { l10n.text($0) } ?? ""), (labels["region"]!, EarlyWarningPage.regionName(course.region, l10n)),
            (labels["kind"]!, l10n(course.kind.l10nKey)), (labels["audience"]!, l10n(course.audience.l10nKey)),
            (labels["targetLevel"]!, course.targetLevel.map { l10n($0.l10nKey) } ?? ""), (labels["format"]!, l10n(course.format.l10nKey)),
            (labels["instructionLanguage"]!, NewsPage.langName(course.instructionLanguage, l10n)), (labels["hours"]!, l10n.number(course.hours)),
            (l10n(.coursesAssessment), course.kind == .stateLanguage ? l10n(.coursesRuleLanguage, ["mark": String(SkillScores.passMark)])
                : l10n(.coursesRuleProfessional, ["mark": String(course.passMark)])),
            (labels["minAttendance"]!, "\(course.minAttendance)%"),
            (labels["validityMonths"]!, course.validityMonths.map { l10n(.coursesValidityValue, ["months": String($0)]) } ?? l10n(.coursesNoExpiry)),
        ]
        if !course.competencies.isEmpty { facts.append((labels["competencies"]!, course.competencies.joined(separator: "; "))) }
        let rows: [[HTMLNode]] = groups.map { group in
            let seat = seats[group.id] ?? (0, 0)
            return [el("a", ["href": SiteURL.courseGroup(code: group.code).path], .text(group.code)), .text(group.teacher), .text(group.firstDay.dotted),
                    .text(group.lastDay(calendar).dotted), .text(schedule(group, l10n)),
                    .text(l10n(.coursesSeatsValue, ["taken": String(seat.taken), "capacity": String(group.capacity)])), .text(String(seat.waiting))]
        }
        var sections: [HTMLNode] = [
            el("h1", [:], .text(course.title)),
            el("p", ["class": "muted"], .text(course.code)),
            Form.summary(errors, labels: labels, l10n: l10n),
            course.description.isEmpty ? .empty : el("p", ["class": "lead"], .text(course.description)),
            Layout.facts(facts.filter { !$0.1.isEmpty }, id: "course-facts"),
            el("h2", [:], .text(l10n(.coursesGroups))),
            groups.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.coursesNoGroups))) :
                Layout.table([l10n(.coursesGroup), labels["teacher"]!, labels["firstDay"]!, l10n(.coursesLastDay), l10n(.coursesSchedule), l10n(.coursesSeats),
                              l10n(.coursesWaiting)], rows, id: "course-groups"),
        ]
        if canKeep {
            let weekdays = (0...6).map { (String($0), l10n(weekdayKey($0))) }
            sections.append(el("form", ["method": "post", "action": SiteURL.courseGroups(code: course.code).path, "id": "group-form", "class": "step-form"],
                               Layout.csrfField(context), el("h3", [:], .text(l10n(.coursesAddGroup))),
                               Form.text("teacher", label: labels["teacher"]!, value: groupForm.teacher ?? "", errors: errors, l10n: l10n, required: true),
                               Form.text("venue", label: labels["venue"]!, value: groupForm.venue ?? "", errors: errors, l10n: l10n, required: true,
                                         hint: course.format == .online ? l10n(.coursesVenueOnline) : nil),
                               Form.text("firstDay", label: labels["firstDay"]!, value: groupForm.firstDay ?? "", errors: errors, l10n: l10n, type: "date", required: true),
                               Form.checkboxes("weekdays", legend: labels["weekdays"]!, options: weekdays, checked: Set(groupForm.weekdays ?? []),
                                               errors: errors, l10n: l10n),
                               Form.text("startTime", label: labels["startTime"]!, value: groupForm.startTime ?? "", errors: errors, l10n: l10n, type: "time", required: true),
                               Form.text("minutes", label: labels["minutes"]!, value: groupForm.minutes ?? "", errors: errors, l10n: l10n, type: "number", required: true),
                               Form.text("sessions", label: labels["sessions"]!, value: groupForm.sessions ?? "", errors: errors, l10n: l10n, type: "number",
                                         required: true, hint: l10n(.coursesSessionsHint)),
                               Form.text("capacity", label: labels["capacity"]!, value: groupForm.capacity ?? "", errors: errors, l10n: l10n, type: "number", required: true),
                               el("button", ["type": "submit", "class": "button"], .text(l10n(.coursesAddGroup)))))
            sections.append(el("form", ["method": "post", "action": SiteURL.course(code: course.code).path, "id": "course-form", "class": "step-form"],
                               Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(courseForm.version ?? course.version)]),
                               el("h3", [:], .text(l10n(.coursesEdit))), .group(courseFields(courseForm, errors: errors, l10n)),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.newsSave)))))
        }
        return Layout.page(title: course.title, crumbs: crumbs(l10n, [(course.code, nil)]), context: context, content: .group(sections))
    }

    // MARK: A group

    /// What a group's page shows; `learners` only to its keepers.
    struct GroupModel {
        var group: CourseGroup
        var course: Course
        var host: LocalizedText?
        var days: [Day]
        var today: Day
        var taken: Int
        var waiting: Int
        var learners: [Enrolment]
        /// Opened ethnic groups by learner, for the keepers.
        var ethnicity: [UUID: String]
        var canKeep: Bool
    }

    static func attendanceText(_ attendance: Attendance, _ l10n: Localizer) -> String {
        guard attendance.held > 0 else { return l10n(.coursesNoneHeld, ["planned": String(attendance.planned)]) }
        return l10n(.coursesAttendanceValue, ["attended": String(attendance.attended), "planned": String(attendance.planned), "ofPlanned": String(attendance.ofPlanned),
                                       "held": String(attendance.held), "ofHeld": String(attendance.ofHeld)])
    }

    /// Attendance in a table cell: the planned and the held figure on lines of their own.
    static func attendanceCell(_ attendance: Attendance, _ l10n: Localizer) -> HTMLNode {
        guard attendance.held > 0 else { return .text(l10n(.coursesNoneHeld, ["planned": String(attendance.planned)])) }
        return .group([.text(l10n(.coursesOfPlanned, ["attended": String(attendance.attended), "planned": String(attendance.planned), "share": String(attendance.ofPlanned)])),
                el("br", [:]),
                .text(l10n(.coursesOfHeld, ["attended": String(attendance.attended), "held": String(attendance.held), "share": String(attendance.ofHeld)]))])
    }

    static func group(_ model: GroupModel, enrolForm: CoursesController.EnrolForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = courseLabels(l10n)
        let group = model.group, course = model.course
        let held = Set(group.held)
        let open = !group.cancelled && model.today <= (model.days.last ?? group.firstDay)
        var sections: [HTMLNode] = [
            el("h1", [:], .text("\(course.title) — \(group.code)")),
            Form.summary(errors, labels: labels, l10n: l10n),
            Layout.facts([(l10n(.coursesHost), model.host.map { l10n.text($0) } ?? ""), (labels["teacher"]!, group.teacher), (labels["venue"]!, group.venue),
                          (l10n(.coursesSchedule), schedule(group, l10n)), (labels["firstDay"]!, group.firstDay.dotted),
                          (l10n(.coursesLastDay), (model.days.last ?? group.firstDay).dotted),
                          (labels["sessions"]!, l10n(.coursesSessionsValue, ["planned": String(group.sessions), "held": String(held.count)])),
                          (l10n(.coursesSeats), l10n(.coursesSeatsValue, ["taken": String(model.taken), "capacity": String(group.capacity)])),
                          (l10n(.coursesWaiting), String(model.waiting))], id: "group-facts"),
            el("p", [:], el("a", ["href": SiteURL.course(code: course.code).path], .text(l10n(.coursesAboutCourse))), .text(" · "),
               el("a", ["href": SiteURL.courseGroupCalendar(code: group.code).path, "type": "text/calendar"], .text(l10n(.coursesCalendarFeed)))),
            el("h2", [:], .text(l10n(.coursesScheduleTitle))),
            el("ol", ["class": "session-days", "id": "session-days"], model.days.enumerated().map { index, day in
                el("li", [:], .text(day.dotted + " " + group.startTime + (held.contains(index + 1) ? " · " + l10n(.coursesHeld) : "")))
            }),
        ]
        if open {
            sections.append(el("form", ["method": "post", "action": SiteURL.courseGroupEnrol(code: group.code).path, "id": "enrol-form", "class": "step-form"],
                Layout.csrfField(context), el("h2", [:], .text(l10n(.coursesEnrol))),
                el("p", ["class": "hint"], .text(model.taken < group.capacity ? l10n(.coursesSeatsLeft, ["count": String(group.capacity - model.taken)]) : l10n(.coursesFullWaitlist))),
                Form.text("name", label: labels["name"]!, value: enrolForm.name ?? "", errors: errors, l10n: l10n, required: true,
                          hint: l10n(.coursesNameHint), autocomplete: "name"),
                Form.select("ageBand", label: labels["ageBand"]!, options: Disaggregation.Dimension.age.options.map { ($0.code, l10n.text($0.name)) },
                            selected: enrolForm.ageBand ?? "", errors: errors, l10n: l10n, required: true, anyLabel: "—"),
                Form.select("ethnicity", label: labels["ethnicity"]!, options: Disaggregation.Dimension.ethnicity.options.map { ($0.code, l10n.text($0.name)) },
                            selected: enrolForm.ethnicity ?? "", errors: errors, l10n: l10n, anyLabel: l10n(.coursesNotGiven)),
                course.kind == .stateLanguage ? Form.select("entryLevel", label: labels["entryLevel"]!,
                                                            options: LanguageLevel.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                                                            selected: enrolForm.entryLevel ?? "", errors: errors, l10n: l10n, anyLabel: l10n(.coursesNoLevel)) : .empty,
                el("p", ["class": "hint"], .text(l10n(.coursesPrivacy))),
                Form.checkbox("consent", label: labels["consent"]!, checked: enrolForm.consent ?? false),
                errors.fields["consent"].map { el("p", ["class": "error-message"], .text(l10n($0.key, $0.arguments))) } ?? .empty,
                el("button", ["type": "submit", "class": "button"], .text(l10n(.coursesEnrol)))))
        } else {
            sections.append(el("p", ["class": "notice"], .text(l10n(.coursesEnrolmentClosed))))
        }
        if model.canKeep { sections += register(model, errors: errors, labels: labels, context) }
        return Layout.page(title: "\(course.title) — \(group.code)", crumbs: crumbs(l10n, [(course.code, SiteURL.course(code: course.code).path), (group.code, nil)]),
                           context: context, content: .group(sections))
    }

    /// The keepers' register: attendance by session and each learner's record with its results form.
    static func register(_ model: GroupModel, errors: Form.Errors, labels: [String: String], _ context: PageContext) -> [HTMLNode] {
        let l10n = context.l10n
        let group = model.group, course = model.course
        let seated = model.learners.filter { $0.status == .enrolled }
        let due = model.days.enumerated().filter { $0.element <= model.today }
        var nodes: [HTMLNode] = [el("h2", ["id": "attendance"], .text(l10n(.coursesRegister)))]
        if due.isEmpty {
            nodes.append(el("p", ["class": "hint"], .text(l10n(.coursesNoSessionDue))))
        } else if seated.isEmpty {
            nodes.append(el("p", ["class": "hint"], .text(l10n(.coursesNobodyStudying))))
        } else {
            let next = due.first { !group.held.contains($0.offset + 1) } ?? due.last!
            nodes.append(el("form", ["method": "post", "action": SiteURL.courseGroupAttendance(code: group.code).path, "id": "attendance-form", "class": "step-form"],
                Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(group.version)]),
                Form.select("session", label: labels["session"]!, options: due.map { (String($0.offset + 1), l10n(.coursesSession, ["number": String($0.offset + 1)])
                    + " · " + $0.element.dotted + (group.held.contains($0.offset + 1) ? " · " + l10n(.coursesHeld) : "")) },
                            selected: String(next.offset + 1), errors: errors, l10n: l10n, required: true),
                Form.checkboxes("present", legend: labels["present"]!, options: seated.map { ($0.id.uuidString, $0.name) },
                                checked: Set(seated.filter { $0.attended.contains(next.offset + 1) || !group.held.contains(next.offset + 1) }.map(\.id.uuidString)),
                                errors: errors, l10n: l10n),
                el("button", ["type": "submit", "class": "button"], .text(l10n(.coursesMarkAttendance)))))
        }
        let rows: [[HTMLNode]] = model.learners.map { learner in
            let scores = learner.scores.map { scores in LanguageSkill.allCases.map { String(scores[$0]) }.joined(separator: " · ") }
                ?? learner.finalScore.map { "\($0)%" } ?? ""
            return [el("span", ["id": "learner-\(learner.id.uuidString.lowercased())"], .text(learner.name)),
                    .text(l10n(learner.status.l10nKey)), .text(learner.ageBand), .text(model.ethnicity[learner.id].flatMap { code in
                        Disaggregation.Dimension.ethnicity.options.first { $0.code == code }.map { l10n.text($0.name) } } ?? "—"),
                    .text(learner.entryLevel?.rawValue ?? "—"), attendanceCell(learner.attendance(in: group), l10n), .text(scores),
                    .text(learner.exitLevel?.rawValue ?? ""),
                    learner.certificateCode.map { el("a", ["href": SiteURL.certificate(code: $0).path], .text($0)) } ?? .empty]
        }
        nodes.append(el("h2", [:], .text(l10n(.coursesLearners))))
        nodes.append(model.learners.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.coursesNoLearners))) :
            Layout.table([labels["name"]!, l10n(.grantsStatus), labels["ageBand"]!, labels["ethnicity"]!, labels["entryLevel"]!, labels["attended"]!,
                          course.kind == .stateLanguage ? l10n(.coursesScoresBySkill) : labels["finalScore"]!, l10n(.coursesExitLevel), l10n(.certificatesTitle)],
                         rows, id: "learners"))
        for learner in model.learners where learner.status == .enrolled || learner.status == .notPassed || learner.status == .waitlisted {
            let key = learner.id.uuidString.lowercased()
            var fields: [HTMLNode] = []
            if learner.status != .waitlisted {
                if course.kind == .stateLanguage {
                    fields += LanguageSkill.allCases.map { skill in
                        Form.text("score_\(skill.rawValue)", label: l10n(skill.l10nKey) + ", %", value: learner.scores.map { String($0[skill]) } ?? "",
                                  errors: Form.Errors(), l10n: l10n, type: "number", key: key)
                    }
                } else {
                    fields.append(Form.text("finalScore", label: labels["finalScore"]!, value: learner.finalScore.map(String.init) ?? "", errors: Form.Errors(),
                                            l10n: l10n, type: "number", key: key))
                }
                fields.append(Form.text("kaztest", label: labels["kaztest"]!, value: learner.kaztest ?? "", errors: Form.Errors(), l10n: l10n, key: key))
                nodes.append(Form.caseStep(.courseLearner(id: learner.id.uuidString), step: "result", version: learner.version,
                                           title: l10n(.coursesResultsFor, ["name": learner.name]), key: learner.id.uuidString.lowercased(), context,
                                           [el("p", ["class": "hint"], .text(course.kind == .stateLanguage ? l10n(.coursesRuleLanguage, ["mark": String(SkillScores.passMark)])
                                                                                : l10n(.coursesRuleProfessional, ["mark": String(course.passMark)])))] + fields))
            }
            if learner.status.isActive {
                nodes.append(Form.caseStep(.courseLearner(id: learner.id.uuidString), step: "drop", version: learner.version,
                                           title: l10n(.coursesDropFor, ["name": learner.name]), key: learner.id.uuidString.lowercased(), context, []))
            }
        }
        return nodes
    }

    // MARK: The learner's own page

    static func learning(_ enrolment: Enrolment, group: CourseGroup, course: Course, host: LocalizedText?, days: [Day], waitingPlace: Int?,
                         _ context: PageContext) -> String {
        let l10n = context.l10n
        let attendance = enrolment.attendance(in: group)
        var facts: [(String, String)] = [
            (l10n(.eventsName), enrolment.name), (l10n(.coursesHost), host.map { l10n.text($0) } ?? ""),
            (l10n(.coursesGroup), group.code), (l10n(.coursesTeacher), group.teacher), (l10n(.eventsVenue), group.venue),
            (l10n(.coursesSchedule), schedule(group, l10n)), (l10n(.coursesFirstDay), group.firstDay.dotted), (l10n(.coursesLastDay), (days.last ?? group.firstDay).dotted),
            (l10n(.grantsStatus), l10n(enrolment.status.l10nKey) + (waitingPlace.map { " · " + l10n(.eventsWaitingPlace, ["place": String($0)]) } ?? "")),
            (l10n(.coursesAttendance), attendanceText(attendance, l10n)),
        ]
        if let level = enrolment.entryLevel { facts.append((l10n(.coursesEntryLevel), l10n(level.l10nKey))) }
        if let scores = enrolment.scores {
            facts += LanguageSkill.allCases.map { (l10n($0.l10nKey), "\(scores[$0])%") }
        }
        if let score = enrolment.finalScore { facts.append((l10n(.coursesFinalScore), "\(score)%")) }
        if let level = enrolment.exitLevel { facts.append((l10n(.coursesExitLevel), l10n(level.l10nKey))) }
        if let kaztest = enrolment.kaztest { facts.append((l10n(.coursesKaztest), kaztest)) }
        return Layout.page(title: l10n(.coursesYourPlace), crumbs: crumbs(l10n, [(course.title, SiteURL.course(code: course.code).path), (l10n(.coursesYourPlace), nil)]),
                           context: context, content: .group([
            el("h1", [:], .text(l10n(.coursesYourPlace))),
            el("p", ["class": "lead"], el("a", ["href": SiteURL.course(code: course.code).path], .text(course.title))),
            el("p", ["class": "hint"], .text(l10n(.coursesKeepLink))),
            Layout.facts(facts.filter { !$0.1.isEmpty }, id: "learning-facts"),
            enrolment.certificateCode.map { code in
                el("p", [:], el("a", ["class": "button", "href": SiteURL.certificate(code: code).path], .text(l10n(.certificatesYours, ["code": code]))))
            } ?? .empty,
            el("p", [:], el("a", ["href": SiteURL.courseGroupCalendar(code: group.code).path, "type": "text/calendar"], .text(l10n(.coursesCalendarFeed)))),
        ]))
    }
}
