import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// The pages of the base of good practices: the search, the map of adoptions, the form, and a practice
/// with its evidence, languages, completeness, review, steps and replication log.
enum PracticesPage {
    static func crumbs(_ l10n: Localizer, _ last: String?) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.practiceTitle), url: last == nil ? nil : SiteURL.practices.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    static func languageName(_ language: Language, _ l10n: Localizer) -> String {
        l10n(L10nKey(rawValue: "lang.\(language.rawValue)") ?? .langKk)
    }

    /// Top-level regions (not the republic), for a practice's and an adoption's region.
    static func regionOptions(_ l10n: Localizer) -> [(value: String, label: String)] {
        ReferenceData.regions.filter { RegionCode.topLevel($0.code) == $0.code }.map { ($0.code, l10n.text($0.name)) }
    }

    static func regionNames(_ codes: [String], _ l10n: Localizer) -> String {
        codes.map { EarlyWarningPage.regionName($0, l10n) }.joined(separator: ", ")
    }

    /// The practice's title as the reader gets it.
    static func title(_ practice: GoodPractice, _ l10n: Localizer) -> String {
        let shown = practice.text(in: l10n.language)
        return l10n.inScript(shown.text.title, shown.language)
    }

    // MARK: Search

    static func list(_ practices: [GoodPractice], total: Int, search: PracticeQueries.Search, authors: [UUID: LocalizedText], canDescribe: Bool,
                     _ context: PageContext) -> String {
        let l10n = context.l10n
        let none = Form.Errors()
        let filters = el("form", ["method": "get", "action": SiteURL.practices.path, "class": "filters", "role": "search"],
                         Form.text("q", label: l10n(.practiceQuery), value: search.query, errors: none, l10n: l10n, type: "search"),
                         Form.select("domain", label: l10n(.practiceDomain), options: GoodPractice.Domain.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                                     selected: search.domain?.rawValue ?? "", errors: none, l10n: l10n, anyLabel: l10n(.practiceAnyDomain)),
                         Form.select("region", label: l10n(.practiceCarriedOutIn), options: regionOptions(l10n), selected: search.region ?? "", errors: none,
                                     l10n: l10n, anyLabel: l10n(.practiceAnyRegion)),
                         el("button", ["type": "submit", "class": "button"], .text(l10n(.practiceSearch))))
        let items: HTMLNode = practices.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.practiceNone))) :
            el("ul", ["class": "course-list", "id": "practices"], practices.map { practice in
                el("li", [:], el("a", ["href": SiteURL.practice(code: practice.code).path], .text(title(practice, l10n))),
                   el("p", ["class": "muted"], .text([practice.code, l10n(practice.domain.l10nKey), regionNames(practice.regions, l10n),
                                                      authors[practice.organizationID].map { l10n.text($0) } ?? "",
                                                      practice.status == .published ? "" : l10n(practice.status.l10nKey)].filter { !$0.isEmpty }.joined(separator: " · "))))
            })
        return Layout.page(title: l10n(.practiceTitle), crumbs: crumbs(l10n, nil), context: context, content: .group([
            el("h1", [:], .text(l10n(.practiceTitle))),
            el("p", ["class": "lead"], .text(l10n(.practiceLead))),
            el("p", ["class": "actions"],
               canDescribe ? el("a", ["class": "button", "href": SiteURL.practiceNew.path], .text(l10n(.practiceNew))) : .empty,
               el("a", ["class": "button secondary", "href": SiteURL.practiceMap.path], .text(l10n(.practiceMap)))),
            filters,
            el("p", ["id": "practice-count"], .text(l10n(.practiceCount, ["count": l10n.number(total)]))),
            items,
        ]))
    }

    // MARK: Map

    static func map(_ lines: [PracticeQueries.RegionLine], _ context: PageContext) -> String {
        let l10n = context.l10n
        let rows: [[HTMLNode]] = lines.filter { !$0.published.isEmpty || !$0.adopted.isEmpty }.map { line in
            [.text(EarlyWarningPage.regionName(line.region, l10n)),
             .group(line.published.map { el("p", [:], el("a", ["href": SiteURL.practice(code: $0.code).path], .text("\($0.code) · \(title($0.practice, l10n))"))) }),
             .group(line.adopted.map { item in
                 el("p", [:], el("a", ["href": SiteURL.practice(code: item.practice.code).path],
                                 .text(l10n(.practiceMapFrom, ["code": item.practice.code, "region": EarlyWarningPage.regionName(item.practice.region, l10n)]))),
                    .text(" · " + item.adoption.adoptedOn.dotted))
             })]
        }
        return Layout.page(title: l10n(.practiceMap), crumbs: crumbs(l10n, l10n(.practiceMap)), context: context, content: .group([
            el("h1", [:], .text(l10n(.practiceMap))),
            el("p", ["class": "lead"], .text(l10n(.practiceMapLead))),
            rows.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.practiceAdoptionsNone)))
                : Layout.table([l10n(.practiceAdoptingRegion), l10n(.practiceGave), l10n(.practiceAdopted)], rows, id: "adoption-map"),
        ]))
    }

    // MARK: Form

    static func labels(_ l10n: Localizer) -> [String: String] {
        var labels = ["domain": l10n(.practiceDomain), "language": l10n(.practiceLanguage), "region": l10n(.practiceRegion), "regions": l10n(.practiceOtherRegions),
                      "title": l10n(.practiceTitleField), "problem": l10n(.practiceProblem), "method": l10n(.practiceMethod), "resources": l10n(.practiceResources),
                      "outcomes": l10n(.practiceOutcomes), "kind": l10n(.practiceEvidenceKind), "reference": l10n(.practiceEvidenceReference),
                      "place": l10n(.practiceEvidencePlace), "year": l10n(.practiceEvidenceYear), "note": l10n(.practiceNote), "reviewer": l10n(.practiceReviewer),
                      "adoptedOn": l10n(.practiceAdoptedOn), "result": l10n(.practiceResult), "lang": l10n(.practiceTranslations), "step": l10n(.practiceStatusLabel)]
        for language in Language.allCases {
            for name in ["title", "problem", "method", "resources", "outcomes"] {
                labels["\(language.rawValue)-\(name)"] = labels[name]! + " (\(languageName(language, l10n)))"
            }
        }
        return labels
    }

    /// The five parts of a text as fields named with `prefix`, in `language`.
    static func textFields(_ values: GoodPractice.Text, prefix: String, language: Language?, errors: Form.Errors, _ l10n: Localizer) -> [HTMLNode] {
        let lang = language?.htmlTag
        return [
            Form.text(prefix + "title", label: l10n(.practiceTitleField), value: values.title, errors: errors, l10n: l10n, required: true, lang: lang),
            Form.textArea(prefix + "problem", label: l10n(.practiceProblem), value: values.problem, errors: errors, l10n: l10n, lang: lang, hint: l10n(.practiceProblemHint)),
            Form.textArea(prefix + "method", label: l10n(.practiceMethod), value: values.method, errors: errors, l10n: l10n, lang: lang, hint: l10n(.practiceMethodHint)),
            Form.textArea(prefix + "resources", label: l10n(.practiceResources), value: values.resources, errors: errors, l10n: l10n, lang: lang,
                          hint: l10n(.practiceResourcesHint)),
            Form.textArea(prefix + "outcomes", label: l10n(.practiceOutcomes), value: values.outcomes, errors: errors, l10n: l10n, lang: lang, hint: l10n(.practiceOutcomesHint)),
        ]
    }

    static func form(_ form: PracticesController.PracticeForm, code: String?, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let heading = code == nil ? l10n(.practiceNew) : l10n(.practiceEdit)
        let draft = form.draft
        return Layout.page(title: heading, crumbs: crumbs(l10n, heading), context: context, content: .group([
            el("h1", [:], .text(heading)),
            Form.summary(errors, labels: labels(l10n), l10n: l10n),
            el("form", ["method": "post", "action": code.map { SiteURL.practiceEdit(code: $0).path } ?? SiteURL.practiceNew.path, "id": "practice-form"],
               Layout.csrfField(context),
               form.version.map { el("input", ["type": "hidden", "name": "version", "value": String($0)]) } ?? .empty,
               Form.select("domain", label: l10n(.practiceDomain), options: GoodPractice.Domain.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                           selected: draft.domain, errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
               Form.select("language", label: l10n(.practiceLanguage), options: Language.allCases.map { ($0.rawValue, languageName($0, l10n)) },
                           selected: draft.language, errors: errors, l10n: l10n, required: true),
               Form.select("region", label: l10n(.practiceRegion), options: regionOptions(l10n), selected: draft.region, errors: errors, l10n: l10n, required: true,
                           anyLabel: l10n(.formChoose)),
               Form.checkboxes("regions", legend: l10n(.practiceOtherRegions), options: regionOptions(l10n), checked: Set(draft.regions), errors: errors, l10n: l10n),
               .group(textFields(draft.text, prefix: "", language: Language(rawValue: draft.language), errors: errors, l10n)),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.practiceSave)))),
        ]))
    }

    // MARK: A practice

    struct Model {
        var practice: GoodPractice
        var author: LocalizedText?
        /// Each piece of evidence's value today.
        var figures: [UUID: Double]
        var adoptions: [PracticeAdoption]
        /// The review assignments, for whoever decides.
        var reviews: [ReviewAssignment]
        var experts: [(id: UUID, name: String)]
        var canEdit: Bool
        var decides: Bool
        var canAdopt: Bool
        var adoptingRegion: String?
        var today: Day
    }

    /// The five parts of a text, each under its heading.
    static func body(_ text: GoodPractice.Text, language: Language, _ l10n: Localizer) -> HTMLNode {
        .group([(L10nKey.practiceProblem, text.problem), (.practiceMethod, text.method), (.practiceResources, text.resources), (.practiceOutcomes, text.outcomes)]
            .filter { !$0.1.isEmpty }.map { key, value in
                el("section", ["lang": language.htmlTag], el("h2", [:], .text(l10n(key))), el("p", ["class": "prose"], .text(l10n.inScript(value, language))))
            })
    }

    static func figure(_ value: Double?, kind: Evidence.Kind, _ l10n: Localizer) -> String {
        guard let value else { return l10n(.practiceEvidenceNoFigure) }
        return value == value.rounded() ? l10n.number(Int(value)) : l10n.decimal(value, digits: kind == .campaign ? 2 : 1)
    }

    static func evidenceTable(_ practice: GoodPractice, figures: [UUID: Double], removable: Bool, _ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        guard !practice.evidence.isEmpty else { return el("p", ["class": "empty-state"], .text(l10n(.practiceEvidenceNone))) }
        let rows: [[HTMLNode]] = practice.evidence.map { item in
            var row: [HTMLNode] = [
                .text(l10n(item.kind.l10nKey) + (item.reference.isEmpty ? "" : " · " + item.reference)),
                .text(EarlyWarningPage.regionName(item.place, l10n) + " · " + String(item.year)),
                .text(item.note),
                .text(figure(item.linkedValue, kind: item.kind, l10n) + " (" + item.linkedOn.dotted + ")"),
                .text(figure(figures[item.id], kind: item.kind, l10n)),
            ]
            if removable {
                row.append(el("form", ["method": "post", "action": SiteURL.practiceEvidence(code: practice.code).path], Layout.csrfField(context),
                              el("input", ["type": "hidden", "name": "version", "value": String(practice.version)]),
                              el("input", ["type": "hidden", "name": "remove", "value": item.id.uuidString]),
                              el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.practiceEvidenceRemove)))))
            }
            return row
        }
        var header = [l10n(.practiceEvidenceKind), l10n(.practiceEvidencePlace), l10n(.practiceEvidenceNote), l10n(.practiceEvidenceLinked), l10n(.practiceEvidenceToday)]
        if removable { header.append("") }
        return Layout.table(header, rows, id: "evidence")
    }

    static func show(_ model: Model, typed: [String: String], errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let practice = model.practice
        let shown = practice.text(in: l10n.language)
        let value = { (name: String) in typed[name] ?? "" }
        let none = Form.Errors()
        let completeness = PracticeCompleteness(practice)
        var sections: [HTMLNode] = [
            el("h1", ["lang": shown.language.htmlTag], .text(l10n.inScript(shown.text.title, shown.language))),
            el("p", ["class": "muted", "id": "practice-status"], .text(l10n(practice.status.l10nKey))),
            // On a practice's page the only region typed is the adopting one.
            Form.summary(errors, labels: labels(l10n).merging(["region": l10n(.practiceAdoptingRegion)]) { $1 }, l10n: l10n),
            Layout.facts([(l10n(.practiceCode), practice.code), (l10n(.practiceDomain), l10n(practice.domain.l10nKey)),
                          (l10n(.practiceAuthor), model.author.map { l10n.text($0) } ?? ""), (l10n(.practiceRegions), regionNames(practice.regions, l10n)),
                          (l10n(.practiceLanguage), languageName(practice.language, l10n))]
                         + (practice.publishedOn.map { [(l10n(.practicePublishedOn), $0.dotted)] } ?? []), id: "practice-facts"),
            el("p", ["class": "muted", "id": "practice-language"], .text(shown.language == l10n.language
                ? (shown.language == practice.language ? l10n(.practiceOriginalIn, ["language": languageName(practice.language, l10n)])
                   : l10n(.practiceShownIn, ["language": languageName(shown.language, l10n), "status": l10n(practice.translationStatus(shown.language).l10nKey)]))
                : l10n(.practiceShownOriginal))),
            practice.decisionNote.isEmpty || !(practice.status == .needsEvidence || practice.status == .archived) ? .empty
                : el("p", ["class": "notice warning", "id": "decision-note"], .text(l10n(.practiceDecisionNote, ["note": practice.decisionNote]))),
            body(shown.text, language: shown.language, l10n),
            el("h2", [:], .text(l10n(.practiceEvidenceTitle))),
            evidenceTable(practice, figures: model.figures, removable: model.canEdit, context),
        ]
        if model.canEdit {
            sections.append(el("form", ["method": "post", "action": SiteURL.practiceEvidence(code: practice.code).path, "id": "evidence-form", "class": "step-form"],
                Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(practice.version)]),
                el("h3", [:], .text(l10n(.practiceEvidenceAdd))),
                Form.select("kind", label: l10n(.practiceEvidenceKind), options: Evidence.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }, selected: value("kind"),
                            errors: errors, l10n: l10n, required: true, anyLabel: l10n(.formChoose)),
                Form.text("reference", label: l10n(.practiceEvidenceReference), value: value("reference"), errors: errors, l10n: l10n,
                          hint: l10n(.practiceEvidenceReferenceHint)),
                Form.select("place", label: l10n(.practiceEvidencePlace), options: CoursesPage.regionOptions(l10n),
                            selected: typed["place"] ?? practice.region, errors: errors, l10n: l10n, required: true),
                Form.text("year", label: l10n(.practiceEvidenceYear), value: typed["year"] ?? String(model.today.year), errors: errors, l10n: l10n, type: "number",
                          required: true),
                Form.text("note", label: l10n(.practiceEvidenceNote), value: value("note"), errors: errors, l10n: l10n, required: true),
                el("button", ["type": "submit", "class": "button"], .text(l10n(.practiceEvidenceAdd)))))
        }
        if model.canEdit || model.decides {
            sections.append(el("section", ["id": "completeness"],
                el("h2", [:], .text(l10n(.practiceCompleteness, ["percent": String(completeness.percent)]))),
                el("progress", ["max": "100", "value": String(completeness.percent), "aria-label": l10n(.practiceCompleteness, ["percent": String(completeness.percent)])]),
                completeness.missing.isEmpty ? .empty : .group([el("p", [:], .text(l10n(.practiceCompletenessMissing))),
                                                                 el("ul", [:], completeness.missing.map { el("li", [:], .text(l10n($0.l10nKey))) })]),
                el("p", ["class": "hint"], .text(l10n(.practiceCompletenessRequired)))))
        }
        sections.append(languages(model, typed: typed, errors: errors, context))
        sections += steps(model, typed: typed, errors: errors, context)
        sections.append(el("h2", [:], .text(l10n(.practiceAdoptions))))
        sections.append(model.adoptions.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.practiceAdoptionsNone))) :
            Layout.table([l10n(.practiceAdoptingRegion), l10n(.practiceAdoptedOn), l10n(.practiceResult)],
                         model.adoptions.map { [.text(EarlyWarningPage.regionName($0.region, l10n)), .text($0.adoptedOn.dotted), .text($0.result)] }, id: "adoptions"))
        if model.canAdopt {
            sections.append(el("form", ["method": "post", "action": SiteURL.practiceAdopt(code: practice.code).path, "id": "adopt-form", "class": "step-form"],
                Layout.csrfField(context), el("h3", [:], .text(l10n(.practiceAdopt))),
                Form.select("region", label: l10n(.practiceAdoptingRegion), options: regionOptions(l10n), selected: typed["region"] ?? model.adoptingRegion ?? "",
                            errors: errors, l10n: l10n, required: true),
                Form.text("adoptedOn", label: l10n(.practiceAdoptedOn), value: typed["adoptedOn"] ?? model.today.description, errors: errors, l10n: l10n,
                          type: "date", required: true),
                Form.textArea("result", label: l10n(.practiceResult), value: value("result"), errors: errors, l10n: l10n),
                el("button", ["type": "submit", "class": "button"], .text(l10n(.practiceAdopt)))))
        }
        return Layout.page(title: l10n.inScript(shown.text.title, shown.language), crumbs: crumbs(l10n, practice.code), context: context, content: .group(sections))
    }

    /// Each language's status; the author's translation forms and the Secretariat's check.
    static func languages(_ model: Model, typed: [String: String], errors: Form.Errors, _ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        let practice = model.practice
        let rows: [[HTMLNode]] = Language.allCases.map { language in
            let status = practice.translationStatus(language)
            var actions: HTMLNode = .empty
            if model.decides, status == .draft {
                actions = Form.caseStep(.practiceStep(code: practice.code), step: "checkTranslation", version: practice.version, title: l10n(.practiceTranslationCheck),
                                        key: language.rawValue, context, [el("input", ["type": "hidden", "name": "lang", "value": language.rawValue])])
            }
            return [.text(languageName(language, l10n)), .text(l10n(status.l10nKey))] + (model.decides ? [actions] : [])
        }
        let header = [l10n(.practiceLanguageColumn), l10n(.practiceStatusLabel)] + (model.decides ? [""] : [])
        var nodes: [HTMLNode] = [el("h2", [:], .text(l10n(.practiceTranslations))), Layout.table(header, rows, id: "languages")]
        if model.canEdit {
            for language in Language.allCases where language != practice.language {
                let prefix = language.rawValue + "-"
                let current = practice.translations[language]?.text ?? GoodPractice.Text()
                let values = GoodPractice.Text(title: typed[prefix + "title"] ?? current.title, problem: typed[prefix + "problem"] ?? current.problem,
                                               method: typed[prefix + "method"] ?? current.method, resources: typed[prefix + "resources"] ?? current.resources,
                                               outcomes: typed[prefix + "outcomes"] ?? current.outcomes)
                let open = typed["lang"] == language.rawValue || practice.translationStatus(language) == .outdated
                nodes.append(el("details", ["open": open ? "" : nil, "id": "translate-\(language.rawValue)"],
                    el("summary", [:], .text(l10n(.practiceTranslationWrite, ["language": languageName(language, l10n)]))),
                    el("form", ["method": "post", "action": SiteURL.practiceTranslate(code: practice.code).path, "class": "step-form"],
                       Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(practice.version)]),
                       el("input", ["type": "hidden", "name": "lang", "value": language.rawValue]),
                       .group(textFields(values, prefix: prefix, language: language, errors: typed["lang"] == language.rawValue ? errors : Form.Errors(), l10n)),
                       el("button", ["type": "submit", "class": "button"], .text(l10n(.practiceSave))))))
            }
        }
        return el("section", ["id": "practice-languages"], .group(nodes))
    }

    /// The author's edit and submit; the Secretariat's review, verdict, publication and archive.
    static func steps(_ model: Model, typed: [String: String], errors: Form.Errors, _ context: PageContext) -> [HTMLNode] {
        let l10n = context.l10n
        let practice = model.practice
        let url = SiteURL.practiceStep(code: practice.code)
        let note = { Form.textArea("note", label: l10n(.practiceNote), value: typed["note"] ?? "", errors: errors, l10n: l10n) }
        var nodes: [HTMLNode] = []
        if model.canEdit {
            nodes.append(el("p", ["class": "actions"], el("a", ["class": "button secondary", "href": SiteURL.practiceEdit(code: practice.code).path], .text(l10n(.practiceEdit)))))
            nodes.append(Form.caseStep(url, step: "submit", version: practice.version, title: l10n(.practiceSubmit), context, []))
        }
        guard model.decides else { return nodes }
        if practice.status == .submitted || practice.status == .expertReview || !model.reviews.isEmpty {
            nodes.append(el("h2", [:], .text(l10n(.practiceReviews))))
            let received = model.reviews.filter { $0.status == .received || $0.status == .complete }
            nodes.append(model.reviews.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.practiceReviewsNone))) :
                Layout.table([l10n(.reviewReviewer), l10n(.grantsStatus), l10n(.reviewDue)],
                             model.reviews.map { [.text($0.reviewerName), .text(l10n($0.state(on: model.today).l10nKey)), .text($0.dueOn.dotted)] }, id: "review-assignments"))
            if !received.isEmpty { nodes.append(ReviewPage.scores(received, own: UUID(), showsNames: true, form: .practices, l10n)) }
        }
        if practice.status == .submitted || practice.status == .expertReview {
            let assigned = Set(model.reviews.filter { [.awaitingResponse, .accepted, .received].contains($0.status) }.map(\.reviewerID))
            let options = model.experts.filter { !assigned.contains($0.id) }.map { ($0.id.uuidString, $0.name) }
            if !options.isEmpty {
                nodes.append(el("form", ["method": "post", "action": SiteURL.practiceReviewer(code: practice.code).path, "id": "assign-reviewer", "class": "step-form"],
                    Layout.csrfField(context), el("h3", [:], .text(l10n(.practiceAssignReviewer))),
                    Form.select("reviewer", label: l10n(.practiceReviewer), options: options, selected: typed["reviewer"] ?? "", errors: errors, l10n: l10n,
                                required: true, anyLabel: l10n(.formChoose)),
                    el("button", ["type": "submit", "class": "button"], .text(l10n(.practiceAssignReviewer)))))
            }
        }
        switch practice.status {
        case .expertReview:
            nodes.append(Form.caseStep(url, step: "verify", version: practice.version, title: l10n(.practiceVerify), context, []))
            nodes.append(Form.caseStep(url, step: "askEvidence", version: practice.version, title: l10n(.practiceAskEvidence), context, [note()]))
        case .submitted:
            nodes.append(Form.caseStep(url, step: "askEvidence", version: practice.version, title: l10n(.practiceAskEvidence), context, [note()]))
        case .verified:
            nodes.append(Form.caseStep(url, step: "publish", version: practice.version, title: l10n(.practicePublish), context, []))
        case .published:
            nodes.append(Form.caseStep(url, step: "archive", version: practice.version, title: l10n(.practiceArchive), context, [note()]))
        default: break
        }
        return nodes
    }

    /// The practice as its reviewer reads it: the original text, regions and evidence.
    static func reviewed(_ practice: GoodPractice, figures: [UUID: Double], _ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        return el("section", ["id": "subject"],
                  el("h2", ["lang": practice.language.htmlTag], .text("\(practice.code) · \(l10n.inScript(practice.original.title, practice.language))")),
                  Layout.facts([(l10n(.practiceDomain), l10n(practice.domain.l10nKey)), (l10n(.practiceRegions), regionNames(practice.regions, l10n))]),
                  body(practice.original, language: practice.language, l10n),
                  el("h3", [:], .text(l10n(.practiceEvidenceTitle))),
                  evidenceTable(practice, figures: figures, removable: false, context))
    }
}
