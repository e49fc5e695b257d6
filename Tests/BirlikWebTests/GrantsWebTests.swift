import BirlikCore
@testable import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// A grant call from the plan to the money: a lot with its justification, a call, an NGO's application,
/// the compliance check, three experts (one declares a conflict and is replaced) scoring blind, the
/// commission's public vote, a tranche paid through the ledger, and the 360Giving file checked against
/// the standard's own schema by a validator that did not write it.
@Suite("Grants and the review engine")
struct GrantsWebTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/360giving")

    /// Validates a 360Giving package: each grant against the grant schema, the package against the
    /// package schema with its remote reference replaced by the grants already checked.
    static let validator = """
        import json, sys, pathlib, jsonschema
        data = json.load(open(sys.argv[1]))
        base = pathlib.Path(%FOLDER%)
        grant_schema = json.load(open(base / "360-giving-schema.json"))
        package_schema = json.load(open(base / "360-giving-package-schema.json"))
        package_schema["properties"]["grants"]["items"] = {"type": "object"}
        # RFC 3339 date-time, as the schema's oneOf (date-time or a bare date) needs the format asserted.
        checker = jsonschema.FormatChecker()
        @checker.checks("date-time")
        def date_time(value):
            import re
            return not isinstance(value, str) or re.match(r"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$", value) is not None
        problems = []
        for schema, item in [(package_schema, data)] + [(grant_schema, g) for g in data.get("grants", [])]:
            validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
            problems += [e.message for e in validator.iter_errors(item)]
        print("valid %d" % len(data["grants"]) if not problems else "invalid: " + "; ".join(problems[:5]))
        """

    @Test("A call from the plan to a paid tranche: blind review after declarations, a conflict replaced, the commission's vote in public, the ledger and 360Giving", arguments: TestBackend.enabled)
    func planToTranche(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let secretariat = try await app.session(DemoUsers.secretariat)
            let association = try await app.session(DemoUsers.association)
            let year = TestClock.today.year
            // A lot needs a justification and a plan measure; the problems come back in the user's language.
            let lotForm = ["_csrf": secretariat.csrf, "title": "Жастардың медиация мектебі", "termsOfReference": "Екі ауданда 30 жасқа медиация курсы.",
                           "budget": "6 000 000", "termMonths": "10", "region": "KZ-75"]
            let bad = try await app.request(.POST, "/grants/lots/new", as: secretariat, headers: ["Accept-Language": "ru"],
                                            form: lotForm.merging(["justification": "Нужно.", "measureCodes": "kz-75-2025-2027/99"]) { $1 })
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Обоснование лота обязательно") && bad.text.contains("kz-75-2025-2027/99"))
            let justification = "Алматыдағы этносаралық тұрмыстық дауларды жастар арасында медиация арқылы шешу үлесі өңірлік жоспардағы мақсаттан төмен."
            let created = try await app.request(.POST, "/grants/lots/new", as: secretariat,
                                                form: lotForm.merging(["justification": justification, "measureCodes": "kz-75-2025-2027/1"]) { $1 })
            #expect(created.status == .seeOther)
            let lot = try #require(try await GrantLotRecord.query(on: app.db).filter(\.$status == "draft").first()?.value)
            #expect(try await app.request(.GET, "/grants/lots/\(lot.code)").status == .notFound, "a draft lot is not public")
            let entriesBefore = try await LedgerEntryRecord.query(on: app.db).count()
            #expect(try await app.request(.POST, "/grants/lots/\(lot.code)/publish", as: secretariat,
                                          form: ["_csrf": secretariat.csrf, "version": String(lot.version)]).status == .seeOther)
            #expect(try await app.request(.GET, "/grants/lots/\(lot.code)").text.contains(justification))
            #expect(try await LedgerEntryRecord.query(on: app.db).filter(\.$reference == lot.code).count() == 1)
            #expect(try await LedgerEntryRecord.query(on: app.db).count() == entriesBefore + 1)

            // A call on it; an association with a BIN applies, an NGO without one cannot.
            #expect(try await app.request(.POST, "/grants/calls/new", as: secretariat,
                                          form: ["_csrf": secretariat.csrf, "title": "Медиация конкурсы", "lots": lot.code,
                                                 "opensOn": TestClock.today.description, "closesOn": TestClock.today.adding(days: 14).description]).status == .seeOther)
            let call = try #require(try await GrantCallRecord.query(on: app.db).all().compactMap(\.value).first { $0.lotIDs == [lot.id] })
            let ngo = try #require(try await OrganizationRecord.query(on: app.db).filter(\.$code == "ngo-kz-75").first()?.organization)
            await expectFailure(.conflict(.grantsNoBin)) {
                try await GrantStore.draftApplication(callID: call.id, GrantApplicationDraft(lotCode: lot.code), on: app, ngo)
            }
            let summary = String(repeating: "Жоба екі ауданда отыз жасқа медиация курсын өткізеді, тәлімгерлер дайындайды. ", count: 2)
            let applied = try await app.request(.POST, "/grants/calls/\(call.code)/apply", as: association,
                                                form: ["_csrf": association.csrf, "lotCode": lot.code, "language": "kk", "title": "Бітім мектебі",
                                                       "summary": summary, "budget": "5 800 000", "budgetNotes": "Тренерлер мен үй-жай."])
            #expect(applied.status == .seeOther)
            let applicationID = try #require(try await GrantApplicationRecord.query(on: app.db).filter(\.$callID == call.id).first()?.id)
            let page = "/grants/applications/\(applicationID.uuidString)"
            let version = { try #require(try await GrantApplicationRecord.find(applicationID, on: app.db)?.version) }
            let step = { (identity: Identity, fields: [String: String]) in
                try await app.request(.POST, page + "/step", as: identity, form: fields.merging(["_csrf": identity.csrf, "version": String(try await version())]) { $1 })
            }
            #expect(try await step(association, ["step": "submit"]).status == .seeOther)
            let submitted = try #require(try await GrantApplicationRecord.find(applicationID, on: app.db)?.value)
            let calendar = try await WorkingCalendarStore.calendar(on: app.db)
            #expect(submitted.status == .submitted && submitted.complianceDue == calendar.adding(workingDays: 10, to: TestClock.today))
            #expect(try await step(association, ["step": "admit"]).status == .forbidden, "only the grant operator admits")
            #expect(try await step(secretariat, ["step": "admit"]).status == .seeOther)

            // Experts: the demo three and a fourth who replaces the one with a conflict.
            let fourth = try await UserStore.create(email: "expert4@birlik.kz", password: DemoUsers.password, role: .expert, organizationCode: "apk-expert-council",
                                                    displayName: "Төртінші сарапшы", hasher: testHasher, actor: .system, on: app.db, now: TestClock.now)
            let emails = ["expert@birlik.kz", "expert2@birlik.kz", "expert3@birlik.kz"]
            let experts = try await UserRecord.query(on: app.db).filter(\.$email ~~ emails).all()
            for expert in experts {
                #expect(try await app.request(.POST, page + "/reviewers", as: secretariat,
                                              form: ["_csrf": secretariat.csrf, "reviewer": try #require(expert.id).uuidString]).status == .seeOther)
            }
            let assignment = { (email: String) async throws -> ReviewAssignment in
                let user = try #require(try await UserRecord.query(on: app.db).filter(\.$email == email).first()?.id)
                return try #require(try await ReviewStore.assignments(of: applicationID, on: app.db).first { $0.reviewerID == user })
            }
            let review = { (email: String, fields: [String: String]) async throws -> TestingHTTPResponse in
                let identity = try await app.session(email)
                let current = try await assignment(email)
                return try await app.request(.POST, "/reviews/\(current.id.uuidString)/step", as: identity,
                                             form: fields.merging(["_csrf": identity.csrf, "version": String(current.version)]) { $1 })
            }
            // Nothing of the application before the declaration.
            let expertOne = try await app.session("expert@birlik.kz")
            let firstAssignment = try await assignment("expert@birlik.kz")
            let undeclared = try await app.request(.GET, "/reviews/\(firstAssignment.id.uuidString)", as: expertOne)
            #expect(undeclared.status == .ok && !undeclared.text.contains("Бітім мектебі") && undeclared.text.contains("step-respond"))
            #expect(try await review("expert3@birlik.kz", ["step": "respond", "conflict": "yes", "statement": "Өтініш берушінің басқарма мүшесімін."]).status == .seeOther)
            #expect(try await assignment("expert3@birlik.kz").status == .declined)
            #expect(try await app.request(.POST, page + "/reviewers", as: secretariat,
                                          form: ["_csrf": secretariat.csrf, "reviewer": try #require(fourth.id).uuidString]).status == .seeOther)
            for email in ["expert@birlik.kz", "expert2@birlik.kz", "expert4@birlik.kz"] {
                #expect(try await review(email, ["step": "respond", "conflict": "no"]).status == .seeOther)
            }
            let scores = ["relevance": "9", "method": "8", "budget": "7", "capacity": "8", "sustainability": "6"]
            let shortComment = try await review("expert@birlik.kz", ["step": "submit", "confidence": "4", "comment": "Жақсы."]
                .merging(scores.map { ("score-\($0.key)", $0.value) }) { $1 })
            #expect(shortComment.status == .unprocessableEntity && shortComment.text.contains("кемінде 20"))
            for (email, shift) in [("expert@birlik.kz", 0), ("expert2@birlik.kz", -1), ("expert4@birlik.kz", 1)] {
                let fields = scores.mapValues { String(min(10, max(0, Int($0)! + shift))) }
                let response = try await review(email, ["step": "submit", "confidence": "4", "comment": "Әдіс нақты, бюджет негізделген, тәуекелдер көрсетілген."]
                    .merging(fields.map { ("score-\($0.key)", $0.value) }) { $1 })
                #expect(response.status == .seeOther)
            }

            // Blind: no page a reviewer can open names the applicant or its BIN; the application itself is not theirs.
            let applicant = try #require(try await OrganizationRecord.query(on: app.db).filter(\.$code == "association-kz-75-1").first()?.organization)
            let secrets = [applicant.name.kk, applicant.name.ru, applicant.name.en, applicant.bin, applicant.code].compactMap { $0 }
            for email in ["expert@birlik.kz", "expert2@birlik.kz", "expert3@birlik.kz", "expert4@birlik.kz"] {
                let identity = try await app.session(email)
                let mine = try await assignment(email)
                for path in ["/reviews", "/reviews/\(mine.id.uuidString)", "/grants", "/grants/calls/\(call.code)", "/"] {
                    for language in ["kk", "ru", "en"] {
                        let text = try await app.request(.GET, path, as: identity, headers: ["Accept-Language": language]).text
                        #expect(!secrets.contains { text.contains($0) }, "\(email) reads the applicant on \(path)")
                    }
                }
                #expect(try await app.request(.GET, page, as: identity).status == .notFound)
            }
            // Others' scores only after one's own: the first expert now sees "Expert 2" and "Expert 3".
            let seen = try await app.request(.GET, "/reviews/\(firstAssignment.id.uuidString)", as: expertOne, headers: ["Accept-Language": "en"]).text
            #expect(seen.contains("Expert 2") && seen.contains("Expert 3") && seen.contains("Бітім мектебі"))

            // The commission decides in public; the operator contracts and pays a tranche through the ledger.
            #expect(try await step(secretariat, ["step": "toCommission"]).status == .seeOther)
            let decided = try await step(secretariat, ["step": "decide", "minutes": "№ 7", "member0": "А. Сәрсенова", "vote0": "inFavour",
                                                       "member1": "Б. Омаров", "vote1": "inFavour", "member2": "В. Ким", "vote2": "against", "amount": "5 500 000"])
            #expect(decided.status == .seeOther)
            let minutes = try await app.request(.GET, "/grants/calls/\(call.code)/minutes", headers: ["Accept-Language": "ru"]).text
            #expect(minutes.contains("В. Ким: Против") && minutes.contains("Бітім мектебі") && minutes.contains("5\u{202F}500\u{202F}000 ₸"))
            let badContract = try await step(secretariat, ["step": "contract", "contractNumber": "Г-12", "trancheAmount0": "3 000 000",
                                                           "trancheDue0": TestClock.today.adding(days: 5).description])
            #expect(badContract.status == .unprocessableEntity)
            #expect(try await step(secretariat, ["step": "contract", "contractNumber": "Г-12", "trancheAmount0": "3 000 000",
                                                 "trancheDue0": TestClock.today.adding(days: 5).description, "trancheAmount1": "2 500 000",
                                                 "trancheDue1": TestClock.today.adding(days: 90).description]).status == .seeOther)
            let commitment = try #require(try await LedgerEntryRecord.query(on: app.db).filter(\.$kind == "outgoingCommitment").all().compactMap(\.entry)
                .first { $0.reference.hasSuffix("/Г-12") })
            #expect(commitment.amount == Money(tiyn: 550_000_000) && commitment.cashEffect == .zero)
            #expect(try await step(secretariat, ["step": "payTranche", "tranche": "0"]).status == .conflict, "approved first")
            #expect(try await step(secretariat, ["step": "approveTranche", "tranche": "0"]).status == .seeOther)
            #expect(try await step(secretariat, ["step": "payTranche", "tranche": "0"]).status == .seeOther)
            let paid = try #require(try await GrantApplicationRecord.find(applicationID, on: app.db)?.value)
            #expect(paid.status == .implementation && paid.paid == Money(tiyn: 300_000_000))
            let entry = try #require(try await LedgerEntryRecord.query(on: app.db).filter(\.$reference == "\(paid.number)/T1").first()?.entry)
            #expect(entry.kind == .disbursement && entry.amount == Money(tiyn: 300_000_000) && entry.debit == LedgerAccount.grantee(applicant.bin ?? ""))
            let fund = try await CharityQueries.campaign(code: String(format: "GF-%04d", year), on: app.db)
            #expect(fund.spent == Money(tiyn: 300_000_000) && fund.donations == 0)

            // 360Giving, checked by the standard's schema; the ledger and the audit chain hold.
            let json = try await app.request(.GET, "/grants/360giving.json")
            let script = Self.validator.replacingOccurrences(of: "%FOLDER%", with: "'\(Self.fixtures.path)'")
            let verdict = try DocumentTools.python(script, Data(buffer: json.body), extension: "json")
            #expect(verdict == "valid 1", "\(verdict)")
            #expect(json.text.contains("\"id\" : \"KZ-BIN-\(applicant.bin ?? "")\"") && json.text.contains("\"amountAwarded\" : 5500000"))
            let csv = try await app.request(.GET, "/grants/360giving.csv").text
            #expect(csv.contains("Identifier,Title,Description,Currency,Amount Awarded") && csv.contains("360G-birlik-\(paid.number)"))
            let key = try DocumentSignature.publicKey(of: SignedDocuments.privateKey(dataDirectory: app.birlikDataDirectory))
            _ = try await CharityStore.signTreeHead(dataDirectory: app.birlikDataDirectory, on: app.db, now: TestClock.now)
            #expect(try await CharityQueries.verify(trustedKey: key, on: app.db).isWhole)
            #expect(try await AuditLog.verify(on: app.db).isWhole)
        }
    }
}

