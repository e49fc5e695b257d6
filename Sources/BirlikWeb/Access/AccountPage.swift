import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// One account as an administrator manages it: its role, whether it may sign in, a new password set by
/// the administrator, and every session and API token ended at once.
enum AccountPage {
    struct Model {
        var user: UserQueries.Row
        /// Whether the viewer may change the account (administrators; never their own account here).
        var canChange: Bool
        var isSelf: Bool
        var now: Date
        var errors: Form.Errors
    }

    /// The account's state in words: disabled, slowed down after failed sign-ins, or active.
    static func status(_ user: UserQueries.Row, now: Date, _ l10n: Localizer) -> String {
        if user.isDisabled { return l10n(.usersDisabled) }
        if let until = user.lockedUntil, until > now {
            return l10n(.usersLocked, ["until": AuditClock.format(until).prefix(16).replacingOccurrences(of: "T", with: " ")])
        }
        return l10n(.usersActive)
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let user = model.user
        let action = SiteURL.user(id: user.id.uuidString).path
        func form(_ name: String, _ button: L10nKey, _ fields: HTMLNode..., hint: L10nKey? = nil, danger: Bool = false) -> HTMLNode {
            el("section", ["class": "account-action", "aria-labelledby": "action-\(name)"],
               el("h2", ["id": "action-\(name)"], .text(l10n(button))),
               hint.map { el("p", ["class": "hint"], .text(l10n($0))) } ?? .empty,
               el("form", ["method": "post", "action": action, "class": "stacked"],
                  Layout.csrfField(context), el("input", ["type": "hidden", "name": "action", "value": name]),
                  .group(fields),
                  el("button", ["type": "submit", "class": danger ? "button danger" : "button"], .text(l10n(button)))))
        }
        let roleOptions = Role.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }
        let labels = ["password": l10n(.accountNewPassword), "role": l10n(.usersRole)]
        let actions: HTMLNode = !model.canChange ? (model.isSelf ? el("p", ["class": "hint"], .text(l10n(.accountSelf))) : .empty) : .group([
            Form.summary(model.errors, labels: labels, l10n: l10n),
            form("role", .accountChangeRole,
                 Form.select("role", label: labels["role"] ?? "", options: roleOptions, selected: user.role.rawValue, errors: model.errors, l10n: l10n)),
            user.isDisabled ? form("enable", .accountEnable) : form("disable", .accountDisable, hint: .accountDisableHint, danger: true),
            form("password", .accountResetPassword,
                 Form.text("password", label: labels["password"] ?? "", value: "", errors: model.errors, l10n: l10n, type: "password",
                           required: true, hint: l10n(.usersPasswordHint), autocomplete: "new-password"),
                 hint: .accountResetPasswordHint),
            form("revoke", .accountRevoke, danger: true),
        ])
        let title = l10n(.accountTitle, ["email": user.email])
        return Layout.page(title: title, crumbs: [Layout.Crumb(label: l10n(.usersTitle), url: SiteURL.users.path), Layout.Crumb(label: user.email, url: nil)],
                           context: context, content: .group([
                               el("h1", [:], .text(title)),
                               el("dl", ["class": "facts"],
                                  el("dt", [:], .text(l10n(.usersName))), el("dd", [:], .text(user.displayName)),
                                  el("dt", [:], .text(l10n(.usersRole))), el("dd", [:], .text(l10n(user.role.l10nKey))),
                                  el("dt", [:], .text(l10n(.usersOrganization))), el("dd", [:], .text(user.organizationName.map(l10n.text) ?? user.organizationCode ?? l10n(.commonNone))),
                                  el("dt", [:], .text(l10n(.usersStatus))), el("dd", [:], .text(status(user, now: model.now, l10n)))),
                               actions,
                           ]))
    }
}

/// A signed-in user changes their own password.
enum OwnPasswordPage {
    static func view(errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = ["current": l10n(.accountCurrentPassword), "password": l10n(.accountNewPassword)]
        return Layout.page(title: l10n(.accountOwnPassword), crumbs: [Layout.Crumb(label: l10n(.accountOwnPassword), url: nil)], context: context,
                           content: .group([
                               el("h1", [:], .text(l10n(.accountOwnPassword))),
                               el("form", ["method": "post", "action": SiteURL.accountPassword.path, "class": "stacked", "novalidate": ""],
                                  Layout.csrfField(context),
                                  Form.summary(errors, labels: labels, l10n: l10n),
                                  Form.text("current", label: labels["current"] ?? "", value: "", errors: errors, l10n: l10n, type: "password",
                                            required: true, autocomplete: "current-password"),
                                  Form.text("password", label: labels["password"] ?? "", value: "", errors: errors, l10n: l10n, type: "password",
                                            required: true, hint: l10n(.usersPasswordHint), autocomplete: "new-password"),
                                  el("button", ["type": "submit", "class": "button"], .text(l10n(.accountOwnPassword)))),
                           ]))
    }
}
