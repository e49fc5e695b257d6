import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation
import Vapor

/// Importing values from CSV or XLSX: upload, check the column mapping, see every problem by row
/// and column in the user's language, then import whole.
enum ImportPage {
    struct Model {
        /// The stored upload being worked on.
        var sha256: String?
        var fileName: String
        var header: [String]
        var mapping: ImportMapping
        var detected: String?
        var problems: [ImportProblem]
        var more: Int
        var ready: Int?
        var done: ValueImporter.Summary?
        var general: L10nKey?
        /// Rows read and rows in the file, while a background import runs.
        var progress: (done: Int, total: Int)?
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let upload = el("form", ["method": "post", "action": SiteURL.statisticsImport.path, "enctype": "multipart/form-data", "class": "upload"],
                        Layout.csrfField(context),
                        el("div", ["class": "field"], el("label", ["for": "field-file"], .text(l10n(.valueImportFile))),
                           el("input", ["type": "file", "id": "field-file", "name": "file", "accept": ".csv,.txt,.xlsx,text/csv"])),
                        el("button", ["type": "submit", "class": "button"], .text(l10n(.importUpload))))
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(.valueImportTitle))),
            el("p", ["class": "lead"], .text(l10n(.valueImportLead))),
            upload,
        ]
        if let progress = model.progress {
            sections.append(el("div", ["class": "notice", "role": "status", "id": "import-progress"],
                               el("p", [:], .text(l10n(.importProgress, ["done": l10n.number(progress.done), "total": l10n.number(progress.total)]))),
                               el("progress", ["max": String(progress.total), "value": String(min(progress.done, progress.total))])))
        }
        if let general = model.general { sections.append(el("div", ["class": "error-summary", "role": "alert"], el("p", [:], .text(l10n(general))))) }
        if let done = model.done {
            sections.append(el("div", ["class": "notice", "role": "status", "id": "import-done"],
                               el("p", [:], .text(l10n(.valueImportDone, ["count": l10n.number(done.values), "changed": l10n.number(done.changed)])))))
            sections.append(violations(done.violations, l10n))
        }
        if let sha = model.sha256 {
            if let detected = model.detected { sections.append(el("p", ["class": "hint"], .text(detected))) }
            if !model.problems.isEmpty {
                sections.append(el("div", ["class": "error-summary", "role": "alert", "id": "import-problems"],
                                   el("h2", [:], .text(l10n(.importProblems, ["count": l10n.number(model.problems.count + model.more)]))),
                                   el("div", ["class": "table-wrap"], el("table", ["class": "data"],
                                      el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text(l10n(.valueImportRow))), el("th", ["scope": "col"], .text(l10n(.importColumn))),
                                                          el("th", ["scope": "col"], .text(l10n(.statisticsValue))), el("th", ["scope": "col"], .text(l10n(.importReason))))),
                                      el("tbody", [:], model.problems.map { problem in
                                          el("tr", [:], el("td", [:], .text(String(problem.row))), el("td", [:], .text(problem.column)),
                                             el("td", [:], el("code", [:], .text(problem.value))), el("td", [:], .text(l10n(problem.key, problem.arguments))))
                                      }))),
                                   model.more > 0 ? el("p", [:], .text(l10n(.importProblemsMore, ["count": l10n.number(model.more)]))) : .empty))
            } else if let ready = model.ready {
                sections.append(el("p", ["class": "notice", "role": "status", "id": "import-ready"], .text(l10n(.importOk, ["count": l10n.number(ready)]))))
            }
            let options = [("", l10n(.importNotMapped))] + ImportMapping.Field.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }
            let mapping = model.header.enumerated().map { index, name in
                let field = model.mapping.columns.first { $0.value == index }?.key
                return Form.select("column\(index)", label: "\(index + 1). \(name)", options: options, selected: field?.rawValue ?? "",
                                   errors: Form.Errors(), l10n: l10n)
            }
            sections.append(el("form", ["method": "post", "action": SiteURL.statisticsImportRun.path, "class": "mapping", "id": "import-mapping"],
                               Layout.csrfField(context),
                               el("input", ["type": "hidden", "name": "sha256", "value": sha]),
                               el("input", ["type": "hidden", "name": "fileName", "value": model.fileName]),
                               el("h2", [:], .text(l10n(.importMapping))),
                               el("div", ["class": "mapping-grid"], .group(mapping)),
                               el("p", ["class": "actions"],
                                  el("button", ["type": "submit", "name": "mode", "value": "dry-run", "class": "button secondary"], .text(l10n(.importDryRun))), " ",
                                  el("button", ["type": "submit", "name": "mode", "value": "commit", "class": "button", "id": "import-commit"], .text(l10n(.importCommit))))))
        }
        return Layout.page(title: l10n(.valueImportTitle), refresh: model.progress == nil ? nil : 1, crumbs: [Layout.Crumb(label: l10n(.navStatistics), url: SiteURL.statistics.path),
                                                                   Layout.Crumb(label: l10n(.statisticsImport), url: nil)],
                           context: context, wide: true, content: .group(sections))
    }

    /// Violations of the validation rules, as a table (shared by the import result, data entry and the report).
    static func violations(_ violations: [Violation], _ l10n: Localizer, emptyText: Bool = false) -> HTMLNode {
        guard !violations.isEmpty else { return emptyText ? el("p", [:], .text(l10n(.statisticsNoViolations))) : .empty }
        let rules = Dictionary(StatisticsCatalog.shared.rules.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        return el("section", ["class": "violations", "id": "violations"],
                  el("h2", [:], .text(l10n(.statisticsViolationsTitle))),
                  el("div", ["class": "table-wrap"], el("table", ["class": "data"],
                     el("thead", [:], el("tr", [:], el("th", ["scope": "col"], .text(l10n(.statisticsRule))), el("th", ["scope": "col"], .text(l10n(.statisticsPlace))),
                                         el("th", ["scope": "col"], .text(l10n(.statisticsPeriod))), el("th", ["scope": "col"], .text(l10n(.statisticsValues))))),
                     el("tbody", [:], violations.map { violation in
                         el("tr", [:], el("td", [:], .text(rules[violation.rule].map { l10n($0.l10nKey) } ?? violation.rule)),
                            el("td", [:], .text(StatisticsPage.label(.place, violation.place, l10n))),
                            el("td", [:], .text(violation.period.label(l10n))),
                            el("td", ["class": "number"], .text("\(StatisticsPage.number(violation.left, l10n)) / \(StatisticsPage.number(violation.right, l10n))")))
                     }))))
    }
}
