import BirlikCore
import BirlikDocuments
import BirlikStorage
import Foundation

/// The library's pages: the catalogue with its search and collections, an item with its Dublin Core
/// description, file and steps, and the deposit form.
enum LibraryPage {
    static func crumbs(_ l10n: Localizer, _ last: String?) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.libraryTitle), url: last == nil ? nil : SiteURL.library.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    static func title(_ item: LibraryItem, _ l10n: Localizer) -> String {
        let language = item.titles[l10n.language] == nil ? item.language : l10n.language
        return l10n.inScript(item.title(in: l10n.language), language)
    }

    static func catalogue(_ items: [LibraryItem], total: Int, query: String, collection: String?, counts: [String: Int], canDeposit: Bool, oaiURL: String,
                          _ context: PageContext) -> String {
        let l10n = context.l10n
        let collections = LibraryCollection.all.map { ($0.code, l10n($0.l10nKey) + " (" + l10n.number(counts[$0.code] ?? 0) + ")") }
        let list: HTMLNode = items.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.libraryNone))) :
            el("ul", ["class": "library-items"], items.map { item in
                el("li", [:],
                   el("a", ["href": SiteURL.libraryItem(code: item.code).path, "lang": NewsPage.langTag(item.titles[l10n.language] == nil ? item.language : l10n.language, l10n)],
                      .text(title(item, l10n))),
                   item.status == .published ? .empty : el("span", ["class": "badge status-\(item.status.rawValue)"], .text(l10n(item.status.l10nKey))),
                   el("p", ["class": "muted"], .text(([l10n.inScript(item.creators.joined(separator: ", "), item.language), item.date, l10n(item.type.l10nKey),
                                                       LibraryCollection.find(item.collection).map { l10n($0.l10nKey) } ?? ""].filter { !$0.isEmpty }).joined(separator: " · "))))
            })
        let hasDrafts = items.contains { $0.status != .published }
        return Layout.page(title: l10n(.libraryTitle), crumbs: crumbs(l10n, nil), context: context, content: .group([
            el("h1", [:], .text(l10n(.libraryTitle))),
            el("p", ["class": "lead"], .text(l10n(.libraryLead))),
            canDeposit ? el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.libraryNew.path], .text(l10n(.libraryDeposit)))) : .empty,
            el("form", ["method": "get", "action": SiteURL.library.path, "role": "search", "class": "filters", "id": "library-search"],
               Form.text("q", label: l10n(.libraryQuery), value: query, errors: Form.Errors(), l10n: l10n, type: "search", hint: l10n(.libraryQueryHint)),
               Form.select("collection", label: l10n(.libraryCollectionLabel), options: collections, selected: collection ?? "", errors: Form.Errors(), l10n: l10n,
                           anyLabel: l10n(.libraryAllCollections)),
               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.eventsShow)))),
            el("p", ["class": "library-found", "role": "status"], .text(l10n(.libraryFound, ["count": l10n.number(total)])
                + (total > items.count ? " " + l10n(.libraryShownNewest, ["count": l10n.number(items.count)]) : ""))),
            hasDrafts ? el("p", ["class": "hint"], .text(l10n(.libraryDrafts))) : .empty,
            list,
            el("p", ["class": "oai-endpoint"], .text(l10n(.libraryOai) + " "), el("code", [:], .text(oaiURL)), .text(" · "),
               el("a", ["href": SiteURL.oai.with([("verb", "Identify")])], .text("Identify"))),
        ]))
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        var labels = ["collection": l10n(.libraryCollectionLabel), "creators": l10n(.libraryCreators), "subjects": l10n(.librarySubjects),
                      "description": l10n(.libraryDescription), "publisher": l10n(.libraryPublisher), "date": l10n(.libraryDateLabel), "type": l10n(.libraryType),
                      "language": l10n(.libraryLanguage), "rights": l10n(.libraryRights), "source": l10n(.librarySource), "region": l10n(.appealPlace),
                      "file": l10n(.libraryFile), "reason": l10n(.eventsReason), "step": l10n(.grantsStatus)]
        for language in Language.allCases { labels["title_\(language.rawValue)"] = l10n(.libraryTitleIn, ["language": NewsPage.langName(language, l10n)]) }
        return labels
    }

    static func fields(_ form: LibraryController.ItemForm, replacing: Bool, errors: Form.Errors, _ l10n: Localizer) -> [HTMLNode] {
        let labels = labels(l10n)
        let titles: [HTMLNode] = [(Language.kk, form.title_kk), (.ru, form.title_ru), (.en, form.title_en)].map { language, value in
            Form.text("title_\(language.rawValue)", label: labels["title_\(language.rawValue)"]!, value: value ?? "", errors: errors, l10n: l10n,
                      lang: NewsPage.langTag(language, l10n))
        }
        return [
            Form.select("collection", label: labels["collection"]!, options: LibraryCollection.all.map { ($0.code, l10n($0.l10nKey)) },
                        selected: form.collection ?? "", errors: errors, l10n: l10n, required: true),
            Form.select("language", label: labels["language"]!, options: Language.allCases.map { ($0.rawValue, NewsPage.langName($0, l10n)) },
                        selected: form.language ?? "", errors: errors, l10n: l10n, required: true),
            .group(titles),
            Form.textArea("creators", label: labels["creators"]!, value: form.creators ?? "", errors: errors, l10n: l10n, hint: l10n(.libraryOnePerLine)),
            Form.textArea("subjects", label: labels["subjects"]!, value: form.subjects ?? "", errors: errors, l10n: l10n, hint: l10n(.libraryOnePerLine)),
            Form.textArea("description", label: labels["description"]!, value: form.description ?? "", errors: errors, l10n: l10n),
            Form.text("publisher", label: labels["publisher"]!, value: form.publisher ?? "", errors: errors, l10n: l10n, hint: l10n(.libraryPublisherHint)),
            Form.text("date", label: labels["date"]!, value: form.date ?? "", errors: errors, l10n: l10n, hint: l10n(.libraryDateHint)),
            Form.select("type", label: labels["type"]!, options: LibraryItem.DCMIType.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                        selected: form.type ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("rights", label: labels["rights"]!, value: form.rights ?? "", errors: errors, l10n: l10n, required: true),
            Form.text("source", label: labels["source"]!, value: form.source ?? "", errors: errors, l10n: l10n, hint: l10n(.librarySourceHint)),
            Form.select("region", label: labels["region"]!, options: ReferenceData.regions.filter { $0.kind != .district }.map { ($0.code, l10n.text($0.name)) },
                        selected: form.region ?? "", errors: errors, l10n: l10n, required: true),
            el("div", ["class": errors.fields["file"] == nil ? "field" : "field has-error"],
               el("label", ["for": "field-file"], .text(labels["file"]!)),
               el("p", ["class": "hint", "id": "hint-file"], .text(l10n(.libraryFileHint) + (replacing ? " " + l10n(.libraryFileKeep) : ""))),
               errors.fields["file"].map { el("p", ["class": "error-message", "id": "error-file"], .text(l10n($0.key, $0.arguments))) } ?? .empty,
               el("input", ["type": "file", "id": "field-file", "name": "file", "aria-describedby": "hint-file",
                            "accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.txt"])),
        ]
    }

    static func form(_ form: LibraryController.ItemForm, item: LibraryItem?, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.libraryDeposit), crumbs: crumbs(l10n, l10n(.libraryDeposit)), context: context, content: .group([
            el("h1", [:], .text(l10n(.libraryDeposit))),
            Form.summary(errors, labels: labels(l10n), l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.libraryNew.path, "enctype": "multipart/form-data", "id": "library-form"], Layout.csrfField(context),
               .group(fields(form, replacing: false, errors: errors, l10n)), el("button", ["type": "submit", "class": "button"], .text(l10n(.newsSave)))),
        ]))
    }

    static func item(_ item: LibraryItem, organization: LocalizedText?, canEdit: Bool, canCurate: Bool, form: LibraryController.ItemForm,
                     errors: Form.Errors, base: String, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = labels(l10n)
        let identifier = OAIPMH.identifier(item.code)
        // The item's own words (titles, names, subjects) in the reader's script when they are Kazakh.
        let own = { (text: String) in l10n.inScript(text, item.language) }
        var facts: [(String, String)] = item.orderedTitles.filter { l10n.inScript($0.1, $0.0) != title(item, l10n) }
            .map { (labels["title_\($0.0.rawValue)"]!, l10n.inScript($0.1, $0.0)) }
        facts += [
            (labels["creators"]!, own(item.creators.joined(separator: "; "))), (labels["subjects"]!, own(item.subjects.joined(separator: "; "))),
            (labels["publisher"]!, item.publisher.isEmpty ? organization.map { l10n.text($0) } ?? "" : own(item.publisher)),
            (labels["date"]!, item.date), (labels["type"]!, l10n(item.type.l10nKey)), (labels["language"]!, NewsPage.langName(item.language, l10n)),
            (labels["rights"]!, own(item.rights)), (labels["source"]!, own(item.source)),
            (labels["region"]!, EarlyWarningPage.regionName(item.region, l10n)),
            (labels["collection"]!, LibraryCollection.find(item.collection).map { l10n($0.l10nKey) } ?? item.collection),
            (l10n(.libraryDepositedBy), [organization.map { l10n.text($0) } ?? "", item.depositedBy].filter { !$0.isEmpty }.joined(separator: " · ")),
            (l10n(.libraryUpdated), Day(item.updatedAt).dotted), (l10n(.grantsStatus), l10n(item.status.l10nKey)), (l10n(.libraryIdentifier), identifier),
        ]
        facts = facts.filter { !$0.1.isEmpty }
        var sections: [HTMLNode] = [
            el("h1", ["lang": NewsPage.langTag(item.titles[l10n.language] == nil ? item.language : l10n.language, l10n)], .text(title(item, l10n))),
            el("p", ["class": "muted"], .text(item.code)),
            Form.summary(errors, labels: labels, l10n: l10n),
            item.description.isEmpty ? .empty : el("p", ["class": "lead", "lang": NewsPage.langTag(item.language, l10n)], .text(l10n.inScript(item.description, item.language))),
            item.withdrawalReason.map { el("p", ["class": "notice warning"], .text(l10n(.libraryWithdrawnBecause, ["reason": $0]))) } ?? .empty,
            item.file.map { file in
                el("p", ["class": "library-file"], el("a", ["class": "button", "href": SiteURL.libraryFile(code: item.code).path, "download": ""],
                   .text(l10n(.libraryDownload, ["name": file.fileName, "size": l10n(.attachmentSize, ["size": l10n.number(max(1, file.size / 1024))])]))))
            } ?? el("p", ["class": "muted"], .text(l10n(.libraryNoFile))),
            Layout.facts(facts, id: "library-facts"),
            item.status == .draft ? .empty : el("p", [:], el("a", ["href": SiteURL.oai.with([("verb", "GetRecord"), ("metadataPrefix", OAIPMH.dublinCore),
                                                                                    ("identifier", identifier)])], .text(l10n(.libraryDublinCore)))),
        ]
        if canCurate, item.status == .draft {
            sections.append(Form.caseStep(.libraryStep(code: item.code), step: "publish", version: item.version, title: l10n(.libraryPublish), context, [
                el("p", ["class": "hint"], .text(l10n(.libraryPublishHint))),
            ]))
        }
        if canCurate, item.status == .published {
            sections.append(Form.caseStep(.libraryStep(code: item.code), step: "withdraw", version: item.version, title: l10n(.libraryWithdraw), context, [
                el("p", ["class": "hint"], .text(l10n(.libraryWithdrawHint))),
                Form.textArea("reason", label: labels["reason"]!, value: "", errors: errors, l10n: l10n),
            ]))
        }
        if canEdit {
            sections.append(el("form", ["method": "post", "action": SiteURL.libraryItem(code: item.code).path, "enctype": "multipart/form-data",
                                        "id": "library-form", "class": "step-form"],
                               Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(form.version ?? item.version)]),
                               el("h3", [:], .text(l10n(.libraryEdit))), .group(fields(form, replacing: item.file != nil, errors: errors, l10n)),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.newsSave)))))
        }
        return Layout.page(title: title(item, l10n), crumbs: crumbs(l10n, item.code), context: context, content: .group(sections))
    }
}
