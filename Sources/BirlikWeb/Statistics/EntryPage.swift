import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation
import Vapor

/// The data-entry form of one data set, place and period, and the approval page.
enum EntryPage {
    struct Model {
        var sheet: ValueStore.Sheet?
        var dataSet: String
        var place: String
        var period: String
        var places: [Region]
        var typed: [String: String]
        var errors: Form.Errors
        var violations: [Violation]
        var saved: Int?
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let chooser = el("form", ["method": "get", "action": SiteURL.statisticsEntry.path, "class": "inline-filter"],
            Form.select("dataSet", label: l10n(.statisticsDataSet), options: StatisticsCatalog.shared.dataSets.filter { $0.code != "census" }.map { ($0.code, l10n.text($0.name)) },
                        selected: model.dataSet, errors: Form.Errors(), l10n: l10n),
            Form.select("place", label: l10n(.statisticsPlace), options: model.places.map { ($0.code, l10n.text($0.name)) }, selected: model.place,
                        errors: Form.Errors(), l10n: l10n),
            Form.text("period", label: l10n(.statisticsPeriod), value: model.period, errors: model.errors, l10n: l10n,
                      hint: StatisticsCatalog.shared.dataSet(model.dataSet).map { l10n(L10nKey(rawValue: "periodKind.\($0.periodKind.rawValue)")!) }),
            el("button", ["type": "submit", "class": "button"], .text(l10n(.statisticsApply))))
        var sections: [HTMLNode] = [el("h1", [:], .text(l10n(.statisticsEntry))), el("p", ["class": "lead"], .text(l10n(.statisticsEntryLead))), chooser]
        if let saved = model.saved { sections.append(el("p", ["class": "notice", "role": "status"], .text(l10n(.statisticsSaved, ["count": String(saved)])))) }
        if let sheet = model.sheet {
            sections.append(el("p", ["class": "hint"], .text(l10n(.statisticsDueDay, ["date": sheet.dataSet.dueDay(for: sheet.period).dotted]))))
            if sheet.locked { sections.append(el("p", ["class": "notice"], .text(l10n(.statisticsLocked)))) }
            var rows: [HTMLNode] = []
            for code in sheet.dataSet.elements {
                guard let element = StatisticsCatalog.shared.element(code) else { continue }
                for category in Disaggregation.keys(element.dimensions) {
                    let key = ValueStore.Sheet.key(code, category)
                    let value = model.typed[key] ?? sheet.values[key].map { StatisticsPage.number($0, l10n).replacingOccurrences(of: "\u{00A0}", with: " ") } ?? ""
                    let error = model.errors.fields[key]
                    rows.append(el("tr", error == nil ? [:] : ["class": "has-error"],
                                   el("th", ["scope": "row"], .text(l10n.text(element.name))),
                                   el("td", [:], .text(category.isEmpty ? "" : Disaggregation.label(category, l10n))),
                                   el("td", [:], el("input", ["type": "text", "inputmode": "decimal", "name": "v:\(key)", "value": value,
                                                              "aria-label": "\(l10n.text(element.name)) \(Disaggregation.label(category, l10n))",
                                                              "disabled": sheet.locked ? "" : nil, "aria-invalid": error == nil ? nil : "true"]),
                                      error.map { el("p", ["class": "error-message"], .text(l10n($0.key, $0.arguments))) } ?? .empty)))
                }
            }
            sections.append(el("form", ["method": "post", "action": SiteURL.statisticsEntry.with([("dataSet", model.dataSet), ("place", model.place), ("period", model.period)]),
                                        "id": "entry-form"],
                               Layout.csrfField(context),
                               el("div", ["class": "table-wrap"], el("table", ["class": "data entry"],
                                  el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text(l10n(.statisticsElement))),
                                                      el("th", ["scope": "col"], .text(l10n(.statisticsCategory))), el("th", ["scope": "col"], .text(l10n(.statisticsValue))))),
                                  el("tbody", [:], rows))),
                               sheet.locked ? .empty : el("button", ["type": "submit", "class": "button"], .text(l10n(.reportActionSave)))))
            sections.append(ImportPage.violations(model.violations, l10n))
        }
        return Layout.page(title: l10n(.statisticsEntry), crumbs: [Layout.Crumb(label: l10n(.navStatistics), url: SiteURL.statistics.path),
                                                                  Layout.Crumb(label: l10n(.statisticsEntry), url: nil)],
                           context: context, wide: true, content: .group(sections))
    }
}

