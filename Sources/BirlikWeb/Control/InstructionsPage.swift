import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation
import Vapor

/// The register of the instructions of the Head of State – Chairman of the APK (S4).
enum InstructionsPage {
    struct Model {
        var instructions: [Instruction]
        var executors: [UUID: (code: String, name: LocalizedText, regionCode: String)]
        var status: ControlStatus?
        var overdueOnly: Bool
        var canCreate: Bool
        var today: Day
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let filters = el("form", ["method": "get", "action": SiteURL.instructions.path, "class": "inline-filter"],
            Form.select("status", label: l10n(.planStatus), options: ControlStatus.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                        selected: model.status?.rawValue ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.directoryAny)),
            Form.checkbox("overdue", label: l10n(.instructionOverdueOnly), checked: model.overdueOnly),
            el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply))))
        let rows = model.instructions.map { instruction -> HTMLNode in
            el("tr", [:],
               el("td", [:], el("a", ["href": SiteURL.instruction(id: instruction.id.uuidString).path], .text(instruction.number))),
               el("td", [:], .text("\(l10n(instruction.source.l10nKey)), \(instruction.sourceDate.dotted), \(l10n(.instructionItem)) \(instruction.item)")),
               el("td", [:], .text(l10n.text(instruction.text))),
               el("td", [:], .text(instruction.executorIDs.compactMap { model.executors[$0].map { l10n.text($0.name) } }.joined(separator: "; "))),
               el("td", [:], .text(instruction.deadline.dotted)),
               el("td", [:], Figures.badge(instruction.status, overdue: instruction.isOverdue(today: model.today), l10n)))
        }
        return Layout.page(title: l10n(.instructionsTitle), crumbs: [Layout.Crumb(label: l10n(.navInstructions), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.instructionsTitle))),
                               el("p", ["class": "lead"], .text(l10n(.instructionsLead))),
                               model.canCreate ? el("p", [:], el("a", ["class": "button", "href": SiteURL.instructionNew.path], .text(l10n(.instructionsCreate)))) : .empty,
                               filters,
                               model.instructions.isEmpty ? el("p", [:], .text(l10n(.directoryEmpty))) :
                               el("div", ["class": "table-wrap"], el("table", ["class": "data"],
                                  el("thead", [:], el("tr", [:],
                                     el("th", ["scope": "col"], .text("№")), el("th", ["scope": "col"], .text(l10n(.instructionSource))),
                                     el("th", ["scope": "col"], .text(l10n(.instructionText))), el("th", ["scope": "col"], .text(l10n(.measureExecutors))),
                                     el("th", ["scope": "col"], .text(l10n(.measureDeadline))), el("th", ["scope": "col"], .text(l10n(.planStatus))))),
                                  el("tbody", [:], rows))),
                           ]))
    }
}

/// One instruction: its text, executors, deadline, control status and full history, with the
/// forms for the executor (respond, ask for more time) and the Secretariat (decide, close).
enum InstructionPage {
    struct Model {
        var instruction: Instruction
        var history: [InstructionEvent]
        var executors: [UUID: (code: String, name: LocalizedText, regionCode: String)]
        var canRespond: Bool
        var canDecide: Bool
        var errors: Form.Errors
        var today: Day
        /// Working days from today to the deadline, by the one working-day calendar.
        var workingDaysLeft: Int
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let instruction = model.instruction
        let url = SiteURL.instructionStep(id: instruction.id.uuidString).path
        func form(_ step: String, _ fields: [HTMLNode], _ button: L10nKey, primary: Bool = false) -> HTMLNode {
            el("form", ["method": "post", "action": url, "class": "decision"], Layout.csrfField(context),
               el("input", ["type": "hidden", "name": "step", "value": step]), .group(fields),
               el("button", ["type": "submit", "class": primary ? "button" : "button secondary"], .text(l10n(button))))
        }
        let pendingRequest = model.history.last { [.extensionRequested, .extensionGranted, .extensionRefused].contains($0.kind) }?.kind == .extensionRequested
        var actions: [HTMLNode] = []
        if model.canRespond, instruction.status == .onControl {
            actions.append(form("respond", [Form.textArea("text", label: l10n(.instructionResponse), value: "", errors: model.errors, l10n: l10n)], .instructionRespond, primary: true))
            actions.append(form("extension", [Form.text("requestedDeadline", label: l10n(.instructionNewDeadline), value: "", errors: model.errors, l10n: l10n, hint: l10n(.fieldDate)),
                                              Form.textArea("reason", label: l10n(.instructionReason), value: "", errors: model.errors, l10n: l10n)], .instructionRequestExtension))
        }
        if model.canDecide {
            if pendingRequest {
                actions.append(form("grant", [Form.textArea("comment", label: l10n(.reportComment), value: "", errors: model.errors, l10n: l10n)], .instructionGrant, primary: true))
                actions.append(form("refuse", [Form.textArea("comment", label: l10n(.reportComment), value: "", errors: model.errors, l10n: l10n)], .instructionRefuse))
            }
            for status in ControlStatus.allCases where status != instruction.status {
                actions.append(form("status-\(status.rawValue)", [Form.textArea("comment", label: l10n(.reportComment), value: "", errors: model.errors, l10n: l10n)],
                                    L10nKey(rawValue: "instruction.set.\(status.rawValue)") ?? .instructionSetExecuted))
            }
        }
        return Layout.page(title: "№ \(instruction.number)", crumbs: [Layout.Crumb(label: l10n(.navInstructions), url: SiteURL.instructions.path),
                                                                     Layout.Crumb(label: instruction.number, url: nil)], context: context,
                           content: .group([
                               el("h1", [:], .text(l10n(.instructionHeading, ["number": instruction.number]))),
                               Form.summary(model.errors, labels: ["text": l10n(.instructionResponse), "requestedDeadline": l10n(.instructionNewDeadline),
                                                                   "comment": l10n(.reportComment)], l10n: l10n),
                               el("blockquote", ["class": "instruction-text"], .text(l10n.text(instruction.text))),
                               el("dl", ["class": "details"],
                                  el("dt", [:], .text(l10n(.instructionSource))),
                                  el("dd", [:], .text("\(l10n(instruction.source.l10nKey)), \(instruction.sourceDate.dotted), \(l10n(.instructionItem)) \(instruction.item)")),
                                  el("dt", [:], .text(l10n(.measureExecutors))),
                                  el("dd", [:], .text(instruction.executorIDs.compactMap { model.executors[$0].map { l10n.text($0.name) } }.joined(separator: "; "))),
                                  el("dt", [:], .text(l10n(.measureDeadline))),
                                  el("dd", [:], .text(instruction.deadline.dotted
                                                      + (model.workingDaysLeft > 0 && instruction.status == .onControl ? " · " + l10n(.appealWorkingDaysLeft, ["count": l10n.number(model.workingDaysLeft)]) : ""))),
                                  el("dt", [:], .text(l10n(.planStatus))), el("dd", [:], Figures.badge(instruction.status, overdue: instruction.isOverdue(today: model.today), l10n))),
                               actions.isEmpty ? .empty : el("section", ["class": "decisions"], el("h2", [:], .text(l10n(.reportDecision))), .group(actions)),
                               el("section", [:], el("h2", [:], .text(l10n(.instructionHistory))),
                                  el("ol", ["class": "timeline"], model.history.map { event in
                                      el("li", [:], el("time", [:], .text(Day(event.at).dotted)),
                                         .text(" · " + l10n(event.kind.l10nKey) + " · " + event.actorName
                                               + (event.organizationID.flatMap { model.executors[$0] }.map { " (\(l10n.text($0.name)))" } ?? "")
                                               + (event.requestedDeadline.map { " → \($0.dotted)" } ?? "")),
                                         event.text.isEmpty ? .empty : el("blockquote", [:], .text(event.text)))
                                  })),
                           ]))
    }
}

