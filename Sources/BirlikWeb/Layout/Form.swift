import BirlikCore
import BirlikDocuments

/// Form controls with their labels, hints and inline errors in the user's language.
enum Form {
    /// The errors of a submitted form by field name.
    struct Errors {
        var fields: [String: FieldError] = [:]
        var general: L10nKey?

        init(_ problems: [FieldError] = [], general: L10nKey? = nil) {
            for problem in problems where fields[problem.field] == nil { fields[problem.field] = problem }
            self.general = general
        }

        var isEmpty: Bool { fields.isEmpty && general == nil }

        /// The errors of a refused change: field problems inline, a duplicate code on its field, a stale
        /// version or a conflict as the form's headline. Any other error is not the form's to show.
        init(_ error: DomainError) throws {
            switch error {
            case let .invalid(problems): self.init(problems)
            case .conflict(.errorDuplicateCode): self.init([FieldError("code", .errorDuplicateCode)], general: .errorDuplicateCode)
            case .staleVersion, .conflict: self.init(general: error.messageKey)
            default: throw error
            }
        }
    }

    /// The summary at the top of a form with errors, each linking to its field.
    static func summary(_ errors: Errors, labels: [String: String], l10n: Localizer) -> HTMLNode {
        guard !errors.isEmpty else { return .empty }
        let items = errors.fields.sorted { $0.key < $1.key }.map { field, problem in
            el("li", [:], el("a", ["href": "#field-\(field)"], .text("\(labels[field] ?? field): \(l10n(problem.key, problem.arguments))")))
        }
        return el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"],
                  el("h2", [:], .text(l10n(errors.general ?? .errorInvalid))),
                  el("ul", [:], items))
    }

    /// A text input. `key` tells apart the same field in several forms of one page (each learner's results).
    static func text(_ name: String, label: String, value: String, errors: Errors, l10n: Localizer, type: String = "text",
                     required: Bool = false, hint: String? = nil, autocomplete: String? = nil, lang: String? = nil, key: String? = nil) -> HTMLNode {
        let error = errors.fields[name]
        let id = key.map { "\($0)-\(name)" } ?? name
        return el("div", ["class": error == nil ? "field" : "field has-error"],
                  el("label", ["for": "field-\(id)"], .text(label), required ? el("span", ["class": "required", "aria-hidden": "true"], " *") : .empty),
                  hint.map { el("p", ["class": "hint", "id": "hint-\(id)"], .text($0)) } ?? .empty,
                  error.map { el("p", ["class": "error-message", "id": "error-\(id)"], .text(l10n($0.key, $0.arguments))) } ?? .empty,
                  el("input", ["type": type, "id": "field-\(id)", "name": name, "value": value,
                               "required": required ? "" : nil, "autocomplete": autocomplete, "lang": lang,
                               "aria-invalid": error == nil ? nil : "true",
                               "aria-describedby": describedBy(id, hint: hint != nil, error: error != nil)]))
    }

    static func textArea(_ name: String, label: String, value: String, errors: Errors, l10n: Localizer, lang: String? = nil, hint: String? = nil) -> HTMLNode {
        let error = errors.fields[name]
        return el("div", ["class": error == nil ? "field" : "field has-error"],
                  el("label", ["for": "field-\(name)"], .text(label)),
                  hint.map { el("p", ["class": "hint", "id": "hint-\(name)"], .text($0)) } ?? .empty,
                  error.map { el("p", ["class": "error-message", "id": "error-\(name)"], .text(l10n($0.key, $0.arguments))) } ?? .empty,
                  el("textarea", ["id": "field-\(name)", "name": name, "rows": "3", "lang": lang,
                                  "aria-describedby": describedBy(name, hint: hint != nil, error: error != nil)], .text(value)))
    }

    static func select(_ name: String, label: String, options: [(value: String, label: String)], selected: String,
                       errors: Errors, l10n: Localizer, required: Bool = false, anyLabel: String? = nil) -> HTMLNode {
        let error = errors.fields[name]
        var nodes: [HTMLNode] = []
        if let anyLabel { nodes.append(el("option", ["value": ""], .text(anyLabel))) }
        nodes += options.map { option in
            el("option", ["value": option.value, "selected": option.value == selected ? "" : nil], .text(option.label))
        }
        return el("div", ["class": error == nil ? "field" : "field has-error"],
                  el("label", ["for": "field-\(name)"], .text(label), required ? el("span", ["class": "required", "aria-hidden": "true"], " *") : .empty),
                  error.map { el("p", ["class": "error-message", "id": "error-\(name)"], .text(l10n($0.key, $0.arguments))) } ?? .empty,
                  el("select", ["id": "field-\(name)", "name": name, "aria-invalid": error == nil ? nil : "true",
                                "aria-describedby": error == nil ? nil : "error-\(name)"], nodes))
    }

    static func checkboxes(_ name: String, legend: String, options: [(value: String, label: String)], checked: Set<String>,
                           errors: Errors, l10n: Localizer) -> HTMLNode {
        let error = errors.fields[name]
        return el("fieldset", ["class": error == nil ? "field checkboxes" : "field checkboxes has-error", "id": "field-\(name)"],
                  el("legend", [:], .text(legend)),
                  error.map { el("p", ["class": "error-message"], .text(l10n($0.key, $0.arguments))) } ?? .empty,
                  .group(options.map { option in
                      el("label", ["class": "checkbox"],
                         el("input", ["type": "checkbox", "name": "\(name)[]", "value": option.value,
                                      "checked": checked.contains(option.value) ? "" : nil]),
                         .text(" " + option.label))
                  }))
    }

    /// One step of a case (an appeal, a mediation case, a public-control case): posted to the case's
    /// step address with the step's name and the version the page was opened at, so that a step taken on a
    /// page someone else has since changed is refused rather than applied to what the user did not see.
    /// `key` tells apart the forms of several records on one page.
    static func caseStep(_ action: SiteURL, step: String, version: Int, title: String, button: String? = nil, key: String? = nil,
                         _ context: PageContext, _ fields: [HTMLNode]) -> HTMLNode {
        el("form", ["method": "post", "action": action.path, "id": key.map { "step-\($0)-\(step)" } ?? "step-\(step)", "class": "step-form"],
           Layout.csrfField(context),
           el("input", ["type": "hidden", "name": "step", "value": step]),
           el("input", ["type": "hidden", "name": "version", "value": String(version)]),
           el("h3", [:], .text(title)), .group(fields),
           el("button", ["type": "submit", "class": "button"], .text(button ?? title)))
    }

    static func checkbox(_ name: String, label: String, checked: Bool) -> HTMLNode {
        el("div", ["class": "field"],
           el("label", ["class": "checkbox"],
              el("input", ["type": "checkbox", "id": "field-\(name)", "name": name, "value": "true", "checked": checked ? "" : nil]),
              .text(" " + label)))
    }

    private static func describedBy(_ name: String, hint: Bool, error: Bool) -> String? {
        let ids = [hint ? "hint-\(name)" : nil, error ? "error-\(name)" : nil].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}
