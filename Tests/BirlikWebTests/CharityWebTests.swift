import BirlikCore
import BirlikStorage
import BirlikTestSupport
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
            #expect(try await CampaignRecord.query(on: app.db).count() == 0)
            let opened = try await app.request(.POST, "/charity/new", as: association, form: campaignForm.merging(["goal": "2 000 000"]) { $1 })
            #expect(opened.status == .seeOther)
            let campaign = try #require(try await CampaignRecord.query(on: app.db).first()?.campaign)
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
            #expect(try await LedgerEntryRecord.query(on: app.db).count() == 2)

            // Nobody else records into it.
            let abai = try await app.session(DemoUsers.abai)
            let outsider = try await app.request(.POST, page + "/donations", as: abai, form: ["_csrf": abai.csrf, "amount": "100", "day": TestClock.today.description])
            #expect(outsider.status == .forbidden)
            #expect(try await app.request(.POST, page + "/donations", form: ["_csrf": Identity.anonymous.csrf, "amount": "100"]).status == .unauthorized)
            #expect(try await LedgerEntryRecord.query(on: app.db).count() == 2)

            // The public sees the figures; the receipt waits for the day's signed head, then carries its proof.
            let figures = try await CharityQueries.campaign(code: campaign.code, on: app.db)
            #expect(figures.raised == Money(tiyn: 5_125_050) && figures.balance == Money(tiyn: 5_125_050) && figures.donations == 2)
            let publicPage = try await app.request(.GET, page, headers: ["Accept-Language": "en"])
            #expect(publicPage.status == .ok && publicPage.text.contains("51\u{202F}250,50 ₸") && publicPage.text.contains("Anonymous donor")
                    && !publicPage.text.contains("donation-form"))
            let receiptNumber = "R-\(TestClock.today.year)-000001"
            #expect(try await app.request(.GET, "/charity/receipts/\(receiptNumber)", headers: ["Accept-Language": "en"]).text.contains("appears with the next signed tree head"))
            let head = try #require(try await CharityStore.signTreeHead(dataDirectory: app.birlikDataDirectory, on: app.db, now: TestClock.now))
            #expect(head.size == 2)
            let receipt = try await app.request(.GET, "/charity/receipts/\(receiptNumber)", headers: ["Accept-Language": "en"])
            #expect(receipt.status == .ok && receipt.text.contains("in the ledger unchanged") && receipt.text.contains("id=\"inclusion-proof\""))
            let proven = try await CharityQueries.receipt(number: receiptNumber, on: app.db)
            let root = try #require(Hashing.bytes(hex: head.root))
            #expect(proven.proofHolds && MerkleTree.verifyInclusion(leafHash: proven.entry.leafHash, index: proven.entry.index, size: head.size,
                                                                     proof: proven.proof, root: root))

            // A mistake is reversed, never edited: the second donation goes back out.
            let second = try #require(try await LedgerEntryRecord.query(on: app.db).filter(\.$index == 1).first()?.entry)
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
            #expect(whole.isWhole && whole.entries == 3 && whole.heads == 2, "\(whole.firstProblem ?? "")")
            try await (app.db as! any SQLDatabase).raw("UPDATE ledger_entries SET amount_tiyn = 5000001 WHERE idx = 0").run()
            let broken = try await CharityQueries.verify(trustedKey: key, on: app.db)
            #expect(broken.firstProblem?.hasPrefix("entry 0 (\(receiptNumber))") == true, "\(broken.firstProblem ?? "nothing found")")
            #expect(try await AuditLog.verify(on: app.db).isWhole)
        }
    }
}
