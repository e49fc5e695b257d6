import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// One grant application as its applicant and the grant operator see it: what was asked, its terms,
/// the experts' reviews (operator only), the decision, the tranches through the ledger and the reports.
enum GrantApplicationPage {
    struct Model {
        var application: GrantApplication
        var lot: GrantLot?
        var call: GrantCall?
        var applicant: String
        var isApplicant: Bool
        var isOperator: Bool
        var reviews: [ReviewAssignment]
        var summary: ReviewSummary
        var experts: [(id: UUID, name: String)]
        var form: GrantsController.ApplicationForm
        var today: Day
    }

    static func show(_ model: Model, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let value = model.application
        let labels = GrantsPage.applicationLabels(l10n)
        let url = SiteURL.grantApplicationStep(id: value.id.uuidString)
        var facts: [(String, String)] = [
            (l10n(.grantsStatus), l10n(value.status.l10nKey) + (value.isLate(on: model.today) ? " · " + l10n(.grantsLate) : "")),
            (l10n(.grantsApplicant), model.applicant), (l10n(.grantsLot), model.lot.map { "\($0.code) · \($0.title)" } ?? ""),
            (l10n(.grantsLanguageLabel), l10n(value.language == .kk ? .langKk : .langRu)), (labels["budget"]!, value.budget.description),
        ]
        if let due = value.complianceDue { facts.append((l10n(.grantsComplianceDue), due.dotted)) }
        if let due = value.reviewDue { facts.append((l10n(.grantsReviewDue), due.dotted)) }
        var sections: [HTMLNode] = [
            el("h1", [:], .text(value.title)),
            el("p", ["class": "muted"], .text(value.number + (model.call.map { " · \($0.code)" } ?? ""))),
            Form.summary(errors, labels: labels, l10n: l10n),
            Layout.facts(facts, id: "application-facts"),
            value.note.isEmpty ? .empty : el("p", ["class": "notice", "id": "operator-note"], .text(value.note)),
            el("h2", [:], .text(labels["summary"]!)), el("p", ["class": "prose"], .text(value.summary)),
            value.budgetNotes.isEmpty ? .empty : .group([el("h2", [:], .text(labels["budgetNotes"]!)), el("p", ["class": "prose"], .text(value.budgetNotes))]),
            files(value.files, link: { SiteURL.grantApplicationFile(id: value.id.uuidString, sha256: $0).path }, l10n),
        ]
        if model.isApplicant { sections += applicantActions(model, errors: errors, context) }
        if model.isOperator { sections += operatorActions(model, context) }
        sections += outcome(value, model: model, context)
        return Layout.page(title: value.title, crumbs: GrantsPage.crumbs(l10n, value.number), context: context, wide: true, content: .group(sections))
    }

    static func files(_ files: [GrantApplication.File], link: (String) -> String, _ l10n: Localizer) -> HTMLNode {
        files.isEmpty ? .empty : .group([
            el("h2", [:], .text(l10n(.grantsFiles))),
            el("ul", ["id": "application-files"], files.map { el("li", [:], el("a", ["href": link($0.sha256)], .text($0.name))) }),
        ])
    }

