import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The working-day calendar: the year's days off and worked weekend days, a deadline calculator, and
/// for the Secretariat the entries the Government's decrees call for.
enum WorkingCalendarController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.workingCalendar, use: show)
        routes.post(.workingCalendar, use: add)
        routes.post(.workingCalendarRemove, use: remove)
    }

    static let republic = Scope(organizationID: nil, regionCode: RegionCode.republic, isPublic: false)

    static func show(_ request: Request) async throws -> Response {
        try await page(request, draft: CalendarEntryDraft(), errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, draft: CalendarEntryDraft, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let year = try request.queryNumber("year", in: 2000...2100, default: request.today.year)
        let calendar = try await WorkingCalendarStore.calendar(on: request.db)
        // The calculator: `count` working days after `from`.
        let from = request.queryText("from").flatMap(Day.init)
        let count = try request.queryNumber("count", in: 0...366, default: 15)
        let model = WorkingCalendarPage.Model(year: year, marked: calendar.exceptions(in: year),
                                              workingDays: calendar.workingDays(from: Day(year: year - 1, month: 12, day: 31), to: Day(year: year, month: 12, day: 31)),
                                              from: from, count: count, result: from.map { calendar.adding(workingDays: count, to: $0) },
                                              canEdit: Access.check(request.actor, .update, .workingCalendar, in: republic) == .allowed)
        return html(WorkingCalendarPage.view(model, draft: draft, errors: errors, PageContext(request)), status: status)
    }

    struct EntryForm: Content {
        var day: String?
        var kind: String?
        var note: String?
    }

    static func add(_ request: Request) async throws -> Response {
        try Access.require(request.actor, .update, .workingCalendar, in: republic)
        try request.requireCSRF()
        let form = try request.content.decode(EntryForm.self)
        let draft = CalendarEntryDraft(day: form.day ?? "", kind: form.kind ?? "", note: form.note ?? "")
        do {
            let entry = try await WorkingCalendarStore.add(draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.workingCalendar.with([("year", String(entry.day.year)), ("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, draft: draft, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct RemoveForm: Content { var day: String }

    static func remove(_ request: Request) async throws -> Response {
        try Access.require(request.actor, .update, .workingCalendar, in: republic)
        try request.requireCSRF()
        let form = try request.content.decode(RemoveForm.self)
        guard let day = Day(form.day) else { throw DomainError.invalid([FieldError("day", .fieldDate)]) }
        let l10n = request.l10n
        if let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.calendarRemoveQuestion, ["date": day.dotted]),
                                                      consequence: l10n(.calendarRemoveConsequence), confirm: l10n(.calendarRemove),
                                                      back: SiteURL.workingCalendar.with([("year", String(day.year))])) { return ask }
        try await WorkingCalendarStore.remove(day: day, actor: request.actor, on: request.db, now: request.now)
        return request.redirect(to: SiteURL.workingCalendar.with([("year", String(day.year)), ("notice", "deleted")]), redirectType: .normal)
    }
}

/// The calendar page.
enum WorkingCalendarPage {
    struct Model {
        var year: Int
        var marked: [(day: Day, mark: WorkingCalendar.Mark)]
        var workingDays: Int
        var from: Day?
        var count: Int
        var result: Day?
        var canEdit: Bool
    }

    static func weekday(_ day: Day, _ l10n: Localizer) -> String {
        l10n(L10nKey(rawValue: "calendar.weekday.\(day.weekday)") ?? .calendarTitle)
    }

    static func view(_ model: Model, draft: CalendarEntryDraft, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let rows = model.marked.map { day, mark -> HTMLNode in
            let (kind, note, entry): (String, String, CalendarEntry?) = switch mark {
            case let .holiday(holiday): (l10n(.calendarKindHoliday), l10n.text(holiday.name), nil)
            case let .carriedOver(holiday): (l10n(.calendarCarriedOver), l10n.text(holiday.name), nil)
            case let .entry(entry): (l10n(entry.kind.l10nKey), entry.note, entry)
            }
            return el("tr", [:], el("td", [:], .text(day.dotted)), el("td", [:], .text(weekday(day, l10n))), el("td", [:], .text(kind)), el("td", [:], .text(note)),
                      model.canEdit ? el("td", [:], entry.map { _ in
                          el("form", ["method": "post", "action": SiteURL.workingCalendarRemove.path, "class": "inline"], Layout.csrfField(context),
                             el("input", ["type": "hidden", "name": "day", "value": day.description]),
                             el("button", ["type": "submit", "class": "button secondary small"], .text(l10n(.calendarRemove))))
                      } ?? .empty) : .empty)
        }
        let years = (model.year - 2...model.year + 2).map { (String($0), String($0)) }
        return Layout.page(title: l10n(.calendarTitle), crumbs: [Layout.Crumb(label: l10n(.calendarTitle), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.calendarTitle))),
            el("p", ["class": "lead"], .text(l10n(.calendarLead))),
            el("form", ["method": "get", "action": SiteURL.workingCalendar.path, "class": "inline-filter"],
               Form.select("year", label: l10n(.appealStatsYear), options: years, selected: String(model.year), errors: Form.Errors(), l10n: l10n),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply)))),
            el("p", ["id": "working-days-count"], .text(l10n(.calendarWorkingDaysInYear, ["year": String(model.year), "count": l10n.number(model.workingDays)]))),
            el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "calendar-days"],
               el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.calendarDay))), el("th", [:], .text(l10n(.calendarWeekday))),
                                   el("th", [:], .text(l10n(.calendarKind))), el("th", [:], .text(l10n(.calendarNote))),
                                   model.canEdit ? el("th", [:], .text("")) : .empty)),
               el("tbody", [:], rows))),
            el("section", ["id": "calculator"], el("h2", [:], .text(l10n(.calendarCalculator))),
               el("form", ["method": "get", "action": SiteURL.workingCalendar.path, "class": "inline-filter"],
                  el("input", ["type": "hidden", "name": "year", "value": String(model.year)]),
                  Form.text("from", label: l10n(.calendarFrom), value: model.from?.description ?? "", errors: Form.Errors(), l10n: l10n, type: "date"),
                  Form.text("count", label: l10n(.calendarCount), value: String(model.count), errors: Form.Errors(), l10n: l10n, type: "number"),
                  el("button", ["type": "submit", "class": "button"], .text(l10n(.calendarCompute)))),
               model.result.map { result in
                   el("p", ["id": "calculator-result", "role": "status"],
                      .text(l10n(.calendarResult, ["count": l10n.number(model.count), "from": model.from?.dotted ?? "", "date": result.dotted,
                                                   "weekday": weekday(result, l10n)])))
               } ?? .empty),
            model.canEdit ? el("section", ["id": "calendar-entry"], el("h2", [:], .text(l10n(.calendarAdd))),
                               Form.summary(errors, labels: ["day": l10n(.calendarDay), "kind": l10n(.calendarKind), "note": l10n(.calendarNote)], l10n: l10n),
                               el("form", ["method": "post", "action": SiteURL.workingCalendar.path, "id": "calendar-form"], Layout.csrfField(context),
                                  Form.text("day", label: l10n(.calendarDay), value: draft.day, errors: errors, l10n: l10n, type: "date", required: true),
                                  Form.select("kind", label: l10n(.calendarKind), options: CalendarEntry.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                                              selected: draft.kind, errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
                                  Form.text("note", label: l10n(.calendarNote), value: draft.note, errors: errors, l10n: l10n, required: true,
                                            hint: l10n(.calendarNoteHint)),
                                  el("button", ["type": "submit", "class": "button"], .text(l10n(.calendarAdd))))) : .empty,
        ]))
    }
}
