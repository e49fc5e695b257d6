import Foundation
import BirlikCore
import BirlikDocuments

/// The control figures as every page prints them: the same cells, the same bars, the same badges,
/// and the definitions next to them.
enum Figures {
    /// Reporting rate, timeliness and progress cells, each a share with its counts in a tooltip.
    static func cells(_ rates: Rates?, _ l10n: Localizer, link: String? = nil) -> [HTMLNode] {
        let rates = rates ?? Rates()
        let expected = l10n.number(rates.expected)
        return [
            el("td", ["class": "number"], link.map { el("a", ["href": $0], .text(l10n.number(rates.expected))) } ?? .text(expected)),
            el("td", ["class": "number", "title": "\(rates.accepted) / \(rates.expected)"], .text(Rates.percent(rates.reportingRate))),
            el("td", ["class": "number", "title": "\(rates.onTime) / \(rates.expected)"], .text(Rates.percent(rates.timeliness))),
            el("td", ["class": "number"], rates.overdue > 0 ? el("span", ["class": "overdue"], .text(l10n.number(rates.overdue))) : .text("0")),
            el("td", [:], bar(rates.progress, l10n)),
        ]
    }

    /// The header cells matching `cells`.
    static func headers(_ l10n: Localizer) -> [HTMLNode] {
        [el("th", ["scope": "col", "class": "number"], .text(l10n(.figuresExpected))),
         el("th", ["scope": "col", "class": "number"], el("abbr", ["title": l10n(.figuresReportingRateDefinition)], .text(l10n(.figuresReportingRate)))),
         el("th", ["scope": "col", "class": "number"], el("abbr", ["title": l10n(.figuresTimelinessDefinition)], .text(l10n(.figuresTimeliness)))),
         el("th", ["scope": "col", "class": "number"], .text(l10n(.figuresOverdue))),
         el("th", ["scope": "col"], el("abbr", ["title": l10n(.figuresProgressDefinition)], .text(l10n(.figuresProgress))))]
    }

    /// A progress bar with its percentage as text. The bar is a small SVG (its width an attribute, not an
    /// inline style, which the Content-Security-Policy forbids).
    static func bar(_ value: Double?, _ l10n: Localizer) -> HTMLNode {
        guard let value else { return el("span", ["class": "muted"], .text("—")) }
        let percent = Int(exactly: (value * 100).rounded()) ?? 0
        return el("span", ["class": "progress"],
                  el("svg", ["class": "progress-track", "viewBox": "0 0 100 6", "preserveAspectRatio": "none", "aria-hidden": "true", "focusable": "false"],
                     el("rect", ["class": "progress-fill", "width": String(min(max(percent, 0), 100)), "height": "6"])),
                  el("span", ["class": "progress-value"], .text("\(percent)%")))
    }

    /// The three definitions, shown on every dashboard.
    static func definitions(_ l10n: Localizer) -> HTMLNode {
        el("dl", ["class": "definitions"],
           el("dt", [:], .text(l10n(.figuresReportingRate))), el("dd", [:], .text(l10n(.figuresReportingRateDefinition))),
           el("dt", [:], .text(l10n(.figuresTimeliness))), el("dd", [:], .text(l10n(.figuresTimelinessDefinition))),
           el("dt", [:], .text(l10n(.figuresProgress))), el("dd", [:], .text(l10n(.figuresProgressDefinition))),
           el("dt", [:], .text(l10n(.figuresExpected))), el("dd", [:], .text(l10n(.figuresExpectedDefinition))))
    }

    static func badge(_ status: PlanStatus, _ l10n: Localizer) -> HTMLNode {
        el("span", ["class": "badge status-\(status.rawValue)"], .text(l10n(status.l10nKey)))
    }

    static func badge(_ status: ReportStatus, overdue: Bool, _ l10n: Localizer) -> HTMLNode {
        .group([el("span", ["class": "badge status-\(status.rawValue)"], .text(l10n(status.l10nKey))),
                overdue ? el("span", ["class": "badge status-overdue"], .text(l10n(.figuresOverdueBadge))) : .empty])
    }

    static func badge(_ status: ControlStatus, overdue: Bool, _ l10n: Localizer) -> HTMLNode {
        .group([el("span", ["class": "badge status-\(status.rawValue)"], .text(l10n(status.l10nKey))),
                overdue ? el("span", ["class": "badge status-overdue"], .text(l10n(.figuresOverdueBadge))) : .empty])
    }

    /// A deadline as people read it: a date, or a periodicity with its due day.
    static func deadline(_ deadline: Deadline, _ l10n: Localizer) -> String {
        switch deadline {
        case let .date(day): day.dotted
        case let .periodic(periodicity, dueDay): l10n(.measureDeadlinePeriodic, ["periodicity": l10n(periodicity.l10nKey), "day": "\(dueDay)"])
        }
    }

    /// An amount of tenge with thousands separated.
    static func tenge(_ amount: Int64, _ l10n: Localizer) -> String {
        amount == 0 ? "—" : l10n.number(Int(amount)) + " ₸"
    }
}
