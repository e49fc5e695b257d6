import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation
import Vapor

/// One executor's report for one period: the entry form while it is the executor's to fill, the
/// coordinator's decision forms once submitted, and what was said either way.
enum ReportPage {
    struct Model {
        var report: Report
        var measure: Measure
        var plan: Plan
        var executor: (code: String, name: LocalizedText, regionCode: String)?
        var draft: ReportDraft
        var errors: Form.Errors
        var canEnter: Bool
        var entryOpen: Bool
        var decisions: [ReportTransition]
        var today: Day
        var attachments: [Attachment]
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        ["execution": l10n(.reportExecution), "narrativeKK": l10n(.reportNarrativeKk), "narrativeRU": l10n(.reportNarrativeRu),
         "comment": l10n(.reportComment), "lateEntryUntil": l10n(.reportLateEntryUntil), "actual0": l10n(.measureActual),
         "file": l10n(.attachmentAdd)]
    }

    /// When the report could not take what the user typed (it was submitted or accepted meanwhile),
    /// the typed text stays on the page so that nothing is lost.
    static func unsaved(_ model: Model, _ l10n: Localizer) -> HTMLNode {
        guard model.errors.general != nil, !(model.canEnter && model.entryOpen) else { return .empty }
        let texts = [model.draft.narrativeKK, model.draft.narrativeRU].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !texts.isEmpty else { return .empty }
        return el("section", ["class": "notice warning"], el("h2", [:], .text(l10n(.reportUnsaved))),
                  .group(texts.map { el("p", [:], .text($0)) }))
    }

    /// The report's files, each removable while the executor may still edit.
    static func attachments(_ model: Model, _ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        let id = model.report.id.uuidString
        let removable = model.canEnter && model.entryOpen && model.report.status.isOpenForEntry
        let list = model.attachments.isEmpty ? el("p", ["class": "muted"], .text(l10n(.attachmentNone)))
            : el("ul", ["class": "attachments"], model.attachments.map { file in
                el("li", [:], el("a", ["href": SiteURL.reportAttachment(id: id, sha256: file.sha256).path], .text(file.fileName)),
                   .text(" · " + l10n(.attachmentSize, ["size": l10n.number(max(1, file.size / 1024))]) + " · " + file.addedBy),
                   removable ? el("form", ["method": "post", "action": SiteURL.reportAttachmentRemove(id: id, sha256: file.sha256).path, "class": "inline"],
                                  Layout.csrfField(context),
                                  el("button", ["type": "submit", "class": "link",
                                                "aria-label": l10n(.attachmentRemove) + ": " + file.fileName], .text(l10n(.attachmentRemove)))) : .empty)
            })
        return el("section", [:], el("h2", [:], .text(l10n(.attachmentTitle))), list)
    }

