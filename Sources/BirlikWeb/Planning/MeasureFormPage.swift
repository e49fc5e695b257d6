import Foundation
import BirlikCore
import BirlikDocuments
import Vapor

/// The form of a measure: every column of a plan row, the strategy nodes it serves and one indicator.
enum MeasureFormPage {
    struct Model {
        var plan: Plan
        var draft: MeasureDraft
        var existingID: UUID?
        var errors: Form.Errors
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        ["code": "№", "titleKK": l10n(.planTitleKk), "titleRU": l10n(.planTitleRu), "titleEN": l10n(.planTitleEn),
         "taskCodes": l10n(.measureTasks), "executorCode": l10n(.measureExecutor), "coExecutorCodes": l10n(.measureCoExecutors),
         "completionForm": l10n(.measureCompletionForm), "deadlineKind": l10n(.measureDeadline), "deadlineDate": l10n(.measureDeadlineDate),
         "dueDay": l10n(.measureDueDay), "budgetSource": l10n(.measureBudgetSource), "amount": l10n(.measureAmountTenge),
         "expectedResultKK": l10n(.measureExpectedKk), "expectedResultRU": l10n(.measureExpectedRu),
         "indicatorKK": l10n(.measureIndicatorKk), "indicatorRU": l10n(.measureIndicatorRu), "indicatorUnit": l10n(.measureIndicatorUnit),
         "indicatorBaseline": l10n(.measureIndicatorBaseline), "indicatorTargets": l10n(.measureIndicatorTargets), "weight": l10n(.measureWeight)]
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = labels(l10n)
        let draft = model.draft
        let errors = model.errors
        let action = model.existingID.map { SiteURL.measureEdit(id: $0.uuidString).path } ?? SiteURL.measureNew(plan: model.plan.code).path
        let title = model.existingID == nil ? l10n(.measureAdd) : l10n(.measureEdit)
        let tree = StrategyTree.shared
        let tasks = tree.servable.filter { $0.conceptCode == model.plan.conceptCode }
            .map { ($0.code, "\($0.code) · \(l10n.text($0.text).prefix(110))") }
        let deadlineKinds = [("date", l10n(.measureDeadlineOnce))] + Periodicity.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }
        return Layout.page(title: title, crumbs: [Layout.Crumb(label: l10n(.navPlans), url: SiteURL.plans.path),
                                                  Layout.Crumb(label: model.plan.code, url: SiteURL.plan(code: model.plan.code).path),
                                                  Layout.Crumb(label: title, url: nil)],
                           context: context, content: .group([
            el("h1", [:], .text(title)),
            el("p", ["class": "lead"], .text(l10n.text(model.plan.title))),
            Form.summary(errors, labels: labels, l10n: l10n),
            el("form", ["method": "post", "action": action, "novalidate": ""],
               Layout.csrfField(context),
               el("input", ["type": "hidden", "name": "version", "value": "\(draft.version)"]),
               Form.text("code", label: labels["code"]!, value: draft.code, errors: errors, l10n: l10n, required: true, hint: l10n(.fieldMeasureCode)),
               Form.textArea("titleKK", label: labels["titleKK"]!, value: draft.titleKK, errors: errors, l10n: l10n, lang: "kk"),
               Form.textArea("titleRU", label: labels["titleRU"]!, value: draft.titleRU, errors: errors, l10n: l10n, lang: "ru"),
               Form.textArea("titleEN", label: labels["titleEN"]!, value: draft.titleEN, errors: errors, l10n: l10n, lang: "en"),
               Form.checkboxes("taskCodes", legend: labels["taskCodes"]!, options: tasks, checked: Set(draft.taskCodes), errors: errors, l10n: l10n),
               Form.text("executorCode", label: labels["executorCode"]!, value: draft.executorCode, errors: errors, l10n: l10n, required: true,
                         hint: l10n(.measureExecutorHint)),
               Form.textArea("coExecutorCodes", label: labels["coExecutorCodes"]!, value: draft.coExecutorCodes, errors: errors, l10n: l10n,
                             hint: l10n(.measureCoExecutorsHint)),
               Form.select("completionForm", label: labels["completionForm"]!, options: CompletionForm.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                           selected: draft.completionForm, errors: errors, l10n: l10n, required: true, anyLabel: "—"),
               Form.select("deadlineKind", label: labels["deadlineKind"]!, options: deadlineKinds, selected: draft.deadlineKind, errors: errors, l10n: l10n, required: true),
               Form.text("deadlineDate", label: labels["deadlineDate"]!, value: draft.deadlineDate, errors: errors, l10n: l10n, hint: l10n(.fieldDate)),
               Form.text("dueDay", label: labels["dueDay"]!, value: draft.dueDay, errors: errors, l10n: l10n, type: "number"),
               Form.select("budgetSource", label: labels["budgetSource"]!, options: BudgetSource.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                           selected: draft.budgetSource, errors: errors, l10n: l10n, required: true),
               Form.text("amount", label: labels["amount"]!, value: draft.amount, errors: errors, l10n: l10n),
               Form.textArea("expectedResultKK", label: labels["expectedResultKK"]!, value: draft.expectedResultKK, errors: errors, l10n: l10n, lang: "kk"),
               Form.textArea("expectedResultRU", label: labels["expectedResultRU"]!, value: draft.expectedResultRU, errors: errors, l10n: l10n, lang: "ru"),
               el("fieldset", ["class": "group"], el("legend", [:], .text(l10n(.measureIndicator))),
                  Form.text("indicatorKK", label: labels["indicatorKK"]!, value: draft.indicatorKK, errors: errors, l10n: l10n, lang: "kk"),
                  Form.text("indicatorRU", label: labels["indicatorRU"]!, value: draft.indicatorRU, errors: errors, l10n: l10n, lang: "ru"),
                  Form.text("indicatorUnit", label: labels["indicatorUnit"]!, value: draft.indicatorUnit, errors: errors, l10n: l10n),
                  Form.text("indicatorBaseline", label: labels["indicatorBaseline"]!, value: draft.indicatorBaseline, errors: errors, l10n: l10n),
                  Form.text("indicatorTargets", label: labels["indicatorTargets"]!, value: draft.indicatorTargets, errors: errors, l10n: l10n,
                            hint: l10n(.measureIndicatorTargetsHint))),
               Form.text("weight", label: labels["weight"]!, value: draft.weight, errors: errors, l10n: l10n, type: "number", hint: l10n(.fieldWeight)),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.orgSave)))),
        ]))
    }
}

