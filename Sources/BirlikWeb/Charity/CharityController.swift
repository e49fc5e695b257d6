import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The charity ledger (S8) in public: campaigns with their figures, each donation's receipt checkable by
/// anyone against the signed tree head; the organiser's staff open campaigns, record donations and
/// reverse mistakes.
enum CharityController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.charity, use: list)
        routes.get(.campaignNew, use: newForm)
        routes.post(.campaignNew, use: create)
        routes.get(.receipt(number: ""), use: receipt)
        routes.post(.receiptReissue(number: ""), use: reissue)
        routes.get(.donorStatement, use: statement)
        routes.get(.donorStatementPDF, use: statementPDF)
        routes.get(.apiCharityCampaigns, use: apiCampaigns)
        routes.get(.apiCharityTreeHeads, use: apiTreeHeads)
        routes.get(.apiCharityReceipt(number: ""), use: apiReceipt)
        routes.get(.apiCharityConsistency, use: apiConsistency)
        routes.get(.charityReport, use: report)
        routes.get(.charityReportCSV, use: reportCSV)
        routes.get(.apiCharityReport, use: apiReport)
        routes.get(.apiCampaignTransactions(code: ""), use: apiTransactions)
        routes.get(.campaign(code: ""), use: show)
        routes.post(.campaignDonation(code: ""), use: donate)
        routes.post(.campaignReverse(code: ""), use: reverse)
        routes.post(.campaignDisbursements(code: ""), use: draftDisbursement)
        routes.on(.POST, SiteURL.campaignImport(code: "").pattern, body: .collect(maxSize: "10mb"), use: importStatement)
        routes.post(.disbursementStep(code: "", id: ""), use: disbursementStep)
    }

    static func canOpen(_ actor: Actor) -> Bool {
        guard let organization = actor.organizationID else { return false }
        return Access.check(actor, .create, .campaign, in: Scope(organizationID: organization, regionCode: actor.regionCode, isPublic: true)) == .allowed
    }

    static func list(_ request: Request) async throws -> Response {
        let campaigns = try await CharityQueries.campaigns(on: request.db)
        let organizers = try await CharityPage.names(campaigns.map(\.campaign.organizerID), request)
        return html(CharityPage.list(campaigns, organizers: organizers, canOpen: canOpen(request.actor), PageContext(request)))
    }

    struct CampaignForm: Content {
        var title: String?
        var purpose: String?
        var beneficiaryCategory: String?
        var region: String?
        var goal: String?
        var startsOn: String?
        var endsOn: String?
        var parentCode: String?

        var draft: CampaignDraft {
            var draft = CampaignDraft()
            draft.title = title ?? ""; draft.purpose = purpose ?? ""; draft.beneficiaryCategory = beneficiaryCategory ?? ""; draft.region = region ?? ""
            draft.goal = goal ?? ""; draft.startsOn = startsOn ?? ""; draft.endsOn = endsOn ?? ""; draft.parentCode = parentCode ?? ""
            return draft
        }
    }

    static func newForm(_ request: Request) async throws -> Response {
        guard canOpen(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        var form = CampaignForm()
        form.region = request.actor.regionCode == RegionCode.republic ? "" : request.actor.regionCode
        form.startsOn = request.today.description
        form.endsOn = request.today.adding(months: 3).description
        return html(CharityPage.form(form, errors: Form.Errors(), PageContext(request)))
    }

    static func create(_ request: Request) async throws -> Response {
        guard canOpen(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let form = try request.content.decode(CampaignForm.self)
        do {
            let campaign = try await CharityStore.openCampaign(form.draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.campaign(code: campaign.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            return html(CharityPage.form(form, errors: try Form.Errors(error), PageContext(request)), status: ErrorMapping.status(error))
        }
    }

    static func show(_ request: Request) async throws -> Response {
        try await page(request, code: request.parameters.get("code") ?? "", donation: DonationForm(), errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, code: String, donation: DonationForm, disbursement: DisbursementForm = DisbursementForm(),
                     problems: ImportFailure? = nil, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let figures = try await CharityQueries.campaign(code: code, on: request.db)
        let entries = try await CharityQueries.entries(of: figures.campaign.id, on: request.db)
        let disbursements = try await DisbursementStore.list(campaignID: figures.campaign.id, on: request.db)
        let head = try await CharityQueries.newestTreeHead(on: request.db)
        let organizer = try await CharityPage.names([figures.campaign.organizerID], request)[figures.campaign.organizerID] ?? ""
        let family = try await CharityQueries.family(of: figures, on: request.db)
        let model = CharityPage.Model(figures: figures, family: family, organizer: organizer, entries: entries, head: head,
                                      canRecord: Access.check(request.actor, .update, .campaign, in: figures.campaign.scope) == .allowed,
                                      donation: donation, disbursements: disbursements, disbursement: disbursement, problems: problems, userID: request.actor.userID,
                                      today: request.today)
        return html(CharityPage.show(model, errors: errors, PageContext(request)), status: status)
    }

    struct DonationForm: Content {
        var amount: String?
        var day: String?
        var publicName: String?
        var donorKind: String?
        var donorName: String?
        var donorNumber: String?
        var donorPhone: String?
        /// A gift in kind when filled: what was given and the act that valued it.
        var goods: String?
        var inKindEvidence: String?
    }

    static func donorKeys(_ request: Request) throws -> DonorKeys { try DonorKeys(dataDirectory: request.application.birlikDataDirectory) }

    static func donate(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let figures = try await CharityQueries.campaign(code: code, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(DonationForm.self)
        do {
            let donor = DonorDraft(kind: form.donorKind ?? "", name: form.donorName ?? "", number: form.donorNumber ?? "", phone: form.donorPhone ?? "")
            let goods = form.goods ?? "", act = form.inKindEvidence ?? ""
            let inKind = goods.trimmingCharacters(in: .whitespaces).isEmpty && act.trimmingCharacters(in: .whitespaces).isEmpty ? nil
                : CharityStore.InKind(goods: goods, evidence: act)
            let entry = try await CharityStore.recordDonation(.init(amount: form.amount ?? "", day: form.day ?? "", publicName: form.publicName ?? "", donor: donor,
                                                                    inKind: inKind),
                                                              to: figures.campaign.id, actor: request.actor, keys: try donorKeys(request), on: request.db, now: request.now)
            return request.redirect(to: SiteURL.campaign(code: code).with([("notice", "donation-recorded"), ("receipt", entry.reference)]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound && error != .signInRequired {
            return try await page(request, code: code, donation: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct ReverseForm: Content {
        var entry: String?
        var reason: String?
    }

    static func reverse(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        _ = try await CharityQueries.campaign(code: code, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(ReverseForm.self)
        do {
            guard let id = form.entry.flatMap(UUID.init(uuidString:)) else { throw DomainError.invalid([FieldError("entry", .fieldChooseValue)]) }
            _ = try await CharityStore.reverse(id, reason: form.reason ?? "", actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.campaign(code: code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound && error != .signInRequired {
            return try await page(request, code: code, donation: DonationForm(), errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct StatementUpload: Content { var file: File? }

    /// A bank statement of donations: all rows or none.
    static func importStatement(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let figures = try await CharityQueries.campaign(code: code, on: request.db)
        try request.requireCSRF()
        let upload = try request.content.decode(StatementUpload.self)
        do {
            guard let file = upload.file, file.data.readableBytes > 0 else { throw DomainError.invalid([FieldError("file", .fieldRequired)]) }
            try Access.require(request.actor, .update, .campaign, in: figures.campaign.scope)
            let data = Data(buffer: file.data), today = request.today
            let lines = try await request.onThreadPool { try BankStatement.read(data, today: today) }
            let written = try await CharityStore.importDonations(lines, to: figures.campaign.id, actor: request.actor, keys: try donorKeys(request),
                                                                 on: request.db, now: request.now)
            return request.redirect(to: SiteURL.campaign(code: code).with([("notice", "donations-imported"), ("count", String(written.count))]), redirectType: .normal)
        } catch let failure as ImportFailure {
            return try await page(request, code: code, donation: DonationForm(), problems: failure, errors: Form.Errors(), status: .unprocessableEntity)
        } catch let error as DomainError where error != .forbidden && error != .notFound && error != .signInRequired {
            return try await page(request, code: code, donation: DonationForm(), errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct DisbursementForm: Content {
        var amount: String?
        var purpose: String?
        var recipient: String?
        var evidence: String?
    }

    static func draftDisbursement(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let figures = try await CharityQueries.campaign(code: code, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(DisbursementForm.self)
        do {
            _ = try await DisbursementStore.draft(DisbursementDraft(amount: form.amount ?? "", purpose: form.purpose ?? "", recipient: form.recipient ?? "",
                                                                    evidence: form.evidence ?? ""),
                                                  campaignID: figures.campaign.id, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.campaign(code: code).with([("notice", "saved")]) + "#disbursements", redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound && error != .signInRequired {
            return try await page(request, code: code, donation: DonationForm(), disbursement: form, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    struct StepForm: Content {
        var step: String
        var version: Int?
        var reason: String?
    }

    static func disbursementStep(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        _ = try await CharityQueries.campaign(code: code, on: request.db)
        try request.requireCSRF()
        let form = try request.content.decode(StepForm.self)
        do {
            let step: Disbursement.Step
            switch form.step {
            case "submit": step = .submit
            case "approve": step = .approve
            case "reject": step = .reject(reason: form.reason ?? "")
            case "cancel": step = .cancel(reason: form.reason ?? "")
            case "pay": step = .pay
            default: throw DomainError.invalid([FieldError("step", .fieldChooseValue)])
            }
            _ = try await DisbursementStore.apply(step, to: try request.idParameter(), version: form.version ?? 0, actor: request.actor,
                                                  on: request.db, now: request.now)
            return request.redirect(to: SiteURL.campaign(code: code).with([("notice", "saved")]) + "#disbursements", redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound && error != .signInRequired {
            return try await page(request, code: code, donation: DonationForm(), errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    // MARK: Donors' statements

    /// The statement form, and the statement when a number is given (staff of an organiser only).
    static func statement(_ request: Request) async throws -> Response {
        guard canOpen(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let query = StatementQuery(request)
        var found: DonorStatement.Statement?
        var errors = Form.Errors()
        if !query.number.isEmpty {
            do { found = try await makeStatement(query, request) } catch let error as DomainError where error != .forbidden && error != .signInRequired {
                errors = error == .notFound ? try Form.Errors(.invalid([FieldError("number", .donorNoDonations)])) : try Form.Errors(error)
            }
        }
        let response = html(CharityPage.statement(query, found, errors: errors, PageContext(request)), status: errors.isEmpty ? .ok : .unprocessableEntity)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// The statement as a signed PDF, in the reader's language.
    static func statementPDF(_ request: Request) async throws -> Response {
        guard canOpen(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let query = StatementQuery(request)
        let found = try await makeStatement(query, request)
        let pdf = try await PDFPrinter.print(CharityPage.statementDocument(query, found, request.l10n, issued: request.now).printableHTML())
        _ = try await SignedDocuments.sign(pdf, kind: "donor-statement", year: query.to?.year ?? request.today.year, language: request.l10n.language.rawValue,
                                           format: "pdf", dataDirectory: request.application.birlikDataDirectory, actor: request.actor, now: request.now, on: request.db)
        let response = Response(status: .ok, body: .init(data: pdf))
        response.headers.replaceOrAdd(name: .contentType, value: "application/pdf")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"donations-\(query.from?.description ?? "")-\(query.to?.description ?? "").pdf\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    struct StatementQuery {
        var number: String
        var fromText: String
        var toText: String
        var from: Day? { Day(fromText) }
        var to: Day? { Day(toText) }

        init(_ request: Request) {
            number = request.queryText("number", limit: 20) ?? ""
            fromText = request.queryText("from", limit: 10) ?? Day(year: request.today.year, month: 1, day: 1).description
            toText = request.queryText("to", limit: 10) ?? request.today.description
        }
    }

    static func makeStatement(_ query: StatementQuery, _ request: Request) async throws -> DonorStatement.Statement {
        var errors: [FieldError] = []
        if query.from == nil { errors.append(FieldError("from", .fieldDate)) }
        if query.to == nil { errors.append(FieldError("to", .fieldDate)) }
        guard errors.isEmpty, let from = query.from, let to = query.to else { throw DomainError.invalid(errors) }
        return try await DonorStatement.make(number: query.number, from: from, to: to, actor: request.actor, keys: try donorKeys(request),
                                             on: request.db, now: request.now)
    }

    // MARK: Open data

    struct CampaignItem: Content {
        var code: String
        var title: String
        var organizer: String
        var region: String
        var beneficiaryCategory: String
        var startsOn: String
        var endsOn: String
        var goalTiyn: Int64
        var raisedTiyn: Int64
        var spentTiyn: Int64
        var balanceTiyn: Int64
        var donations: Int
        var parent: String?
    }

    /// Every campaign with its figures, amounts in tiyn.
    static func apiCampaigns(_ request: Request) async throws -> Response {
        let campaigns = try await CharityQueries.campaigns(on: request.db)
        let organizers = try await OrganizationQueries.labels(ids: Array(Set(campaigns.map(\.campaign.organizerID))), on: request.db)
        let codes = Dictionary(campaigns.map { ($0.campaign.id, $0.campaign.code) }) { first, _ in first }
        return try await ["campaigns": campaigns.map { figures in
            let campaign = figures.campaign
            return CampaignItem(code: campaign.code, title: campaign.title, organizer: organizers[campaign.organizerID]?.code ?? "", region: campaign.region,
                                beneficiaryCategory: campaign.beneficiaryCategory, startsOn: campaign.startsOn.description, endsOn: campaign.endsOn.description,
                                goalTiyn: campaign.goal.tiyn, raisedTiyn: figures.raised.tiyn, spentTiyn: figures.spent.tiyn, balanceTiyn: figures.balance.tiyn,
                                donations: figures.donations, parent: campaign.parentID.flatMap { codes[$0] })
        }].encodeResponse(for: request)
    }

    /// Every signed tree head, oldest first: anyone keeping them can hold Birlik to them.
    static func apiTreeHeads(_ request: Request) async throws -> Response {
        try await ["heads": try await CharityQueries.treeHeads(on: request.db).map(TreeHeadItem.init)].encodeResponse(for: request)
    }

    struct TreeHeadItem: Content {
        var size: Int
        var root: String
        var signedAt: Date
        var signature: String
        var publicKey: String

        init(_ head: TreeHead) {
            size = head.size; root = head.root; signedAt = head.signedAt; signature = head.signature; publicKey = head.publicKey
        }
    }

    struct ConsistencyItem: Content {
        var from: TreeHeadItem
        var to: TreeHeadItem
        var proof: [String]
    }

    /// The proof that a later signed tree extends an earlier one (RFC 9162 §2.1.4), to check offline.
    static func apiConsistency(_ request: Request) async throws -> Response {
        let heads = try await CharityQueries.consistency(from: try request.queryNumber("from", in: 0...Int(Int32.max)),
                                                         to: try request.queryNumber("to", in: 0...Int(Int32.max)), on: request.db)
        return try await ConsistencyItem(from: TreeHeadItem(heads.from), to: TreeHeadItem(heads.to), proof: heads.proof.map(Hashing.hex))
            .encodeResponse(for: request)
    }

    struct ReceiptItem: Content {
        var number: String
        var campaign: String
        var amountTiyn: Int64
        var day: String
        var publicName: String
        var reversed: Bool
        var leafIndex: Int
        var leafHash: String
        var head: TreeHeadItem?
        var inclusionProof: [String]
        var version: Int
        var versions: [ReceiptVersion]
    }

    /// A receipt with what is needed to check it offline: the leaf, the signed head, the audit path.
    static func apiReceipt(_ request: Request) async throws -> Response {
        let receipt = try await CharityQueries.receipt(number: request.parameters.get("number") ?? "", on: request.db)
        let entry = receipt.entry
        return try await ReceiptItem(number: entry.reference, campaign: receipt.campaign.code, amountTiyn: entry.amount.tiyn, day: entry.day.description,
                                     publicName: receipt.publicName, reversed: receipt.reversedBy != nil, leafIndex: entry.index, leafHash: Hashing.hex(entry.leafHash),
                                     head: receipt.head.map(TreeHeadItem.init), inclusionProof: receipt.proof.map(Hashing.hex), version: receipt.version,
                                     versions: receipt.versions).encodeResponse(for: request)
    }

    /// The public check of a receipt: the donation, the signed tree head and the inclusion proof.
    static func receipt(_ request: Request) async throws -> Response {
        try await receiptPage(request, errors: Form.Errors(), status: .ok)
    }

    static func receiptPage(_ request: Request, errors: Form.Errors, status: HTTPResponseStatus) async throws -> Response {
        let receipt = try await CharityQueries.receipt(number: request.parameters.get("number") ?? "", on: request.db)
        let link = AppealsController.absoluteURL(request, SiteURL.receipt(number: receipt.entry.reference).path)
        let canReissue = receipt.reversedBy == nil && Access.check(request.actor, .update, .campaign, in: receipt.campaign.scope) == .allowed
        return html(CharityPage.receipt(receipt, link: link, canReissue: canReissue, errors: errors, PageContext(request)), status: status)
    }

    /// The organiser's staff re-issue a receipt with a corrected public name: a new version.
    static func reissue(_ request: Request) async throws -> Response {
        let number = request.parameters.get("number") ?? ""
        let receipt = try await CharityQueries.receipt(number: number, on: request.db)
        try Access.require(request.actor, .update, .campaign, in: receipt.campaign.scope)
        try request.requireCSRF()
        do {
            _ = try await CharityStore.reissueReceipt(number, publicName: (try? request.content.get(String.self, at: "publicName")) ?? "",
                                                      reason: (try? request.content.get(String.self, at: "reason")) ?? "", actor: request.actor,
                                                      on: request.db, now: request.now)
            return request.redirect(to: SiteURL.receipt(number: number).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden && error != .notFound {
            return try await receiptPage(request, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }
}