    /// The file field inside the entry form: its button sends the whole form, so what was typed beside
    /// the file is saved with it and never lost.
    static func attachField(_ model: Model, _ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        return el("fieldset", ["class": "attach"],
            el("legend", [:], .text(l10n(.attachmentTitle))),
            el("div", ["class": model.errors.fields["file"] == nil ? "field" : "field has-error"],
               el("label", ["for": "field-file"], .text(l10n(.attachmentAdd))),
               el("p", ["class": "hint"], .text(l10n(.attachmentHint))),
               model.errors.fields["file"].map { el("p", ["class": "error-message", "id": "error-file"], .text(l10n($0.key, $0.arguments))) } ?? .empty,
               el("input", ["type": "file", "id": "field-file", "name": "file", "accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"])),
            el("button", ["type": "submit", "class": "button secondary", "formaction": SiteURL.reportAttachments(id: model.report.id.uuidString).path,
                          "formenctype": "multipart/form-data", "formnovalidate": ""], .text(l10n(.attachmentAdd))))
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let report = model.report
        let labels = labels(l10n)
        let title = "\(model.measure.code). \(l10n.text(model.measure.title)) · \(ReportingPeriod.label(code: report.periodCode, l10n))"
        let facts = el("dl", ["class": "details"],
            el("dt", [:], .text(l10n(.reportExecutor))),
            el("dd", [:], .text(model.executor.map { l10n.text($0.name) } ?? "—"), report.isLead ? .empty : .text(" · " + l10n(.reportCoExecutor))),
            el("dt", [:], .text(l10n(.reportDue))), el("dd", [:], .text(report.due.dotted)),
            el("dt", [:], .text(l10n(.planStatus))), el("dd", [:], Figures.badge(report.status, overdue: report.isOverdue(today: model.today), l10n)),
            report.firstSubmittedAt.map { .group([el("dt", [:], .text(l10n(.reportFirstSubmitted))), el("dd", [:], .text(Day($0).dotted))]) } ?? .empty,
            report.lateEntryUntil.map { .group([el("dt", [:], .text(l10n(.reportLateEntryUntil))), el("dd", [:], .text($0.dotted))]) } ?? .empty)
        let returned = report.returnComment.map { comment in
            el("div", ["class": "notice warning", "role": "note"], el("strong", [:], .text(l10n(.reportReturnedWith) + " ")), .text(comment))
        } ?? .empty
        let indicatorFields = model.measure.indicators.enumerated().map { index, indicator in
            Form.text("actual\(index)", label: "\(l10n.text(indicator.name)) (\(l10n.text(IndicatorUnit.name(indicator.unit))))", value: model.draft.actuals[index] ?? "",
                      errors: model.errors, l10n: l10n,
                      hint: indicator.targets[report.periodYear].map { l10n(.reportTargetHint, ["target": MeasureDraftFormat.number($0)]) })
        }
        let entry: HTMLNode
        if model.canEnter && model.entryOpen {
            entry = el("form", ["method": "post", "action": SiteURL.reportEnter(id: report.id.uuidString).path, "novalidate": "", "class": "report-form"],
                Layout.csrfField(context),
                el("input", ["type": "hidden", "name": "version", "value": "\(model.draft.version)"]),
                Form.select("execution", label: labels["execution"]!, options: ExecutionStatus.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                            selected: model.draft.execution, errors: model.errors, l10n: l10n, required: true, anyLabel: "—"),
                Form.textArea("narrativeKK", label: labels["narrativeKK"]!, value: model.draft.narrativeKK, errors: model.errors, l10n: l10n, lang: "kk"),
                Form.textArea("narrativeRU", label: labels["narrativeRU"]!, value: model.draft.narrativeRU, errors: model.errors, l10n: l10n, lang: "ru"),
                .group(indicatorFields),
                el("div", ["class": "actions"],
                   el("button", ["type": "submit", "name": "submit", "value": "false", "class": "button secondary"], .text(l10n(.reportActionSave))),
                   el("button", ["type": "submit", "name": "submit", "value": "true", "class": "button"], .text(l10n(.reportActionSubmit)))),
                attachField(model, context))
        } else if model.canEnter && report.status.isOpenForEntry {
            entry = el("p", ["class": "notice warning"], .text(l10n(.errorDeadlinePassed)))
        } else {
            entry = el("section", ["class": "report-content"],
                el("h2", [:], .text(l10n(.reportContent))),
                el("p", [:], el("strong", [:], .text(report.execution.map { l10n($0.l10nKey) } ?? "—"))),
                report.narrative.kk.map { el("p", ["lang": "kk"], .text(l10n.inScript($0, .kk))) } ?? .empty,
                report.narrative.ru.map { el("p", ["lang": "ru"], .text($0)) } ?? .empty,
                .group(model.measure.indicators.enumerated().map { index, indicator in
                    el("p", [:], .text("\(l10n.text(indicator.name)): \(report.actuals[index].map(MeasureDraftFormat.number) ?? "—") \(l10n.text(IndicatorUnit.name(indicator.unit)))"))
                }))
        }
        let decisions = model.decisions.map { transition -> HTMLNode in
            let needsComment = transition == .returnForCorrection || transition == .unaccept
            return el("form", ["method": "post", "action": SiteURL.reportDecide(id: report.id.uuidString).path, "class": "decision"],
                      Layout.csrfField(context),
                      el("input", ["type": "hidden", "name": "transition", "value": transition.rawValue]),
                      el("input", ["type": "hidden", "name": "version", "value": "\(report.version)"]),
                      needsComment ? Form.textArea("comment", label: labels["comment"]!, value: "", errors: model.errors, l10n: l10n) : .empty,
                      transition == .grantLateEntry ? Form.text("lateEntryUntil", label: labels["lateEntryUntil"]!, value: "", errors: model.errors,
                                                                 l10n: l10n, hint: l10n(.fieldDate)) : .empty,
                      el("button", ["type": "submit", "class": transition == .accept ? "button" : "button secondary"], .text(l10n(transition.l10nKey))))
        }
        return Layout.page(title: title, crumbs: [Layout.Crumb(label: l10n(.navPlans), url: SiteURL.plans.path),
                                                  Layout.Crumb(label: model.plan.code, url: SiteURL.plan(code: model.plan.code).path),
                                                  Layout.Crumb(label: model.measure.code, url: SiteURL.measure(id: model.measure.id.uuidString).path),
                                                  Layout.Crumb(label: ReportingPeriod.label(code: report.periodCode, l10n), url: nil)], context: context,
                           content: .group([
                               el("h1", [:], .text(title)),
                               Form.summary(model.errors, labels: labels, l10n: l10n),
                               facts, returned, entry, unsaved(model, l10n), attachments(model, context),
                               decisions.isEmpty ? .empty : el("section", ["class": "decisions"], el("h2", [:], .text(l10n(.reportDecision))), .group(decisions)),
                           ]))
    }
}

/// The report form as the browser sends it.
struct ReportFormData: Content {
    var execution: String?
    var narrativeKK: String?
    var narrativeRU: String?
    var actual0: String?
    var actual1: String?
    var actual2: String?
    var submit: String?
    var version: Int?

    var draft: ReportDraft {
        var actuals: [Int: String] = [:]
        for (index, value) in [actual0, actual1, actual2].enumerated() { if let value { actuals[index] = value } }
        return ReportDraft(execution: execution ?? "", narrativeKK: narrativeKK ?? "", narrativeRU: narrativeRU ?? "", actuals: actuals, version: version ?? 0)
    }
}
