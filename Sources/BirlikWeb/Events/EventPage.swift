import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// An event's page (facts, seats, registration, and for its keepers the steps, registrations, report and
/// photos), the attendee's registration page with its QR code, and the check-in page staff open from it.
enum EventPage {
    struct Model {
        var event: Event
        var organizer: LocalizedText?
        var measure: MeasureReferences.MeasureLink?
        var counts: EventQueries.Counts
        var registrations: [EventRegistration]
        var canKeep: Bool
        var now: Date
        var base: String
        var editForm: EventsController.EventForm
        var stepForm: EventsController.StepForm?
        var registrationForm: EventsController.RegistrationForm
    }

    static func when(_ event: Event) -> String {
        let end = Day(event.endsAt)
        return end == event.startDay ? "\(event.startDay.dotted), \(EventTime.clock(event.startsAt))–\(EventTime.clock(event.endsAt))"
            : "\(event.startDay.dotted) \(EventTime.clock(event.startsAt)) – \(end.dotted) \(EventTime.clock(event.endsAt))"
    }

    static func view(_ model: Model, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let event = model.event
        let labels = EventsPage.labels(l10n)
        var facts: [(String, String)] = [
            (l10n(.eventsWhen), when(event) + " (UTC+5)"),
            (labels["venue"]!, EventsController.location(event, l10n)),
            (labels["kind"]!, l10n(event.kind.l10nKey)),
            (l10n(.eventsOrganizer), model.organizer.map { l10n.text($0) } ?? "—"),
            (labels["languages"]!, event.languages.compactMap { L10nKey(rawValue: "lang.\($0)").map { l10n($0) } }.joined(separator: ", ")),
        ]
        if let capacity = event.capacity {
            facts.append((labels["capacity"]!, l10n(.eventsSeatsLine, ["taken": String(model.counts.confirmed), "capacity": String(capacity),
                                                                        "waiting": String(model.counts.waitlisted)])))
        }
        if let reason = event.cancellationReason { facts.append((labels["reason"]!, reason)) }
        var sections: [HTMLNode] = [
            el("h1", [:], .text(event.title)),
            el("p", ["class": "muted", "id": "event-status"], .text("\(event.code) · "), el("span", ["class": event.status == .cancelled ? "badge status-overdue" : "badge"],
                                                                    .text(l10n(event.status.l10nKey)))),
            Form.summary(errors, labels: labels, l10n: l10n),
            Layout.facts(facts, id: "event-facts"),
            event.description.isEmpty ? .empty : el("p", ["class": "prose"], .text(event.description)),
            model.measure.map { measure in
                el("p", [:], .text(labels["measureCode"]! + ": "), el("a", ["href": SiteURL.measure(id: measure.id.uuidString).path], .text(measure.reference)),
                   .text(" " + l10n.text(measure.title)))
            } ?? .empty,
            EventsPage.subscribe(model.base + SiteURL.eventCalendar(code: event.code).path, label: event.code, id: "event-feed", l10n),
        ]
        if let report = event.report { sections.append(reportSection(event, report, l10n)) }
        if event.takesRegistrations(at: model.now) {
            sections.append(registrationForm(model, errors: errors, context))
        } else if event.capacity != nil, event.status.isUpcoming {
            sections.append(el("p", ["class": "empty-state"], .text(l10n(.eventsRegistrationClosed))))
        }
        if model.canKeep { sections += keeperSections(model, errors: errors, context) }
        return Layout.page(title: event.title, crumbs: EventsPage.crumbs(l10n, event.code), context: context, content: .group(sections))
    }

