import Foundation
import BirlikCore
import BirlikDocuments
import Vapor

/// The form of a plan's details (code, title in three languages, region, Concept, years).
enum PlanFormPage {
    struct Model {
        var draft: PlanDraft
        var existingCode: String?
        var errors: Form.Errors
        var regions: [Region]
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        ["code": l10n(.orgCode), "titleKK": l10n(.planTitleKk), "titleRU": l10n(.planTitleRu), "titleEN": l10n(.planTitleEn),
         "regionCode": l10n(.columnRegion), "conceptCode": l10n(.strategyKindConcept), "startYear": l10n(.planStartYear), "endYear": l10n(.planEndYear)]
    }

    static func view(_ model: Model, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = labels(l10n)
        let draft = model.draft
        let action = model.existingCode.map { SiteURL.planEdit(code: $0).path } ?? SiteURL.planNew.path
        let title = model.existingCode == nil ? l10n(.plansCreate) : l10n(.planEdit)
        let regions = model.regions.filter { $0.kind != .district }.map { ($0.code, l10n.text($0.name)) }
        let concepts = StrategyTree.shared.concepts.map { ($0.code, l10n.text($0.text)) }
        return Layout.page(title: title, crumbs: [Layout.Crumb(label: l10n(.navPlans), url: SiteURL.plans.path), Layout.Crumb(label: title, url: nil)],
                           context: context, content: .group([
            el("h1", [:], .text(title)),
            Form.summary(model.errors, labels: labels, l10n: l10n),
            el("form", ["method": "post", "action": action, "novalidate": ""],
               Layout.csrfField(context),
               el("input", ["type": "hidden", "name": "version", "value": "\(draft.version)"]),
               Form.text("code", label: labels["code"]!, value: draft.code, errors: model.errors, l10n: l10n, required: true, hint: l10n(.planCodeHint)),
               Form.textArea("titleKK", label: labels["titleKK"]!, value: draft.titleKK, errors: model.errors, l10n: l10n, lang: "kk"),
               Form.textArea("titleRU", label: labels["titleRU"]!, value: draft.titleRU, errors: model.errors, l10n: l10n, lang: "ru"),
               Form.textArea("titleEN", label: labels["titleEN"]!, value: draft.titleEN, errors: model.errors, l10n: l10n, lang: "en"),
               Form.select("regionCode", label: labels["regionCode"]!, options: regions, selected: draft.regionCode, errors: model.errors, l10n: l10n, required: true),
               Form.select("conceptCode", label: labels["conceptCode"]!, options: concepts, selected: draft.conceptCode, errors: model.errors, l10n: l10n, required: true),
               Form.text("startYear", label: labels["startYear"]!, value: draft.startYear, errors: model.errors, l10n: l10n, type: "number", required: true),
               Form.text("endYear", label: labels["endYear"]!, value: draft.endYear, errors: model.errors, l10n: l10n, type: "number", required: true),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.orgSave)))),
        ]))
    }
}

/// The plan form as the browser sends it.
struct PlanFormData: Content {
    var code: String?
    var titleKK: String?
    var titleRU: String?
    var titleEN: String?
    var regionCode: String?
    var conceptCode: String?
    var startYear: String?
    var endYear: String?
    var version: Int?

    var draft: PlanDraft {
        PlanDraft(code: code ?? "", titleKK: titleKK ?? "", titleRU: titleRU ?? "", titleEN: titleEN ?? "", regionCode: regionCode ?? "",
                  conceptCode: conceptCode ?? "", startYear: startYear ?? "", endYear: endYear ?? "", version: version ?? 0)
    }
}