extension GrantsWebTests {
    @Test("An award's nomination: the commission names two winners of three, the prize is split equally to the tiyn, once; a winner's share is paid through the ledger", arguments: TestBackend.enabled)
    func nomination(_ backend: TestBackend) async throws {
        try await withBirlik(backend) { app in
            let secretariat = try #require(try await UserRecord.query(on: app.db).filter(\.$email == DemoUsers.secretariat).first())
            let grantOperator = Actor(userID: secretariat.id, role: .secretariat, organizationID: secretariat.organizationID, regionCode: "KZ", displayName: "operator")
            let draft = GrantLotDraft(title: "«Шаңырақ»: үздік этностық БАҚ", justification: String(repeating: "Этностық БАҚ-тың мемлекеттік тілдегі үздік жұмыстарын марапаттау. ", count: 2),
                                      termsOfReference: "Жыл ішінде жарияланған материалдар.", budget: "1 000 000,01", termMonths: "1", region: "KZ",
                                      measureCodes: "kz-2021-2025/7", winners: "2")
            let drafted = try await GrantStore.saveLot(draft, id: nil, version: 0, actor: grantOperator, on: app.db, now: TestClock.now)
            let lot = try await GrantStore.publishLot(drafted.id, version: drafted.version, actor: grantOperator, on: app.db, now: TestClock.now)
            #expect(lot.isNomination && lot.winners == 2)
            let call = try await GrantStore.openCall(title: "«Шаңырақ» сыйлығы", lotCodes: [lot.code], opensOn: TestClock.today.description,
                                                     closesOn: TestClock.today.adding(days: 10).description, actor: grantOperator, on: app.db, now: TestClock.now)
            // Three associations' applications before the commission.
            let applicants = try await OrganizationRecord.query(on: app.db).filter(\.$code ~~ ["association-kz-75-1", "association-kz-75-2", "association-kz-75-3"])
                .sort(\.$code).all().map(\.organization)
            #expect(applicants.count == 3)
            var applications: [GrantApplication] = []
            for (index, applicant) in applicants.enumerated() {
                var application = GrantApplication(number: "GA-\(TestClock.today.year)-90\(index)", callID: call.id, lotID: lot.id, applicantID: applicant.id,
                                                   region: applicant.regionCode, language: .kk, title: "Материалдар \(index)", summary: String(repeating: "с", count: 120),
                                                   budget: Money(tiyn: 100_000_000), budgetNotes: "")
                application.status = .commission
                try await GrantApplicationRecord(application).create(on: app.db)
                applications.append(application)
            }
            let votes = { (inFavour: Bool) in [("А", true), ("Б", inFavour), ("В", inFavour)].map { GrantApplication.Vote(member: $0.0, choice: $0.1 ? .inFavour : .against) } }
            for (index, application) in applications.enumerated() {
                let decided = try await GrantStore.apply(.decide(minutes: "№ 3", votes: votes(index < 2), amount: ""), to: application.id, version: application.version,
                                                         actor: grantOperator, on: app.db, now: TestClock.now)
                #expect(decided.status == (index < 2 ? .awarded : .rejected) && decided.decision?.amount == .zero)
            }
            await expectFailure(.conflict(.grantsNominationNotFinal)) {
                try await GrantStore.apply(.contract(number: "С-1", tranches: [("500000", TestClock.today.adding(days: 1).description)]), to: applications[0].id,
                                           version: applications[0].version + 1, actor: grantOperator, on: app.db, now: TestClock.now)
            }
            let finalised = try await GrantStore.finaliseNomination(callID: call.id, lotID: lot.id, actor: grantOperator, on: app.db, now: TestClock.now)
            #expect(finalised.map(\.number) == [applications[0].number, applications[1].number])
            #expect(finalised.compactMap(\.decision?.amount) == [Money(tiyn: 50_000_001), Money(tiyn: 50_000_000)])
            #expect(finalised.reduce(Money.zero) { $0 + ($1.decision?.amount ?? .zero) } == lot.budget)
            await expectFailure(.conflict(.grantsNominationFinal)) {
                try await GrantStore.finaliseNomination(callID: call.id, lotID: lot.id, actor: grantOperator, on: app.db, now: TestClock.now)
            }
            // The first winner's share, contracted and paid.
            var winner = try await GrantStore.apply(.contract(number: "С-1", tranches: [("500 000,01", TestClock.today.adding(days: 1).description)]),
                                                    to: finalised[0].id, version: finalised[0].version, actor: grantOperator, on: app.db, now: TestClock.now)
            winner = try await GrantStore.apply(.approveTranche(0, by: "operator"), to: winner.id, version: winner.version, actor: grantOperator, on: app.db, now: TestClock.now)
            winner = try await GrantStore.apply(.payTranche(0), to: winner.id, version: winner.version, actor: grantOperator, on: app.db, now: TestClock.now)
            #expect(winner.paid == Money(tiyn: 50_000_001))
            let minutes = try await app.request(.GET, "/grants/calls/\(call.code)/minutes", headers: ["Accept-Language": "en"]).text
            #expect(minutes.contains("500\u{202F}000,01 ₸") && minutes.contains("500\u{202F}000 ₸") && minutes.contains("Rejected"))
            let package = try await app.request(.GET, "/api/v1/grants").text
            #expect(package.contains("\(ThreeSixtyGiving.prefix)-\(applications[0].number)") && package.contains("\(ThreeSixtyGiving.prefix)-\(applications[1].number)")
                    && !package.contains("\(ThreeSixtyGiving.prefix)-\(applications[2].number)"))
        }
    }
}

extension GrantStore {
    /// Drafts as a member of `organization` would.
    static func draftApplication(callID: UUID, _ draft: GrantApplicationDraft, on app: Application, _ organization: Organization) async throws -> GrantApplication {
        try await draftApplication(callID: callID, draft, actor: Actor(userID: UUID(), role: .association, organizationID: organization.id,
                                                                      regionCode: organization.regionCode, displayName: "probe"),
                                   on: app.db, now: TestClock.now)
    }
}
