import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// A reviewer's pages. Nothing here names the applicant: the subject is shown by its number, lot, text,
/// budget and files only (a test reads every page a reviewer can open for the applicant's name and BIN).
enum ReviewPage {
    static func list(_ assignments: [ReviewAssignment], showsReviewer: Bool, today: Day, _ context: PageContext) -> String {
        let l10n = context.l10n
        var header = [l10n(.reviewAssignment), l10n(.grantsStatus), l10n(.reviewRespondBy), l10n(.reviewDue)]
        if showsReviewer { header.insert(l10n(.reviewReviewer), at: 1) }
        let rows: [[HTMLNode]] = assignments.map { assignment in
            var row: [HTMLNode] = [el("a", ["href": SiteURL.review(id: assignment.id.uuidString).path], .text(l10n(.reviewOpen, ["date": assignment.assignedOn.dotted]))),
                                   .text(l10n(assignment.state(on: today).l10nKey)), .text(assignment.respondBy.dotted), .text(assignment.dueOn.dotted)]
            if showsReviewer { row.insert(.text(assignment.reviewerName), at: 1) }
            return row
        }
        return Layout.page(title: l10n(.reviewsTitle), crumbs: [Layout.Crumb(label: l10n(.reviewsTitle), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.reviewsTitle))),
            el("p", ["class": "lead"], .text(l10n(.reviewsLead))),
            assignments.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.reviewsNone))) : Layout.table(header, rows, id: "assignments"),
        ]))
    }

    struct Model {
        var assignment: ReviewAssignment
        var subject: GrantQueries.BlindApplication?
        /// A good practice under review, with its evidence's values today.
        var practice: (value: GoodPractice, figures: [UUID: Double])?
        var lot: GrantLot?
        var others: [ReviewAssignment]
        var isReviewer: Bool
        var canManage: Bool
        var form: ReviewForm
        var today: Day
    }

    static func labels(_ form: ReviewForm, _ l10n: Localizer) -> [String: String] {
        var labels = ["conflict": l10n(.reviewDeclaration), "statement": l10n(.reviewStatement), "reason": l10n(.charityReverseReason),
                      "confidence": l10n(.reviewConfidence), "comment": l10n(.reviewComment), "step": l10n(.grantsStatus)]
        for criterion in form.criteria { labels["score-\(criterion.code)"] = l10n.text(criterion.name) }
        return labels
    }

    static func show(_ model: Model, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let assignment = model.assignment
        let url = SiteURL.reviewStep(id: assignment.id.uuidString)
        let none = Form.Errors()
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(.reviewAssignment))),
            el("p", ["class": "muted"], .text(l10n(assignment.state(on: model.today).l10nKey))),
            Form.summary(errors, labels: labels(model.form, l10n), l10n: l10n),
            Layout.facts([(l10n(.reviewRespondBy), assignment.respondBy.dotted), (l10n(.reviewDue), assignment.dueOn.dotted)]
                             + (model.subject == nil ? model.lot.map { [(l10n(.grantsLot), "\($0.code) · \($0.title)")] } ?? [] : [])),
        ]
        if let declaration = assignment.declaration {
            sections.append(el("p", ["id": "declaration"], .text(declaration.hasConflict ? l10n(.reviewConflictDeclared) + ": " + declaration.statement
                                                                  : l10n(.reviewNoConflictDeclared, ["date": declaration.on.dotted]))))
        }
        if !assignment.reason.isEmpty, assignment.status == .declined || assignment.status == .cancelled {
            sections.append(el("p", ["class": "notice"], .text(l10n.expand(assignment.reason))))
        }
        if assignment.status == .awaitingResponse, model.isReviewer {
            sections.append(el("p", ["class": "lead"], .text(l10n(.reviewDeclareLead))))
            sections.append(Form.caseStep(url, step: "respond", version: assignment.version, title: l10n(.reviewDeclaration), context, [
                el("fieldset", ["class": "choices"], el("legend", [:], .text(l10n(.reviewDeclaration))),
                   el("label", [:], el("input", ["type": "radio", "name": "conflict", "value": "no", "required": ""]), .text(" " + l10n(.reviewNoConflict))),
                   el("label", [:], el("input", ["type": "radio", "name": "conflict", "value": "yes"]), .text(" " + l10n(.reviewHasConflict)))),
                Form.textArea("statement", label: l10n(.reviewStatement), value: "", errors: errors, l10n: l10n, hint: l10n(.reviewStatementHint)),
            ]))
            sections.append(Form.caseStep(url, step: "decline", version: assignment.version, title: l10n(.reviewDecline), context,
                                          [Form.textArea("reason", label: l10n(.charityReverseReason), value: "", errors: none, l10n: l10n)]))
        }
        if let subject = model.subject {
            sections.append(el("section", ["id": "subject"],
                el("h2", [:], .text("\(subject.number) · \(subject.title)")),
                Layout.facts([(l10n(.grantsLot), subject.lot.map { "\($0.code) · \($0.title)" } ?? ""),
                                  (l10n(.grantsLanguageLabel), l10n(subject.language == .kk ? .langKk : .langRu)),
                                  (l10n(.grantsBudget), subject.budget.description)]),
                el("p", ["class": "prose"], .text(subject.summary)),
                subject.budgetNotes.isEmpty ? .empty : el("p", ["class": "prose"], .text(subject.budgetNotes)),
                GrantApplicationPage.files(subject.files, link: { SiteURL.reviewFile(id: assignment.id.uuidString, sha256: $0).path }, l10n),
                subject.lot.map { lot in .group([el("h3", [:], .text(l10n(.grantsTermsOfReference))), el("p", ["class": "prose"], .text(lot.termsOfReference))]) } ?? .empty))
        }
        if let practice = model.practice { sections.append(PracticesPage.reviewed(practice.value, figures: practice.figures, context)) }
        if assignment.status == .accepted, model.isReviewer {
            let scoreFields: [HTMLNode] = model.form.criteria.map { criterion in
                Form.select("score-\(criterion.code)", label: l10n.text(criterion.name) + " (×\(criterion.weight))",
                            options: (0...criterion.maxScore).map { (String($0), String($0)) }, selected: "", errors: errors, l10n: l10n, required: true)
            }
            sections.append(Form.caseStep(url, step: "submit", version: assignment.version, title: l10n(.reviewSubmit), context, scoreFields + [
                Form.select("confidence", label: l10n(.reviewConfidence), options: (1...5).map { (String($0), l10n(.reviewConfidenceOption, ["n": String($0)])) },
                            selected: "", errors: errors, l10n: l10n, required: true),
                Form.textArea("comment", label: l10n(.reviewComment), value: "", errors: errors, l10n: l10n, hint: l10n(.reviewCommentHint)),
            ]))
        }
        if assignment.status == .received || assignment.status == .complete {
            sections.append(scores([assignment] + model.others.filter { $0.status == .received || $0.status == .complete }, own: assignment.id,
                                   showsNames: !model.isReviewer, form: model.form, l10n))
        }
        if model.canManage, assignment.status == .awaitingResponse || assignment.status == .accepted {
            sections.append(Form.caseStep(url, step: "cancel", version: assignment.version, title: l10n(.reviewCancel), context,
                                          [Form.textArea("reason", label: l10n(.charityReverseReason), value: "", errors: none, l10n: l10n)]))
        }
        return Layout.page(title: l10n(.reviewAssignment), crumbs: [Layout.Crumb(label: l10n(.reviewsTitle), url: SiteURL.reviews.path),
                                                                   Layout.Crumb(label: l10n(.reviewAssignment), url: nil)], context: context, content: .group(sections))
    }

    /// The received scores of the subject: one's own first, the others as "Expert 2, 3 …" to a reviewer.
    static func scores(_ reviews: [ReviewAssignment], own: UUID, showsNames: Bool, form: ReviewForm, _ l10n: Localizer) -> HTMLNode {
        let summary = ReviewSummary(reviews, form: form)
        let header = [l10n(.reviewReviewer)] + form.criteria.map { l10n.text($0.name) } + [l10n(.reviewTotal), l10n(.reviewConfidence)]
        let rows: [[HTMLNode]] = reviews.enumerated().map { index, review in
            let who = review.id == own ? l10n(.reviewYou) : showsNames ? review.reviewerName : l10n(.reviewExpertN, ["n": String(index + 1)])
            return [.text(who)] + form.criteria.map { criterion in .text(review.scores[criterion.code].map { "\($0) / \(criterion.maxScore)" } ?? "—") }
                + [.text(form.total(review.scores).map { l10n.decimal($0, digits: 1) } ?? "—"), .text(review.confidence.map(String.init) ?? "—")]
        }
        return .group([
            el("h2", [:], .text(l10n(.reviewScores))),
            Layout.table(header, rows, id: "scores"),
            el("p", [:], .text(l10n(.reviewSummaryLine, ["mean": summary.mean.map { l10n.decimal($0, digits: 1) } ?? "—",
                                                          "spread": l10n.decimal(summary.spread, digits: 1), "count": String(summary.rows.count)]))),
            summary.disagreement ? el("p", ["class": "notice warning"], .text(l10n(.reviewDisagreementNote))) : .empty,
        ])
    }
}
