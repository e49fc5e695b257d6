import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The pages of the charity ledger: the campaigns, one campaign with its ledger, a receipt's check.
enum CharityPage {
    static func names(_ ids: [UUID], _ request: Request) async throws -> [UUID: String] {
        try await OrganizationQueries.labels(ids: Array(Set(ids)), on: request.db).mapValues { request.l10n.text($0.name) }
    }

    static func progress(_ figures: CharityQueries.Figures, _ l10n: Localizer) -> HTMLNode {
        let percent = Int((figures.progress * 100).rounded(.down))
        return el("p", ["class": "campaign-progress"],
                  el("progress", ["max": "100", "value": String(min(percent, 100)), "aria-label": l10n(.charityRaised)]), .text(" "),
                  .text(l10n(.charityOfGoal, ["raised": figures.raised.description, "goal": figures.campaign.goal.description, "percent": String(percent)])))
    }

    static func list(_ campaigns: [CharityQueries.Figures], organizers: [UUID: String], canOpen: Bool, _ context: PageContext) -> String {
        let l10n = context.l10n
        let body: HTMLNode = campaigns.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.charityNone))) :
            el("ul", ["class": "campaigns", "id": "campaigns"], campaigns.map { figures in
                el("li", ["class": "card"],
                   el("h2", [:], el("a", ["href": SiteURL.campaign(code: figures.campaign.code).path], .text(figures.campaign.title))),
                   el("p", ["class": "muted"], .text([figures.campaign.code, organizers[figures.campaign.organizerID] ?? "",
                                                      EarlyWarningPage.regionName(figures.campaign.region, l10n),
                                                      l10n(BeneficiaryCategory(rawValue: figures.campaign.beneficiaryCategory)?.l10nKey ?? .charityCategoryOther)]
                                                       .filter { !$0.isEmpty }.joined(separator: " · "))),
                   progress(figures, l10n),
                   el("p", [:], .text(l10n(.charityBalanceLine, ["balance": figures.balance.description, "spent": figures.spent.description,
                                                                  "count": l10n.number(figures.donations)]))))
            })
        return Layout.page(title: l10n(.charityTitle), crumbs: [Layout.Crumb(label: l10n(.charityTitle), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.charityTitle))),
            el("p", ["class": "lead"], .text(l10n(.charityLead))),
            canOpen ? el("p", ["class": "actions"], el("a", ["class": "button", "href": SiteURL.campaignNew.path], .text(l10n(.charityOpen))), .text(" "),
                         el("a", ["class": "button secondary", "href": SiteURL.donorStatement.path], .text(l10n(.donorStatementTitle)))) : .empty,
            el("p", [:], el("a", ["href": SiteURL.charityReport.path, "id": "charity-report-link"], .text(l10n(.charityReportTitle)))),
            body,
        ]))
    }

    static func labels(_ l10n: Localizer) -> [String: String] {
        ["title": l10n(.charityCampaignTitle), "purpose": l10n(.charityPurpose), "beneficiaryCategory": l10n(.charityBeneficiaries),
         "region": l10n(.appealPlace), "goal": l10n(.charityGoal), "startsOn": l10n(.charityStarts), "endsOn": l10n(.charityEnds),
         "parentCode": l10n(.charityParent), "amount": l10n(.charityAmount), "day": l10n(.calendarDay), "publicName": l10n(.charityDonorName),
         "entry": l10n(.charityReceipt), "reason": l10n(.charityReverseReason), "recipient": l10n(.disbursementRecipient),
         "evidence": l10n(.disbursementEvidence), "donorKind": l10n(.donorKind), "donorName": l10n(.donorName),
         "donorNumber": l10n(.donorNumber), "donorPhone": l10n(.orgPhone), "number": l10n(.donorNumber), "from": l10n(.charityStarts),
         "to": l10n(.charityEnds), "goods": l10n(.charityInKindGoods), "inKindEvidence": l10n(.charityInKindAct)]
    }

    static func form(_ form: CharityController.CampaignForm, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = labels(l10n)
        return Layout.page(title: l10n(.charityOpen), crumbs: [Layout.Crumb(label: l10n(.charityTitle), url: SiteURL.charity.path),
                                                              Layout.Crumb(label: l10n(.charityOpen), url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.charityOpen))),
            Form.summary(errors, labels: labels, l10n: l10n),
            el("form", ["method": "post", "action": SiteURL.campaignNew.path, "id": "campaign-form"], Layout.csrfField(context),
               Form.text("title", label: labels["title"]!, value: form.title ?? "", errors: errors, l10n: l10n, required: true),
               Form.textArea("purpose", label: labels["purpose"]!, value: form.purpose ?? "", errors: errors, l10n: l10n),
               Form.select("beneficiaryCategory", label: labels["beneficiaryCategory"]!,
                           options: BeneficiaryCategory.allCases.map { ($0.rawValue, l10n($0.l10nKey)) }, selected: form.beneficiaryCategory ?? "",
                           errors: errors, l10n: l10n, required: true),
               Form.select("region", label: labels["region"]!, options: ReferenceData.regions.filter { $0.kind != .republic }.map { ($0.code, l10n.text($0.name)) },
                           selected: form.region ?? "", errors: errors, l10n: l10n, required: true),
               Form.text("goal", label: labels["goal"]!, value: form.goal ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.charityAmountHint)),
               Form.text("startsOn", label: labels["startsOn"]!, value: form.startsOn ?? "", errors: errors, l10n: l10n, type: "date", required: true),
               Form.text("endsOn", label: labels["endsOn"]!, value: form.endsOn ?? "", errors: errors, l10n: l10n, type: "date", required: true),
               Form.text("parentCode", label: labels["parentCode"]!, value: form.parentCode ?? "", errors: errors, l10n: l10n, hint: l10n(.charityParentHint)),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.charityOpen)))),
        ]))
    }

    struct Model {
        var figures: CharityQueries.Figures
        var family: CharityQueries.Family
        var organizer: String
        var entries: [(entry: LedgerEntry, reversed: Bool)]
        var head: TreeHead?
        var canRecord: Bool
        var donation: CharityController.DonationForm
        var disbursements: [Disbursement]
        var disbursement: CharityController.DisbursementForm
        var problems: ImportFailure?
        var userID: UUID?
        var today: Day
    }

    static func memo(_ entry: LedgerEntry, _ l10n: Localizer) -> String {
        if entry.reverses != nil { return l10n(.charityReversal) + ": " + entry.memo }
        return entry.memo.isEmpty && entry.kind == .incomingFunds ? l10n(.charityAnonymousDonor) : entry.memo
    }

    static func show(_ model: Model, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let campaign = model.figures.campaign
        let labels = labels(l10n)
        let facts: [(String, String)] = [
            (l10n(.charityOrganizer), model.organizer), (l10n(.appealPlace), EarlyWarningPage.regionName(campaign.region, l10n)),
            (labels["beneficiaryCategory"]!, l10n(BeneficiaryCategory(rawValue: campaign.beneficiaryCategory)?.l10nKey ?? .charityCategoryOther)),
            (l10n(.charityPeriod), "\(campaign.startsOn.dotted) – \(campaign.endsOn.dotted)"), (labels["goal"]!, campaign.goal.description),
            (l10n(.charityRaised), model.figures.raised.description), (l10n(.charitySpent), model.figures.spent.description),
            (l10n(.charityBalance), model.figures.balance.description), (l10n(.charityDonations), l10n.number(model.figures.donations)),
        ] + (model.figures.inKind == .zero ? [] : [(l10n(.charityInKindValued), model.figures.inKind.description)])
        var sections: [HTMLNode] = [
            el("h1", [:], .text(campaign.title)),
            el("p", ["class": "muted"], .text(campaign.code)),
            progress(model.figures, l10n),
            el("dl", ["class": "facts"], .group(facts.map { .group([el("dt", [:], .text($0.0)), el("dd", [:], .text($0.1))]) })),
            el("p", [:], .text(campaign.purpose)),
            el("p", [:], el("a", ["href": SiteURL.apiCampaignTransactions(code: campaign.code).path, "id": "iati-link"], .text(l10n(.charityIati)))),
            model.family.children.isEmpty ? .empty : el("section", ["id": "sub-campaigns"],
                el("h2", [:], .text(l10n(.charitySubCampaigns))),
                el("p", [:], .text(l10n(.charityFamilyLine, ["raised": model.family.raised.description, "spent": model.family.spent.description,
                                                             "balance": model.family.balance.description, "count": l10n.number(model.family.donations)]))),
                el("ul", [:], model.family.children.map { child in
                    el("li", [:], el("a", ["href": SiteURL.campaign(code: child.campaign.code).path], .text(child.campaign.title)),
                       .text(" · " + l10n(.charityBalanceLine, ["balance": child.balance.description, "spent": child.spent.description,
                                                                 "count": l10n.number(child.donations)])))
                })),
            Form.summary(errors, labels: labels, l10n: l10n),
        ]
        if model.canRecord {
            sections.append(el("form", ["method": "post", "action": SiteURL.campaignDonation(code: campaign.code).path, "id": "donation-form", "class": "step-form"],
                Layout.csrfField(context), el("h2", [:], .text(l10n(.charityRecordDonation))),
                Form.text("amount", label: labels["amount"]!, value: model.donation.amount ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.charityAmountHint)),
                Form.text("day", label: labels["day"]!, value: model.donation.day ?? model.today.description, errors: errors, l10n: l10n, type: "date", required: true),
                Form.text("publicName", label: labels["publicName"]!, value: model.donation.publicName ?? "", errors: errors, l10n: l10n, hint: l10n(.charityDonorNameHint)),
                el("fieldset", ["class": "in-kind"], el("legend", [:], .text(l10n(.charityInKind))),
                   el("p", ["class": "hint"], .text(l10n(.charityInKindHint))),
                   Form.text("goods", label: l10n(.charityInKindGoods), value: model.donation.goods ?? "", errors: errors, l10n: l10n),
                   Form.text("inKindEvidence", label: l10n(.charityInKindAct), value: model.donation.inKindEvidence ?? "", errors: errors, l10n: l10n)),
                el("fieldset", ["class": "donor"], el("legend", [:], .text(l10n(.donorTitle))),
                   el("p", ["class": "hint"], .text(l10n(.donorHint))),
                   Form.select("donorKind", label: labels["donorKind"]!, options: Donor.Kind.allCases.map { ($0.rawValue, l10n($0.l10nKey)) },
                               selected: model.donation.donorKind ?? "anonymous", errors: errors, l10n: l10n),
                   Form.text("donorName", label: labels["donorName"]!, value: model.donation.donorName ?? "", errors: errors, l10n: l10n),
                   Form.text("donorNumber", label: labels["donorNumber"]!, value: model.donation.donorNumber ?? "", errors: errors, l10n: l10n,
                             hint: l10n(.donorNumberHint)),
                   Form.text("donorPhone", label: labels["donorPhone"]!, value: model.donation.donorPhone ?? "", errors: errors, l10n: l10n, type: "tel")),
                el("button", ["type": "submit", "class": "button"], .text(l10n(.charityRecordDonation)))))
            sections.append(el("form", ["method": "post", "action": SiteURL.campaignImport(code: campaign.code).path, "enctype": "multipart/form-data",
                                        "id": "statement-form", "class": "step-form"],
                Layout.csrfField(context), el("h2", [:], .text(l10n(.charityImport))),
                el("p", ["class": "hint"], .text(l10n(.charityImportHint))),
                model.problems.map { failure in
                    el("div", ["class": "error-summary", "role": "alert", "id": "import-problems"],
                       el("h3", [:], .text(l10n(.importProblems, ["count": l10n.number(failure.problems.count + failure.more)]))),
                       el("ul", [:], failure.problems.map { el("li", [:], .text($0.message(l10n))) }))
                } ?? .empty,
                el("div", ["class": "field"], el("label", ["for": "field-file"], .text(l10n(.importFile))),
                   el("input", ["type": "file", "id": "field-file", "name": "file", "accept": ".csv,text/csv", "required": ""])),
                el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.charityImport)))))
        }
        sections.append(el("h2", [:], .text(l10n(.charityLedger))))
        sections.append(model.entries.isEmpty ? el("p", ["class": "empty-state"], .text(l10n(.charityNoEntries))) :
            el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "ledger"],
                el("thead", [:], el("tr", [:], el("th", ["class": "number"], .text(l10n(.charityLeafIndex))), el("th", [:], .text(l10n(.calendarDay))),
                                    el("th", [:], .text(l10n(.charityKind))), el("th", ["class": "number"], .text(labels["amount"]!)),
                                    el("th", [:], .text(l10n(.charityReceipt))), el("th", [:], .text(l10n(.charityMemo))))),
                el("tbody", [:], model.entries.map { line in
                    let entry = line.entry
                    let signed = entry.reverses == nil ? entry.amount : -entry.amount
                    return el("tr", ["class": line.reversed ? "reversed" : nil],
                              el("td", ["class": "number"], .text(String(entry.index))), el("td", [:], .text(entry.day.dotted)),
                              el("td", [:], .text(l10n(entry.kind.l10nKey) + (entry.isInKind ? " · " + l10n(.charityInKind) : ""))), el("td", ["class": "number"], .text(signed.description)),
                              el("td", [:], entry.kind == .incomingFunds && entry.reverses == nil
                                 ? el("a", ["href": SiteURL.receipt(number: entry.reference).path], .text(entry.reference)) : .text(entry.reference)),
                              el("td", [:], .text(memo(entry, l10n) + (line.reversed ? " (" + l10n(.charityReversed) + ")" : ""))))
                }))))
        let reversible = model.entries.filter { !$0.reversed && $0.entry.reverses == nil }
        if model.canRecord, !reversible.isEmpty {
            sections.append(el("form", ["method": "post", "action": SiteURL.campaignReverse(code: campaign.code).path, "id": "reverse-form", "class": "step-form"],
                Layout.csrfField(context), el("h2", [:], .text(l10n(.charityReverse))),
                el("p", ["class": "hint"], .text(l10n(.charityReverseHint))),
                Form.select("entry", label: labels["entry"]!, options: reversible.map { ($0.entry.id.uuidString, "\($0.entry.reference) · \($0.entry.amount.description)") },
                            selected: "", errors: errors, l10n: l10n, required: true),
                Form.text("reason", label: labels["reason"]!, value: "", errors: errors, l10n: l10n, required: true),
                el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.charityReverse)))))
        }
        sections.append(disbursements(model, errors: errors, context))
        sections.append(treeHead(model.head, l10n))
        return Layout.page(title: campaign.title, crumbs: [Layout.Crumb(label: l10n(.charityTitle), url: SiteURL.charity.path),
                                                          Layout.Crumb(label: campaign.code, url: nil)], context: context, content: .group(sections))
    }

    /// Disbursements: the staff see every one with its recipient and the steps open to them; the public
    /// sees the paid ones without the recipient.
    static func disbursements(_ model: Model, errors: Form.Errors, _ context: PageContext) -> HTMLNode {
        let l10n = context.l10n
        let code = model.figures.campaign.code
        let shown = model.canRecord ? model.disbursements : model.disbursements.filter { $0.status == .paid }
        var nodes: [HTMLNode] = [el("h2", ["id": "disbursements"], .text(l10n(.disbursementsTitle)))]
        if shown.isEmpty { nodes.append(el("p", ["class": "empty-state"], .text(l10n(.disbursementsNone)))) }
        for value in shown {
            var facts: [(String, String)] = [(l10n(.charityAmount), value.amount.description), (l10n(.charityPurpose), value.purpose),
                                             (l10n(.appealStatus), l10n(value.status.l10nKey))]
            if model.canRecord {
                facts += [(l10n(.disbursementRecipient), value.recipient), (l10n(.disbursementEvidence), value.evidence),
                          (l10n(.disbursementApprovals), value.approvals.map(\.name).joined(separator: ", "))]
                if !value.note.isEmpty { facts.append((l10n(.calendarNote), value.note)) }
            }
            var forms: [HTMLNode] = []
            if model.canRecord, let user = model.userID {
                let action = SiteURL.disbursementStep(code: code, id: value.id.uuidString)
                func step(_ name: String, _ title: L10nKey, _ fields: HTMLNode...) -> HTMLNode {
                    Form.caseStep(action, step: name, version: value.version, title: l10n(title), key: value.number, context, fields)
                }
                let reason = Form.text("reason", label: l10n(.charityReverseReason), value: "", errors: errors, l10n: l10n, required: true)
                switch value.status {
                case .draft:
                    forms += [step("submit", .disbursementSubmit), step("cancel", .disbursementCancel, reason)]
                case .submitted:
                    if user != value.draftedBy && !value.approvals.contains(where: { $0.userID == user }) { forms.append(step("approve", .disbursementApprove)) }
                    forms += [step("reject", .disbursementReject, reason)]
                case .approved:
                    forms += [step("pay", .disbursementPay), step("cancel", .disbursementCancel, reason)]
                case .paid, .rejected, .cancelled:
                    break
                }
            }
            nodes.append(el("article", ["class": "card disbursement", "id": "disbursement-\(value.number)"],
                            el("h3", [:], .text(value.number)),
                            el("dl", ["class": "facts"], .group(facts.map { .group([el("dt", [:], .text($0.0)), el("dd", [:], .text($0.1))]) })),
                            .group(forms)))
        }
        if model.canRecord {
            let labels = ["amount": l10n(.charityAmount), "purpose": l10n(.charityPurpose), "recipient": l10n(.disbursementRecipient),
                          "evidence": l10n(.disbursementEvidence), "donorKind": l10n(.donorKind), "donorName": l10n(.donorName),
         "donorNumber": l10n(.donorNumber), "donorPhone": l10n(.orgPhone), "number": l10n(.donorNumber), "from": l10n(.charityStarts),
         "to": l10n(.charityEnds)]
            nodes.append(el("form", ["method": "post", "action": SiteURL.campaignDisbursements(code: code).path, "id": "disbursement-form", "class": "step-form"],
                Layout.csrfField(context), el("h3", [:], .text(l10n(.disbursementNew))),
                el("p", ["class": "hint"], .text(l10n(.disbursementHint))),
                Form.text("amount", label: labels["amount"]!, value: model.disbursement.amount ?? "", errors: errors, l10n: l10n, required: true, hint: l10n(.charityAmountHint)),
                Form.text("purpose", label: labels["purpose"]!, value: model.disbursement.purpose ?? "", errors: errors, l10n: l10n, required: true),
                Form.text("recipient", label: labels["recipient"]!, value: model.disbursement.recipient ?? "", errors: errors, l10n: l10n, required: true,
                          hint: l10n(.disbursementRecipientHint)),
                Form.text("evidence", label: labels["evidence"]!, value: model.disbursement.evidence ?? "", errors: errors, l10n: l10n, required: true),
                el("button", ["type": "submit", "class": "button"], .text(l10n(.disbursementNew)))))
        }
        return el("section", ["class": "disbursements"], nodes)
    }

    /// The statement form and, once found, the donor's donations with a link to the signed PDF.
    static func statement(_ query: CharityController.StatementQuery, _ found: DonorStatement.Statement?, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let labels = labels(l10n)
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(.donorStatementTitle))),
            el("p", ["class": "lead"], .text(l10n(.donorStatementLead))),
            Form.summary(errors, labels: labels, l10n: l10n),
            el("form", ["method": "get", "action": SiteURL.donorStatement.path, "id": "statement-query", "class": "step-form"],
               Form.text("number", label: labels["number"]!, value: query.number, errors: errors, l10n: l10n, required: true, hint: l10n(.donorNumberHint)),
               Form.text("from", label: labels["from"]!, value: query.fromText, errors: errors, l10n: l10n, type: "date", required: true),
               Form.text("to", label: labels["to"]!, value: query.toText, errors: errors, l10n: l10n, type: "date", required: true),
               el("button", ["type": "submit", "class": "button"], .text(l10n(.donorStatementFind)))),
        ]
        if let found {
            let rows = statementRows(found, l10n)
            sections += [
                el("h2", [:], .text(found.donor.name)),
                el("div", ["class": "table-wrap"], el("table", ["class": "data", "id": "statement"],
                    el("thead", [:], el("tr", [:], rows.header.map { el("th", ["scope": "col"], .text($0)) })),
                    el("tbody", [:], rows.lines.map { line in el("tr", [:], line.map { el("td", [:], .text($0)) }) }),
                    el("tfoot", [:], el("tr", [:], el("th", ["colspan": "3", "scope": "row"], .text(l10n(.donorTotal))), el("td", [:], .text(found.total.description)),
                                        el("td", [:]))))),
                el("p", [:], el("a", ["class": "button", "id": "statement-pdf",
                                      "href": SiteURL.donorStatementPDF.with([("number", query.number), ("from", query.fromText), ("to", query.toText)])],
                                .text(l10n(.donorStatementPdf)))),
            ]
        }
        return Layout.page(title: l10n(.donorStatementTitle), crumbs: [Layout.Crumb(label: l10n(.charityTitle), url: SiteURL.charity.path),
                                                                      Layout.Crumb(label: l10n(.donorStatementTitle), url: nil)],
                           context: context, content: .group(sections))
    }

    static func statementRows(_ statement: DonorStatement.Statement, _ l10n: Localizer) -> (header: [String], lines: [[String]]) {
        ([l10n(.calendarDay), l10n(.charityReceipt), l10n(.charityCampaign), l10n(.charityAmount), l10n(.appealStatus)],
         statement.lines.map { line in
             [line.entry.day.dotted, line.entry.reference, "\(line.campaign.code) \(line.campaign.title)", line.entry.amount.description,
              line.reversed ? l10n(.charityReversed) : l10n(.charityInForce)]
         })
    }

    /// The statement as a document (printed to PDF): the donor, the period, each donation with its
    /// receipt number (checkable on Birlik's receipt page) and the total.
    static func statementDocument(_ query: CharityController.StatementQuery, _ statement: DonorStatement.Statement, _ l10n: Localizer, issued: Date) -> DOCXWriter {
        var document = DOCXWriter(title: l10n(.donorStatementTitle), language: l10n.language == .kk ? "kk-KZ" : l10n.language == .ru ? "ru-RU" : "en-GB")
        document.append(.title(l10n(.donorStatementTitle)))
        document.append(.paragraph(l10n(.donorStatementFor, ["name": statement.donor.name, "number": statement.donor.identificationNumber,
                                                             "from": query.from?.dotted ?? "", "to": query.to?.dotted ?? ""])))
        let rows = statementRows(statement, l10n)
        document.append(.table(header: rows.header, rows: rows.lines + [[l10n(.donorTotal), "", "", statement.total.description, ""]], widths: [2, 3, 6, 3, 2]))
        document.append(.emphasis(l10n(.donorStatementIssued, ["date": Day(issued).dotted])))
        return document
    }

    static func treeHead(_ head: TreeHead?, _ l10n: Localizer) -> HTMLNode {
        el("section", ["class": "tree-head", "id": "tree-head"],
           el("h2", [:], .text(l10n(.charityTreeHead))),
           head.map { head in
               el("dl", ["class": "facts"],
                  el("dt", [:], .text(l10n(.charityTreeSize))), el("dd", [:], .text(l10n.number(head.size))),
                  el("dt", [:], .text(l10n(.charityTreeRoot))), el("dd", [:], el("code", [:], .text(head.root))),
                  el("dt", [:], .text(l10n(.charityTreeSigned))), el("dd", [:], .text(Day(head.signedAt).dotted)),
                  el("dt", [:], .text(l10n(.charityTreeKey))), el("dd", [:], el("code", [:], .text(head.publicKey))))
           } ?? el("p", ["class": "muted"], .text(l10n(.charityNoTreeHead))))
    }

    static func receipt(_ receipt: CharityQueries.Receipt, link: String, canReissue: Bool, errors: Form.Errors, _ context: PageContext) -> String {
        let l10n = context.l10n
        let entry = receipt.entry
        let status: HTMLNode = receipt.reversedBy != nil
            ? el("p", ["class": "notice error", "id": "receipt-status"], .text(l10n(.charityReceiptReversed)))
            : receipt.proofHolds ? el("p", ["class": "notice", "id": "receipt-status"], .text(l10n(.charityReceiptProven, ["size": l10n.number(receipt.head?.size ?? 0)])))
            : el("p", ["class": "notice", "id": "receipt-status"], .text(l10n(.charityReceiptPending)))
        return Layout.page(title: l10n(.charityReceiptTitle, ["number": entry.reference]),
                           crumbs: [Layout.Crumb(label: l10n(.charityTitle), url: SiteURL.charity.path),
                                    Layout.Crumb(label: receipt.campaign.code, url: SiteURL.campaign(code: receipt.campaign.code).path),
                                    Layout.Crumb(label: entry.reference, url: nil)], context: context, content: .group([
            el("h1", [:], .text(l10n(.charityReceiptTitle, ["number": entry.reference]))),
            status,
            el("dl", ["class": "facts"],
               el("dt", [:], .text(l10n(.charityCampaign))), el("dd", [:], el("a", ["href": SiteURL.campaign(code: receipt.campaign.code).path], .text(receipt.campaign.title))),
               el("dt", [:], .text(l10n(.charityAmount))), el("dd", ["id": "receipt-amount"], .text(entry.amount.description)),
               el("dt", [:], .text(l10n(.calendarDay))), el("dd", [:], .text(entry.day.dotted)),
               el("dt", [:], .text(l10n(.charityDonorName))), el("dd", ["id": "receipt-name"], .text(receipt.versions.isEmpty ? memo(entry, l10n) : receipt.publicName)),
               el("dt", [:], .text(l10n(.charityReceiptVersion))), el("dd", [:], .text(l10n.number(receipt.version))),
               el("dt", [:], .text(l10n(.charityLeaf))), el("dd", [:], .text(l10n.number(entry.index))),
               el("dt", [:], .text(l10n(.charityLeafHash))), el("dd", [:], el("code", ["id": "leaf-hash"], .text(Hashing.hex(entry.leafHash))))),
            treeHead(receipt.head, l10n),
            receipt.proof.isEmpty ? .empty : .group([
                el("h2", [:], .text(l10n(.charityInclusionProof))),
                el("p", ["class": "hint"], .text(l10n(.charityInclusionHint))),
                el("ol", ["class": "proof", "id": "inclusion-proof"], receipt.proof.map { el("li", [:], el("code", [:], .text(Hashing.hex($0)))) }),
            ]),
            QRCode(text: link).map { el("figure", ["class": "qr-code"], $0.svg(label: l10n(.charityReceiptQr)), el("figcaption", [:], .text(l10n(.charityReceiptQr)))) } ?? .empty,
            receipt.versions.isEmpty ? .empty : .group([
                el("h2", [:], .text(l10n(.charityReceiptVersions))),
                el("ol", ["id": "receipt-versions"],
                   el("li", [:], .text(l10n(.charityReceiptOriginal, ["date": entry.day.dotted, "name": memo(entry, l10n)]))),
                   .group(receipt.versions.map { version in
                       el("li", [:], .text(l10n(.charityReceiptReissued, ["date": version.issuedOn.dotted, "name": version.publicName.isEmpty ? l10n(.charityAnonymousDonor) : version.publicName,
                                                                        "reason": version.reason, "replaces": String(version.replaces)])))
                   })),
            ]),
            canReissue ? el("form", ["method": "post", "action": SiteURL.receiptReissue(number: entry.reference).path, "id": "reissue-form", "class": "step-form"],
                            Layout.csrfField(context), el("h3", [:], .text(l10n(.charityReissue))), el("p", ["class": "hint"], .text(l10n(.charityReissueHint))),
                            Form.summary(errors, labels: ["publicName": l10n(.charityDonorName), "reason": l10n(.charityReverseReason)], l10n: l10n),
                            Form.text("publicName", label: l10n(.charityDonorName), value: receipt.publicName, errors: errors, l10n: l10n),
                            Form.text("reason", label: l10n(.charityReverseReason), value: "", errors: errors, l10n: l10n, required: true),
                            el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.charityReissue)))) : .empty,
        ]))
    }
}
