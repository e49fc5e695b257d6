import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// The youth pages: initiatives and their shifts, sign-up (a minor with a guardian's consent), the
/// organiser's verification of hours, the public statistics without personal data, and a volunteer's
/// portfolio.
enum YouthPage {
    static func crumbs(_ l10n: Localizer, _ last: String?) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.youthTitle), url: last == nil ? nil : SiteURL.youth.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    static func list(_ initiatives: [YouthInitiative], organisers: [UUID: LocalizedText], canOrganise: Bool, volunteer: String?, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.youthTitle), crumbs: crumbs(l10n, nil), context: context, content: .group([
            el("h1", [:], .text(l10n(.youthTitle))),
            el("p", ["class": "lead"], .text(l10n(.youthLead))),
            el("p", ["class": "actions"],
               canOrganise ? el("a", ["class": "button", "href": SiteURL.youthNew.path], .text(l10n(.youthNew))) : .empty,
               el("a", ["class": "button secondary", "href": SiteURL.youthStatistics.path], .text(l10n(.youthStatisticsTitle)))),
            initiatives.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.youthNone))) :
                el("ul", ["class": "course-list"], initiatives.map { initiative in
                    let days = initiative.positions.flatMap(\.shifts).map(\.day)
                    let span = [days.min(), days.max()].compactMap { $0?.dotted }
                    return el("li", [:], el("a", ["href": SiteURL.youthInitiative(code: initiative.code).with([("volunteer", volunteer)])], .text(initiative.title)),
                              el("p", ["class": "muted"], .text([organisers[initiative.organiserID].map { l10n.text($0) } ?? "",
                                                                 EarlyWarningPage.regionName(initiative.region, l10n), Set(span).count == 1 ? span[0] : span.joined(separator: "–"),
                                                                 l10n(initiative.status.l10nKey)].filter { !$0.isEmpty }.joined(separator: " · "))))
                }),
        ]))
    }

    static func statistics(_ figures: [YouthQueries.Figure], totals: (hours: Int, volunteers: Int), initiatives: [UUID: YouthInitiative], _ context: PageContext) -> String {
        let l10n = context.l10n
        let byRegion = Dictionary(grouping: figures) { RegionCode.topLevel($0.region) ?? $0.region }
        let regionRows: [[HTMLNode]] = byRegion.keys.sorted().map { region in
            [.text(EarlyWarningPage.regionName(region, l10n)), .text(l10n.number(byRegion[region]!.reduce(0) { $0 + $1.hours }))]
        }
        let byAge = Dictionary(grouping: figures, by: \.ageBand)
        let ageRows: [[HTMLNode]] = Disaggregation.Dimension.age.options.map(\.code).filter { byAge[$0] != nil }.map { band in
            [.text(band), .text(l10n.number(byAge[band]!.reduce(0) { $0 + $1.hours }))]
        }
        let byInitiative = Dictionary(grouping: figures, by: \.initiativeID)
        let initiativeRows: [[HTMLNode]] = byInitiative.keys.compactMap { initiatives[$0] }.sorted { $0.code < $1.code }.map { initiative in
            [el("a", ["href": SiteURL.youthInitiative(code: initiative.code).path], .text(initiative.title)),
             .text(l10n.number(byInitiative[initiative.id]!.reduce(0) { $0 + $1.hours }))]
        }
        return Layout.page(title: l10n(.youthStatisticsTitle), crumbs: crumbs(l10n, l10n(.youthStatisticsTitle)), context: context, content: .group([
            el("h1", [:], .text(l10n(.youthStatisticsTitle))),
            Layout.facts([(l10n(.youthVerifiedHours), l10n.number(totals.hours)), (l10n(.youthVolunteers), l10n.number(totals.volunteers))], id: "youth-totals"),
            el("p", ["class": "hint"], .text(l10n(.youthStatisticsHint))),
            el("h2", [:], .text(l10n(.appealPlace))), Layout.table([l10n(.appealPlace), l10n(.youthVerifiedHours)], regionRows, id: "youth-by-region"),
            el("h2", [:], .text(l10n(.coursesAgeBand))), Layout.table([l10n(.coursesAgeBand), l10n(.youthVerifiedHours)], ageRows, id: "youth-by-age"),
            el("h2", [:], .text(l10n(.youthInitiatives))), Layout.table([l10n(.youthInitiative), l10n(.youthVerifiedHours)], initiativeRows, id: "youth-by-initiative"),
        ]))
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        ["title": l10n(.youthInitiativeTitle), "description": l10n(.libraryDescription), "region": l10n(.appealPlace), "shifts": l10n(.youthShifts),
         "name": l10n(.eventsName), "birthYear": l10n(.youthBirthYearLabel), "guardianName": l10n(.youthGuardianName), "parentalConsent": l10n(.youthParentalConsentLabel),
         "consent": l10n(.eventsConsent), "shift": l10n(.youthShift), "hours": l10n(.youthHours), "reason": l10n(.eventsReason), "certificate": l10n(.certificatesTitle),
         "step": l10n(.grantsStatus)]
    }

    static func form(_ form: YouthController.InitiativeForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = labels(l10n)
        return Layout.page(title: l10n(.youthNew), crumbs: crumbs(l10n, l10n(.youthNew)), context: context, content: .group([
            el("h1", [:], .text(l10n(.youthNew))),
            Form.summary(errors, labels: labels, l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.youthNew.path, "id": "initiative-form"], Layout.csrfField(context),
               Form.text("title", label: labels["title"]!, value: form.title ?? "", errors: errors, l10n: l10n, required: true),
               Form.textArea("description", label: labels["description"]!, value: form.description ?? "", errors: errors, l10n: l10n),
               Form.select("region", label: labels["region"]!, options: CoursesPage.regionOptions(l10n), selected: form.region ?? "", errors: errors, l10n: l10n, required: true),
               Form.textArea("shifts", label: labels["shifts"]!, value: form.shifts ?? "", errors: errors, l10n: l10n, hint: l10n(.youthShiftsHint)),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.newsSave)))),
        ]))
    }

    static func initiative(_ initiative: YouthInitiative, organiser: LocalizedText?, taken: [UUID: Int], participants: [(Participation, Volunteer)], canKeep: Bool,
                           volunteer: Volunteer?, today: Day, form: YouthController.SignUpForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = labels(l10n)
        let rows: [[HTMLNode]] = initiative.positions.flatMap { position in
            position.shifts.sorted { $0.day < $1.day }.map { shift in
                [.text(position.role), .text(shift.day.dotted), .text(l10n(.youthHoursValue, ["hours": String(shift.hours)])),
                 .text(l10n(.youthPlacesValue, ["taken": String(taken[shift.id] ?? 0), "places": String(shift.places)]))]
            }
        }
        var sections: [HTMLNode] = [
            el("h1", [:], .text(initiative.title)),
            el("p", ["class": "muted"], .text(initiative.code)),
            Form.summary(errors, labels: labels, l10n: l10n),
            initiative.description.isEmpty ? .empty : el("p", ["class": "lead"], .text(initiative.description)),
            Layout.facts([(l10n(.youthOrganiser), organiser.map { l10n.text($0) } ?? ""), (labels["region"]!, EarlyWarningPage.regionName(initiative.region, l10n)),
                          (l10n(.grantsStatus), l10n(initiative.status.l10nKey) + (initiative.cancellationReason.map { ": " + $0 } ?? ""))].filter { !$0.1.isEmpty },
                         id: "initiative-facts"),
            el("h2", [:], .text(l10n(.youthShifts))),
            Layout.table([l10n(.youthRole), l10n(.youthDay), labels["hours"]!, l10n(.youthPlaces)], rows, id: "shifts"),
        ]
        let open = initiative.positions.flatMap { position in
            position.shifts.filter { $0.day >= today && (taken[$0.id] ?? 0) < $0.places }.map { (position, $0) }
        }.sorted { $0.1.day < $1.1.day }
        if initiative.status == .open || initiative.status == .running, !open.isEmpty {
            var fields: [HTMLNode] = [
                Form.select("shift", label: labels["shift"]!, options: open.map { ($0.1.id.uuidString, "\($0.0.role) · \($0.1.day.dotted) · \(l10n(.youthHoursValue, ["hours": String($0.1.hours)]))") },
                            selected: form.shift ?? "", errors: errors, l10n: l10n, required: true),
            ]
            if let volunteer {
                fields.append(el("input", ["type": "hidden", "name": "volunteer", "value": volunteer.token]))
                fields.append(el("p", ["class": "hint"], .text(l10n(.youthSigningUpAs, ["name": volunteer.name]))))
            } else {
                fields += [
                    Form.text("name", label: labels["name"]!, value: form.name ?? "", errors: errors, l10n: l10n, required: true, autocomplete: "name"),
                    Form.text("birthYear", label: labels["birthYear"]!, value: form.birthYear ?? "", errors: errors, l10n: l10n, type: "number", required: true),
                    el("p", ["class": "hint"], .text(l10n(.youthMinorHint))),
                    Form.text("guardianName", label: labels["guardianName"]!, value: form.guardianName ?? "", errors: errors, l10n: l10n),
                    Form.checkbox("parentalConsent", label: labels["parentalConsent"]!, checked: form.parentalConsent ?? false),
                    errors.fields["parentalConsent"].map { el("p", ["class": "error-message"], .text(l10n($0.key, $0.arguments))) } ?? .empty,
                ]
            }
            fields += [Form.checkbox("consent", label: labels["consent"]!, checked: form.consent ?? false),
                       errors.fields["consent"].map { el("p", ["class": "error-message"], .text(l10n($0.key, $0.arguments))) } ?? .empty]
            sections.append(el("form", ["method": "post", "action": SiteURL.youthSignUp(code: initiative.code).path, "id": "sign-up-form", "class": "step-form"],
                               Layout.csrfField(context), el("h2", [:], .text(l10n(.youthSignUp))), .group(fields),
                               el("button", ["type": "submit", "class": "button"], .text(l10n(.youthSignUp)))))
        }
        if canKeep {
            func step(_ name: String, _ title: String, _ fields: [HTMLNode] = []) -> HTMLNode {
                Form.caseStep(.youthStep(code: initiative.code), step: name, version: initiative.version, title: title, context, fields)
            }
            switch initiative.status {
            case .planned: sections += [step("open", l10n(.youthOpen)), step("start", l10n(.youthStart))]
            case .open: sections.append(step("start", l10n(.youthStart)))
            case .running: sections.append(step("complete", l10n(.youthComplete)))
            default: break
            }
            if initiative.status != .completed, initiative.status != .cancelled {
                sections.append(step("cancel", l10n(.youthCancel), [Form.textArea("reason", label: labels["reason"]!, value: "", errors: errors, l10n: l10n)]))
            }
            sections.append(el("h2", ["id": "participants"], .text(l10n(.youthParticipants))))
            sections.append(participants.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.youthNoParticipants))) :
                Layout.table([labels["name"]!, l10n(.youthRole), l10n(.youthDay), l10n(.coursesAgeBand), l10n(.grantsStatus), l10n(.youthVerify)],
                             participants.map { participation, volunteer in
                    let minor = volunteer.isMinor(in: participation.day.year)
                    let verifyForm: HTMLNode = participation.day > today || participation.status == .withdrawn ? .text("—") :
                        el("form", ["method": "post", "action": SiteURL.youthVerify(id: participation.id.uuidString).path, "class": "inline-form",
                                    "id": "verify-\(participation.id.uuidString.lowercased())"],
                           Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(participation.version)]),
                           el("label", ["for": "hours-\(participation.id.uuidString.lowercased())"], .text(labels["hours"]! + " ")),
                           el("input", ["type": "number", "name": "hours", "id": "hours-\(participation.id.uuidString.lowercased())", "min": "1", "max": "12",
                                        "value": String(participation.hours > 0 ? participation.hours : initiative.shift(participation.shiftID)?.shift.hours ?? 1)]),
                           el("button", ["type": "submit", "class": "button secondary", "name": "present", "value": "yes"], .text(l10n(.youthPresent))),
                           el("button", ["type": "submit", "class": "button secondary", "name": "present", "value": "no"], .text(l10n(.youthAbsent))))
                    return [.text(volunteer.name + (minor ? " · " + l10n(.youthMinor) : "")), .text(participation.role), .text(participation.day.dotted),
                            .text(participation.ageBand),
                            .text(l10n(participation.status.l10nKey) + (participation.status == .verified ? " · " + l10n(.youthHoursValue, ["hours": String(participation.hours)]) : "")),
                            verifyForm]
                }, id: "participants-table"))
        }
        return Layout.page(title: initiative.title, crumbs: crumbs(l10n, initiative.code), context: context, content: .group(sections))
    }

    static func portfolio(_ portfolio: YouthQueries.Portfolio, today: Day, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let volunteer = portfolio.volunteer
        let rows: [[HTMLNode]] = portfolio.participations.map { participation, initiative in
            [el("a", ["href": SiteURL.youthInitiative(code: initiative.code).path], .text(initiative.title)), .text(participation.role), .text(participation.day.dotted),
             .text(l10n(participation.status.l10nKey)), .text(participation.status == .verified ? String(participation.hours) : "—")]
        }
        return Layout.page(title: l10n(.youthPortfolio), crumbs: crumbs(l10n, l10n(.youthPortfolio)), context: context, content: .group([
            el("h1", [:], .text(l10n(.youthPortfolio))),
            el("p", ["class": "hint"], .text(l10n(.coursesKeepLink))),
            Form.summary(errors, labels: labels(l10n), l10n: l10n),
            Layout.facts([(l10n(.eventsName), volunteer.name), (l10n(.youthVerifiedHours), l10n.number(portfolio.verifiedHours)),
                          (l10n(.youthRoles), Array(Set(portfolio.participations.filter { $0.0.status == .verified }.map(\.0.role))).sorted().joined(separator: "; "))]
                .filter { !$0.1.isEmpty }, id: "portfolio-facts"),
            el("p", ["class": "actions"],
               el("a", ["class": "button", "href": SiteURL.volunteerPortfolio(token: volunteer.token).path, "download": ""], .text(l10n(.youthPortfolioPDF))),
               el("a", ["class": "button secondary", "href": SiteURL.youth.with([("volunteer", volunteer.token)])], .text(l10n(.youthFindShift)))),
            el("h2", [:], .text(l10n(.youthParticipation))),
            rows.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.youthNoParticipation))) :
                Layout.table([l10n(.youthInitiative), l10n(.youthRole), l10n(.youthDay), l10n(.grantsStatus), l10n(.youthHours)], rows, id: "portfolio"),
            el("h2", [:], .text(l10n(.youthCertificates))),
            portfolio.certificates.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.youthNoCertificates))) :
                el("ul", [:], portfolio.certificates.map { certificate in
                    el("li", [:], el("a", ["href": SiteURL.certificate(code: certificate.code).path], .text(certificate.courseTitle)),
                       .text(" · \(certificate.code) · \(l10n(certificate.status(on: today).l10nKey))"))
                }),
            el("form", ["method": "post", "action": SiteURL.volunteer(token: volunteer.token).path, "id": "certificate-form", "class": "step-form"],
               Layout.csrfField(context),
               Form.text("certificate", label: l10n(.youthAddCertificate), value: "", errors: errors, l10n: l10n, hint: l10n(.youthAddCertificateHint)),
               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.youthAddCertificate)))),
        ]))
    }

    /// The portfolio as a document to print: verified hours, roles and certificates.
    static func portfolioDocument(_ portfolio: YouthQueries.Portfolio, today: Day, l10n: Localizer) -> DOCXWriter {
        var document = DOCXWriter(title: l10n(.youthPortfolio) + " — " + portfolio.volunteer.name, language: l10n.language.rawValue)
        document.append(.title(l10n(.youthPortfolio)))
        document.append(.paragraph(portfolio.volunteer.name))
        document.append(.paragraph(l10n(.youthVerifiedHours) + ": " + l10n.number(portfolio.verifiedHours)))
        let verified = portfolio.participations.filter { $0.0.status == .verified }
        document.append(.heading(l10n(.youthParticipation), level: 1))
        document.append(.table(header: [l10n(.youthInitiative), l10n(.youthRole), l10n(.youthDay), l10n(.youthHours)],
                               rows: verified.map { participation, initiative in
                                   [initiative.title, participation.role, participation.day.dotted, String(participation.hours)]
                               }, widths: [45, 25, 15, 15]))
        if !portfolio.certificates.isEmpty {
            document.append(.heading(l10n(.youthCertificates), level: 1))
            for certificate in portfolio.certificates {
                document.append(.bullet("\(certificate.courseTitle) — \(certificate.code), \(certificate.issuedOn.dotted), \(l10n(certificate.status(on: today).l10nKey))"))
            }
        }
        document.append(.emphasis(l10n(.youthPortfolioNote, ["date": today.dotted])))
        return document
    }
}