    static func applicantActions(_ model: Model, errors: Form.Errors, _ context: PageContext) -> [HTMLNode] {
        let l10n = context.l10n
        let value = model.application
        let url = SiteURL.grantApplicationStep(id: value.id.uuidString)
        var sections: [HTMLNode] = []
        if value.isEditable {
            sections.append(el("form", ["method": "post", "action": SiteURL.grantApplicationRevise(id: value.id.uuidString).path, "id": "revise-form", "class": "step-form"],
                               Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(model.form.version ?? value.version)]),
                               el("h3", [:], .text(l10n(.grantsRevise))), .group(GrantsPage.applicationFields(model.form, errors: errors, l10n)),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.grantsSaveDraft)))))
            sections.append(el("form", ["method": "post", "action": SiteURL.grantApplicationFiles(id: value.id.uuidString).path, "enctype": "multipart/form-data",
                                        "id": "files-form", "class": "step-form"],
                               Layout.csrfField(context), el("h3", [:], .text(l10n(.grantsAttach))), el("p", ["class": "hint"], .text(l10n(.grantsAttachHint))),
                               el("div", ["class": "field"], el("label", ["for": "field-file"], .text(l10n(.importFile))),
                                  el("input", ["type": "file", "id": "field-file", "name": "file", "required": ""])),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.grantsAttach)))))
            sections.append(Form.caseStep(url, step: "submit", version: value.version, title: l10n(.grantsSubmit), context,
                                          [el("p", ["class": "hint"], .text(l10n(.grantsSubmitHint)))]))
        }
        if [.draft, .submitted, .returned, .expertReview, .commission].contains(value.status) {
            sections.append(Form.caseStep(url, step: "withdraw", version: value.version, title: l10n(.grantsWithdraw), context,
                                          [Form.textArea("reason", label: l10n(.charityReverseReason), value: "", errors: Form.Errors(), l10n: l10n)]))
        }
        if value.status == .implementation {
            sections.append(Form.caseStep(url, step: "report", version: value.version, title: l10n(.grantsReport), context, [
                Form.select("kind", label: l10n(.grantsReportKind), options: GrantApplication.UseReport.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                            selected: "interim", errors: Form.Errors(), l10n: l10n),
                Form.textArea("text", label: l10n(.grantsReportText), value: "", errors: Form.Errors(), l10n: l10n),
            ]))
        }
        return sections
    }

    static func operatorActions(_ model: Model, _ context: PageContext) -> [HTMLNode] {
        let l10n = context.l10n
        let value = model.application
        let url = SiteURL.grantApplicationStep(id: value.id.uuidString)
        let none = Form.Errors()
        var sections: [HTMLNode] = []
        switch value.status {
        case .submitted:
            sections.append(Form.caseStep(url, step: "admit", version: value.version, title: l10n(.grantsAdmit), context,
                                          [el("p", ["class": "hint"], .text(l10n(.grantsAdmitHint)))]))
            sections.append(Form.caseStep(url, step: "return", version: value.version, title: l10n(.grantsReturn), context,
                                          [Form.textArea("note", label: l10n(.grantsNote), value: "", errors: none, l10n: l10n)]))
        case .expertReview:
            let assigned = Set(model.reviews.map(\.reviewerID))
            let free = model.experts.filter { !assigned.contains($0.id) }
            sections.append(el("form", ["method": "post", "action": SiteURL.grantApplicationReviewers(id: value.id.uuidString).path, "id": "assign-form", "class": "step-form"],
                               Layout.csrfField(context), el("h3", [:], .text(l10n(.reviewAssign))),
                               Form.select("reviewer", label: l10n(.reviewReviewer), options: free.map { ($0.id.uuidString, $0.name) }, selected: "",
                                           errors: none, l10n: l10n, required: true),
                               el("button", ["type": "submit", "class": "button"], .text(l10n(.reviewAssign)))))
            sections.append(Form.caseStep(url, step: "toCommission", version: value.version, title: l10n(.grantsToCommission), context,
                                          [el("p", ["class": "hint"], .text(l10n(.grantsToCommissionHint)))]))
        case .commission:
            let votes: [HTMLNode] = (0..<GrantsController.voteRows).map { index in
                el("div", ["class": "vote-row"],
                   Form.text("member\(index)", label: l10n(.grantsMember, ["n": String(index + 1)]), value: "", errors: none, l10n: l10n),
                   Form.select("vote\(index)", label: l10n(.grantsVote), options: GrantApplication.Vote.Choice.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                               selected: "inFavour", errors: none, l10n: l10n))
            }
            sections.append(Form.caseStep(url, step: "decide", version: value.version, title: l10n(.grantsDecide), context, [
                Form.text("minutes", label: l10n(.grantsMinutesNumber), value: "", errors: none, l10n: l10n, required: true),
                el("fieldset", [:], el("legend", [:], .text(l10n(.grantsVotes))), el("p", ["class": "hint"], .text(l10n(.grantsVotesHint))), .group(votes)),
                model.lot?.isNomination == true ? el("p", ["class": "hint"], .text(l10n(.grantsNominationDecideHint))) :
                    Form.text("amount", label: l10n(.grantsAmountAwarded), value: String(value.budget.tiyn / 100), errors: none, l10n: l10n,
                              hint: l10n(.grantsAmountHint, ["max": min(value.budget, model.lot?.budget ?? value.budget).description])),
            ]))
        case .awarded where value.awaitsShare:
            sections.append(el("p", ["class": "notice", "id": "nomination-pending"], .text(l10n(.grantsNominationNotFinal))))
        case .awarded:
            let rows: [HTMLNode] = (0..<GrantsController.trancheRows).map { index in
                el("div", ["class": "tranche-row"],
                   Form.text("trancheAmount\(index)", label: l10n(.grantsTrancheAmount, ["n": String(index + 1)]), value: "", errors: none, l10n: l10n),
                   Form.text("trancheDue\(index)", label: l10n(.grantsTrancheDue, ["n": String(index + 1)]), value: "", errors: none, l10n: l10n, type: "date"))
            }
            sections.append(Form.caseStep(url, step: "contract", version: value.version, title: l10n(.grantsContract), context, [
                Form.text("contractNumber", label: l10n(.grantsContractNumber), value: "", errors: none, l10n: l10n, required: true),
                el("p", ["class": "hint"], .text(l10n(.grantsTranchesHint, ["amount": value.decision?.amount.description ?? ""]))), .group(rows),
            ]))
        case .implementation where value.reports.contains { $0.kind == .final }:
            sections.append(Form.caseStep(url, step: "close", version: value.version, title: l10n(.grantsClose), context, []))
        default: break
        }
        if !model.reviews.isEmpty { sections.append(reviews(model, l10n)) }
        return sections
    }

    /// The experts' reviews for the grant operator and the commission: who, what state, the scores by
    /// criterion, the mean and whether they disagree.
    static func reviews(_ model: Model, _ l10n: Localizer) -> HTMLNode {
        let form = ReviewForm.grants
        let header = [l10n(.reviewReviewer), l10n(.grantsStatus), l10n(.grantsDue)] + form.criteria.map { l10n.text($0.name) } + [l10n(.reviewTotal), l10n(.reviewConfidence)]
        let rows: [[HTMLNode]] = model.reviews.map { review in
            [.text(review.reviewerName),
             .text(l10n(review.state(on: model.today).l10nKey) + (review.declaration?.hasConflict == true ? " · " + l10n(.reviewConflictDeclared) : "")),
             .text(review.status == .awaitingResponse ? review.respondBy.dotted : review.dueOn.dotted)]
            + form.criteria.map { criterion in .text(review.scores[criterion.code].map { "\($0) / \(criterion.maxScore)" } ?? "—") }
            + [.text(form.total(review.scores).map { l10n.decimal($0, digits: 1) } ?? "—"), .text(review.confidence.map(String.init) ?? "—")]
        }
        return .group([
            el("h2", [:], .text(l10n(.reviewsTitle))),
            Layout.table(header, rows, id: "reviews"),
            el("p", ["id": "review-summary"], .text(l10n(.reviewSummaryLine, ["mean": model.summary.mean.map { l10n.decimal($0, digits: 1) } ?? "—",
                                                                             "spread": l10n.decimal(model.summary.spread, digits: 1),
                                                                             "count": String(model.summary.rows.count)]))),
            model.summary.disagreement ? el("p", ["class": "notice warning", "id": "disagreement"], .text(l10n(.reviewDisagreementNote))) : .empty,
            .group(model.reviews.filter { !$0.comment.isEmpty }.map { review in
                el("blockquote", ["class": "review-comment"], el("p", [:], .text(review.comment)), el("footer", [:], .text(review.reviewerName)))
            }),
        ])
    }

    /// The decision, the tranches and the reports, as far as they go.
    static func outcome(_ value: GrantApplication, model: Model, _ context: PageContext) -> [HTMLNode] {
        let l10n = context.l10n
        var sections: [HTMLNode] = []
        if let decision = value.decision {
            sections.append(el("h2", [:], .text(l10n(.grantsDecision))))
            sections.append(Layout.facts([(l10n(.grantsMinutesNumber), "\(decision.minutes) · \(decision.on.dotted)"),
                                              (l10n(.grantsDecision), decision.awarded ? l10n(.grantsStatusAwarded) : l10n(.grantsStatusRejected)),
                                              (l10n(.grantsAmountAwarded), decision.amount.description),
                                              (l10n(.reviewMean), decision.meanScore.map { l10n.decimal($0, digits: 1) } ?? "—")]))
            sections.append(el("ul", ["class": "votes", "id": "votes"], decision.votes.map { el("li", [:], .text("\($0.member): \(l10n($0.choice.l10nKey))")) }))
        }
        if !value.tranches.isEmpty {
            let url = SiteURL.grantApplicationStep(id: value.id.uuidString)
            sections.append(el("h2", [:], .text(l10n(.grantsTranches) + (value.contractNumber.isEmpty ? "" : " · " + value.contractNumber))))
            sections.append(Layout.table([l10n(.grantsNumber), l10n(.charityAmount), l10n(.grantsDue), l10n(.grantsStatus), ""],
                                             value.tranches.enumerated().map { index, tranche in
                let action: HTMLNode
                switch tranche.status {
                case .scheduled where model.isOperator: action = trancheButton(url, step: "approveTranche", index: index, version: value.version, label: l10n(.grantsApproveTranche), context)
                case .approved where model.isOperator: action = trancheButton(url, step: "payTranche", index: index, version: value.version, label: l10n(.grantsPayTranche), context)
                case .paid: action = .text(tranche.paidOn?.dotted ?? "")
                default: action = .empty
                }
                return [.text("\(index + 1)"), .text(tranche.amount.description), .text(tranche.dueOn.dotted),
                        .text(l10n(tranche.status.l10nKey) + (tranche.approvedBy.isEmpty ? "" : " · " + tranche.approvedBy)), action]
            }, id: "tranches"))
            sections.append(el("p", [:], .text(l10n(.grantsPaidLine, ["paid": value.paid.description, "amount": value.decision?.amount.description ?? ""])),
                               .text(" "), el("a", ["href": SiteURL.campaign(code: String(format: "GF-%04d", model.lot?.year ?? value.decision?.on.year ?? 0)).path],
                                               .text(l10n(.grantsFundLedger)))))
        }
        if !value.reports.isEmpty {
            sections.append(el("h2", [:], .text(l10n(.grantsReports))))
            sections.append(.group(value.reports.map { report in
                el("article", ["class": "card"], el("h3", [:], .text("\(l10n(report.kind.l10nKey)) · \(report.on.dotted)")), el("p", ["class": "prose"], .text(report.text)))
            }))
        }
        return sections
    }

    static func trancheButton(_ url: SiteURL, step: String, index: Int, version: Int, label: String, _ context: PageContext) -> HTMLNode {
        el("form", ["method": "post", "action": url.path, "class": "inline-form", "id": "\(step)-\(index)"], Layout.csrfField(context),
           el("input", ["type": "hidden", "name": "step", "value": step]), el("input", ["type": "hidden", "name": "version", "value": String(version)]),
           el("input", ["type": "hidden", "name": "tranche", "value": String(index)]),
           el("button", ["type": "submit", "class": "button secondary"], .text(label)))
    }
}