    static func reportSection(_ event: Event, _ report: EventReport, _ l10n: Localizer) -> HTMLNode {
        el("section", ["id": "event-report"],
           el("h2", [:], .text(l10n(.eventsReport))),
           Layout.facts([(l10n(.eventsParticipants), l10n.number(report.participants)), (l10n(.eventsWomen), l10n.number(report.women)),
                         (l10n(.eventsMen), l10n.number(report.men)), (l10n(.eventsReportedOn), report.reportedOn.dotted)]),
           report.note.isEmpty ? .empty : el("p", ["class": "prose"], .text(report.note)),
           report.mediaLinks.isEmpty ? .empty : el("ul", ["class": "media-links"], report.mediaLinks.map { el("li", [:], el("a", ["href": $0, "rel": "nofollow noopener"], .text($0))) }),
           report.photos.isEmpty ? .empty : el("div", ["class": "photos"], report.photos.map { photo in
               el("img", ["src": SiteURL.eventPhoto(code: event.code, sha256: photo.sha256).path, "alt": photo.fileName, "loading": "lazy", "width": "320"])
           }))
    }

    static func registrationForm(_ model: Model, errors: Form.Errors, _ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        let labels = EventsPage.labels(l10n)
        let form = model.registrationForm
        let full = model.counts.confirmed >= (model.event.capacity ?? 0)
        return el("form", ["method": "post", "action": SiteURL.eventRegister(code: model.event.code).path, "id": "register-form", "class": "step-form"],
                  Layout.csrfField(context), el("h2", [:], .text(l10n(.eventsRegister))),
                  el("p", ["class": "hint"], .text(l10n(model.event.moderated ? .eventsModeratedHint : full ? .eventsFullHint : .eventsRegisterHint))),
                  Form.text("name", label: labels["name"]!, value: form.name ?? "", errors: errors, l10n: l10n, required: true, autocomplete: "name"),
                  Form.text("email", label: labels["email"]!, value: form.email ?? "", errors: errors, l10n: l10n, type: "email", required: true, autocomplete: "email"),
                  Form.text("phone", label: labels["phone"]!, value: form.phone ?? "", errors: errors, l10n: l10n, type: "tel", autocomplete: "tel"),
                  Form.checkbox("consent", label: l10n(.eventsConsentText, ["days": String(model.event.retentionDays)]), checked: form.consent == "true"),
                  errors.fields["consent"].map { el("p", ["class": "error-message"], .text(l10n($0.key))) } ?? .empty,
                  el("button", ["type": "submit", "class": "button"], .text(l10n(full && !model.event.moderated ? .eventsJoinWaitingList : .eventsRegister))))
    }

