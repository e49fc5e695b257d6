import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import SnapshotTesting
import Testing
import Vapor
@testable import BirlikWeb

/// Every page, rendered on the demo set laid around the fixed test day, in kk, kk-Latn, ru and en, kept
/// as HTML snapshots under `__Snapshots__/PageSnapshotTests/`: a change to any page shows in review as a
/// diff of its text. Ids, hashes and form tokens differ from run to run and are numbered in order of
/// appearance; the layout around the content is kept once per language (the home page) and `<main>`
/// for every other page. A missing snapshot is recorded and fails the test; after an intended change,
/// `SNAPSHOT_TESTING_RECORD=failed swift test --filter PageSnapshotTests` records the new ones.
@Suite("Page snapshots")
struct PageSnapshotTests {
    /// The day the snapshots show, whatever day the other suites run on.
    static let day = Day(year: 2026, month: 11, day: 29)
    static let almaty = ControlLoopSeed.almatyPlanCode(today: day)
    static let astanaDraft = ControlLoopSeed.astanaDraftCode(today: day)
    static let overdueInstruction = "\(day.year - 2)-03"

    /// The four language forms of the interface.
    static let forms: [(name: String, language: Language, script: KazakhScript)] = [
        ("kk", .kk, .cyrillic), ("kk-Latn", .kk, .latin), ("ru", .ru, .cyrillic), ("en", .en, .cyrillic),
    ]

    /// A page to snapshot: its name, who looks at it, and its path on the demo set.
    struct Visit: Sendable {
        var name: String
        var user: String?
        var path: String
    }

    /// Every page of Birlik, as the user who works with it sees it.
    static func visits(on db: any Database) async throws -> [Visit] {
        let almaty = try #require(try await PlanRecord.query(on: db).filter(\.$code == Self.almaty).first())
        let measure = try #require(try await MeasureRecord.query(on: db).filter(\.$planID == almaty.requireID()).sort(\.$code).first())
        let report = try #require(try await ReportRecord.query(on: db).filter(\.$measureID == measure.requireID()).filter(\.$isLead == true).sort(\.$dueDate).first())
        let instruction = try #require(try await InstructionRecord.query(on: db).filter(\.$number == Self.overdueInstruction).first())
        let signal = try #require(try await SignalRecord.query(on: db).sort(\.$date).sort(\.$summary).first())
        let alert = try await AlertRecord.query(on: db).sort(\.$rule).sort(\.$place).first()
        let submission = try await CorpusSubmissionRecord.query(on: db).sort(\.$title).first()
        let amended = try #require(try await PlanRecord.query(on: db).filter(\.$status == PlanStatus.amended.rawValue).sort(\.$code).first())
        let user = try #require(try await UserRecord.query(on: db).filter(\.$email == DemoUsers.almaty).first())
        let organization = "apk-secretariat"
        let secretariat = DemoUsers.secretariat
        var visits = [
            Visit(name: "home", user: nil, path: SiteURL.home.path),
            Visit(name: "directory", user: nil, path: SiteURL.directory.path),
            Visit(name: "map", user: nil, path: SiteURL.map.path),
            Visit(name: "regions", user: nil, path: SiteURL.regions.path),
            Visit(name: "sign-in", user: nil, path: SiteURL.signIn.path),
            Visit(name: "strategy", user: nil, path: SiteURL.strategy.path),
            Visit(name: "organization", user: nil, path: SiteURL.organization(code: organization).path),
            Visit(name: "statistics", user: nil, path: SiteURL.statistics.path),
            Visit(name: "corpus", user: nil, path: SiteURL.corpus.path),
            Visit(name: "corpus-search", user: nil, path: SiteURL.corpus.with([("q", "тіл")])),
            Visit(name: "appeals-public", user: nil, path: SiteURL.appeals.path),
            Visit(name: "appeal-form", user: nil, path: SiteURL.appealNew.path),
            Visit(name: "appeal-statistics", user: nil, path: SiteURL.appealStatistics.path),
            Visit(name: "calendar", user: nil, path: SiteURL.workingCalendar.with([("year", "2026"), ("from", "2026-03-20"), ("count", "15")])),
            Visit(name: "holidays", user: nil, path: SiteURL.holidays.with([("year", "2026")])),
            Visit(name: "appeals", user: secretariat, path: SiteURL.appeals.path),
            Visit(name: "not-found", user: nil, path: "/no-such-page"),
            Visit(name: "dashboard", user: secretariat, path: SiteURL.dashboard.path),
            Visit(name: "plans", user: secretariat, path: SiteURL.plans.path),
            Visit(name: "plan", user: secretariat, path: SiteURL.plan(code: Self.almaty).path),
            Visit(name: "plan-new", user: secretariat, path: SiteURL.planNew.path),
            Visit(name: "plan-edit", user: secretariat, path: SiteURL.planEdit(code: Self.astanaDraft).path),
            Visit(name: "plan-versions", user: secretariat, path: SiteURL.planVersions(code: amended.code).path),
            Visit(name: "plan-import", user: secretariat, path: SiteURL.planImport(code: Self.astanaDraft).path),
            Visit(name: "measures", user: secretariat, path: SiteURL.measures.path),
            Visit(name: "measure", user: secretariat, path: SiteURL.measure(id: try measure.requireID().uuidString).path),
            Visit(name: "measure-new", user: secretariat, path: SiteURL.measureNew(plan: Self.astanaDraft).path),
            Visit(name: "report", user: secretariat, path: SiteURL.report(id: try report.requireID().uuidString).path),
            Visit(name: "my-work", user: DemoUsers.executor, path: SiteURL.myWork.path),
            Visit(name: "instructions", user: secretariat, path: SiteURL.instructions.path),
            Visit(name: "instruction", user: secretariat, path: SiteURL.instruction(id: try instruction.requireID().uuidString).path),
            Visit(name: "instruction-new", user: secretariat, path: SiteURL.instructionNew.path),
            Visit(name: "statistics-entry", user: DemoUsers.almaty, path: SiteURL.statisticsEntry.path),
            Visit(name: "statistics-import", user: DemoUsers.almaty, path: SiteURL.statisticsImport.path),
            Visit(name: "statistics-validation", user: secretariat, path: SiteURL.statisticsValidation.path),
            Visit(name: "statistics-approval", user: secretariat, path: SiteURL.statisticsApproval.path),
            Visit(name: "early-warning", user: secretariat, path: SiteURL.earlyWarning.path),
            Visit(name: "signals", user: secretariat, path: SiteURL.signals.path),
            Visit(name: "signal", user: secretariat, path: SiteURL.signal(id: try signal.requireID().uuidString).path),
            Visit(name: "signal-new", user: DemoUsers.almaty, path: SiteURL.signalNew.path),
            Visit(name: "corpus-submissions", user: secretariat, path: SiteURL.corpusSubmissions.path),
            Visit(name: "organization-new", user: secretariat, path: SiteURL.organizationNew.path),
            Visit(name: "organization-edit", user: secretariat, path: SiteURL.organizationEdit(code: organization).path),
            Visit(name: "users", user: DemoUsers.admin, path: SiteURL.users.path),
            Visit(name: "user", user: DemoUsers.admin, path: SiteURL.user(id: try user.requireID().uuidString).path),
            Visit(name: "account-password", user: DemoUsers.almaty, path: SiteURL.accountPassword.path),
            Visit(name: "audit", user: DemoUsers.admin, path: SiteURL.audit.path),
            Visit(name: "annual-report", user: secretariat, path: SiteURL.annualReport.path),
        ]
        if let alert { visits.append(Visit(name: "alert", user: secretariat, path: SiteURL.alert(id: try alert.requireID().uuidString).path)) }
        if let submission {
            visits.append(Visit(name: "corpus-submission", user: secretariat, path: SiteURL.corpusSubmission(id: try submission.requireID().uuidString).path))
        }
        return visits
    }

