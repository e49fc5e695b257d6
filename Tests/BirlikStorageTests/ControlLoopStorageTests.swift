import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing

@Suite("The control loop: plans, measures, reports, instructions, figures")
struct ControlLoopStorageTests {
    /// A national plan with one quarterly measure of the Almaty akimat, approved.
    static func approvedPlan(_ birlik: TestDatabase, code: String = "test-plan", now: Date = TestClock.now) async throws -> (Plan, Measure) {
        let secretariat = try await birlik.actor(DemoUsers.secretariat)
        let plan = try await PlanStore.create(PlanDraft(code: code, titleKK: "Сынақ жоспары", regionCode: "KZ", conceptCode: "C2",
                                                        startYear: "2024", endYear: "2026"), actor: secretariat, on: birlik.db, now: TestClock.now)
        let measure = try await MeasureStore.create(planID: plan.id, MeasureDraft(
            code: "1", titleKK: "Фестиваль өткізу", taskCodes: ["C2.D2.A7"], executorCode: "akimat-kz-75", coExecutorCodes: "mci",
            completionForm: "eventHeld", deadlineKind: "quarterly", dueDay: "10", budgetSource: "local", amount: "1 500 000",
            indicatorKK: "Қатысушылар", indicatorUnit: "адам", indicatorBaseline: "100", indicatorTargets: "2024=120; 2025=150"),
            actor: secretariat, on: birlik.db, now: TestClock.now)
        let approved = try await PlanStore.transition(id: plan.id, .approve, version: plan.version, actor: secretariat, on: birlik.db, now: now)
        return (approved, measure)
    }

