import BirlikCore
import BirlikStorage
import BirlikTestSupport
@testable import BirlikWeb
import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The charity ledger as its users meet it: an association opens a campaign and records donations, the
/// public reads the figures and checks a receipt against the signed tree head, a mistake is reversed,
/// nobody else records into it, and the ledger's check catches one changed byte.
@Suite("The charity ledger")
struct CharityWebTests {
    /// RFC 9162 §2.1.3.2, written from the RFC: recomputes the root from the leaf hash and the audit path.
    static let pythonVerifier = """
        import hashlib, json, sys
        receipt = json.load(open(sys.argv[1]))
        head = receipt["head"]
        fn, sn, r = receipt["leafIndex"], head["size"] - 1, bytes.fromhex(receipt["leafHash"])
        node = lambda left, right: hashlib.sha256(b"\\x01" + left + right).digest()
        for p in map(bytes.fromhex, receipt["inclusionProof"]):
            if sn == 0: break
            if fn & 1 or fn == sn:
                r = node(p, r)
                while not fn & 1 and fn != 0:
                    fn >>= 1; sn >>= 1
            else:
                r = node(r, p)
            fn >>= 1; sn >>= 1
        print("verified" if sn == 0 and r.hex() == head["root"] else "refused")
        """

    @Test("An association's campaign: donations recorded (bad input refused in the user's language), the receipt proven against the signed tree head, a reversal, no outsider writes; the check catches a changed byte", arguments: TestBackend.enabled)
    func campaignToReceipt(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let association = try await app.session(DemoUsers.association)
            let campaignForm = ["_csrf": association.csrf, "title": "Қысқы киім — көп балалы отбасыларға", "purpose": "Алматыдағы 40 көп балалы отбасыға қысқы киім.",
                                "beneficiaryCategory": "largeFamilies", "region": "KZ-75", "startsOn": TestClock.today.description,
                                "endsOn": TestClock.today.adding(days: 60).description]
            let bad = try await app.request(.POST, "/charity/new", as: association, headers: ["Accept-Language": "ru"],
                                            form: campaignForm.merging(["goal": "двести тысяч"]) { $1 })
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Укажите сумму в тенге") && bad.text.contains("Қысқы киім"))
            let demoCampaigns = try await CampaignRecord.query(on: app.db).count()
            #expect(try await CampaignRecord.query(on: app.db).filter(\.$title == campaignForm["title"]!).count() == 0)
            let opened = try await app.request(.POST, "/charity/new", as: association, form: campaignForm.merging(["goal": "2 000 000"]) { $1 })
            #expect(opened.status == .seeOther)
            #expect(try await CampaignRecord.query(on: app.db).count() == demoCampaigns + 1)
            let campaign = try #require(try await CampaignRecord.query(on: app.db).filter(\.$title == campaignForm["title"]!).first()?.campaign)
            let ours = { try await LedgerEntryRecord.query(on: app.db).filter(\.$campaignID == campaign.id).count() }
            let before = try await LedgerEntryRecord.query(on: app.db).count()
            let page = "/charity/\(campaign.code)"

            let donate = { (form: [String: String]) in
                try await app.request(.POST, page + "/donations", as: association, headers: ["Accept-Language": "kk"],
                                      form: form.merging(["_csrf": association.csrf]) { $1 })
            }
            let wrong = try await donate(["amount": "12,345", "day": TestClock.today.description, "publicName": "Ерлан"])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("Соманы теңгемен жазыңыз"))
            #expect(try await donate(["amount": "50 000", "day": TestClock.today.description, "publicName": "Ерлан Б."]).status == .seeOther)
            let anonymousGift = try await donate(["amount": "1 250,50", "day": TestClock.today.description, "publicName": ""])
            #expect(anonymousGift.status == .seeOther, "\(anonymousGift.text.prefix(3000))")
            #expect(try await ours() == 2)

            // Nobody else records into it.
            let abai = try await app.session(DemoUsers.abai)
            let outsider = try await app.request(.POST, page + "/donations", as: abai, form: ["_csrf": abai.csrf, "amount": "100", "day": TestClock.today.description])
            #expect(outsider.status == .forbidden)
            #expect(try await app.request(.POST, page + "/donations", form: ["_csrf": Identity.anonymous.csrf, "amount": "100"]).status == .unauthorized)
            #expect(try await ours() == 2)

