import BirlikCore
import BirlikDocuments
import Foundation
import Vapor

/// Asks before an action that cannot be taken back in one click (deleting, submitting, deciding,
/// publishing). Works without JavaScript: the action's form first answers with this page, which says what
/// will happen and sends the same fields again with `_confirmed=1` when the user confirms.
enum ConfirmationPage {
    struct Model {
        /// What the user is about to do, as a question.
        var question: String
        /// What will follow, in plain words.
        var consequence: String
        /// The label of the confirming button (the action's own name).
        var confirm: String
        /// Where the form goes again, and what it carries.
        var action: String
        var fields: [(name: String, value: String)]
        /// Where "Cancel" leads.
        var back: String
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.confirmTitle), context: context, content: .group([
            el("h1", [:], .text(l10n(.confirmTitle))),
            el("section", ["class": "notice warning confirmation"],
               el("p", [:], el("strong", [:], .text(model.question))),
               el("p", [:], .text(model.consequence))),
            el("form", ["method": "post", "action": model.action, "class": "confirmation-form"],
               .group(model.fields.map { el("input", ["type": "hidden", "name": $0.name, "value": $0.value]) }),
               el("input", ["type": "hidden", "name": "_confirmed", "value": "1"]),
               el("div", ["class": "actions"],
                  el("button", ["type": "submit", "class": "button"], .text(model.confirm)),
                  el("a", ["class": "button secondary", "href": model.back], .text(l10n(.confirmCancel))))),
        ]))
    }

    /// `nil` when the form was confirmed (the action goes ahead); otherwise the page that asks, carrying
    /// every field the form sent (repeated fields too, such as the signals of a batch).
    static func unlessConfirmed(_ request: Request, question: String, consequence: String, confirm: String, back: String) -> Response? {
        let fields = formFields(request)
        guard !fields.contains(where: { $0.name == "_confirmed" && $0.value == "1" }) else { return nil }
        let model = Model(question: question, consequence: consequence, confirm: confirm, action: request.url.path,
                          fields: fields.filter { $0.name != "_confirmed" }, back: back)
        return html(view(model, PageContext(request)))
    }

    /// The fields of a URL-encoded form, in order, repeated names kept.
    static func formFields(_ request: Request) -> [(name: String, value: String)] {
        guard let body = request.body.string else { return [] }
        return body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String? { String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = parts.first.flatMap(decode), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? decode(parts[1]) ?? "" : "")
        }
    }
}
