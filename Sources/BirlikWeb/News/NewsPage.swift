import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The news pages: the readers' list with its feed, an item in the reader's language with its tags and
/// the status of each translation, and the editor's forms.
enum NewsPage {
    static func crumbs(_ l10n: Localizer, _ last: String?) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.newsTitle), url: last == nil ? nil : SiteURL.news.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    static func langName(_ language: Language, _ l10n: Localizer) -> String { l10n(L10nKey(rawValue: "lang.\(language.rawValue)")!) }

    /// The `lang` of a text as shown: Kazakh in the reader's script.
    static func langTag(_ language: Language, _ l10n: Localizer) -> String { language == .kk && l10n.script == .latin ? "kk-Latn" : language.rawValue }

    /// One item in a list: its date, title and summary in the reader's language, a note when shown in another.
    static func teaser(_ item: NewsItem, _ l10n: Localizer) -> HTMLNode {
        guard let text = item.text(for: l10n.language) else { return .empty }
        return el("li", ["class": "news-item"],
                  el("p", ["class": "muted"], el("time", ["datetime": item.publishAt.map { Day($0).description } ?? ""], .text(item.publishAt.map { Day($0).dotted } ?? "")),
                     .text(" · " + EarlyWarningPage.regionName(item.region, l10n))),
                  el("h2", [:], el("a", ["href": SiteURL.newsItem(code: item.code).path, "lang": langTag(text.language, l10n)], .text(l10n.inScript(text.translation.title, text.language)))),
                  text.translation.summary.isEmpty ? .empty : el("p", ["lang": langTag(text.language, l10n)], .text(l10n.inScript(text.translation.summary, text.language))),
                  text.language == l10n.language ? .empty : el("p", ["class": "hint"], .text(l10n(.newsShownIn, ["language": langName(text.language, l10n)]))))
    }

    static func list(_ items: [NewsItem], editable: [NewsItem], region: String?, tag: String?, canEdit: Bool, base: String, _ context: PageContext) -> String {
        let l10n = context.l10n
        let places = ReferenceData.regions.filter { $0.kind != .district && $0.code != RegionCode.republic }.map { ($0.code, l10n.text($0.name)) }
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(.newsTitle))),
            canEdit ? el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.newsNew.path], .text(l10n(.newsNew)))) : .empty,
            context.actor.isSignedIn && Access.visibility(context.actor, .mediaPlan) != .nothing
                ? el("p", [:], el("a", ["href": SiteURL.mediaPlan.path, "id": "media-plan-link"], .text(l10n(.mediaPlanTitle)))) : .empty,
            el("form", ["method": "get", "action": SiteURL.news.path, "class": "filters", "id": "news-filters"],
               Form.select("region", label: l10n(.appealPlace), options: places, selected: region ?? "", errors: Form.Errors(), l10n: l10n, anyLabel: l10n(.eventsAnyPlace)),
               tag.map { el("input", ["type": "hidden", "name": "tag", "value": $0]) } ?? .empty,
               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.eventsShow)))),
            tag.map { el("p", ["class": "notice"], .text(l10n(.newsTagged, ["tag": $0])), .text(" "), el("a", ["href": SiteURL.news.with([("region", region)])], .text(l10n(.newsAllTags)))) } ?? .empty,
            items.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.newsNone))) : el("ol", ["class": "news-list", "id": "news"], items.map { teaser($0, l10n) }),
            el("p", ["class": "subscribe"], el("a", ["class": "button secondary", "href": base + SiteURL.newsFeed.with([("region", region), ("tag", tag), ("lang", l10n.language.rawValue), ("script", l10n.script == .latin ? "latin" : nil)]),
                                                     "type": "application/atom+xml", "id": "news-feed"], .text(l10n(.newsFeed)))),
        ]
        if !editable.isEmpty {
            sections.append(el("h2", [:], .text(l10n(.newsEditing))))
            sections.append(Layout.table([l10n(.grantsCode), l10n(.eventsEventTitle), l10n(.grantsStatus), l10n(.newsTranslations)], editable.map { item in
                [el("a", ["href": SiteURL.newsItem(code: item.code).path, "class": "code-link"], .text(item.code)),
                 .text(item.translations[item.originalLanguage]?.title ?? ""), .text(l10n(item.status.l10nKey)), translationStatus(item, l10n)]
            }, id: "news-editing"))
        }
        return Layout.page(title: l10n(.newsTitle), crumbs: crumbs(l10n, nil), context: context, content: .group(sections))
    }

    /// Each language's state: the original, ready, in progress, or missing.
    static func translationStatus(_ item: NewsItem, _ l10n: Localizer) -> HTMLNode {
        el("ul", ["class": "translation-status"], Language.allCases.map { language in
            let state = language == item.originalLanguage ? l10n(.newsOriginal) : item.translations[language].map { l10n($0.status.l10nKey) } ?? l10n(.newsMissing)
            return el("li", [:], el("strong", [:], .text(language.rawValue.uppercased())), .text(" " + state))
        })
    }

    static func tagLinks(_ item: NewsItem, _ l10n: Localizer) -> HTMLNode {
        guard !item.tags.isEmpty else { return .empty }
        let links: [HTMLNode] = item.tags.places.map { el("a", ["href": SiteURL.news.with([("tag", "place:\($0)")]), "class": "tag"], .text(EarlyWarningPage.regionName($0, l10n))) }
            + item.tags.organizations.map { el("a", ["href": SiteURL.organization(code: $0).path, "class": "tag"], .text($0)) }
            + item.tags.events.map { el("a", ["href": SiteURL.event(code: $0).path, "class": "tag"], .text($0)) }
        return el("p", ["class": "tags", "id": "news-tags"], .text(l10n(.newsTags) + ": "), .group(links.flatMap { [$0, .text(" ")] }))
    }

    static func item(_ item: NewsItem, editor: Bool, form: NewsController.ItemForm, errors: Form.Errors, today: Day, _ context: PageContext) -> String {
        let l10n = context.l10n
        let text = item.text(for: l10n.language) ?? item.translations[item.originalLanguage].map { (item.originalLanguage, $0) }
        var sections: [HTMLNode] = []
        if let text {
            sections += [
                el("article", ["lang": langTag(text.language, l10n), "id": "news-article"],
                   el("h1", [:], .text(l10n.inScript(text.translation.title, text.language))),
                   el("p", ["class": "muted"], .text([item.publishAt.map { Day($0).dotted }, EarlyWarningPage.regionName(item.region, l10n)].compactMap { $0 }.joined(separator: " · "))),
                   text.translation.summary.isEmpty ? .empty : el("p", ["class": "lead"], .text(l10n.inScript(text.translation.summary, text.language))),
                   .group(text.translation.body.components(separatedBy: "\n\n").map { el("p", ["class": "prose"], .text(l10n.inScript($0, text.language))) })),
                text.language == l10n.language ? .empty : el("p", ["class": "hint"], .text(l10n(.newsShownIn, ["language": langName(text.language, l10n)]))),
                tagLinks(item, l10n),
                el("h2", ["class": "small-heading"], .text(l10n(.newsTranslations))), translationStatus(item, l10n),
            ]
        }
        if editor { sections += editorSections(item, form: form, errors: errors, context) }
        return Layout.page(title: text.map { l10n.inScript($0.translation.title, $0.language) } ?? item.code, crumbs: crumbs(l10n, item.code), context: context, content: .group(sections))
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        var labels = ["region": l10n(.appealPlace), "originalLanguage": l10n(.newsOriginalLanguage), "tags": l10n(.newsTags), "publishAt": l10n(.newsPublishAt),
                      "step": l10n(.grantsStatus)]
        for language in Language.allCases {
            let name = langName(language, l10n)
            labels["title_\(language.rawValue)"] = "\(l10n(.eventsEventTitle)) (\(name))"
            labels["summary_\(language.rawValue)"] = "\(l10n(.newsSummary)) (\(name))"
            labels["body_\(language.rawValue)"] = "\(l10n(.newsBody)) (\(name))"
        }
        return labels
    }

    static func fields(_ form: NewsController.ItemForm, errors: Form.Errors, _ l10n: Localizer) -> [HTMLNode] {
        let labels = labels(l10n)
        var nodes: [HTMLNode] = [
            Form.select("region", label: labels["region"]!, options: ReferenceData.regions.filter { $0.kind != .district }.map { ($0.code, l10n.text($0.name)) },
                        selected: form.region ?? "", errors: errors, l10n: l10n, required: true),
            Form.select("originalLanguage", label: labels["originalLanguage"]!, options: Language.allCases.map { ($0.rawValue, langName($0, l10n)) },
                        selected: form.originalLanguage ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("tags", label: labels["tags"]!, value: form.tags ?? "", errors: errors, l10n: l10n, hint: l10n(.newsTagsHint)),
        ]
        for language in Language.allCases {
            let code = language.rawValue
            nodes.append(el("fieldset", ["class": "translation", "lang": code],
                            el("legend", [:], .text(langName(language, l10n))),
                            Form.text("title_\(code)", label: labels["title_\(code)"]!, value: form.field("title", language), errors: errors, l10n: l10n, lang: code),
                            Form.textArea("summary_\(code)", label: labels["summary_\(code)"]!, value: form.field("summary", language), errors: errors, l10n: l10n, lang: code),
                            Form.textArea("body_\(code)", label: labels["body_\(code)"]!, value: form.field("body", language), errors: errors, l10n: l10n, lang: code),
                            Form.select("status_\(code)", label: l10n(.newsTranslationStatus), options: NewsItem.Translation.Status.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                                        selected: form.field("status", language), errors: errors, l10n: l10n)))
        }
        return nodes
    }

    static func form(_ form: NewsController.ItemForm, item: NewsItem?, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.newsNew), crumbs: crumbs(l10n, l10n(.newsNew)), context: context, content: .group([
            el("h1", [:], .text(l10n(.newsNew))),
            Form.summary(errors, labels: labels(l10n), l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.newsNew.path, "id": "news-form"], Layout.csrfField(context),
               .group(fields(form, errors: errors, l10n)),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.newsSave)))),
        ]))
    }

    static func editorSections(_ item: NewsItem, form: NewsController.ItemForm, errors: Form.Errors, _ context: PageContext) -> [HTMLNode] {
        let l10n = context.l10n
        var sections: [HTMLNode] = [
            el("h2", [:], .text(l10n(.newsEditing))),
            el("p", ["id": "news-status"], .text("\(item.code) · \(l10n(item.status.l10nKey))" + (item.publishAt.map { " · \(Day($0).dotted) \(EventTime.clock($0))" } ?? ""))),
            Form.summary(errors, labels: labels(l10n), l10n: l10n),
        ]
        if item.status != .published {
            sections.append(Form.caseStep(.newsStep(code: item.code), step: "publish", version: item.version, title: l10n(.newsPublishNow), context, []))
            sections.append(Form.caseStep(.newsStep(code: item.code), step: "schedule", version: item.version, title: l10n(.newsSchedule), context, [
                Form.text("publishAt", label: l10n(.newsPublishAt), value: item.publishAt.map(EventTime.local) ?? "", errors: errors, l10n: l10n, type: "datetime-local",
                          required: true, hint: l10n(.eventsTimeHint)),
            ]))
        }
        if item.status == .published || item.status == .scheduled {
            sections.append(Form.caseStep(.newsStep(code: item.code), step: "withdraw", version: item.version, title: l10n(.newsWithdraw), context, []))
        }
        sections.append(el("form", ["method": "post", "action": SiteURL.newsItem(code: item.code).path, "id": "news-form", "class": "step-form"],
                           Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(form.version ?? item.version)]),
                           el("h3", [:], .text(l10n(.newsEdit))), .group(fields(form, errors: errors, l10n)),
                           el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.newsSave)))))
        return sections
    }
}