            // The public sees the figures; the receipt waits for the day's signed head, then carries its proof.
            let figures = try await CharityQueries.campaign(code: campaign.code, on: app.db)
            #expect(figures.raised == Money(tiyn: 5_125_050) && figures.balance == Money(tiyn: 5_125_050) && figures.donations == 2)
            let publicPage = try await app.request(.GET, page, headers: ["Accept-Language": "en"])
            #expect(publicPage.status == .ok && publicPage.text.contains("51\u{202F}250,50 ₸") && publicPage.text.contains("Anonymous donor")
                    && !publicPage.text.contains("donation-form"))
            let receiptNumber = "R-\(TestClock.today.year)-000001"
            #expect(try await app.request(.GET, "/charity/receipts/\(receiptNumber)", headers: ["Accept-Language": "en"]).text.contains("appears with the next signed tree head"))
            let head = try #require(try await CharityStore.signTreeHead(dataDirectory: app.birlikDataDirectory, on: app.db, now: TestClock.now))
            #expect(head.size == before + 2)
            let receipt = try await app.request(.GET, "/charity/receipts/\(receiptNumber)", headers: ["Accept-Language": "en"])
            #expect(receipt.status == .ok && receipt.text.contains("in the ledger unchanged") && receipt.text.contains("id=\"inclusion-proof\""))
            let proven = try await CharityQueries.receipt(number: receiptNumber, on: app.db)
            let root = try #require(Hashing.bytes(hex: head.root))
            #expect(proven.proofHolds && MerkleTree.verifyInclusion(leafHash: proven.entry.leafHash, index: proven.entry.index, size: head.size,
                                                                     proof: proven.proof, root: root))

            // The receipt as open data, checked by an RFC 9162 verifier written apart from Birlik (Python).
            let json = try await app.request(.GET, "/api/v1/charity/receipts/\(receiptNumber)")
            #expect(json.status == .ok)
            let verified = try DocumentTools.python(Self.pythonVerifier, Data(buffer: json.body), extension: "json")
            #expect(verified == "verified", "\(verified)")

            // A mistake is reversed, never edited: the second donation goes back out.
            let second = try #require(try await LedgerEntryRecord.query(on: app.db).filter(\.$index == before + 1).first()?.entry)
            let reversed = try await app.request(.POST, page + "/reverse", as: association,
                                                 form: ["_csrf": association.csrf, "entry": second.id.uuidString, "reason": "Банк төлемді қайтарды"])
            #expect(reversed.status == .seeOther)
            #expect(try await CharityQueries.campaign(code: campaign.code, on: app.db).balance == Money(tiyn: 5_000_000))
            let again = try await app.request(.POST, page + "/reverse", as: association,
                                              form: ["_csrf": association.csrf, "entry": second.id.uuidString, "reason": "Тағы да"])
            #expect(again.status == .conflict)
            #expect(try await app.request(.GET, "/charity/receipts/\(second.reference)", headers: ["Accept-Language": "en"]).text.contains("was later reversed"))

            // The whole log checks out, then one changed byte is caught and named.
            let key = try DocumentSignature.publicKey(of: SignedDocuments.privateKey(dataDirectory: app.birlikDataDirectory))
            _ = try await CharityStore.signTreeHead(dataDirectory: app.birlikDataDirectory, on: app.db, now: TestClock.now.addingTimeInterval(86_400))
            let whole = try await CharityQueries.verify(trustedKey: key, on: app.db)
            #expect(whole.isWhole && whole.entries == before + 3 && whole.heads == 2, "\(whole.firstProblem ?? "")")
            try await (app.db as! any SQLDatabase).raw("UPDATE ledger_entries SET amount_tiyn = 5000001 WHERE idx = \(bind: before)").run()
            let broken = try await CharityQueries.verify(trustedKey: key, on: app.db)
            #expect(broken.firstProblem?.hasPrefix("entry \(before) (\(receiptNumber))") == true, "\(broken.firstProblem ?? "nothing found")")
            #expect(try await AuditLog.verify(on: app.db).isWhole)
        }
    }
}

