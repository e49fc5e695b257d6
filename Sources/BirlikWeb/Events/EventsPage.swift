import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The calendar's pages: the month's agenda of holidays and events with its filters and subscriptions,
/// the holiday register of a year, the event form.
enum EventsPage {
    static func crumbs(_ l10n: Localizer, _ last: String?) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.eventsTitle), url: last == nil ? nil : SiteURL.events.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    /// A feed's address for calendar programs (`webcal:`), from its web address.
    static func webcal(_ url: String) -> String {
        for scheme in ["https://", "http://"] where url.hasPrefix(scheme) { return "webcal://" + url.dropFirst(scheme.count) }
        return url
    }

    /// The two ways to take a feed: subscribe in a calendar program, or download the file.
    static func subscribe(_ url: String, label: String, id: String, _ l10n: Localizer) -> HTMLNode {
        el("p", ["class": "subscribe", "id": id],
           el("a", ["class": "button secondary", "href": webcal(url)], .text(l10n(.eventsSubscribe) + " · " + label)), .text(" "),
           el("a", ["href": url, "type": "text/calendar"], .text(l10n(.eventsDownloadICS))))
    }

    struct CalendarModel {
        /// The month shown; `nil` for what is coming up from today.
        var month: Period?
        var first: Day
        var last: Day
        var today: Day
        var events: [Event]
        var holidays: [HolidayRegister.Occurrence]
        var names: [UUID: LocalizedText]
        var filter: EventQueries.Filter
        var canCreate: Bool
        var base: String
    }

    static func monthName(_ month: Int, year: Int, _ l10n: Localizer) -> String {
        l10n(.eventsMonthYear, ["month": l10n(L10nKey(rawValue: "month.\(month)") ?? .eventsTitle), "year": String(year)])
    }

    static func calendar(_ model: CalendarModel, _ context: PageContext) -> String {
        let l10n = context.l10n
        let query: [(String, String?)] = [("region", model.filter.region), ("kind", model.filter.kind?.rawValue), ("organizer", model.filter.organizerID?.uuidString)]
        // Without a month: the month before today's, today's own, and the next.
        let shown = model.month.map { Day(year: $0.year, month: $0.index, day: 1) }
        let base = shown ?? Day(year: model.today.year, month: model.today.month, day: 1)
        let previous = base.adding(days: -1), next = base.adding(days: Day.daysIn(month: base.month, year: base.year))
        let link = { (day: Day) in SiteURL.events.with([("month", String(format: "%04d-%02d", day.year, day.month))] + query) }
        // The agenda: every day of the month that has a holiday or an event, in order.
        var days: [Day: (holidays: [HolidayRegister.Occurrence], events: [Event])] = [:]
        for holiday in model.holidays {
            var day = max(holiday.first, model.first)
            while day <= holiday.last, day <= model.last { days[day, default: ([], [])].holidays.append(holiday); day = day.adding(days: 1) }
        }
        for event in model.events {
            let day = max(event.startDay, model.first)
            days[day, default: ([], [])].events.append(event)
        }
        let agenda: [HTMLNode] = days.keys.sorted().map { day in
            let entry = days[day]!
            return el("li", ["class": "agenda-day"],
                      el("h3", [:], el("time", ["datetime": day.description], .text("\(day.dotted) · \(WorkingCalendarPage.weekday(day, l10n))"))),
                      el("ul", ["class": "agenda-items"],
                         .group(entry.holidays.map { holiday in
                             el("li", ["class": "holiday"],
                                el("span", ["class": holiday.isDayOff ? "badge status-done" : "badge"], .text(l10n(holiday.isDayOff ? .holidaysDayOff : .holidaysMemorable))),
                                .text(" "), el("strong", [:], .text(l10n.text(holiday.name))))
                         }),
                         .group(entry.events.map { event in eventLine(event, organizer: model.names[event.organizerID], l10n) })))
        }
        let feedURL = model.base + SiteURL.eventFeed.with(query)
        let places = ReferenceData.regions.filter { $0.kind != .district && $0.code != RegionCode.republic }.map { ($0.code, l10n.text($0.name)) }
        return Layout.page(title: l10n(.eventsTitle), crumbs: crumbs(l10n, nil), context: context, content: .group([
            el("h1", [:], .text(l10n(.eventsTitle))),
            el("p", ["class": "lead"], .text(l10n(.eventsLead))),
            model.canCreate ? el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.eventNew.path], .text(l10n(.eventsNew)))) : .empty,
            el("form", ["method": "get", "action": SiteURL.events.path, "class": "filters", "id": "event-filters"],
               model.month.map { el("input", ["type": "hidden", "name": "month", "value": $0.description]) } ?? .empty,
               Form.select("region", label: l10n(.appealPlace), options: places, selected: model.filter.region ?? "", errors: Form.Errors(), l10n: l10n,
                           anyLabel: l10n(.eventsAnyPlace)),
               Form.select("kind", label: l10n(.eventsKind), options: Event.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                           selected: model.filter.kind?.rawValue ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.eventsAnyKind)),
               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.eventsShow)))),
            el("nav", ["class": "month-nav", "aria-label": l10n(.eventsMonths)],
               el("a", ["href": link(previous), "rel": "prev"], .text("← " + monthName(previous.month, year: previous.year, l10n))),
               el("h2", ["id": "month"], .text(shown.map { monthName($0.month, year: $0.year, l10n) } ?? l10n(.eventsComingUp, ["from": model.first.dotted, "to": model.last.dotted]))),
               shown == nil ? el("a", ["href": link(base)], .text(monthName(base.month, year: base.year, l10n))) : .empty,
               el("a", ["href": link(next), "rel": "next"], .text(monthName(next.month, year: next.year, l10n) + " →"))),
            agenda.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(model.month == nil ? .eventsNoneComingUp : .eventsNoneThisMonth))) : el("ol", ["class": "agenda", "id": "agenda"], agenda),
            el("h2", [:], .text(l10n(.eventsSubscribeTitle))),
            el("p", ["class": "hint"], .text(l10n(.eventsSubscribeHint))),
            subscribe(feedURL, label: model.filter.region.map { EarlyWarningPage.regionName($0, l10n) } ?? l10n(.eventsAllEvents), id: "feed", l10n),
            el("p", [:], el("a", ["href": SiteURL.holidays.with([("year", String(model.first.year))])], .text(l10n(.holidaysTitle) + " " + String(model.first.year)))),
        ]))
    }

    static func eventLine(_ event: Event, organizer: LocalizedText?, _ l10n: Localizer) -> HTMLNode {
        el("li", ["class": event.status == .cancelled ? "event cancelled" : "event"],
           el("span", ["class": "time"], .text(EventTime.clock(event.startsAt))), .text(" "),
           el("a", ["href": SiteURL.event(code: event.code).path], .text(event.title)),
           el("span", ["class": "muted"], .text(" · " + [l10n(event.kind.l10nKey), EarlyWarningPage.regionName(event.region, l10n),
                                                         organizer.map { l10n.text($0) } ?? ""].filter { !$0.isEmpty }.joined(separator: " · "))),
           event.status == .planned || event.status == .confirmed ? .empty : el("span", ["class": "badge status-overdue"], .text(" " + l10n(event.status.l10nKey))))
    }

    static func holidays(year: Int, _ holidays: [HolidayRegister.Occurrence], base: String, _ context: PageContext) -> String {
        let l10n = context.l10n
        let rows: [[HTMLNode]] = holidays.map { holiday in
            [el("time", ["datetime": holiday.first.description], .text(holiday.first == holiday.last ? holiday.first.dotted : "\(holiday.first.dotted) – \(holiday.last.dotted)")),
             el("a", ["href": SiteURL.events.with([("month", String(format: "%04d-%02d", year, holiday.first.month))])], .text(l10n.text(holiday.name))),
             .text(l10n(holiday.isDayOff ? .holidaysDayOff : .holidaysMemorable)), .text(l10n(holiday.basis.l10nKey))]
        }
        return Layout.page(title: l10n(.holidaysTitle), crumbs: crumbs(l10n, l10n(.holidaysTitle)), context: context, wide: true, content: .group([
            el("h1", [:], .text("\(l10n(.holidaysTitle)) · \(year)")),
            el("p", ["class": "lead"], .text(l10n(.holidaysLead))),
            el("nav", ["class": "month-nav", "aria-label": l10n(.holidaysYears)],
               el("a", ["href": SiteURL.holidays.with([("year", String(year - 1))]), "rel": "prev"], .text("← \(year - 1)")),
               el("a", ["href": SiteURL.holidays.with([("year", String(year + 1))]), "rel": "next"], .text("\(year + 1) →"))),
            Layout.table([l10n(.holidaysDates), l10n(.holidaysName), l10n(.holidaysKind), l10n(.holidaysBasis)], rows, id: "holidays"),
            subscribe(base + SiteURL.holidaysFeed.path, label: l10n(.holidaysTitle), id: "holidays-feed", l10n),
        ]))
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        ["title": l10n(.eventsEventTitle), "description": l10n(.eventsDescription), "kind": l10n(.eventsKind), "region": l10n(.appealPlace),
         "venue": l10n(.eventsVenue), "languages": l10n(.eventsLanguages), "measureCode": l10n(.eventsMeasure), "startsAt": l10n(.eventsStartsAt),
         "endsAt": l10n(.eventsEndsAt), "capacity": l10n(.eventsCapacity), "retentionDays": l10n(.eventsRetention), "reason": l10n(.eventsReason),
         "women": l10n(.eventsWomen), "men": l10n(.eventsMen), "mediaLinks": l10n(.eventsMediaLinks), "note": l10n(.grantsNote),
         "name": l10n(.eventsName), "email": l10n(.eventsEmail), "phone": l10n(.eventsPhone), "consent": l10n(.eventsConsent),
         "file": l10n(.eventsPhotos), "step": l10n(.grantsStatus)]
    }

    static func fields(_ form: EventsController.EventForm, errors: Form.Errors, _ l10n: Localizer) -> [HTMLNode] {
        let labels = labels(l10n)
        let places = ReferenceData.regions.filter { $0.code != RegionCode.republic }.map { ($0.code, l10n.text($0.name)) }
        return [
            Form.text("title", label: labels["title"]!, value: form.title ?? "", errors: errors, l10n: l10n, required: true),
            Form.textArea("description", label: labels["description"]!, value: form.description ?? "", errors: errors, l10n: l10n),
            Form.select("kind", label: labels["kind"]!, options: Event.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }, selected: form.kind ?? "",
                        errors: errors, l10n: l10n, required: true),
            Form.select("region", label: labels["region"]!, options: places, selected: form.region ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("venue", label: labels["venue"]!, value: form.venue ?? "", errors: errors, l10n: l10n, required: true),
            Form.checkboxes("languages", legend: labels["languages"]!, options: Language.allCases.map { ($0.rawValue, l10n(L10nKey(rawValue: "lang.\($0.rawValue)")!)) },
                            checked: Set(form.languages ?? []), errors: errors, l10n: l10n),
            Form.text("startsAt", label: labels["startsAt"]!, value: form.startsAt ?? "", errors: errors, l10n: l10n, type: "datetime-local", required: true,
                      hint: l10n(.eventsTimeHint)),
            Form.text("endsAt", label: labels["endsAt"]!, value: form.endsAt ?? "", errors: errors, l10n: l10n, type: "datetime-local", required: true),
            Form.text("measureCode", label: labels["measureCode"]!, value: form.measureCode ?? "", errors: errors, l10n: l10n, hint: l10n(.eventsMeasureHint)),
            Form.text("capacity", label: labels["capacity"]!, value: form.capacity ?? "", errors: errors, l10n: l10n, type: "number", hint: l10n(.eventsCapacityHint)),
            Form.checkbox("moderated", label: l10n(.eventsModerated), checked: form.moderated == "true"),
            Form.text("retentionDays", label: labels["retentionDays"]!, value: form.retentionDays ?? "", errors: errors, l10n: l10n, type: "number",
                      hint: l10n(.eventsRetentionHint)),
        ]
    }

    static func form(_ form: EventsController.EventForm, code: String?, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.eventsNew), crumbs: crumbs(l10n, l10n(.eventsNew)), context: context, content: .group([
            el("h1", [:], .text(l10n(.eventsNew))),
            Form.summary(errors, labels: labels(l10n), l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.eventNew.path, "id": "event-form"], Layout.csrfField(context),
               .group(fields(form, errors: errors, l10n)),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.eventsSave)))),
        ]))
    }
}
