import BirlikCore
import BirlikDocuments

/// The sign-in form.
enum SignInPage {
    struct Model {
        var email: String
        var errors: Form.Errors
        /// Why the last attempt failed, already in the user's language.
        var message: String?
        var back: String?
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let form = el("form", ["method": "post", "action": SiteURL.signIn.path, "class": "stacked narrow", "novalidate": ""],
            Layout.csrfField(context),
            model.back.map { el("input", ["type": "hidden", "name": "back", "value": $0]) } ?? .empty,
            model.message.map { el("div", ["class": "error-summary", "role": "alert"], el("p", [:], .text($0))) } ?? .empty,
            Form.text("email", label: l10n(.loginEmail), value: model.email, errors: model.errors, l10n: l10n, type: "email",
                      required: true, autocomplete: "email"),
            Form.text("password", label: l10n(.loginPassword), value: "", errors: model.errors, l10n: l10n, type: "password",
                      required: true, autocomplete: "current-password"),
            el("button", ["type": "submit", "class": "button"], .text(l10n(.loginSubmit))))
        return Layout.page(title: l10n(.loginTitle), crumbs: [Layout.Crumb(label: l10n(.loginTitle), url: nil)], context: context,
                           content: .group([el("h1", [:], .text(l10n(.loginTitle))), el("p", ["class": "lead"], .text(l10n(.loginLead))), form]))
    }
}