@Suite("Disbursements from a campaign")
struct DisbursementWebTests {
    @Test("Offline proofs: a receipt and the consistency of two signed heads hold against the document key; a changed byte or another key is refused", arguments: TestBackend.enabled)
    func offlineProofs(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let key = try DocumentSignature.publicKey(of: SignedDocuments.privateKey(dataDirectory: app.birlikDataDirectory))
            _ = try await CharityStore.signTreeHead(dataDirectory: app.birlikDataDirectory, on: app.db, now: TestClock.now)
            let association = try await app.session(DemoUsers.association)
            let code = String(format: "C-%04d-D001", TestClock.today.adding(days: -40).year)
            #expect(try await app.request(.POST, "/charity/\(code)/donations", as: association,
                                          form: ["_csrf": association.csrf, "amount": "7 000", "day": TestClock.today.description, "publicName": "Тексеруші"]).status == .seeOther)
            _ = try await CharityStore.signTreeHead(dataDirectory: app.birlikDataDirectory, on: app.db, now: TestClock.now.addingTimeInterval(3600))
            let heads = try await CharityQueries.treeHeads(on: app.db)
            #expect(heads.count >= 2)

            let consistency = try await app.request(.GET, "/api/v1/charity/consistency")
            #expect(consistency.status == .ok)
            let proof = try LedgerProof.read(Data(buffer: consistency.body))
            #expect((try? proof.check(trustedKey: key).get())?.contains("extends the signed tree of \(heads[0].size)") == true)
            #expect(throws: LedgerProof.Problem.signature(heads[0].size)) { try proof.check(trustedKey: Data(repeating: 7, count: 32)).get() }
            var tampered = proof
            tampered.to?.root = String(repeating: "0", count: 64)
            #expect(throws: LedgerProof.Problem.self) { try tampered.check(trustedKey: nil).get() }
            #expect(try await app.request(.GET, "/api/v1/charity/consistency?from=\((heads.last?.size ?? 0) + 1000)").status == .notFound)

            let number = try #require(try await LedgerEntryRecord.query(on: app.db).filter(\.$memo == "Тексеруші").first()?.reference)
            let receipt = try LedgerProof.read(Data(buffer: try await app.request(.GET, "/api/v1/charity/receipts/\(number)").body))
            #expect((try? receipt.check(trustedKey: key).get())?.hasPrefix("receipt \(number)") == true)
            var forged = receipt
            forged.leafHash = String(repeating: "a", count: 64)
            #expect(throws: LedgerProof.Problem.self) { try forged.check(trustedKey: key).get() }

            // A receipt is re-issued as a new version, never changed: the leaf and its proof stay; only its staff may.
            let reissue = { (identity: Identity, name: String) in
                try await app.request(.POST, "/charity/receipts/\(number)/reissue", as: identity, headers: ["Accept-Language": "en"],
                                      form: ["_csrf": identity.csrf, "publicName": name, "reason": "The donor asked for the full name"])
            }
            let same = try await reissue(association, "Тексеруші")
            #expect(same.status == .unprocessableEntity && same.text.contains("must differ"))
            #expect(try await reissue(try await app.session(DemoUsers.abai), "Тексеруші Б.").status == .forbidden)
            #expect(try await reissue(association, "Тексеруші Бекұлы").status == .seeOther)
            let reissued = try await app.request(.GET, "/api/v1/charity/receipts/\(number)")
            let reissuedProof = try LedgerProof.read(Data(buffer: reissued.body))
            #expect(reissuedProof.leafHash == receipt.leafHash && (try? reissuedProof.check(trustedKey: key).get()) != nil)
            #expect(reissued.text.contains("\"version\":2") && reissued.text.contains("\"publicName\":\"Тексеруші Бекұлы\""), "\(reissued.text)")
            let page = try await app.request(.GET, "/charity/receipts/\(number)", headers: ["Accept-Language": "en"]).text
            #expect(page.contains("id=\"receipt-versions\"") && page.contains("replacing version 1") && !page.contains("reissue-form"))
        }
    }

    @Test("Public reports per campaign, organiser and region: each total is the ledger's, the rows add up to it, CSV and JSON agree; a campaign's entries as IATI transactions", arguments: TestBackend.enabled)
    func publicReports(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let entries = try await LedgerEntryRecord.query(on: app.db).all().compactMap(\.entry)
            let signed = { (entry: LedgerEntry) in entry.reverses == nil ? entry.amount.tiyn : -entry.amount.tiyn }
            let moneyIn = entries.filter { $0.kind == .incomingFunds && !$0.isInKind }.reduce(Int64(0)) { $0 + signed($1) }
            let moneyOut = entries.filter { $0.kind == .disbursement || $0.kind == .expenditure }.reduce(Int64(0)) { $0 + signed($1) }
            #expect(moneyIn > 0 && moneyOut > 0)
            struct Item: Decodable { var key: String; var moneyInTiyn: Int64; var moneyOutTiyn: Int64; var balanceTiyn: Int64 }
            struct Document: Decodable { var rows: [Item]; var total: Item }
            for by in ["campaign", "organizer", "region"] {
                let response = try await app.request(.GET, "/api/v1/charity/report?by=\(by)")
                let report = try JSONDecoder().decode(Document.self, from: Data(buffer: response.body))
                #expect(report.total.moneyInTiyn == moneyIn && report.total.moneyOutTiyn == moneyOut && report.total.balanceTiyn == moneyIn - moneyOut, "\(by)")
                #expect(report.rows.reduce(Int64(0)) { $0 + $1.moneyInTiyn } == moneyIn && report.rows.reduce(Int64(0)) { $0 + $1.moneyOutTiyn } == moneyOut, "\(by)")
                let csv = try await app.request(.GET, "/charity/report.csv?by=\(by)").text
                #expect(csv.contains("total,,\(report.rows.count),\(CharityController.tenge(Money(tiyn: moneyIn)))"), "\(csv.suffix(300))")
                let page = try await app.request(.GET, "/charity/report?by=\(by)", headers: ["Accept-Language": "ru"])
                #expect(page.status == .ok && page.text.contains("Отчёт о благотворительности") && page.text.contains(Money(tiyn: moneyIn).description))
            }
            #expect(try await app.request(.GET, "/api/v1/charity/report?by=nonsense").status == .badRequest)
            let code = String(format: "C-%04d-D001", TestClock.today.adding(days: -40).year)
            let campaignID = try #require(try await CampaignRecord.query(on: app.db).filter(\.$code == code).first()?.id)
            let iati = try await app.request(.GET, "/api/v1/charity/campaigns/\(code)/transactions")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: iati.body)) as? [String: Any])
            let transactions = try #require(object["transaction"] as? [[String: Any]])
            #expect(transactions.count == entries.filter { $0.campaignID == campaignID }.count)
            let types = Set(transactions.compactMap { ($0["transaction-type"] as? [String: Any])?["code"] as? String })
            #expect(types == ["1", "3"] && (object["iati-identifier"] as? String)?.hasSuffix(code) == true)
        }
    }

    @Test("A sub-campaign rolls up into its parent: the parent's page shows the two together; another organiser cannot nest under it")
    func subCampaigns() async throws {
        try await withBirlik { app in
            let association = try await app.session(DemoUsers.association)
            let parentCode = String(format: "C-%04d-D001", TestClock.today.adding(days: -40).year)
            let parent = try await CharityQueries.campaign(code: parentCode, on: app.db)
            var draft = CampaignDraft()
            draft.title = "Қысқы етік"; draft.purpose = "Балаларға қысқы етік."; draft.beneficiaryCategory = "largeFamilies"; draft.region = "KZ-75"
            draft.goal = "100000"; draft.startsOn = TestClock.today.description; draft.endsOn = TestClock.today.adding(days: 20).description
            draft.parentCode = parentCode
            let child = try await CharityStore.openCampaign(draft, actor: association.actor, on: app.db, now: TestClock.now)
            #expect(child.parentID == parent.campaign.id)
            #expect(try await app.request(.POST, "/charity/\(child.code)/donations", as: association,
                                          form: ["_csrf": association.csrf, "amount": "10 000", "day": TestClock.today.description, "publicName": ""]).status == .seeOther)
            let family = try await CharityQueries.family(of: parent, on: app.db)
            #expect(family.children.map(\.campaign.code) == [child.code] && family.raised == parent.raised + Money(tiyn: 1_000_000))
            let page = try await app.request(.GET, "/charity/\(parentCode)", headers: ["Accept-Language": "en"]).text
            #expect(page.contains("id=\"sub-campaigns\"") && page.contains("\(family.raised.description) in") && page.contains("Қысқы етік"))
            let abai = try await app.session(DemoUsers.abai)
            await expectInvalid(["parentCode"]) { try await CharityStore.openCampaign(draft, actor: abai.actor, on: app.db, now: TestClock.now) }
        }
    }

    @Test("A gift in kind is valued, receipted and proven like money, but is no cash: the balance and what may be paid out leave it apart", arguments: TestBackend.enabled)
    func giftInKind(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let association = try await app.session(DemoUsers.association)
            let code = String(format: "C-%04d-D001", TestClock.today.adding(days: -40).year)
            let before = try await CharityQueries.campaign(code: code, on: app.db)
            let gift = ["_csrf": association.csrf, "amount": "900 000", "day": TestClock.today.description, "publicName": "«Жылу» ЖШС", "goods": "40 қысқы күрте"]
            let noAct = try await app.request(.POST, "/charity/\(code)/donations", as: association, headers: ["Accept-Language": "en"], form: gift)
            #expect(noAct.status == .unprocessableEntity && noAct.text.contains("needs the number of the act"))
            #expect(try await app.request(.POST, "/charity/\(code)/donations", as: association, form: gift.merging(["inKindEvidence": "Акт № 7"]) { $1 }).status == .seeOther)
            let after = try await CharityQueries.campaign(code: code, on: app.db)
            #expect(after.inKind == Money(tiyn: 90_000_000) && after.raised == before.raised && after.balance == before.balance && after.donations == before.donations + 1)
            let entry = try #require(try await LedgerEntryRecord.query(on: app.db).filter(\.$memo == "«Жылу» ЖШС — 40 қысқы күрте [Акт № 7]").first()?.entry)
            #expect(entry.isInKind && entry.cashEffect == .zero && entry.reference.hasPrefix("R-"))
            let page = try await app.request(.GET, "/charity/\(code)", headers: ["Accept-Language": "en"]).text
            #expect(page.contains("Gifts in kind (valued)") && page.contains("900\u{202F}000 ₸"))
            // More than the cash is refused, however much was given in kind.
            let drafted = try await app.request(.POST, "/charity/\(code)/disbursements", as: association,
                                                form: ["_csrf": association.csrf, "amount": String(after.balance.tiyn / 100 + 1), "purpose": "Күртелерді тасу",
                                                       "recipient": "Көлік", "evidence": "Шот № 3"])
            #expect(drafted.status == .seeOther)
            let disbursement = try #require(try await DisbursementStore.list(campaignID: after.campaign.id, on: app.db).first { $0.purpose == "Күртелерді тасу" })
            var step = try await DisbursementStore.apply(.submit, to: disbursement.id, version: disbursement.version, actor: association.actor, on: app.db, now: TestClock.now)
            for approver in [DemoUsers.secretariat, DemoUsers.admin] {
                step = try await DisbursementStore.apply(.approve, to: step.id, version: step.version, actor: try await app.session(approver).actor, on: app.db, now: TestClock.now)
            }
            let approved = step
            await expectFailure(.conflict(.disbursementOverBalance)) {
                try await DisbursementStore.apply(.pay, to: approved.id, version: approved.version, actor: association.actor, on: app.db, now: TestClock.now)
            }
            let report = try await app.request(.GET, "/api/v1/charity/report?by=campaign").text
            #expect(report.contains("\"inKindTiyn\":90000000"))
        }
    }

    @Test("A disbursement is drafted with evidence, approved by two people other than its author, paid into the ledger; more than the balance is refused; the public never sees the recipient")
    func twoApprovalsThenPaid() async throws {
        try await withBirlik { app in
            let association = try await app.session(DemoUsers.association)
            let campaign = try await CharityStore.openCampaign({
                var draft = CampaignDraft()
                draft.title = "Оқушыларға кітап"; draft.purpose = "Ауыл мектептеріне қазақ тіліндегі кітаптар."; draft.beneficiaryCategory = "students"
                draft.region = "KZ-75"; draft.goal = "300000"; draft.startsOn = TestClock.today.description; draft.endsOn = TestClock.today.adding(days: 30).description
                return draft
            }(), actor: association.actor, on: app.db, now: TestClock.now)
            _ = try await CharityStore.recordDonation(.init(amount: "100 000", day: TestClock.today.description, publicName: "Мектеп түлектері"),
                                                      to: campaign.id, actor: association.actor, keys: try DonorKeys(dataDirectory: app.birlikDataDirectory),
                                                      on: app.db, now: TestClock.now)
            let page = "/charity/\(campaign.code)"
            let missing = try await app.request(.POST, page + "/disbursements", as: association, headers: ["Accept-Language": "ru"],
                                                form: ["_csrf": association.csrf, "amount": "40000", "purpose": "Кітаптар", "recipient": "№ 12 мектеп"])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("Укажите подтверждающий документ"))
            let drafted = try await app.request(.POST, page + "/disbursements", as: association, form: [
                "_csrf": association.csrf, "amount": "40 000", "purpose": "Кітаптар сатып алу", "recipient": "Қарасай ауданы № 12 мектеп", "evidence": "Шот-фактура № 118"])
            #expect(drafted.status == .seeOther)
            let draft = try #require(try await DisbursementStore.list(campaignID: campaign.id, on: app.db).first)
            let step = { (identity: Identity, name: String, version: Int) in
                try await app.request(.POST, page + "/disbursements/\(draft.id)/step", as: identity,
                                      form: ["_csrf": identity.csrf, "step": name, "version": String(version)])
            }
            #expect(try await step(association, "submit", 1).status == .seeOther)
            #expect(try await step(association, "approve", 2).status == .conflict, "the author approved their own draft")
            let secretariat = try await app.session(DemoUsers.secretariat)
            #expect(try await step(secretariat, "approve", 2).status == .seeOther)
            #expect(try await step(secretariat, "approve", 3).status == .conflict, "one person approved twice")
            #expect(try await step(association, "pay", 3).status == .conflict, "paid after one approval")
            let admin = try await app.session(DemoUsers.admin)
            #expect(try await step(admin, "approve", 3).status == .seeOther)
            #expect(try await step(association, "pay", 4).status == .seeOther)
            let figures = try await CharityQueries.campaign(code: campaign.code, on: app.db)
            #expect(figures.spent == Money(tiyn: 4_000_000) && figures.balance == Money(tiyn: 6_000_000))
            let paid = try #require(try await LedgerEntryRecord.query(on: app.db).filter(\.$campaignID == campaign.id).filter(\.$kind == "disbursement").first()?.entry)
            #expect(paid.reference == draft.number && paid.debit == LedgerAccount.beneficiaries("students"))

            // More than the balance is never paid: the ledger stays as it was.
            let big = try await DisbursementStore.draft(DisbursementDraft(amount: "70 000", purpose: "Кітап сөрелері", recipient: "№ 3 мектеп", evidence: "Акт № 7"),
                                                        campaignID: campaign.id, actor: association.actor, on: app.db, now: TestClock.now)
            _ = try await DisbursementStore.apply(.submit, to: big.id, version: 1, actor: association.actor, on: app.db, now: TestClock.now)
            _ = try await DisbursementStore.apply(.approve, to: big.id, version: 2, actor: secretariat.actor, on: app.db, now: TestClock.now)
            _ = try await DisbursementStore.apply(.approve, to: big.id, version: 3, actor: admin.actor, on: app.db, now: TestClock.now)
            let entries = try await LedgerEntryRecord.query(on: app.db).count()
            #expect(try await step(association, "pay", 4).status != .seeOther)
            await #expect(throws: DomainError.conflict(.disbursementOverBalance)) {
                _ = try await DisbursementStore.apply(.pay, to: big.id, version: 4, actor: association.actor, on: app.db, now: TestClock.now)
            }
            #expect(try await LedgerEntryRecord.query(on: app.db).count() == entries)

            // The public sees the paid disbursement, never the recipient or the evidence.
            let publicPage = try await app.request(.GET, page, headers: ["Accept-Language": "en"]).text
            #expect(publicPage.contains(draft.number) && publicPage.contains("Кітаптар сатып алу") && !publicPage.contains("№ 12 мектеп")
                    && !publicPage.contains("Шот-фактура") && !publicPage.contains(big.number))
        }
    }

    @Test("A bank statement with one bad row is refused whole with the row named; fixed, every row becomes a donation with its receipt")
    func bankStatement() async throws {
        try await withBirlik { app in
            let association = try await app.session(DemoUsers.association)
            var draft = CampaignDraft()
            draft.title = "Су тасқынынан зардап шеккендерге"; draft.purpose = "Көктемгі су тасқынынан зардап шеккен отбасыларға көмек."
            draft.beneficiaryCategory = "disasterVictims"; draft.region = "KZ-75"; draft.goal = "5 000 000"
            draft.startsOn = TestClock.today.adding(days: -20).description; draft.endsOn = TestClock.today.adding(days: 40).description
            let campaign = try await CharityStore.openCampaign(draft, actor: association.actor, on: app.db, now: TestClock.now)
            let yesterday = TestClock.today.adding(days: -1)
            let day = String(format: "%02d.%02d.%04d", yesterday.day, yesterday.month, yesterday.year)
            // The payer and the payer's IIN/BIN as banks export them: a valid one is sealed as the donor, a wrong one refuses the file.
            let bad = "Дата;Сумма;Публичное имя;Плательщик;ИИН/БИН\n\(day);10 000;Айгерим;Айгерим Сапарова;900101300126\n\(day);десять;Болат;;\n"
                + "\(yesterday.description);2 500,50;;;\n\(day);1 000;;Болат Ахметов;900101300127\n"
            let (headers, body) = PlanSheetTests.multipart(association, file: Data(bad.utf8), name: "statement.csv")
            var sent = headers
            for (name, value) in association.headers { sent.replaceOrAdd(name: name, value: value) }
            sent.replaceOrAdd(name: "Accept-Language", value: "ru")
            let refused = try await app.testing().sendRequest(.POST, "/charity/\(campaign.code)/import", headers: sent, body: body)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Строка 3") && refused.text.contains("десять")
                    && refused.text.contains("Строка 5") && refused.text.contains("900101300127"), "\(refused.text.prefix(200))")
            #expect(try await LedgerEntryRecord.query(on: app.db).filter(\.$campaignID == campaign.id).count() == 0, "a refused file wrote something")

            let fixed = bad.replacingOccurrences(of: "десять", with: "10").replacingOccurrences(of: "900101300127", with: "")
            let (fixedHeaders, fixedBody) = PlanSheetTests.multipart(association, file: Data(fixed.utf8), name: "statement.csv")
            var again = fixedHeaders
            for (name, value) in association.headers { again.replaceOrAdd(name: name, value: value) }
            let imported = try await app.testing().sendRequest(.POST, "/charity/\(campaign.code)/import", headers: again, body: fixedBody)
            #expect(imported.status == .seeOther)
            let figures = try await CharityQueries.campaign(code: campaign.code, on: app.db)
            #expect(figures.raised == Money(tiyn: 1_000_000 + 1_000 + 250_050 + 100_000) && figures.donations == 4)
            let entries = try await LedgerEntryRecord.query(on: app.db).filter(\.$campaignID == campaign.id).sort(\.$index).all()
            #expect(entries.map(\.reference) == (1...4).map { String(format: "R-%04d-%06d", yesterday.year, $0) })
            let sealed = try await DonorRecord.query(on: app.db).filter(\.$id ~~ entries.compactMap(\.id)).count()
            #expect(sealed == 1, "only the payer with a valid IIN is a named donor")
            let statement = try await app.request(.GET, "/charity/statement?number=900101300126&from=\(yesterday)&to=\(TestClock.today)", as: association)
            #expect(statement.text.contains("Айгерим Сапарова") && statement.text.contains("10\u{202F}000 ₸"))
            #expect(try await AuditLog.verify(on: app.db).isWhole)
        }
    }
}