/// The form that puts an instruction on control.
enum InstructionFormPage {
    static func labels(_ l10n: Localizer) -> [String: String] {
        ["number": "№", "source": l10n(.instructionSource), "sourceDate": l10n(.instructionSourceDate), "item": l10n(.instructionItem),
         "textKK": l10n(.instructionTextKk), "textRU": l10n(.instructionTextRu), "executorCodes": l10n(.measureCoExecutors), "deadline": l10n(.measureDeadline)]
    }

    static func view(_ draft: InstructionDraft, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = labels(l10n)
        return Layout.page(title: l10n(.instructionsCreate), crumbs: [Layout.Crumb(label: l10n(.navInstructions), url: SiteURL.instructions.path),
                                                                      Layout.Crumb(label: l10n(.instructionsCreate), url: nil)], context: context,
                           content: .group([
                               el("h1", [:], .text(l10n(.instructionsCreate))),
                               Form.summary(errors, labels: labels, l10n: l10n),
                               el("form", ["method": "post", "action": SiteURL.instructionNew.path, "novalidate": ""],
                                  Layout.csrfField(context),
                                  Form.text("number", label: labels["number"]!, value: draft.number, errors: errors, l10n: l10n, required: true),
                                  Form.select("source", label: labels["source"]!, options: InstructionSource.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                                              selected: draft.source, errors: errors, l10n: l10n, required: true),
                                  Form.text("sourceDate", label: labels["sourceDate"]!, value: draft.sourceDate, errors: errors, l10n: l10n, required: true, hint: l10n(.fieldDate)),
                                  Form.text("item", label: labels["item"]!, value: draft.item, errors: errors, l10n: l10n),
                                  Form.textArea("textKK", label: labels["textKK"]!, value: draft.textKK, errors: errors, l10n: l10n, lang: "kk"),
                                  Form.textArea("textRU", label: labels["textRU"]!, value: draft.textRU, errors: errors, l10n: l10n, lang: "ru"),
                                  Form.textArea("executorCodes", label: labels["executorCodes"]!, value: draft.executorCodes, errors: errors, l10n: l10n,
                                                hint: l10n(.measureCoExecutorsHint)),
                                  Form.text("deadline", label: labels["deadline"]!, value: draft.deadline, errors: errors, l10n: l10n, required: true, hint: l10n(.fieldDate)),
                                  el("button", ["type": "submit", "class": "button"], .text(l10n(.orgSave)))),
                           ]))
    }
}

/// The instruction form as the browser sends it.
struct InstructionFormData: Content {
    var number: String?
    var source: String?
    var sourceDate: String?
    var item: String?
    var textKK: String?
    var textRU: String?
    var executorCodes: String?
    var deadline: String?

    var draft: InstructionDraft {
        InstructionDraft(number: number ?? "", source: source ?? "", sourceDate: sourceDate ?? "", item: item ?? "", textKK: textKK ?? "",
                         textRU: textRU ?? "", executorCodes: executorCodes ?? "", deadline: deadline ?? "")
    }
}
