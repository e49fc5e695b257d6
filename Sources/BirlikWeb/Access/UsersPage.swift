import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// User accounts for administrators (all), the Secretariat (all) and regional coordinators (their
/// region's), with the form that adds one (administrators).
enum UsersPage {
    struct Model {
        var users: Page<UserQueries.Row>
        var role: Role?
        var text: String
        var canCreate: Bool
        /// The values of the add form and its errors, when it was just submitted.
        var form: [String: String]
        var errors: Form.Errors
        /// Now, for the accounts' status.
        var now: Date
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let none = Form.Errors()
        let roleOptions = Role.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }
        let filters = el("form", ["method": "get", "action": SiteURL.users.path, "class": "filters horizontal", "role": "search"],
            Form.select("role", label: l10n(.usersRole), options: roleOptions, selected: model.role?.rawValue ?? "", errors: none, l10n: l10n,
                        anyLabel: l10n(.directoryAny)),
            Form.text("q", label: l10n(.usersSearch), value: model.text, errors: none, l10n: l10n, type: "search"),
            el("div", ["class": "filter-actions"], el("button", ["type": "submit", "class": "button"], .text(l10n(.directoryApply)))))
        let rows = model.users.items.map { user in
            el("tr", [:],
               el("td", [:], .text(user.email), user.isDemo ? el("span", ["class": "badge demo"], .text(l10n(.orgDemo))) : .empty),
               el("td", [:], .text(user.displayName)),
               el("td", [:], .text(l10n(user.role.l10nKey))),
               el("td", [:], user.organizationCode.map { code in
                   el("a", ["href": SiteURL.organization(code: code).path], .text(user.organizationName.map(l10n.text) ?? code))
               } ?? .text(l10n(.commonNone))),
               el("td", [:], .text(AccountPage.status(user, now: model.now, l10n))),
               el("td", [:], el("a", ["href": SiteURL.user(id: user.id.uuidString).path], .text(l10n(.usersManage)))))
        }
        let table: HTMLNode = rows.isEmpty ? el("p", ["class": "empty"], .text(l10n(.usersEmpty))) :
            el("div", ["class": "table-wrap"], el("table", ["class": "data"],
               el("thead", [:], el("tr", [:],
                  el("th", ["scope": "col"], .text(l10n(.usersEmail))), el("th", ["scope": "col"], .text(l10n(.usersName))),
                  el("th", ["scope": "col"], .text(l10n(.usersRole))), el("th", ["scope": "col"], .text(l10n(.usersOrganization))),
                  el("th", ["scope": "col"], .text(l10n(.usersStatus))), el("th", ["scope": "col"], .empty))),
               el("tbody", [:], rows)))
        let labels = ["email": l10n(.usersEmail), "displayName": l10n(.usersName), "role": l10n(.usersRole),
                      "organization": l10n(.usersOrganizationCode), "password": l10n(.usersPassword)]
        let create: HTMLNode = !model.canCreate ? .empty : el("section", ["aria-labelledby": "add-user"],
            el("h2", ["id": "add-user"], .text(l10n(.usersCreate))),
            el("form", ["method": "post", "action": SiteURL.users.path, "class": "stacked", "novalidate": ""],
               Layout.csrfField(context),
               Form.summary(model.errors, labels: labels, l10n: l10n),
               Form.text("email", label: labels["email"]!, value: model.form["email"] ?? "", errors: model.errors, l10n: l10n,
                         type: "email", required: true, autocomplete: "off"),
               Form.text("displayName", label: labels["displayName"]!, value: model.form["displayName"] ?? "", errors: model.errors, l10n: l10n),
               Form.select("role", label: labels["role"]!, options: roleOptions, selected: model.form["role"] ?? "", errors: model.errors,
                           l10n: l10n, required: true, anyLabel: "—"),
               Form.text("organization", label: labels["organization"]!, value: model.form["organization"] ?? "", errors: model.errors,
                         l10n: l10n, hint: "public-accord-kz-75"),
               Form.text("password", label: labels["password"]!, value: "", errors: model.errors, l10n: l10n, type: "password",
                         required: true, hint: l10n(.usersPasswordHint), autocomplete: "new-password"),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.usersCreate)))))
        let link: (Int) -> String = { page in
            SiteURL.users.with([("role", model.role?.rawValue), ("q", model.text), ("page", page > 1 ? String(page) : nil)])
        }
        return Layout.page(title: l10n(.usersTitle), crumbs: [Layout.Crumb(label: l10n(.usersTitle), url: nil)], context: context, wide: true,
                           content: .group([
                               el("h1", [:], .text(l10n(.usersTitle))),
                               el("p", ["class": "lead"], .text(l10n(.usersLead))),
                               filters,
                               el("p", ["class": "result-count"], .text(l10n(.directoryResults, ["count": l10n.number(model.users.total)]))),
                               table,
                               Pager.view(model.users, link: link, l10n: l10n),
                               create,
                           ]))
    }
}
