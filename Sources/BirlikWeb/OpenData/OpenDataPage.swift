import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// Open data's pages: the catalogue, and a dataset with its versions.
enum OpenDataPage {
    static func crumbs(_ l10n: Localizer, _ last: String?) -> [Layout.Crumb] {
        [Layout.Crumb(label: l10n(.openDataTitle), url: last == nil ? nil : SiteURL.openData.path)] + (last.map { [Layout.Crumb(label: $0, url: nil)] } ?? [])
    }

    static func downloads(_ dataset: OpenDataset, _ version: DatasetVersion) -> HTMLNode {
        .group([el("a", ["href": SiteURL.openDataFile(dataset: dataset.id, file: "\(version.sha256).csv").path], .text("CSV")), .text(" · "),
                el("a", ["href": SiteURL.openDataFile(dataset: dataset.id, file: "\(version.jsonSHA256).json").path], .text("JSON"))])
    }

    static func catalogue(latest: [String: DatasetVersion], _ context: PageContext) -> String {
        let l10n = context.l10n
        let rows: [[HTMLNode]] = OpenDataset.all.map { dataset in
            let version = latest[dataset.id]
            return [el("a", ["href": SiteURL.openDataset(id: dataset.id).path], .text(l10n(dataset.title))), .text(l10n(dataset.summary)),
                    .text(version.map { "v\($0.number) · \(Day($0.publishedAt).dotted)" } ?? l10n(.openDataNoVersion)),
                    .text(version.map { l10n.number($0.rows) } ?? "—"), version.map { downloads(dataset, $0) } ?? .text("—")]
        }
        return Layout.page(title: l10n(.openDataTitle), crumbs: crumbs(l10n, nil), context: context, wide: true, content: .group([
            el("h1", [:], .text(l10n(.openDataTitle))),
            el("p", ["class": "lead"], .text(l10n(.openDataLead))),
            Layout.table([l10n(.openDataDataset), l10n(.openDataAbout), l10n(.openDataVersion), l10n(.openDataRows), l10n(.openDataDownload)], rows, id: "datasets"),
            el("p", [:], .text(l10n(.openDataLicence) + " "), el("a", ["href": DCAT.licence, "rel": "license"], .text("CC BY 4.0")), .text(" · "),
               el("a", ["href": SiteURL.openDataCatalog.path, "type": "application/ld+json"], .text(l10n(.openDataDCAT)))),
        ]))
    }

    static func dataset(_ dataset: OpenDataset, versions: [DatasetVersion], changed: Bool?, note: String, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        // Each version as a card: readable on a phone, the newest first.
        let items: [HTMLNode] = versions.map { version in
            el("li", ["class": "version", "id": "v\(version.number)"],
               el("p", ["class": "version-head"], el("strong", [:], .text("v\(version.number)")), .text(" · "),
                  el("time", ["datetime": Day(version.publishedAt).description], .text(Day(version.publishedAt).dotted)),
                  .text(" · " + l10n(.openDataRowsCount, ["count": l10n.number(version.rows)]))),
               el("p", [:], .text(version.note)),
               el("p", ["class": "version-files"], downloads(dataset, version), .text(" · SHA-256 "),
                  el("code", ["class": "hash"], .text(version.sha256))))
        }
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(dataset.title))),
            el("p", ["class": "lead"], .text(l10n(dataset.summary))),
            el("p", [:], .text(l10n(.openDataVersionsLead)), .text(" "),
               el("a", ["href": SiteURL.openDatasetJSONLD(id: dataset.id).path, "type": "application/ld+json"], .text(l10n(.openDataDCAT)))),
            el("h2", [:], .text(l10n(.openDataVersions))),
            versions.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.openDataNoVersion))) : el("ol", ["class": "versions", "id": "versions"], items),
        ]
        if let changed {
            sections.append(el("form", ["method": "post", "action": SiteURL.openDataPublish(id: dataset.id).path, "id": "publish-form", "class": "step-form"],
                               Layout.csrfField(context), el("h2", [:], .text(l10n(.openDataPublish))),
                               Form.summary(errors, labels: ["note": l10n(.openDataNote)], l10n: l10n),
                               el("p", ["class": "hint", "id": "changed"], .text(l10n(changed ? .openDataChanged : .openDataUnchangedHint))),
                               Form.textArea("note", label: l10n(.openDataNote), value: note, errors: errors, l10n: l10n, hint: l10n(.openDataNoteHint)),
                               el("button", ["type": "submit", "class": "button"], .text(l10n(.openDataPublish)))))
        }
        return Layout.page(title: l10n(dataset.title), crumbs: crumbs(l10n, l10n(dataset.title)), context: context, wide: true, content: .group(sections))
    }
}
