import BirlikCore
import BirlikDocuments

/// The page shown when a request fails.
enum ErrorPage {
    struct Model {
        var status: Int
        var message: String
        /// What a form carried when its session had ended: shown so that nothing typed is lost.
        var typed: [String] = []
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.errorTitle), context: context, content: .group([
            el("h1", [:], .text(l10n(.errorTitle))),
            el("p", ["class": "error-status"], .text("\(model.status)")),
            el("p", ["class": "lead", "role": "alert"], .text(model.message)),
            // After signing in, the person lands on the page they asked for (a link from a notification, say).
            model.typed.isEmpty ? .empty : el("section", ["class": "notice warning"],
                el("h2", [:], .text(l10n(.errorTypedNotSaved))),
                .group(model.typed.map { el("p", ["class": "typed"], .text($0)) })),
            model.status == 401
                ? el("p", [:], el("a", ["class": "button", "href": SiteURL.signIn.with([("back", context.currentURL)])], .text(l10n(.navSignIn))))
                : el("p", [:], el("a", ["href": SiteURL.home.path], .text(l10n(.errorBack)))),
        ]))
    }
}
