import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The calendar of events (S15): the month's events and holidays with the calendar's filters, an
/// event's page with registration, its organiser's steering (steps, registrations, report, photos), the
/// attendee's registration page with its QR code, check-in at the door, and iCalendar feeds.
enum EventsController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.events, use: calendar)
        routes.get(.eventNew, use: newEvent)
        routes.post(.eventNew, use: create)
        routes.get(.eventFeed, use: feed)
        routes.get(.holidays, use: holidays)
        routes.get(.holidaysFeed, use: holidaysFeed)
        routes.get(.event(code: ""), use: show)
        routes.post(.event(code: ""), use: update)
        routes.post(.eventStep(code: ""), use: step)
        routes.post(.eventRegister(code: ""), use: registerAttendee)
        routes.get(.eventCalendar(code: ""), use: eventFeed)
        routes.on(.POST, SiteURL.eventPhotos(code: "").pattern, body: .collect(maxSize: "12mb"), use: attachPhoto)
        routes.get(.eventPhoto(code: "", sha256: ""), use: photo)
        routes.post(.registrationModerate(code: "", id: ""), use: moderate)
        routes.get(.registration(token: ""), use: registration)
        routes.post(.registrationCancel(token: ""), use: cancelRegistration)
        routes.get(.registrationFeed(token: ""), use: registrationFeed)
        routes.get(.checkIn(token: ""), use: checkInPage)
        routes.post(.checkIn(token: ""), use: checkIn)
    }

    /// The registration page's address as e-mails give it.
    static func link(_ request: Request) -> EventStore.RegistrationLink {
        let base = request.application.birlik.configuration.linkBase
        return { base + SiteURL.registration(token: $0).path }
    }

    static func canCreate(_ actor: Actor) -> Bool {
        guard let organization = actor.organizationID else { return false }
        return Access.check(actor, .create, .event, in: Scope(organizationID: organization, regionCode: actor.regionCode, isPublic: true)) == .allowed
    }

    static func canKeep(_ actor: Actor, _ event: Event) -> Bool { Access.check(actor, .update, .event, in: event.scope) == .allowed }

    static func event(_ request: Request) async throws -> Event {
        guard let event = try await EventQueries.event(code: request.parameters.get("code") ?? "", on: request.db) else { throw DomainError.notFound }
        return event
    }

    // MARK: The calendar

    /// The calendar's filters from the query; an unknown place, kind or organiser is refused by name.
    static func filter(_ request: Request) throws -> EventQueries.Filter {
        var filter = EventQueries.Filter()
        if let region = request.queryText("region") {
            guard PlaceDirectory.shared.find(region) != nil else { throw DomainError.invalid([FieldError("region", .importUnknownPlace)]) }
            filter.region = region
        }
        if let kind = request.queryText("kind") {
            guard let value = Event.Kind(rawValue: kind) else { throw DomainError.invalid([FieldError("kind", .fieldChooseValue)]) }
            filter.kind = value
        }
        if let organizer = request.queryText("organizer") {
            guard let id = UUID(uuidString: organizer) else { throw DomainError.invalid([FieldError("organizer", .fieldChooseValue)]) }
            filter.organizerID = id
        }
        return filter
    }

    /// The month asked for (`month=2026-09`), or without one what is coming up: today and the 59 days after.
    static func calendar(_ request: Request) async throws -> Response {
        let month = try request.queryText("month").map { text -> Period in
            guard let period = Period(text), period.kind == .month else { throw DomainError.invalid([FieldError("month", .fieldDate)]) }
            return period
        }
        let filter = try filter(request)
        let today = request.today
        let first = month.map { Day(year: $0.year, month: $0.index, day: 1) } ?? today
        let last = month.map { Day(year: $0.year, month: $0.index, day: Day.daysIn(month: $0.index, year: $0.year)) } ?? today.adding(days: 59)
        let events = try await EventQueries.events(from: first.start, to: last.end, filter: filter, on: request.db)
        let entries = try await WorkingCalendarStore.entries(on: request.db)
        let holidays = Set([first.year, last.year]).sorted().flatMap { HolidayRegister.year($0, entries: entries) }.filter { $0.first <= last && $0.last >= first }
        let names = try await OrganizationQueries.labels(ids: events.map(\.organizerID), on: request.db).mapValues(\.name)
        let model = EventsPage.CalendarModel(month: month, first: first, last: last, today: today, events: events, holidays: holidays, names: names,
                                             filter: filter, canCreate: canCreate(request.actor), base: request.application.birlik.configuration.linkBase)
        return html(EventsPage.calendar(model, PageContext(request)))
    }

    static func holidays(_ request: Request) async throws -> Response {
        let year = try request.queryNumber("year", in: 2000...2100, default: request.today.year)
        let entries = try await WorkingCalendarStore.entries(on: request.db)
        return html(EventsPage.holidays(year: year, HolidayRegister.year(year, entries: entries), base: request.application.birlik.configuration.linkBase,
                                        PageContext(request)))
    }

    // MARK: Feeds

    static func feed(_ request: Request) async throws -> Response {
        let filter = try filter(request)
        // A year back and everything ahead: enough for a calendar program, bounded for the server.
        let events = try await EventQueries.events(from: request.today.adding(days: -366).start, to: nil, filter: filter, on: request.db)
        return try await ics(request, name: request.l10n(.eventsTitle), events: events)
    }

    static func eventFeed(_ request: Request) async throws -> Response {
        let event = try await event(request)
        return try await ics(request, name: event.title, events: [event])
    }

    static func registrationFeed(_ request: Request) async throws -> Response {
        let mine = try await EventQueries.attendee(token: request.parameters.get("token") ?? "", on: request.db)
        guard !mine.isEmpty else { throw DomainError.notFound }
        let events = mine.filter { $0.registration.status.isActive || $0.event.status == .cancelled }.map(\.event)
        return try await ics(request, name: request.l10n(.eventsMyRegistrations), events: events)
    }

    static func holidaysFeed(_ request: Request) async throws -> Response {
        let year = request.today.year
        let entries = try await WorkingCalendarStore.entries(on: request.db)
        let l10n = request.l10n
        let items = (year - 1...year + 1).flatMap { HolidayRegister.year($0, entries: entries) }.map { holiday in
            ICalendar.Entry(uid: "\(holiday.id)-\(holiday.first.year)@birlik.kz", stamp: holiday.first.start, sequence: 0,
                            when: .allDay(first: holiday.first, last: holiday.last), summary: l10n.text(holiday.name),
                            description: l10n(holiday.basis.l10nKey), status: .confirmed,
                            categories: [l10n(holiday.isDayOff ? .holidaysDayOff : .holidaysMemorable)])
        }
        return calendarResponse(ICalendar(name: l10n(.holidaysTitle), entries: items).rendered())
    }

    static func ics(_ request: Request, name: String, events: [Event]) async throws -> Response {
        let l10n = request.l10n
        let base = request.application.birlik.configuration.linkBase
        let names = try await OrganizationQueries.labels(ids: events.map(\.organizerID), on: request.db).mapValues(\.name)
        let entries = events.map { event in
            ICalendar.Entry(uid: "\(event.id.uuidString.lowercased())@birlik.kz", stamp: event.updatedAt, sequence: event.sequence,
                            when: .timed(start: event.startsAt, end: event.endsAt), summary: event.title,
                            description: [event.description, names[event.organizerID].map { l10n(.eventsOrganizer) + ": " + l10n.text($0) } ?? "",
                                          event.cancellationReason ?? ""].filter { !$0.isEmpty }.joined(separator: "\n\n"),
                            location: location(event, l10n),
                            status: icsStatus(event.status), url: base + SiteURL.event(code: event.code).path, categories: [l10n(event.kind.l10nKey)])
        }
        return calendarResponse(ICalendar(name: name, entries: entries).rendered())
    }

    /// The venue, with its place unless the venue already names it.
    static func location(_ event: Event, _ l10n: Localizer) -> String {
        let place = EarlyWarningPage.regionName(event.region, l10n)
        let names = PlaceDirectory.shared.find(event.region).map { [$0.name.kk, $0.name.ru, $0.name.en].compactMap { $0 } } ?? [place]
        return names.contains { event.venue.localizedCaseInsensitiveContains($0) } ? event.venue : "\(event.venue), \(place)"
    }

    static func icsStatus(_ status: Event.Status) -> ICalendar.Entry.Status {
        switch status {
        case .planned, .postponed: .tentative
        case .cancelled: .cancelled
        default: .confirmed
        }
    }

    static func calendarResponse(_ text: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"birlik.ics\"")
        return response
    }

    // MARK: Creating and changing

    struct EventForm: Content {
        var title: String?
        var description: String?
        var kind: String?
        var region: String?
        var venue: String?
        var languages: [String]?
        var measureCode: String?
        var startsAt: String?
        var endsAt: String?
        var capacity: String?
        var moderated: String?
        var retentionDays: String?
        var version: Int?

        var draft: EventDraft {
            EventDraft(title: title ?? "", description: description ?? "", kind: kind ?? "", region: region ?? "", venue: venue ?? "",
                       languages: languages ?? [], measureCode: measureCode ?? "", startsAt: startsAt ?? "", endsAt: endsAt ?? "",
                       capacity: capacity ?? "", moderated: moderated == "true", retentionDays: retentionDays ?? "")
        }

        init(_ draft: EventDraft, version: Int? = nil) {
            title = draft.title; description = draft.description; kind = draft.kind; region = draft.region; venue = draft.venue
            languages = draft.languages; measureCode = draft.measureCode; startsAt = draft.startsAt; endsAt = draft.endsAt
            capacity = draft.capacity; moderated = draft.moderated ? "true" : nil; retentionDays = draft.retentionDays; self.version = version
        }
    }

    static func requireCreator(_ request: Request) throws {
        guard canCreate(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
    }

    static func newEvent(_ request: Request) async throws -> Response {
        try requireCreator(request)
        let draft = EventDraft(kind: Event.Kind.regional.rawValue, region: request.actor.regionCode == RegionCode.republic ? "" : request.actor.regionCode,
                               languages: ["kk", "ru"], retentionDays: String(EventDraft.defaultRetentionDays))
        return html(EventsPage.form(EventForm(draft), code: nil, errors: Form.Errors(), PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        try requireCreator(request)
        try request.requireCSRF()
        let form = try request.content.decode(EventForm.self)
        do {
            let event = try await EventStore.save(form.draft, id: nil, version: 0, actor: request.actor, on: request.db, now: request.now, link: link(request))
            return request.redirect(to: SiteURL.event(code: event.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(EventsPage.form(form, code: nil, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func update(_ request: Request) async throws -> Response {
        let event = try await event(request)
        guard canKeep(request.actor, event) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(EventForm.self)
        do {
            _ = try await EventStore.save(form.draft, id: event.id, version: form.version ?? 0, actor: request.actor, on: request.db, now: request.now,
                                          link: link(request))
            return request.redirect(to: SiteURL.event(code: event.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, event, editForm: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct StepForm: Content {
        var step: String
        var version: Int
        var reason: String?
        var startsAt: String?
        var endsAt: String?
        var women: String?
        var men: String?
        var mediaLinks: String?
        var note: String?
    }

    static func step(_ request: Request) async throws -> Response {
        let event = try await event(request)
        guard canKeep(request.actor, event) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        do {
            let step: EventStep
            switch form.step {
            case "confirm": step = .confirm
            case "hold": step = .hold
            case "postpone": step = .postpone(reason: form.reason ?? "")
            case "cancel": step = .cancel(reason: form.reason ?? "")
            case "reschedule":
                let starts = EventTime.parse(form.startsAt ?? ""), ends = EventTime.parse(form.endsAt ?? "")
                var errors: [FieldError] = []
                if starts == nil { errors.append(FieldError("startsAt", .eventsBadTime)) }
                if ends == nil { errors.append(FieldError("endsAt", .eventsBadTime)) }
                guard let starts, let ends else { throw DomainError.invalid(errors) }
                step = .reschedule(startsAt: starts, endsAt: ends)
            case "report":
                let draft = EventReportDraft(women: form.women ?? "", men: form.men ?? "", mediaLinks: form.mediaLinks ?? "", note: form.note ?? "")
                step = .report(try draft.validated(keeping: event.report?.photos ?? [], on: request.today))
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            _ = try await EventStore.apply(step, to: event.id, version: form.version, actor: request.actor, on: request.db, now: request.now, link: link(request))
            return request.redirect(to: SiteURL.event(code: event.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, event, stepForm: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func attachPhoto(_ request: Request) async throws -> Response {
        let event = try await event(request)
        guard canKeep(request.actor, event) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        struct Upload: Content { var file: File? }
        do {
            guard let file = try request.content.decode(Upload.self).file, file.data.readableBytes > 0 else {
                throw DomainError.invalid([FieldError("file", .attachmentEmpty)])
            }
            _ = try await EventStore.attachPhoto(event.id, data: Data(buffer: file.data), fileName: file.filename, files: request.application.birlik.files,
                                                 actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.event(code: event.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return try await page(request, event, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    /// A photograph of a reported event: public, as its report is.
    static func photo(_ request: Request) async throws -> Response {
        let event = try await event(request)
        let sha256 = request.parameters.get("sha256") ?? ""
        guard let photo = event.report?.photos.first(where: { $0.sha256 == sha256 }), let data = try await request.storedFile(sha256) else { throw DomainError.notFound }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: photo.mediaType)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Cache-Control", value: "public, max-age=31536000, immutable")
        return response
    }

    // MARK: The event's page

    static func show(_ request: Request) async throws -> Response {
        try await page(request, try await event(request), errors: Form.Errors(), status: .ok)
    }

    struct RegistrationForm: Content {
        var name: String?
        var email: String?
        var phone: String?
        var consent: String?
    }

    static func page(_ request: Request, _ event: Event, editForm: EventForm? = nil, stepForm: StepForm? = nil, registrationForm: RegistrationForm? = nil,
                     errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let keeper = canKeep(request.actor, event)
        let measure = try await MeasureReferences.links(event.measureID.map { [$0] } ?? [], on: request.db).first
        let model = EventPage.Model(
            event: event, organizer: try await OrganizationQueries.labels(ids: [event.organizerID], on: request.db)[event.organizerID]?.name,
            measure: measure, counts: try await EventQueries.counts(of: event.id, on: request.db),
            registrations: keeper ? try await EventQueries.registrations(of: event.id, actor: request.actor, on: request.db) : [],
            canKeep: keeper, now: request.now, base: request.application.birlik.configuration.linkBase,
            editForm: editForm ?? EventForm(EventDraft(event, measureCode: measure?.reference ?? ""), version: event.version),
            stepForm: stepForm, registrationForm: registrationForm ?? RegistrationForm())
        return html(EventPage.view(model, errors: errors, PageContext(request)), status: status)
    }

    // MARK: Registration

    static func registerAttendee(_ request: Request) async throws -> Response {
        let event = try await event(request)
        try request.requireCSRF()
        let form = try request.content.decode(RegistrationForm.self)
        do {
            if !request.actor.isSignedIn, let limiter = request.application.birlik.appealLimiter, !limiter.allow(AccessController.clientKey(request)) {
                throw DomainError.rateLimited
            }
            let draft = EventRegistrationDraft(name: form.name ?? "", email: form.email ?? "", phone: form.phone ?? "", consent: form.consent == "true")
            let registration = try await EventStore.register(draft, for: event.id, language: request.l10n.language, actor: request.actor, on: request.db,
                                                             now: request.now, link: link(request))
            return request.redirect(to: SiteURL.registration(token: registration.token).with([("notice", "registered")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .rateLimited {
            return try await page(request, event, registrationForm: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    static func registration(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        let mine = try await EventQueries.attendee(token: token, on: request.db)
        guard let current = mine.first(where: { $0.registration.token == token }) else { throw DomainError.notFound }
        let all = try await EventStore.registrations(of: current.event.id, on: request.db)
        let model = EventPage.RegistrationModel(registration: current.registration, event: current.event,
                                                waitingPlace: EventSeats.place(of: current.registration.id, in: all),
                                                others: mine.filter { $0.registration.id != current.registration.id },
                                                base: request.application.birlik.configuration.linkBase, now: request.now)
        let response = html(EventPage.registration(model, PageContext(request)))
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        return response
    }

    static func cancelRegistration(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        try request.requireCSRF()
        let l10n = request.l10n
        if let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.eventsCancelRegistrationQuestion), consequence: l10n(.eventsCancelRegistrationConsequence),
                                                      confirm: l10n(.eventsCancelRegistration), back: SiteURL.registration(token: token).path) { return ask }
        _ = try await EventStore.cancel(token: token, actor: request.actor, on: request.db, now: request.now, link: link(request))
        return request.redirect(to: SiteURL.registration(token: token).with([("notice", "saved")]), redirectType: .normal)
    }

    static func moderate(_ request: Request) async throws -> Response {
        let event = try await event(request)
        try request.requireCSRF()
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw DomainError.notFound }
        struct Decision: Content { var decision: String; var version: Int }
        let form = try request.content.decode(Decision.self)
        _ = try await EventStore.moderate(id, approve: form.decision == "approve", version: form.version, actor: request.actor, on: request.db,
                                          now: request.now, link: link(request))
        return request.redirect(to: SiteURL.event(code: event.code).with([("notice", "saved")]) + "#registrations", redirectType: .normal)
    }

    // MARK: Check-in

    static func checkInPage(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        guard request.actor.isSignedIn else { throw DomainError.signInRequired }
        guard let registration = try await EventStore.find(token: token, on: request.db),
              let event = try await EventRecord.find(registration.eventID, on: request.db)?.value else { throw DomainError.notFound }
        try Access.require(request.actor, .update, .eventRegistration, in: registration.scope)
        return html(EventPage.checkIn(registration, event: event, token: token, PageContext(request)))
    }

    static func checkIn(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        try request.requireCSRF()
        let registration = try await EventStore.checkIn(token: token, actor: request.actor, on: request.db, now: request.now)
        guard let event = try await EventRecord.find(registration.eventID, on: request.db)?.value else { throw DomainError.notFound }
        return request.redirect(to: SiteURL.event(code: event.code).with([("notice", "checked-in")]) + "#registrations", redirectType: .normal)
    }
}
