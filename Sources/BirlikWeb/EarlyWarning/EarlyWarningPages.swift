import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation
import Vapor

/// The early-warning dashboard: the risk map and ranking, the time series, the alerts and the review
/// queue for staff; published monthly aggregates only for the public.
enum EarlyWarningPage {
    struct Model {
        var month: Period
        var indices: [RiskIndex]
        var series: [String: [Period: Double]]
        var alerts: [Alert]
        var waiting: Int
        var published: [Period]
        var publicCounts: [String: Int]
        var canPublish: Bool
        var canEnter: Bool
    }

    static func regionName(_ code: String, _ l10n: Localizer) -> String {
        ReferenceData.regions.first { $0.code == code }.map { l10n.text($0.name) } ?? code
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        var sections: [HTMLNode] = [el("h1", [:], .text(l10n(.ewTitle))), el("p", ["class": "lead"], .text(l10n(.ewLead)))]
        if context.actor.isSignedIn && !model.indices.isEmpty {
            if model.waiting > 0 {
                sections.append(el("p", ["class": "queue-banner", "role": "status", "id": "review-banner"],
                                   el("a", ["href": SiteURL.signals.with([("status", "reported")])], .text(l10n(.signalsReviewCount, ["count": String(model.waiting)])))))
            }
            sections.append(el("p", ["class": "actions"],
                               el("a", ["class": "button", "href": SiteURL.signals.path], .text(l10n(.signalsTitle))), " ",
                               model.canEnter ? el("a", ["class": "button", "href": SiteURL.signalNew.path], .text(l10n(.signalsNew))) : .empty, " ",
                               el("a", ["class": "button secondary", "href": SiteURL.mediationCases.path], .text(l10n(.mediationTitle)))))
            let alertRows = model.alerts.map { alert in
                el("tr", [:], el("td", [:], el("a", ["href": SiteURL.alert(id: alert.id.uuidString).path], .text(regionName(alert.place, l10n)))),
                   el("td", [:], .text(l10n(AlertRule.shipped.first { $0.code == alert.rule }?.l10nKey ?? .ewAlerts))),
                   el("td", [:], .text(alert.month.label(l10n))), el("td", ["class": "number"], .text(String(format: "%.1f", alert.riskValue))),
                   el("td", [:], .text(l10n(alert.status.l10nKey))))
            }
            sections.append(el("section", ["id": "alerts"], el("h2", [:], .text(l10n(.ewAlerts))),
                               model.alerts.isEmpty ? el("p", [:], .text(l10n(.ewNoAlerts))) :
                               el("table", ["class": "data"], el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.statisticsPlace))), el("th", [:], .text(l10n(.statisticsRule))),
                                                                                 el("th", [:], .text(l10n(.statisticsPeriod))), el("th", [:], .text(l10n(.riskIndex))), el("th", [:], .text(l10n(.planStatus))))),
                                  el("tbody", [:], alertRows))))
            var entries: [String: ChoroplethMap.Entry] = [:]
            for index in model.indices {
                entries[index.place] = ChoroplethMap.Entry(label: "\(regionName(index.place, l10n)): \(String(format: "%.1f", index.value)) (\(l10n(index.level.l10nKey)))",
                                                           value: Int(exactly: index.value.rounded()) ?? 0, link: SiteURL.signals.with([("region", index.place)]))
            }
            let title = l10n(.ewRiskMap, ["month": model.month.label(l10n)])
            sections.append(el("figure", ["class": "map", "id": "risk-map"], el("figcaption", [:], .text(title)),
                               ChoroplethMap(title: title, legendTitle: l10n(.riskIndex)).render(entries)))
            let ranked = model.indices.sorted { $0.value > $1.value }
            sections.append(el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "risk-table"],
                el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.statisticsPlace))), el("th", [:], .text(l10n(.riskIndex))), el("th", [:], .text(l10n(.riskLoad))),
                                    el("th", [:], .text(l10n(.riskBaseline))), el("th", [:], .text(l10n(.riskSurvey))))),
                el("tbody", [:], ranked.map { index in
                    el("tr", [:], el("th", ["scope": "row"], .text(regionName(index.place, l10n))),
                       el("td", ["class": "number"], .text("\(String(format: "%.1f", index.value)) · \(l10n(index.level.l10nKey))")),
                       el("td", ["class": "number"], .text(String(format: "%.1f", index.load))), el("td", ["class": "number"], .text(String(format: "%.2f", index.baseline))),
                       el("td", ["class": "number"], .text(index.survey.map { String(format: "%.1f", $0) } ?? "–")))
                }))))
            var months: [Period] = [model.month]
            for _ in 0..<11 { months.insert(months[0].previous, at: 0) }
            let top = ranked.prefix(5).map(\.place)
            let chart = SeriesChart(title: l10n(.ewSeries), kind: .line).render(categories: months.map { $0.description },
                series: top.map { code in SeriesChart.Series(name: regionName(code, l10n), values: months.map { model.series[code]?[$0] ?? 0 }) })
            sections.append(el("figure", ["class": "chart", "id": "risk-series"], el("figcaption", [:], .text(l10n(.ewSeries))), chart))
            sections.append(el("section", ["class": "formula"], el("h2", [:], .text(l10n(.ewFormula))),
                               el("p", [:], el("code", [:], .text(RiskIndex.formula))), el("p", [:], .text(l10n(.ewFormulaLegend)))))
            if model.canPublish, !model.published.contains(model.month.previous) {
                sections.append(el("form", ["method": "post", "action": SiteURL.earlyWarningPublish.path], Layout.csrfField(context),
                                   el("input", ["type": "hidden", "name": "month", "value": model.month.previous.description]),
                                   el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.ewPublish, ["month": model.month.previous.label(l10n)])))))
            }
        }
        sections.append(el("section", ["id": "published"], el("h2", [:], .text(l10n(.ewPublic))), el("p", [:], .text(l10n(.ewPublicLead))),
            model.published.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.ewPublicNone))) : {
                var entries: [String: ChoroplethMap.Entry] = [:]
                for (code, count) in model.publicCounts { entries[code] = ChoroplethMap.Entry(label: "\(regionName(code, l10n)): \(count)", value: count, link: nil) }
                let title = "\(l10n(.ewSignalCount)), \(model.published[0].label(l10n))"
                return el("figure", ["class": "map"], el("figcaption", [:], .text(title)), ChoroplethMap(title: title, legendTitle: l10n(.ewSignalCount)).render(entries))
            }()))
        return Layout.page(title: l10n(.ewTitle), crumbs: [Layout.Crumb(label: l10n(.navEarlyWarning), url: nil)], context: context, wide: true,
                           content: .group(sections))
    }
}