    @Test("Approving a plan opens a report per measure, executor and period; drafts stay private", arguments: TestBackend.enabled)
    func approval(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let (plan, measure) = try await Self.approvedPlan(birlik)
            #expect(plan.status == .approved && plan.planVersion == 1)
            let rows = try await ReportRecord.query(on: birlik.db).filter(\.$measureID == measure.id).all()
            #expect(rows.count == 3 * 4 * 2)
            #expect(rows.filter(\.isLead).count == 12)
            #expect(Set(rows.map(\.periodCode)).contains("2025-Q3"))
            #expect(rows.first { $0.periodCode == "2025-Q4" }?.dueDate == "2026-01-10")
            // The public sees approved plans; a draft is not found for it.
            _ = try await PlanQueries.find(code: "test-plan", actor: .anonymous, on: birlik.db)
            await expectFailure(.signInRequired) { try await PlanQueries.find(code: DemoPlans.astanaDraft, actor: .anonymous, on: birlik.db) }
            let abai = try await birlik.actor(DemoUsers.abai)
            await expectFailure(.notFound) { try await PlanQueries.find(code: DemoPlans.astanaDraft, actor: abai, on: birlik.db) }
            // Amending keeps the approved version and reopens the plan as the next version's draft.
            let secretariat = try await birlik.actor(DemoUsers.secretariat)
            let amending = try await PlanStore.transition(id: plan.id, .amend, version: plan.version, actor: secretariat, on: birlik.db, now: TestClock.now)
            #expect(amending.status == .draft && amending.planVersion == 2)
            _ = try await MeasureStore.create(planID: plan.id, MeasureDraft(code: "2", titleKK: "Жаңа іс-шара", taskCodes: ["C2.T1"],
                                                                            executorCode: "edu", completionForm: "report", deadlineKind: "date",
                                                                            deadlineDate: "20.12.2025", budgetSource: "notRequired"),
                                              actor: secretariat, on: birlik.db, now: TestClock.now)
            let reapproved = try await PlanStore.transition(id: plan.id, .approve, version: amending.version, actor: secretariat, on: birlik.db, now: TestClock.now)
            #expect(reapproved.status == .amended)
            let versions = try await PlanQueries.versions(of: plan.id, on: birlik.db)
            #expect(versions.map(\.planVersion) == [2, 1])
            let comparison = PlanQueries.compare(versions[1].content!, versions[0].content!)
            #expect(comparison.added.map(\.code) == ["2"] && comparison.removed.isEmpty)
            #expect(try await ReportRecord.query(on: birlik.db).filter(\.$planID == plan.id).count() == 24 + 1)
        }
    }

    @Test("Bad measures are refused with every problem named, and nothing is written", arguments: TestBackend.enabled)
    func badMeasures(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let secretariat = try await birlik.actor(DemoUsers.secretariat)
            let plan = try await PlanStore.create(PlanDraft(code: "bad", titleKK: "Жоспар", regionCode: "KZ", conceptCode: "C2",
                                                            startYear: "2024", endYear: "2025"), actor: secretariat, on: birlik.db, now: TestClock.now)
            do {
                _ = try await MeasureStore.create(planID: plan.id, MeasureDraft(code: "1", titleKK: "Іс-шара", taskCodes: ["C2.T1"], executorCode: "",
                                                                                completionForm: "report", deadlineKind: "date", deadlineDate: "2030-01-01",
                                                                                budgetSource: "local", amount: "-5"), actor: secretariat, on: birlik.db, now: TestClock.now)
                Issue.record("a bad measure was accepted")
            } catch let DomainError.invalid(errors) {
                #expect(Set(errors.map(\.field)) == ["executorCode", "deadlineDate", "amount"])
                #expect(errors.first { $0.field == "executorCode" }?.key == .fieldExecutorRequired)
            }
            #expect(try await MeasureRecord.query(on: birlik.db).filter(\.$planID == plan.id).count() == 0)
            await expectFailure(.conflict(.errorPlanEmpty)) {
                try await PlanStore.transition(id: plan.id, .approve, version: plan.version, actor: secretariat, on: birlik.db, now: TestClock.now)
            }
            // A regional coordinator cannot create the national plan, nor one for another region.
            let almaty = try await birlik.actor(DemoUsers.almaty)
            await expectFailure(.forbidden) {
                try await PlanStore.create(PlanDraft(code: "x", titleKK: "X", regionCode: "KZ", startYear: "2024", endYear: "2025"), actor: almaty, on: birlik.db, now: TestClock.now)
            }
            await expectFailure(.forbidden) {
                try await PlanStore.create(PlanDraft(code: "x", titleKK: "X", regionCode: "KZ-10", startYear: "2024", endYear: "2025"), actor: almaty, on: birlik.db, now: TestClock.now)
            }
        }
    }

    @Test("A report goes draft → submitted → returned → resubmitted → accepted, and the figures follow", arguments: TestBackend.enabled)
    func workflow(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let start = Day(year: 2024, month: 1, day: 5).end
            let (plan, measure) = try await Self.approvedPlan(birlik, now: start)
            let akimat = try await birlik.actor(DemoUsers.akimat)
            let executor = try await birlik.actor(DemoUsers.executor)
            let almaty = try await birlik.actor(DemoUsers.almaty)
            let abai = try await birlik.actor(DemoUsers.abai)
            let secretariat = try await birlik.actor(DemoUsers.secretariat)
            let lead = try #require(try await ReportRecord.query(on: birlik.db).filter(\.$measureID == measure.id).filter(\.$periodCode == "2024-Q1")
                .filter(\.$isLead == true).first()).report
            let inQuarter = Day(year: 2024, month: 4, day: 2).end
            // Someone else's organisation cannot enter the akimat's report; bad numbers are refused.
            await expectFailure(.notFound) {
                try await ReportStore.enter(id: lead.id, ReportDraft(execution: "executed", narrativeKK: "Өтті", version: lead.version),
                                            submit: false, actor: executor, on: birlik.db, now: inQuarter)
            }
            await expectInvalid(["actual0"]) {
                try await ReportStore.enter(id: lead.id, ReportDraft(execution: "executed", narrativeKK: "Өтті", actuals: [0: "көп"], version: lead.version),
                                            submit: true, actor: akimat, on: birlik.db, now: inQuarter)
            }
            let draft = try await ReportStore.enter(id: lead.id, ReportDraft(execution: "executed", narrativeKK: "Фестиваль өтті", actuals: [0: "130"],
                                                                             version: lead.version), submit: false, actor: akimat, on: birlik.db, now: inQuarter)
            #expect(draft.status == .draft && draft.actuals[0] == 130)
            // A second officer who opened the old version gets a conflict and nothing changes.
            await expectFailure(.staleVersion) {
                try await ReportStore.enter(id: lead.id, ReportDraft(execution: "notExecuted", narrativeKK: "Жоқ", version: lead.version),
                                            submit: false, actor: akimat, on: birlik.db, now: inQuarter)
            }
            let submitted = try await ReportStore.enter(id: lead.id, ReportDraft(draft), submit: true, actor: akimat, on: birlik.db, now: inQuarter)
            #expect(submitted.status == .submitted)
            // The executor cannot edit a submitted report; Abai's coordinator cannot decide on it.
            await expectFailure(.conflict(.errorReportLocked)) {
                try await ReportStore.enter(id: lead.id, ReportDraft(submitted), submit: false, actor: akimat, on: birlik.db, now: inQuarter)
            }
            await expectFailure(.notFound) {
                try await ReportStore.decide(id: lead.id, .returnForCorrection, comment: "?", version: submitted.version, actor: abai, on: birlik.db, now: inQuarter)
            }
            // Almaty's coordinator reviews the akimat's report on the national plan; only the Secretariat accepts it.
            await expectFailure(.forbidden) {
                try await ReportStore.decide(id: lead.id, .accept, version: submitted.version, actor: almaty, on: birlik.db, now: inQuarter)
            }
            await expectInvalid(["comment"]) {
                try await ReportStore.decide(id: lead.id, .returnForCorrection, comment: " ", version: submitted.version, actor: almaty, on: birlik.db, now: inQuarter)
            }
            let returned = try await ReportStore.decide(id: lead.id, .returnForCorrection, comment: "Қатысушылар санын нақтылаңыз",
                                                        version: submitted.version, actor: almaty, on: birlik.db, now: inQuarter)
            #expect(returned.status == .returned && returned.returnComment == "Қатысушылар санын нақтылаңыз")
            let notes = try await Notifications.list(organization: try await birlik.organizationID("akimat-kz-75"), on: birlik.db)
            #expect(notes.contains { $0.key == .notifyReturned })
            // After the due day a returned report may still be corrected and resubmitted.
            let late = Day(year: 2024, month: 4, day: 20).end
            var correction = ReportDraft(returned)
            correction.actuals = [0: "128"]
            let resubmitted = try await ReportStore.enter(id: lead.id, correction, submit: true, actor: akimat, on: birlik.db, now: late)
            #expect(resubmitted.firstSubmittedAt == submitted.firstSubmittedAt)
            let accepted = try await ReportStore.decide(id: lead.id, .accept, version: resubmitted.version, actor: secretariat, on: birlik.db, now: late)
            #expect(accepted.status == .accepted)
            // Un-accepting needs a reason.
            await expectInvalid(["comment"]) {
                try await ReportStore.decide(id: lead.id, .unaccept, version: accepted.version, actor: secretariat, on: birlik.db, now: late)
            }
            // The figures: of the two reports of 2024-Q1 (lead and co-executor) one is accepted and it was on time.
            let filter = DashboardQueries.Filter(asOf: Day(year: 2024, month: 5, day: 1), planID: plan.id)
            let total = try await DashboardQueries.total(filter, actor: secretariat, on: birlik.db)
            #expect(total.expected == 2 && total.accepted == 1 && total.onTime == 1 && total.overdue == 1)
            #expect(total.reportingRate == 0.5 && total.timeliness == 0.5 && total.progress == 1)
            let byTerritory = try await DashboardQueries.rates(by: .territory, filter, actor: secretariat, on: birlik.db)
            #expect(byTerritory["KZ-75"]?.accepted == 1 && byTerritory["KZ"]?.expected == 1)
            let nodes = try await DashboardQueries.byStrategyNode(filter, actor: secretariat, on: birlik.db)
            #expect(nodes["C2.D2.A7"]?.progress == 1 && nodes["C2.D2"]?.measureCount ?? 0 >= 1)
            // A list's figures, read for its rows only, are those rows' figures of the whole grouping.
            let everyMeasure = try await DashboardQueries.rates(by: .measure, .init(asOf: filter.asOf), actor: secretariat, on: birlik.db)
            var shown = DashboardQueries.Filter(asOf: filter.asOf, measureIDs: [measure.id])
            let listed = try await DashboardQueries.rates(by: .measure, shown, actor: secretariat, on: birlik.db)
            #expect(everyMeasure.count > 1 && Array(listed.keys) == [measure.id.uuidString])
            #expect(listed[measure.id.uuidString]?.expected == everyMeasure[measure.id.uuidString]?.expected)
            #expect(listed[measure.id.uuidString]?.accepted == everyMeasure[measure.id.uuidString]?.accepted)
            shown.measureIDs = []
            #expect(try await DashboardQueries.rates(by: .measure, shown, actor: secretariat, on: birlik.db).isEmpty)
            // A closed-period report: after the due day, entry needs a late-entry exception.
            let co = try #require(try await ReportRecord.query(on: birlik.db).filter(\.$measureID == measure.id).filter(\.$periodCode == "2024-Q1")
                .filter(\.$isLead == false).first()).report
            await expectFailure(.conflict(.errorDeadlinePassed)) {
                try await ReportStore.enter(id: co.id, ReportDraft(execution: "executed", narrativeKK: "Өтті", version: co.version),
                                            submit: true, actor: executor, on: birlik.db, now: late)
            }
            let granted = try await ReportStore.decide(id: co.id, .grantLateEntry, lateEntryUntil: Day(year: 2024, month: 4, day: 30),
                                                       version: co.version, actor: secretariat, on: birlik.db, now: late)
            let lateEntry = try await ReportStore.enter(id: co.id, ReportDraft(execution: "executed", narrativeKK: "Өтті", version: granted.version),
                                                        submit: true, actor: executor, on: birlik.db, now: late)
            #expect(lateEntry.status == .submitted)
            let timeline = try await ReportQueries.timeline(of: measure.id, actor: secretariat, on: birlik.db)
            #expect(timeline.map(\.action).contains("report.return") && timeline.first?.action == "plan.approve")
            #expect(try await AuditLog.verify(on: birlik.db).isWhole)
        }
    }

    @Test("Reminders are written once per report, however often the schedule runs", arguments: TestBackend.enabled)
    func reminders(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let now = Day(year: 2024, month: 4, day: 5).end
            _ = try await Self.approvedPlan(birlik, now: now)
            let first = try await Notifications.runReminders(now: now, on: birlik.db)
            #expect(first >= 2)
            #expect(try await Notifications.runReminders(now: now, on: birlik.db) == 0)
        }
    }

    @Test("Instructions: executors respond and ask for more time; the Secretariat decides; others see nothing", arguments: TestBackend.enabled)
    func instructions(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let secretariat = try await birlik.actor(DemoUsers.secretariat)
            let akimat = try await birlik.actor(DemoUsers.akimat)
            let executor = try await birlik.actor(DemoUsers.executor)
            await expectInvalid(["deadline", "executorCodes"]) {
                try await InstructionStore.create(InstructionDraft(number: "t-1", sourceDate: "2026-01-10", textKK: "Тапсырма", executorCodes: "nobody",
                                                                   deadline: "2025-12-01"), actor: secretariat, on: birlik.db, now: TestClock.now)
            }
            await expectFailure(.forbidden) {
                try await InstructionStore.create(InstructionDraft(number: "t-1", sourceDate: "2026-01-10", textKK: "Тапсырма", executorCodes: "akimat-kz-75",
                                                                   deadline: "2026-03-01"), actor: akimat, on: birlik.db, now: TestClock.now)
            }
            let instruction = try await InstructionStore.create(InstructionDraft(number: "t-1", sourceDate: "2026-01-10", item: "1", textKK: "Тапсырма",
                                                                                 executorCodes: "akimat-kz-75", deadline: "2026-03-01"),
                                                                actor: secretariat, on: birlik.db, now: TestClock.now)
            await expectFailure(.notFound) { try await InstructionQueries.find(id: instruction.id, actor: executor, on: birlik.db) }
            await expectFailure(.notFound) {
                try await InstructionStore.apply(.respond("Орындалды"), to: instruction.id, actor: executor, on: birlik.db, now: TestClock.now)
            }
            _ = try await InstructionStore.apply(.respond("Жұмыс жүріп жатыр"), to: instruction.id, actor: akimat, on: birlik.db, now: TestClock.now)
            _ = try await InstructionStore.apply(.requestExtension(Day(year: 2026, month: 4, day: 1), "Қосымша уақыт керек"), to: instruction.id,
                                                 actor: akimat, on: birlik.db, now: TestClock.now)
            await expectFailure(.forbidden) {
                try await InstructionStore.apply(.decideExtension(grant: true, comment: ""), to: instruction.id, actor: akimat, on: birlik.db, now: TestClock.now)
            }
            let extended = try await InstructionStore.apply(.decideExtension(grant: true, comment: "Келісілді"), to: instruction.id,
                                                            actor: secretariat, on: birlik.db, now: TestClock.now)
            #expect(extended.deadline == Day(year: 2026, month: 4, day: 1))
            #expect(try await InstructionQueries.list(.init(), actor: akimat, today: TestClock.today, on: birlik.db).contains { $0.id == instruction.id })
            #expect(try await InstructionQueries.overdue(actor: secretariat, today: Day(year: 2026, month: 5, day: 1), on: birlik.db)
                .contains { $0.id == instruction.id })
            let history = try await InstructionQueries.history(of: instruction.id, on: birlik.db)
            #expect(history.map(\.kind) == [.created, .response, .extensionRequested, .extensionGranted])
        }
    }

    @Test("The demo set has plans in every state and reports in every workflow state", arguments: TestBackend.enabled)
    func demo(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let statuses = Set(try await PlanRecord.query(on: birlik.db).all(\.$status))
            #expect(statuses == ["draft", "amended", "approved", "closed"])
            let reports = Set(try await ReportRecord.query(on: birlik.db).unique().all(\.$status))
            #expect(reports == Set(ReportStatus.allCases.map(\.rawValue)))
            #expect(try await InstructionRecord.query(on: birlik.db).count() == 5)
            // The plans list's measure counts are the plans' own measures, counted in the database.
            let counts = try await PlanQueries.measureCounts(on: birlik.db)
            let plans = try await PlanRecord.query(on: birlik.db).all().map(\.plan)
            let measureCount = try await MeasureRecord.query(on: birlik.db).count()
            #expect(!counts.isEmpty && counts.values.reduce(0, +) == measureCount)
            for plan in plans {
                let measures = try await PlanQueries.measures(of: plan.id, on: birlik.db)
                #expect((counts[plan.id] ?? 0) == measures.count, "\(plan.code)")
            }
        }
    }
}