/// The measure form as the browser sends it.
struct MeasureFormData: Content {
    var code: String?
    var titleKK: String?
    var titleRU: String?
    var titleEN: String?
    var taskCodes: [String]?
    var executorCode: String?
    var coExecutorCodes: String?
    var completionForm: String?
    var deadlineKind: String?
    var deadlineDate: String?
    var dueDay: String?
    var budgetSource: String?
    var amount: String?
    var expectedResultKK: String?
    var expectedResultRU: String?
    var indicatorKK: String?
    var indicatorRU: String?
    var indicatorUnit: String?
    var indicatorBaseline: String?
    var indicatorTargets: String?
    var weight: String?
    var version: Int?

    var draft: MeasureDraft {
        MeasureDraft(code: code ?? "", titleKK: titleKK ?? "", titleRU: titleRU ?? "", titleEN: titleEN ?? "", taskCodes: taskCodes ?? [],
                     executorCode: executorCode ?? "", coExecutorCodes: coExecutorCodes ?? "", completionForm: completionForm ?? "",
                     deadlineKind: deadlineKind ?? "", deadlineDate: deadlineDate ?? "", dueDay: dueDay ?? "", budgetSource: budgetSource ?? "",
                     amount: amount ?? "", expectedResultKK: expectedResultKK ?? "", expectedResultRU: expectedResultRU ?? "",
                     indicatorKK: indicatorKK ?? "", indicatorRU: indicatorRU ?? "", indicatorUnit: indicatorUnit ?? "",
                     indicatorBaseline: indicatorBaseline ?? "", indicatorTargets: indicatorTargets ?? "", weight: weight ?? "1", version: version ?? 0)
    }
}
