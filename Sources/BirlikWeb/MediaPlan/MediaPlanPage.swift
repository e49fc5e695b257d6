import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The media plan's pages: a quarter with plan against actual, an item with its steps, the new-item form.
enum MediaPlanPage {
    static func crumbs(_ l10n: Localizer, _ last: String?) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.mediaPlanTitle), url: last == nil ? nil : SiteURL.mediaPlan.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    static func rate(_ line: MediaPlanQueries.Line, _ l10n: Localizer) -> String { line.rate.map { l10n.decimal($0 * 100, digits: 0) + "%" } ?? "—" }

    /// Plan against actual as a table to download (the same rows as the page).
    static func reportTable(_ report: (lines: [MediaPlanQueries.Line], total: MediaPlanQueries.Line), quarter: Period, _ l10n: Localizer) -> TableExport {
        let header = [l10n(.appealPlace), l10n(.mediaPlanPlanned), l10n(.mediaPlanPublished), l10n(.mediaPlanOnTime), l10n(.mediaPlanCancelled),
                      l10n(.mediaPlanOverdue), l10n(.mediaPlanPending), l10n(.mediaPlanRate)]
        let rows = (report.lines + [report.total]).map { line -> [XLSXWriter.Cell] in
            [.text(line.region == RegionCode.republic ? l10n(.statisticsTotal) : EarlyWarningPage.regionName(line.region, l10n)), .number(Double(line.planned)),
             .number(Double(line.published)), .number(Double(line.onTime)), .number(Double(line.cancelled)), .number(Double(line.overdue)),
             .number(Double(line.pending)), line.rate.map { .number(($0 * 1000).rounded() / 10) } ?? .empty]
        }
        return TableExport(name: "media-plan-\(quarter)", header: header, rows: rows)
    }

    static func plan(_ items: [MediaPlanItem], report: (lines: [MediaPlanQueries.Line], total: MediaPlanQueries.Line), quarter: Period, region: String?,
                     names: [UUID: LocalizedText], today: Day, canCreate: Bool, _ context: PageContext) -> String {
        let l10n = context.l10n
        let query: [(String, String?)] = [("quarter", quarter.description), ("region", region)]
        let reportRows: [[HTMLNode]] = (report.lines + [report.total]).map { line in
            [.text(line.region == RegionCode.republic ? l10n(.statisticsTotal) : EarlyWarningPage.regionName(line.region, l10n)), .text(String(line.planned)),
             .text(String(line.published)), .text(String(line.onTime)), .text(String(line.cancelled)), .text(String(line.overdue)), .text(String(line.pending)),
             .text(rate(line, l10n))]
        }
        let itemRows: [[HTMLNode]] = items.map { item in
            [el("a", ["href": SiteURL.mediaPlanItem(code: item.code).path, "class": "code-link"], .text(item.code)), .text(item.plannedOn.dotted),
             .text(l10n(item.channel.l10nKey)), .text(item.topic), .text(NewsPage.langName(item.language, l10n)),
             .text(names[item.organizationID].map { l10n.text($0) } ?? ""),
             .group([.text(l10n(item.status.l10nKey)), item.isOverdue(on: today) ? el("span", ["class": "badge status-overdue"], .text(l10n(.mediaPlanOverdue))) : .empty])]
        }
        let places = ReferenceData.regions.filter { $0.kind != .district && $0.code != RegionCode.republic }.map { ($0.code, l10n.text($0.name)) }
        return Layout.page(title: l10n(.mediaPlanTitle), crumbs: crumbs(l10n, nil), context: context, wide: true, content: .group([
            el("h1", [:], .text(l10n(.mediaPlanTitle) + " · " + quarter.description)),
            el("p", ["class": "lead"], .text(l10n(.mediaPlanLead))),
            canCreate ? el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.mediaPlanNew.path], .text(l10n(.mediaPlanNew)))) : .empty,
            el("form", ["method": "get", "action": SiteURL.mediaPlan.path, "class": "filters horizontal", "id": "media-plan-filters"],
               Form.text("quarter", label: l10n(.mediaPlanQuarter), value: quarter.description, errors: Form.Errors(), l10n: l10n),
               Form.select("region", label: l10n(.appealPlace), options: places, selected: region ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.eventsAnyPlace)),
               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.eventsShow)))),
            el("h2", [:], .text(l10n(.mediaPlanReport))),
            Layout.table([l10n(.appealPlace), l10n(.mediaPlanPlanned), l10n(.mediaPlanPublished), l10n(.mediaPlanOnTime), l10n(.mediaPlanCancelled),
                          l10n(.mediaPlanOverdue), l10n(.mediaPlanPending), l10n(.mediaPlanRate)], reportRows, id: "media-plan-report"),
            el("p", ["class": "export"], el("a", ["href": SiteURL.mediaPlan.with(query + [("format", "csv")])], .text("CSV")), .text(" · "),
               el("a", ["href": SiteURL.mediaPlan.with(query + [("format", "xlsx")])], .text("XLSX"))),
            el("h2", [:], .text(l10n(.mediaPlanItems))),
            items.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.mediaPlanNone))) :
                Layout.table([l10n(.grantsCode), l10n(.mediaPlanPlannedOn), l10n(.mediaPlanChannel), l10n(.mediaPlanTopic), l10n(.encyclopediaLanguage),
                              l10n(.eventsOrganizer), l10n(.grantsStatus)], itemRows, id: "media-plan-items"),
        ]))
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        ["plannedOn": l10n(.mediaPlanPlannedOn), "channel": l10n(.mediaPlanChannel), "topic": l10n(.mediaPlanTopic), "language": l10n(.encyclopediaLanguage),
         "region": l10n(.appealPlace), "measureCode": l10n(.eventsMeasure), "eventCode": l10n(.mediaPlanEvent), "url": l10n(.mediaPlanUrl),
         "title": l10n(.mediaPlanPublicationTitle), "publishedOn": l10n(.mediaPlanPublishedOn), "reason": l10n(.eventsReason), "step": l10n(.grantsStatus)]
    }

    static func fields(_ form: MediaPlanController.ItemForm, errors: Form.Errors, _ l10n: Localizer) -> [HTMLNode] {
        let labels = labels(l10n)
        return [
            Form.text("plannedOn", label: labels["plannedOn"]!, value: form.plannedOn ?? "", errors: errors, l10n: l10n, type: "date", required: true),
            Form.select("channel", label: labels["channel"]!, options: MediaPlanItem.Channel.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                        selected: form.channel ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("topic", label: labels["topic"]!, value: form.topic ?? "", errors: errors, l10n: l10n, required: true),
            Form.select("language", label: labels["language"]!, options: Language.allCases.map { ($0.rawValue, NewsPage.langName($0, l10n)) },
                        selected: form.language ?? "", errors: errors, l10n: l10n, required: true),
            Form.select("region", label: labels["region"]!, options: ReferenceData.regions.filter { $0.kind != .district }.map { ($0.code, l10n.text($0.name)) },
                        selected: form.region ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("measureCode", label: labels["measureCode"]!, value: form.measureCode ?? "", errors: errors, l10n: l10n, hint: l10n(.eventsMeasureHint)),
            Form.text("eventCode", label: labels["eventCode"]!, value: form.eventCode ?? "", errors: errors, l10n: l10n, hint: "EV-2026-0001"),
        ]
    }

    static func form(_ form: MediaPlanController.ItemForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.mediaPlanNew), crumbs: crumbs(l10n, l10n(.mediaPlanNew)), context: context, content: .group([
            el("h1", [:], .text(l10n(.mediaPlanNew))),
            Form.summary(errors, labels: labels(l10n), l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.mediaPlanNew.path, "id": "media-plan-form"], Layout.csrfField(context),
               .group(fields(form, errors: errors, l10n)), el("button", ["type": "submit", "class": "button"], .text(l10n(.newsSave)))),
        ]))
    }

    static func item(_ item: MediaPlanItem, measure: MeasureReferences.MeasureLink?, organization: LocalizedText?, canEdit: Bool,
                     form: MediaPlanController.ItemForm, errors: Form.Errors, today: Day, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = labels(l10n)
        var facts: [(String, String)] = [
            (labels["plannedOn"]!, item.plannedOn.dotted), (labels["channel"]!, l10n(item.channel.l10nKey)), (labels["language"]!, NewsPage.langName(item.language, l10n)),
            (l10n(.eventsOrganizer), organization.map { l10n.text($0) } ?? ""), (labels["region"]!, EarlyWarningPage.regionName(item.region, l10n)),
            (l10n(.grantsStatus), l10n(item.status.l10nKey) + (item.isOverdue(on: today) ? " · " + l10n(.mediaPlanOverdue) : "")),
        ]
        if let measure { facts.append((labels["measureCode"]!, "\(measure.reference) \(l10n.text(measure.title))")) }
        if let event = item.eventCode { facts.append((labels["eventCode"]!, event)) }
        if let reason = item.cancellationReason { facts.append((labels["reason"]!, reason)) }
        var sections: [HTMLNode] = [
            el("h1", [:], .text(item.topic)),
            el("p", ["class": "muted"], .text(item.code)),
            Form.summary(errors, labels: labels, l10n: l10n),
            Layout.facts(facts, id: "media-plan-facts"),
        ]
        if let publication = item.publication {
            sections.append(el("p", ["id": "publication"], .text(l10n(.mediaPlanPublishedOn) + " " + publication.publishedOn.dotted + ": "),
                               el("a", ["href": publication.url, "rel": "nofollow noopener"], .text(publication.title)),
                               .text(item.isOnTime ? "" : " · " + l10n(.mediaPlanLate))))
        }
        if canEdit, item.status.isOpen {
            if item.status == .planned { sections.append(Form.caseStep(.mediaPlanStep(code: item.code), step: "start", version: item.version, title: l10n(.mediaPlanStart), context, [])) }
            sections.append(Form.caseStep(.mediaPlanStep(code: item.code), step: "publish", version: item.version, title: l10n(.mediaPlanMarkPublished), context, [
                Form.text("url", label: labels["url"]!, value: "", errors: errors, l10n: l10n, type: "url", required: true),
                Form.text("title", label: labels["title"]!, value: "", errors: errors, l10n: l10n, required: true),
                Form.text("publishedOn", label: labels["publishedOn"]!, value: today.description, errors: errors, l10n: l10n, type: "date", required: true),
            ]))
            sections.append(Form.caseStep(.mediaPlanStep(code: item.code), step: "cancel", version: item.version, title: l10n(.mediaPlanCancel), context, [
                Form.textArea("reason", label: labels["reason"]!, value: "", errors: errors, l10n: l10n),
            ]))
            sections.append(el("form", ["method": "post", "action": SiteURL.mediaPlanItem(code: item.code).path, "id": "media-plan-form", "class": "step-form"],
                               Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(form.version ?? item.version)]),
                               el("h3", [:], .text(l10n(.mediaPlanEdit))), .group(fields(form, errors: errors, l10n)),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.newsSave)))))
        }
        return Layout.page(title: item.topic, crumbs: crumbs(l10n, item.code), context: context, content: .group(sections))
    }
}