    /// The page's HTML as a reviewer reads it: one element per line, the run's ids and tokens numbered.
    static func normalized(_ html: String, wholePage: Bool) -> String {
        var text = html
        if !wholePage, let start = text.range(of: "<main"), let end = text.range(of: "</main>", options: .backwards) {
            text = String(text[start.lowerBound..<end.upperBound])
        }
        let patterns = [
            ("uuid", "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"),
            ("hash", "\\b[0-9a-f]{64}\\b"),
            ("certificate", "\\bBK-[0-9A-Z]{4}-[0-9A-Z]{4}\\b"),
            ("token", "name=\"_csrf\" value=\"[^\"]*\""),
        ]
        for (label, pattern) in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            var numbers: [String: Int] = [:]
            let found = expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
            for match in found where numbers[match] == nil { numbers[match] = numbers.count + 1 }
            for (match, number) in numbers.sorted(by: { $0.key.count > $1.key.count }) {
                text = text.replacingOccurrences(of: match, with: label == "token" ? "name=\"_csrf\" value=\"<token>\"" : "<\(label)-\(number)>")
            }
        }
        // A hash shown shortened beside its full form in the title.
        text = text.replacingOccurrences(of: "(title=\"<hash-[0-9]+>\">)[0-9a-f]{6,63}<", with: "$1…<", options: .regularExpression)
        return text.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    }

    @Test("Every page in kk, kk-Latn, ru and en matches its snapshot")
    func everyPage() async throws {
        try await withBirlik(clock: .fixed(Self.day)) { app in
            let visits = try await Self.visits(on: app.db)
            var sessions: [String: Identity] = [:]
            for visit in visits {
                var identity = Identity.anonymous
                if let user = visit.user {
                    if sessions[user] == nil { sessions[user] = try await app.session(user) }
                    identity = try #require(sessions[user])
                }
                for form in Self.forms {
                    var headers = identity.headers
                    let cookies = headers.first(name: .cookie).map { $0 + "; " } ?? ""
                    headers.replaceOrAdd(name: .cookie, value: cookies + "\(ContextMiddleware.languageCookie)=\(form.language.rawValue); \(ContextMiddleware.scriptCookie)=\(form.script.rawValue)")
                    let response = try await app.request(.GET, visit.path, headers: headers)
                    let expected: HTTPStatus = visit.name == "not-found" ? .notFound : .ok
                    #expect(response.status == expected, "\(visit.name) in \(form.name): \(response.status)")
                    let html = Self.normalized(response.text, wholePage: visit.name == "home")
                    assertSnapshot(of: html, as: .lines, named: "\(visit.name).\(form.name)", testName: "page")
                }
            }
        }
    }
}