/// The register of signals with its review queue (batch verify and reject), the entry form and one signal.
enum SignalsPage {
    static func list(_ signals: [Signal], status: Signal.Status?, region: String?, canReview: Bool, _ context: PageContext) -> String {
        let l10n = context.l10n
        let filters = el("form", ["method": "get", "action": SiteURL.signals.path, "class": "inline-filter"],
            Form.select("status", label: l10n(.signalStatus), options: Signal.Status.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                        selected: status?.rawValue ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.directoryAny)),
            Form.select("region", label: l10n(.signalPlace), options: ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }.map { ($0.code, l10n.text($0.name)) },
                        selected: region ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.directoryAny)),
            el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply))))
        let rows = signals.map { signal in
            el("tr", [:],
               canReview && signal.status == .reported
                ? el("td", [:], el("input", ["type": "checkbox", "name": "ids[]", "value": signal.id.uuidString, "form": "review-form",
                                             "aria-label": l10n(.signalsSelect)]))
                : el("td", [:]),
               el("td", [:], el("a", ["href": SiteURL.signal(id: signal.id.uuidString).path], .text(signal.date.dotted))),
               el("td", [:], .text(EarlyWarningPage.regionName(signal.place, l10n))),
               el("td", [:], .text(l10n(signal.kind.l10nKey))),
               el("td", ["class": "number"], .text(String(signal.severity))),
               el("td", [:], .text(l10n(signal.status.l10nKey))))
        }
        let review = canReview ? el("form", ["method": "post", "action": SiteURL.signalReview.path, "id": "review-form", "class": "decision"],
                                    Layout.csrfField(context),
                                    el("input", ["type": "text", "name": "note", "placeholder": l10n(.signalsReviewNote), "aria-label": l10n(.signalsReviewNote)]),
                                    el("button", ["type": "submit", "name": "decision", "value": "verify", "class": "button"], .text(l10n(.signalsVerify))), " ",
                                    el("button", ["type": "submit", "name": "decision", "value": "reject", "class": "button secondary"], .text(l10n(.signalsReject))))
                                 : HTMLNode.empty
        return Layout.page(title: l10n(.signalsTitle), crumbs: [Layout.Crumb(label: l10n(.navEarlyWarning), url: SiteURL.earlyWarning.path),
                                                               Layout.Crumb(label: l10n(.signalsTitle), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.signalsTitle))),
                               el("p", [:], el("a", ["class": "button", "href": SiteURL.signalNew.path], .text(l10n(.signalsNew)))),
                               filters, review,
                               el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "signals"],
                                  el("thead", [:], el("tr", [:], el("th", [:], .text("")), el("th", [:], .text(l10n(.signalDate))), el("th", [:], .text(l10n(.signalPlace))),
                                                      el("th", [:], .text(l10n(.signalKind))), el("th", [:], .text(l10n(.signalSeverity))), el("th", [:], .text(l10n(.signalStatus))))),
                                  el("tbody", [:], rows))),
                           ]))
    }

    static func form(_ draft: SignalDraft, errors: Form.Errors, places: [Region], _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.signalsNew), crumbs: [Layout.Crumb(label: l10n(.signalsTitle), url: SiteURL.signals.path),
                                                             Layout.Crumb(label: l10n(.signalsNew), url: nil)], context: context,
                           content: .group([
                               el("h1", [:], .text(l10n(.signalsNew))),
                               Form.summary(errors, labels: [:], l10n: l10n),
                               el("form", ["method": "post", "action": SiteURL.signalNew.path, "id": "signal-form"], Layout.csrfField(context),
                                  Form.text("date", label: l10n(.signalDate), value: draft.date, errors: errors, l10n: l10n, type: "date", required: true),
                                  // Every choice that feeds the risk index starts empty (the place: the user's own region):
                                  // a hurried reporter cannot file a signal with values nobody chose.
                                  Form.select("place", label: l10n(.signalPlace), options: places.map { ($0.code, l10n.text($0.name)) }, selected: draft.place,
                                              errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
                                  Form.select("kind", label: l10n(.signalKind), options: Signal.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }, selected: draft.kind,
                                              errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
                                  Form.checkboxes("groups", legend: l10n(.signalGroups), options: Disaggregation.Dimension.ethnicity.options.map { ($0.code, l10n.text($0.name)) },
                                                  checked: Set(draft.groups), errors: errors, l10n: l10n),
                                  Form.select("severity", label: l10n(.signalSeverity), options: (1...5).map { (String($0), String($0)) }, selected: draft.severity,
                                              errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
                                  Form.select("source", label: l10n(.signalSource), options: Signal.Source.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }, selected: draft.source,
                                              errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
                                  Form.textArea("summary", label: l10n(.signalSummary), value: draft.summary, errors: errors, l10n: l10n),
                                  el("button", ["type": "submit", "class": "button"], .text(l10n(.reportActionSave)))),
                           ]))
    }

    static func show(_ signal: Signal, responsible: String, canRespond: Bool, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let facts: [(L10nKey, String)] = [
            (.signalDate, signal.date.dotted), (.signalPlace, EarlyWarningPage.regionName(signal.place, l10n)), (.signalKind, l10n(signal.kind.l10nKey)),
            (.signalGroups, signal.groups.map { code in Disaggregation.Dimension.ethnicity.option(code).map { l10n.text($0.name) } ?? code }.joined(separator: ", ")),
            (.signalSeverity, String(signal.severity)), (.signalSource, l10n(signal.source.l10nKey)), (.signalStatus, l10n(signal.status.l10nKey)),
            (.signalsReviewNote, signal.reviewNote), (.signalReportedBy, l10n.expand(signal.reportedBy)), (.signalSummary, l10n.expand(signal.summary)),
            (.signalResponsible, responsible), (.signalMeasures, signal.measures), (.signalDeadline, signal.deadline?.dotted ?? ""), (.signalOutcome, l10n.expand(signal.outcome)),
        ]
        return Layout.page(title: l10n(.signalsTitle), crumbs: [Layout.Crumb(label: l10n(.signalsTitle), url: SiteURL.signals.path),
                                                               Layout.Crumb(label: signal.date.dotted, url: nil)], context: context,
                           content: .group([
                               el("h1", [:], .text("\(l10n(signal.kind.l10nKey)) · \(EarlyWarningPage.regionName(signal.place, l10n))")),
                               el("dl", ["class": "facts"], .group(facts.map { key, value in .group([el("dt", [:], .text(l10n(key))), el("dd", [:], .text(value))]) })),
                               MediationCasesPage.openButton(origin: "signal:\(signal.id.uuidString)", context),
                               Form.summary(errors, labels: [:], l10n: l10n),
                               canRespond ? el("form", ["method": "post", "action": SiteURL.signalRespond(id: signal.id.uuidString).path, "id": "response-form"],
                                               Layout.csrfField(context),
                                               el("h2", [:], .text(l10n(.signalResponse))),
                                               el("input", ["type": "hidden", "name": "version", "value": String(signal.version)]),
                                               Form.text("responsibleCode", label: l10n(.signalResponsible), value: responsible, errors: errors, l10n: l10n, hint: l10n(.orgCode)),
                                               Form.textArea("measures", label: l10n(.signalMeasures), value: signal.measures, errors: errors, l10n: l10n),
                                               Form.text("deadline", label: l10n(.signalDeadline), value: signal.deadline?.description ?? "", errors: errors, l10n: l10n, type: "date"),
                                               Form.textArea("outcome", label: l10n(.signalOutcome), value: signal.outcome, errors: errors, l10n: l10n),
                                               el("button", ["type": "submit", "class": "button"], .text(l10n(.reportActionSave)))) : .empty,
                           ]))
    }
}