/// Approval of a data set's period, place by place, level by level.
enum ApprovalPage {
    struct Row {
        var place: Region
        var approved: [String]
        var canApprove: String?
        var canRemove: String?
    }

    struct Model {
        var dataSet: String
        var period: String
        var rows: [Row]
        var errors: Form.Errors
    }

    static func levelName(_ level: String, _ l10n: Localizer) -> String {
        ReferenceData.regions.first { $0.code == level }.map { l10n.text($0.name) } ?? level
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let chooser = el("form", ["method": "get", "action": SiteURL.statisticsApproval.path, "class": "inline-filter"],
            Form.select("dataSet", label: l10n(.statisticsDataSet), options: StatisticsCatalog.shared.dataSets.filter { $0.code != "census" }.map { ($0.code, l10n.text($0.name)) },
                        selected: model.dataSet, errors: Form.Errors(), l10n: l10n),
            Form.text("period", label: l10n(.statisticsPeriod), value: model.period, errors: Form.Errors(), l10n: l10n),
            el("button", ["type": "submit", "class": "button"], .text(l10n(.statisticsApply))))
        let action = SiteURL.statisticsApproval.with([("dataSet", model.dataSet), ("period", model.period)])
        let rows = model.rows.map { row in
            el("tr", [:],
               el("th", ["scope": "row"], .text(l10n.text(row.place.name))),
               el("td", [:], .text(row.approved.isEmpty ? l10n(.approvalNone)
                                   : l10n(.approvalApprovedAt, ["level": row.approved.map { levelName($0, l10n) }.joined(separator: " → ")]))),
               el("td", [:],
                  row.canApprove.map { level in
                      el("form", ["method": "post", "action": action, "class": "decision"], Layout.csrfField(context),
                         el("input", ["type": "hidden", "name": "place", "value": row.place.code]),
                         el("input", ["type": "hidden", "name": "level", "value": level]),
                         el("button", ["type": "submit", "name": "step", "value": "approve", "class": "button"], .text("\(l10n(.approvalApprove)): \(levelName(level, l10n))")))
                  } ?? .empty,
                  row.canRemove.map { level in
                      el("form", ["method": "post", "action": action, "class": "decision"], Layout.csrfField(context),
                         el("input", ["type": "hidden", "name": "place", "value": row.place.code]),
                         el("input", ["type": "hidden", "name": "level", "value": level]),
                         el("input", ["type": "text", "name": "reason", "placeholder": l10n(.approvalReason), "aria-label": l10n(.approvalReason)]),
                         el("button", ["type": "submit", "name": "step", "value": "unapprove", "class": "button secondary"], .text(l10n(.approvalUnapprove))))
                  } ?? .empty))
        }
        return Layout.page(title: l10n(.approvalTitle), crumbs: [Layout.Crumb(label: l10n(.navStatistics), url: SiteURL.statistics.path),
                                                                Layout.Crumb(label: l10n(.statisticsApproval), url: nil)],
                           context: context, wide: true, content: .group([
                               el("h1", [:], .text(l10n(.approvalTitle))), el("p", ["class": "lead"], .text(l10n(.approvalLead))), chooser,
                               Form.summary(model.errors, labels: [:], l10n: l10n),
                               el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "approvals"],
                                  el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text(l10n(.statisticsPlace))),
                                                      el("th", ["scope": "col"], .text(l10n(.planStatus))), el("th", ["scope": "col"], .text("")))),
                                  el("tbody", [:], rows))),
                           ]))
    }
}
