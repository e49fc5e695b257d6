import BirlikCore
import BirlikDocuments
import Foundation

/// The submission pages: the contributor's form and list, and one submission with the editor's decision.
enum CorpusSubmissionsPage {
    static func genreLabel(_ genre: String, _ l10n: Localizer) -> String {
        L10nKey(rawValue: "corpus.genre.\(genre)").map { l10n($0) } ?? genre
    }

    static func licenceLabel(_ licence: String, _ l10n: Localizer) -> String {
        L10nKey(rawValue: "corpus.licence.\(licence)").map { l10n($0) } ?? licence
    }

    static func list(_ submissions: [CorpusSubmission], draft: CorpusSubmissionDraft, errors: Form.Errors, canSubmit: Bool, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = ["title": l10n(.corpusAttrTitle), "year": l10n(.corpusAttrYear), "genre": l10n(.corpusAttrGenre),
                      "licence": l10n(.corpusAttrLicence), "file": l10n(.corpusFile)]
        var content: [HTMLNode] = [el("h1", [:], .text(l10n(.corpusSubmissions))), el("p", ["class": "lead"], .text(l10n(.corpusSubmissionsLead)))]
        if canSubmit {
            content.append(Form.summary(errors, labels: labels, l10n: l10n))
            content.append(el("form", ["method": "post", "action": SiteURL.corpusSubmissions.path, "enctype": "multipart/form-data", "id": "corpus-submit"],
                el("input", ["type": "hidden", "name": "_csrf", "value": context.csrfToken]),
                Form.text("title", label: labels["title"]!, value: draft.title, errors: errors, l10n: l10n, required: true),
                Form.text("author", label: l10n(.corpusAttrAuthor), value: draft.author, errors: errors, l10n: l10n),
                Form.text("year", label: labels["year"]!, value: draft.year, errors: errors, l10n: l10n, type: "number"),
                Form.select("genre", label: labels["genre"]!, options: CorpusSubmission.genres.map { ($0, genreLabel($0, l10n)) },
                            selected: draft.genre, errors: errors, l10n: l10n, required: true),
                Form.text("source", label: l10n(.corpusAttrSource), value: draft.source, errors: errors, l10n: l10n),
                Form.select("licence", label: labels["licence"]!, options: CorpusSubmission.licences.map { ($0, licenceLabel($0, l10n)) },
                            selected: draft.licence, errors: errors, l10n: l10n, required: true, anyLabel: "—"),
                Form.text("file", label: labels["file"]!, value: "", errors: errors, l10n: l10n, type: "file", required: true),
                el("p", [:], el("button", ["type": "submit"], .text(l10n(.corpusSubmit))))))
        }
        content.append(submissions.isEmpty ? el("p", [:], .text(l10n(.corpusSubmissionsNone))) :
            el("table", ["class": "data", "id": "submissions"],
               el("thead", [:], el("tr", [:], el("th", [:], .text(l10n(.corpusAttrTitle))), el("th", [:], .text(l10n(.corpusAttrGenre))),
                                   el("th", [:], .text(l10n(.corpusSubmittedBy))), el("th", ["class": "number"], .text(l10n(.corpusTokens))),
                                   el("th", [:], .text(l10n(.corpusStatus))))),
               el("tbody", [:], submissions.map { submission in
                   el("tr", [:], el("td", [:], el("a", ["href": SiteURL.corpusSubmission(id: submission.id.uuidString).path], .text(submission.title))),
                      el("td", [:], .text(genreLabel(submission.genre, l10n))), el("td", [:], .text(submission.submittedBy)),
                      el("td", ["class": "number"], .text(String(submission.tokens))), el("td", [:], .text(l10n(submission.status.l10nKey))))
               })))
        return Layout.page(title: l10n(.corpusSubmissions), crumbs: CorpusPage.crumbs(l10n, l10n(.corpusSubmissions)), context: context,
                           content: el("div", [:], content))
    }

    static func show(_ submission: CorpusSubmission, canReview: Bool, _ context: PageContext) -> String {
        let l10n = context.l10n
        func fact(_ key: L10nKey, _ value: String) -> HTMLNode { el("div", [:], el("dt", [:], .text(l10n(key))), el("dd", [:], .text(value))) }
        var content: [HTMLNode] = [
            el("h1", [:], .text(submission.title)),
            el("dl", ["class": "facts"],
               fact(.corpusStatus, l10n(submission.status.l10nKey)), fact(.corpusAttrAuthor, submission.author),
               fact(.corpusAttrYear, submission.year.map(String.init) ?? "—"), fact(.corpusAttrGenre, genreLabel(submission.genre, l10n)),
               fact(.corpusAttrSource, submission.source), fact(.corpusAttrLicence, licenceLabel(submission.licence, l10n)),
               fact(.corpusSubmittedBy, submission.submittedBy), fact(.corpusTokens, String(submission.tokens)),
               submission.reviewNote.isEmpty ? .empty : fact(.corpusReviewNote, submission.reviewNote)),
        ]
        if let document = submission.documentID {
            content.append(el("p", [:], el("a", ["href": SiteURL.corpusDocument(id: document).path], .text(l10n(.corpusDocument)))))
        }
        if canReview && submission.status == .submitted {
            content.append(el("form", ["method": "post", "action": SiteURL.corpusSubmissionReview(id: submission.id.uuidString).path, "id": "corpus-review"],
                el("input", ["type": "hidden", "name": "_csrf", "value": context.csrfToken]),
                el("input", ["type": "hidden", "name": "version", "value": String(submission.version)]),
                Form.textArea("note", label: l10n(.corpusReviewNote), value: "", errors: Form.Errors(), l10n: l10n),
                el("p", [:], el("button", ["type": "submit", "name": "decision", "value": "accept"], .text(l10n(.corpusAccept))), " ",
                   el("button", ["type": "submit", "name": "decision", "value": "reject", "class": "secondary"], .text(l10n(.corpusReject))))))
        }
        return Layout.page(title: submission.title, crumbs: CorpusPage.crumbs(l10n, l10n(.corpusSubmissions)), context: context,
                           content: el("div", [:], content))
    }
}