@Suite("Donors and their statements")
struct DonorStatementTests {
    @Test("Donors by IIN or BIN (check digits verified) are sealed at rest; their statement finds them by number, as a page and a signed PDF, only for the organiser's staff, and is audited")
    func statementByNumber() async throws {
        try await withBirlik { app in
            let association = try await app.session(DemoUsers.association)
            var draft = CampaignDraft()
            draft.title = "Кітапхана"; draft.purpose = "Ауыл кітапханасына кітаптар."; draft.beneficiaryCategory = "students"; draft.region = "KZ-75"
            draft.goal = "500000"; draft.startsOn = TestClock.today.adding(days: -5).description; draft.endsOn = TestClock.today.adding(days: 30).description
            let campaign = try await CharityStore.openCampaign(draft, actor: association.actor, on: app.db, now: TestClock.now)
            let page = "/charity/\(campaign.code)"
            let donate = { (form: [String: String]) in
                try await app.request(.POST, page + "/donations", as: association, headers: ["Accept-Language": "ru"],
                                      form: form.merging(["_csrf": association.csrf, "day": TestClock.today.description]) { $1 })
            }
            let badBIN = try await donate(["amount": "200000", "donorKind": "organization", "donorName": "«Самұрық» ЖШС", "donorNumber": "990140000385"])
            #expect(badBIN.status == .unprocessableEntity && badBIN.text.contains("БИН «990140000385» неверен"))
            #expect(try await donate(["amount": "200000", "publicName": "«Самұрық» ЖШС", "donorKind": "organization", "donorName": "«Самұрық» ЖШС",
                                      "donorNumber": "990140000384"]).status == .seeOther)
            #expect(try await donate(["amount": "15000", "donorKind": "person", "donorName": "Айгерим Сапарова", "donorNumber": "900101300126",
                                      "donorPhone": "+7 701 555 12 34"]).status == .seeOther)
            #expect(try await donate(["amount": "7000", "donorKind": "person", "donorName": "Айгерим Сапарова", "donorNumber": "9001 0130 0126"]).status == .seeOther)
            let sealed = try await DonorRecord.query(on: app.db).all()
            #expect(sealed.count == 3 && sealed.allSatisfy { !$0.sealed.contains("900101300126") && !$0.sealed.contains("Айгерим") && !$0.lookup.contains("900101300126") })
            #expect(!(try await app.request(.GET, page).text.contains("Айгерим")), "a donor's name reached the public page")

            let statement = try await app.request(.GET, "/charity/statement?number=900101300126&from=\(TestClock.today.adding(days: -30))&to=\(TestClock.today)",
                                                  as: association, headers: ["Accept-Language": "ru"])
            #expect(statement.status == .ok && statement.text.contains("Айгерим Сапарова") && statement.text.contains("22\u{202F}000 ₸"), "\(statement.text.prefix(300))")
            let pdf = try await app.request(.GET, "/charity/statement.pdf?number=900101300126&from=\(TestClock.today.adding(days: -30))&to=\(TestClock.today)",
                                            as: association, headers: ["Accept-Language": "ru"])
            #expect(pdf.status == .ok)
            let pdfData = Data(buffer: pdf.body)
            let text = try DocumentTools.pdfToText(pdfData)
            #expect(text.contains("Справка о пожертвованиях") && text.contains("Айгерим Сапарова") && text.contains(campaign.code), "\(text.prefix(300))")
            #expect(try await SignedDocuments.verify(pdfData, detached: nil, dataDirectory: app.birlikDataDirectory, on: app.db) == .untouched)
            #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$action == "export").filter(\.$entityType == "donorStatement").count() == 2)

            // Another organisation's staff find nothing under the same number; the public cannot ask.
            let abai = try await app.session(DemoUsers.abai)
            let elsewhere = try await app.request(.GET, "/charity/statement?number=900101300126", as: abai, headers: ["Accept-Language": "en"])
            #expect(elsewhere.status == .unprocessableEntity && elsewhere.text.contains("No donations to your campaigns") && !elsewhere.text.contains("Айгерим"))
            #expect(try await app.request(.GET, "/charity/statement?number=900101300126").status == .unauthorized)
        }
    }
}

