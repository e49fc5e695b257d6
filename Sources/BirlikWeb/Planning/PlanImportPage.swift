import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation
import Vapor

/// Importing a draft plan's measures from the ministries' XLSX layout: every problem listed by row
/// and column in the user's language; the file lands whole or not at all.
enum PlanImportPage {
    static func view(plan: Plan, problems: [FieldError], general: L10nKey?, _ context: PageContext) -> String {
        let l10n = context.l10n
        let columns = Dictionary(uniqueKeysWithValues: PlanSheet.Column.allCases.map { ($0.rawValue, l10n($0.key)) })
        let fieldNames = MeasureFormPage.labels(l10n).merging(columns) { first, _ in first }
        let list = problems.map { problem -> HTMLNode in
            let parts = problem.field.split(separator: ":", maxSplits: 1).map(String.init)
            let row = parts.first ?? ""
            let field = parts.count > 1 ? parts[1] : problem.field
            return el("li", [:], el("strong", [:], .text(l10n(.importRow, ["row": row]) + " · " + (fieldNames[field] ?? field) + ": ")),
                      .text(l10n(problem.key, problem.arguments.merging(["column": fieldNames[field] ?? field]) { _, label in label })))
        }
        return Layout.page(title: l10n(.importTitle), crumbs: [Layout.Crumb(label: l10n(.navPlans), url: SiteURL.plans.path),
                                                                Layout.Crumb(label: plan.code, url: SiteURL.plan(code: plan.code).path),
                                                                Layout.Crumb(label: l10n(.importTitle), url: nil)], context: context,
                           content: .group([
                               el("h1", [:], .text(l10n(.importTitle))),
                               el("p", ["class": "lead"], .text(l10n.text(plan.title))),
                               el("p", [:], .text(l10n(.importLead))),
                               problems.isEmpty && general == nil ? .empty : el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"],
                                   el("h2", [:], .text(l10n(general ?? .errorInvalid))), el("ul", [:], list)),
                               el("form", ["method": "post", "action": SiteURL.planImport(code: plan.code).path, "enctype": "multipart/form-data"],
                                  Layout.csrfField(context),
                                  el("div", ["class": "field"], el("label", ["for": "field-file"], .text(l10n(.importFile))),
                                     el("input", ["type": "file", "id": "field-file", "name": "file", "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "required": ""])),
                                  Form.select("language", label: l10n(.importLanguage), options: Language.allCases.map { ($0.rawValue, l10n(L10nKey(rawValue: "lang.name.\($0.rawValue)")!)) },
                                              selected: l10n.language.rawValue, errors: Form.Errors(), l10n: l10n),
                                  el("button", ["type": "submit", "class": "button"], .text(l10n(.importSubmit)))),
                           ]))
    }

    struct Upload: Content {
        var file: File?
        var language: String?
    }
}