/// One alert and its response task.
enum AlertPage {
    static func view(_ alert: Alert, signals: [Signal], responsible: String, canAssign: Bool, canClose: Bool, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let place = EarlyWarningPage.regionName(alert.place, l10n)
        let rule = AlertRule.shipped.first { $0.code == alert.rule }.map { l10n($0.l10nKey) } ?? alert.rule
        return Layout.page(title: l10n(.alertTitle, ["place": place, "month": alert.month.label(l10n)]),
                           crumbs: [Layout.Crumb(label: l10n(.navEarlyWarning), url: SiteURL.earlyWarning.path), Layout.Crumb(label: place, url: nil)],
                           context: context, content: .group([
                               el("h1", [:], .text(l10n(.alertTitle, ["place": place, "month": alert.month.label(l10n)]))),
                               el("dl", ["class": "facts"],
                                  el("dt", [:], .text(l10n(.statisticsRule))), el("dd", [:], .text(rule)),
                                  el("dt", [:], .text(l10n(.riskIndex))), el("dd", [:], .text(String(format: "%.1f", alert.riskValue))),
                                  el("dt", [:], .text(l10n(.riskLoad))), el("dd", [:], .text(String(format: "%.1f", alert.load))),
                                  el("dt", [:], .text(l10n(.riskBaseline))), el("dd", [:], .text(String(format: "%.2f", alert.baseline))),
                                  el("dt", [:], .text(l10n(.planStatus))), el("dd", ["id": "alert-status"], .text(l10n(alert.status.l10nKey))),
                                  el("dt", [:], .text(l10n(.signalResponsible))), el("dd", [:], .text(responsible)),
                                  el("dt", [:], .text(l10n(.alertTask))), el("dd", [:], .text(alert.task)),
                                  el("dt", [:], .text(l10n(.signalDeadline))), el("dd", [:], .text(alert.deadline?.dotted ?? "")),
                                  el("dt", [:], .text(l10n(.signalOutcome))), el("dd", ["id": "alert-outcome"], .text(l10n.expand(alert.outcome)))),
                               MediationCasesPage.openButton(origin: "alert:\(alert.id.uuidString)", context),
                               Form.summary(errors, labels: [:], l10n: l10n),
                               canAssign ? el("form", ["method": "post", "action": SiteURL.alertAssign(id: alert.id.uuidString).path, "id": "assign-form"],
                                              Layout.csrfField(context), el("h2", [:], .text(l10n(.alertAssign))),
                                              el("input", ["type": "hidden", "name": "version", "value": String(alert.version)]),
                                              Form.text("responsibleCode", label: l10n(.signalResponsible), value: "", errors: errors, l10n: l10n, hint: l10n(.orgCode)),
                                              Form.textArea("task", label: l10n(.alertTask), value: alert.task, errors: errors, l10n: l10n),
                                              Form.text("deadline", label: l10n(.signalDeadline), value: "", errors: errors, l10n: l10n, type: "date"),
                                              el("button", ["type": "submit", "class": "button"], .text(l10n(.alertAssign)))) : .empty,
                               canClose ? el("form", ["method": "post", "action": SiteURL.alertClose(id: alert.id.uuidString).path, "id": "close-form"],
                                             Layout.csrfField(context), el("h2", [:], .text(l10n(.alertClose))),
                                             el("input", ["type": "hidden", "name": "version", "value": String(alert.version)]),
                                             Form.textArea("outcome", label: l10n(.signalOutcome), value: "", errors: errors, l10n: l10n),
                                             el("button", ["type": "submit", "class": "button"], .text(l10n(.alertClose)))) : .empty,
                               el("h2", [:], .text(l10n(.alertSignals))),
                               el("ul", [:], signals.map { signal in
                                   el("li", [:], el("a", ["href": SiteURL.signal(id: signal.id.uuidString).path],
                                                    .text("\(signal.date.dotted) · \(l10n(signal.kind.l10nKey)) · \(signal.severity) · \(l10n(signal.status.l10nKey))")))
                               }),
                           ]))
    }
}