    static func keeperSections(_ model: Model, errors: Form.Errors, _ context: PageContext) -> [HTMLNode] {
        let l10n = context.l10n
        let event = model.event
        let labels = EventsPage.labels(l10n)
        var sections: [HTMLNode] = [el("h2", [:], .text(l10n(.eventsKeeping)))]
        let step = model.stepForm
        for name in event.availableSteps {
            let title = l10n(L10nKey(rawValue: "events.step.\(name)") ?? .eventsKeeping)
            var fields: [HTMLNode] = []
            switch name {
            case "postpone", "cancel":
                fields = [Form.textArea("reason", label: labels["reason"]!, value: step?.step == name ? step?.reason ?? "" : "", errors: step?.step == name ? errors : Form.Errors(), l10n: l10n)]
            case "reschedule":
                let own = step?.step == name ? errors : Form.Errors()
                fields = [Form.text("startsAt", label: labels["startsAt"]!, value: step?.startsAt ?? EventTime.local(event.startsAt), errors: own, l10n: l10n, type: "datetime-local", required: true),
                          Form.text("endsAt", label: labels["endsAt"]!, value: step?.endsAt ?? EventTime.local(event.endsAt), errors: own, l10n: l10n, type: "datetime-local", required: true)]
            case "report":
                let own = step?.step == name ? errors : Form.Errors()
                let report = event.report
                fields = [Form.text("women", label: labels["women"]!, value: step?.women ?? report.map { String($0.women) } ?? "", errors: own, l10n: l10n, type: "number", required: true),
                          Form.text("men", label: labels["men"]!, value: step?.men ?? report.map { String($0.men) } ?? "", errors: own, l10n: l10n, type: "number", required: true),
                          Form.textArea("mediaLinks", label: labels["mediaLinks"]!, value: step?.mediaLinks ?? report?.mediaLinks.joined(separator: "\n") ?? "", errors: own, l10n: l10n,
                                        hint: l10n(.eventsMediaLinksHint)),
                          Form.textArea("note", label: labels["note"]!, value: step?.note ?? report?.note ?? "", errors: own, l10n: l10n),
                          el("p", ["class": "hint"], .text(l10n(.eventsReportHint)))]
            default: break
            }
            sections.append(Form.caseStep(.eventStep(code: event.code), step: name, version: event.version, title: title, context, fields))
        }
        if event.report != nil {
            sections.append(el("form", ["method": "post", "action": SiteURL.eventPhotos(code: event.code).path,
                                        "enctype": "multipart/form-data", "id": "photo-form", "class": "step-form"],
                               Layout.csrfField(context), el("h3", [:], .text(labels["file"]!)),
                               errors.fields["file"].map { el("p", ["class": "error-message"], .text(l10n($0.key, $0.arguments))) } ?? .empty,
                               el("label", ["for": "field-file"], .text(l10n(.eventsPhotoHint))),
                               el("input", ["type": "file", "id": "field-file", "name": "file", "accept": "image/png,image/jpeg"]),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.eventsAddPhoto)))))
        }
        if event.status.isUpcoming || event.status == .postponed {
            sections.append(el("form", ["method": "post", "action": SiteURL.event(code: event.code).path, "id": "event-form", "class": "step-form"],
                               Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(event.version)]),
                               el("h3", [:], .text(l10n(.eventsEdit))), .group(EventsPage.fields(model.editForm, errors: model.stepForm == nil ? errors : Form.Errors(), l10n)),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.eventsSave)))))
        }
        if event.capacity != nil {
            sections.append(registrationsTable(model, context))
        }
        return sections
    }

    static func registrationsTable(_ model: Model, _ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        let event = model.event
        let rows: [[HTMLNode]] = model.registrations.map { registration in
            var actions: [HTMLNode] = []
            if registration.status == .pending {
                for (decision, key) in [("approve", L10nKey.eventsApprove), ("decline", L10nKey.eventsDecline)] {
                    actions.append(el("form", ["method": "post", "action": SiteURL.registrationModerate(code: event.code, id: registration.id.uuidString).path, "class": "inline-form"],
                                      Layout.csrfField(context), el("input", ["type": "hidden", "name": "decision", "value": decision]),
                                      el("input", ["type": "hidden", "name": "version", "value": String(registration.version)]),
                                      el("button", ["type": "submit", "class": decision == "approve" ? "button small" : "button small secondary"], .text(l10n(key)))))
                }
            }
            if registration.status == .confirmed, registration.checkedInAt == nil, !registration.purged {
                actions.append(el("a", ["href": SiteURL.checkIn(token: registration.token).path], .text(l10n(.eventsCheckIn))))
            }
            return [.text(registration.purged ? l10n(.eventsPurged) : registration.name), .text(registration.purged ? "" : registration.email),
                    .text("\(Day(registration.registeredAt).dotted) \(EventTime.clock(registration.registeredAt))"),
                    .text(l10n(registration.status.l10nKey)), .text(registration.checkedInAt.map { EventTime.clock($0) } ?? "—"), .group(actions)]
        }
        return el("section", ["id": "registrations"],
                  el("h3", [:], .text(l10n(.eventsRegistrations))),
                  el("p", ["class": "muted"], .text(l10n(.eventsCountsLine, ["confirmed": String(model.counts.confirmed), "waiting": String(model.counts.waitlisted),
                                                                          "pending": String(model.counts.pending), "checkedIn": String(model.counts.checkedIn)]))),
                  event.purgedOn.map { el("p", ["class": "hint"], .text(l10n(.eventsPurgedOn, ["date": $0.dotted]))) } ?? .empty,
                  rows.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.eventsNoRegistrations))) :
                    Layout.table([l10n(.eventsName), l10n(.eventsEmail), l10n(.eventsRegisteredAt), l10n(.grantsStatus), l10n(.eventsCheckedIn), ""], rows,
                                 id: "registrations-table"))
    }

    // MARK: The attendee's page

    struct RegistrationModel {
        var registration: EventRegistration
        var event: Event
        var waitingPlace: Int?
        var others: [(registration: EventRegistration, event: Event)]
        var base: String
        var now: Date
    }

    static func registration(_ model: RegistrationModel, _ context: PageContext) -> String {
        let l10n = context.l10n
        let registration = model.registration, event = model.event
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(.eventsYourRegistration))),
            el("p", ["class": "lead"], el("a", ["href": SiteURL.event(code: event.code).path], .text(event.title))),
            Layout.facts([(l10n(.eventsWhen), when(event) + " (UTC+5)"), (EventsPage.labels(l10n)["venue"]!, event.venue),
                          (l10n(.grantsStatus), l10n(registration.status.l10nKey) + (model.waitingPlace.map { " · " + l10n(.eventsWaitingPlace, ["place": String($0)]) } ?? "")),
                          (l10n(.eventsName), registration.name)], id: "registration-facts"),
        ]
        if event.status == .cancelled { sections.append(el("p", ["class": "notice"], .text(l10n(.eventsStatusCancelled) + (event.cancellationReason.map { ": " + $0 } ?? "")))) }
        if registration.status == .confirmed {
            let checkIn = model.base + SiteURL.checkIn(token: registration.token).path
            sections.append(QRCode(text: checkIn).map { el("figure", ["class": "qr-code", "id": "check-in-qr"], $0.svg(label: l10n(.eventsQrLabel)),
                                                            el("figcaption", [:], .text(l10n(.eventsQrLabel)))) } ?? .empty)
        }
        if registration.status.isActive, model.now < event.endsAt {
            sections.append(el("form", ["method": "post", "action": SiteURL.registrationCancel(token: registration.token).path, "id": "cancel-registration"],
                               Layout.csrfField(context), el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.eventsCancelRegistration)))))
        }
        sections.append(el("h2", [:], .text(l10n(.eventsMyRegistrations))))
        sections.append(el("p", ["class": "hint"], .text(l10n(.eventsMyRegistrationsHint))))
        if !model.others.isEmpty {
            sections.append(el("ul", ["id": "my-registrations"], model.others.map { other in
                el("li", [:], el("a", ["href": SiteURL.registration(token: other.registration.token).path], .text(other.event.title)),
                   .text(" · \(other.event.startDay.dotted) · \(l10n(other.registration.status.l10nKey))"))
            }))
        }
        sections.append(EventsPage.subscribe(model.base + SiteURL.registrationFeed(token: registration.token).path, label: l10n(.eventsMyRegistrations),
                                             id: "my-feed", l10n))
        return Layout.page(title: l10n(.eventsYourRegistration), crumbs: EventsPage.crumbs(l10n, event.code), context: context, content: .group(sections))
    }

    static func checkIn(_ registration: EventRegistration, event: Event, token: String, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.eventsCheckIn), crumbs: EventsPage.crumbs(l10n, event.code), context: context, content: .group([
            el("h1", [:], .text(l10n(.eventsCheckIn))),
            Layout.facts([(l10n(.eventsEventTitle), event.title), (l10n(.eventsWhen), when(event)), (l10n(.eventsName), registration.name),
                          (l10n(.grantsStatus), l10n(registration.status.l10nKey)),
                          (l10n(.eventsCheckedIn), registration.checkedInAt.map { "\(Day($0).dotted) \(EventTime.clock($0))" } ?? "—")], id: "check-in-facts"),
            registration.status == .confirmed && registration.checkedInAt == nil ?
                el("form", ["method": "post", "action": SiteURL.checkIn(token: token).path, "id": "check-in-form"], Layout.csrfField(context),
                   el("button", ["type": "submit", "class": "button"], .text(l10n(.eventsCheckIn)))) : .empty,
        ]))
    }
}
