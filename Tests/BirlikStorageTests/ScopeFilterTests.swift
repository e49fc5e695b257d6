import BirlikCore
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
@testable import BirlikStorage

/// The one scoping rule down to SQL: for every scoped table, every role and places across the region tree
/// (republic, region, district), the rows `visible(to:)` returns are exactly those `Access.check` allows.
@Suite("One scoping rule, in Swift and in SQL")
struct ScopeFilterTests {
    /// Actors of every role in organisations at the republic, in two regions and in a district, and the public.
    static func actors(on db: any Database) async throws -> [Actor] {
        var actors = [Actor.anonymous]
        for code in ["apk-secretariat", "akimat-kz-75", "public-accord-kz-10", "district-council-kz-75-01", "association-kz-75-1"] {
            guard let organization = try await OrganizationRecord.query(on: db).filter(\.$code == code).first(), let id = organization.id else {
                Issue.record("no organisation \(code) in the demo set")
                continue
            }
            for role in Role.allCases {
                actors.append(Actor(userID: UUID(), role: role, organizationID: id, regionCode: organization.regionCode, displayName: "\(role) \(code)"))
            }
        }
        return actors
    }

    static let vault = ConfidentialVault(rawKeys: ["k0001": ConfidentialVault.newKeyData()], current: "k0001")

    /// Signals, alerts, instructions, corpus submissions, appeals and mediation cases at every level of the tree, owned by organisations
    /// in and out of each region (an instruction by none, one or several executors).
    static func spreadRecords(on db: any Database, random: inout SeededRandom) async throws {
        let organizations = try await OrganizationRecord.query(on: db).all()
        let places = ["KZ", "KZ-75", "KZ-75-01", "KZ-75-03", "KZ-10", "KZ-10-02", "KZ-71", "KZ-79"]
        let month = try #require(Period(kind: .month, year: TestClock.today.year, index: TestClock.today.month))
        for index in 0..<40 {
            let place = places[index % places.count]
            let owner = Bool.random(using: &random) ? organizations.randomElement(using: &random)?.id : nil
            let signal = Signal(id: UUID(), date: TestClock.today, place: place, kind: .ethnicDispute, groups: ["kazakhs"], severity: 1 + index % 5,
                                source: .citizenAppeal, summary: "probe \(index)", responsibleID: owner, reportedBy: "probe", reporterOrganizationID: nil)
            try await SignalRecord(signal).create(on: db)
            let submission = CorpusSubmission(id: UUID(), title: "probe \(index)", author: "", year: nil, genre: "other", source: "", licence: "CC0 1.0",
                                              sha256: String(repeating: "0", count: 64), fileName: "p.txt", tokens: 1, status: .submitted,
                                              submittedBy: "probe", organizationID: owner, regionCode: place, submittedAt: TestClock.now)
            try await CorpusSubmissionRecord(submission).create(on: db)
            let alert = Alert(id: UUID(), rule: "probe-\(index)", place: place, month: month, riskValue: 1, load: 1, baseline: 1,
                              raisedAt: TestClock.now, responsibleID: owner)
            try await AlertRecord(alert).create(on: db)
            let executors = (0..<(index % 3)).compactMap { _ in organizations.randomElement(using: &random)?.id }
            let instruction = Instruction(number: "probe-\(index)", source: .session, sourceDate: TestClock.today, item: "\(index)",
                                          text: LocalizedText(kk: "probe"), executorIDs: executors, deadline: TestClock.today)
            try await InstructionRecord(instruction).create(on: db)
            for executor in Set(executors) { try await InstructionExecutorRecord(instructionID: instruction.id, organizationID: executor).create(on: db) }
            guard let council = organizations.randomElement(using: &random)?.id else { continue }
            let appeal = Appeal(id: UUID(), number: "probe-\(index)", channel: .online, reference: "", applicant: Applicant(name: "probe"), language: .kk,
                                place: place, category: .language, text: "probe", points: [Appeal.Point(request: "probe")], mayPublish: false,
                                status: .registered, organizationID: council, registeredAt: TestClock.now, dueOn: TestClock.today)
            try await AppealRecord(appeal, sequence: index, tokenHash: "probe-\(index)", followerUserID: nil).create(on: db)
            let mediationCase = MediationCase(number: "probe-\(index)", originKind: .direct, originID: nil, place: place, disputeType: .other, isInterethnic: false,
                                              languages: ["kk"], mediatorUserID: Bool.random(using: &random) ? UUID() : nil, supervisorID: UUID(),
                                              receivedOn: TestClock.today, confidential: MediationCase.Confidential(parties: [], summary: "probe"))
            try await MediationCaseRecord(mediationCase, vault: Self.vault).create(on: db)
            guard let object = organizations.randomElement(using: &random)?.id else { continue }
            let control = PublicControlCase(number: "probe-\(index)", councilID: council, objectID: object, place: place, subject: "probe", plannedPeriod: "2026Q4",
                                            status: PublicControlCase.Status.allCases[index % PublicControlCase.Status.allCases.count])
            try await PublicControlRecord(control).create(on: db)
            let lot = GrantLot(code: "probe-\(index)", year: 2026, title: "probe", justification: "probe", termsOfReference: "probe", budget: Money(tiyn: 100),
                               termMonths: 1, region: place, measureIDs: [], status: index % 2 == 0 ? .published : .draft)
            try await GrantLotRecord(lot).create(on: db)
            let application = GrantApplication(number: "probe-\(index)", callID: UUID(), lotID: lot.id, applicantID: council, region: place, language: .kk,
                                               title: "probe", summary: "probe", budget: Money(tiyn: 100), budgetNotes: "")
            try await GrantApplicationRecord(application).create(on: db)
            let reviewer = Bool.random(using: &random) ? organizations.randomElement(using: &random)?.id ?? UUID() : UUID()
            let assignment = ReviewAssignment(subjectKind: "grantApplication", subjectID: application.id, reviewerID: reviewer, reviewerName: "probe",
                                              assignedOn: TestClock.today, respondBy: TestClock.today, dueOn: TestClock.today)
            try await ReviewAssignmentRecord(assignment).create(on: db)
            let registration = EventRegistration(eventID: UUID(), organizerID: council, region: place, token: "probe-\(index)", name: "probe",
                                                 email: "probe\(index)@example.kz", phone: "", language: .kk, status: .confirmed, registeredAt: TestClock.now, position: index + 1)
            try await EventRegistrationRecord(registration).create(on: db)
            let enrolment = Enrolment(groupID: UUID(), courseID: UUID(), hostID: council, region: place, token: "probe-\(index)", name: "probe", ageBand: "18-29",
                                      ethnicity: nil, entryLevel: nil, status: Enrolment.Status.allCases[index % Enrolment.Status.allCases.count],
                                      position: index + 1, enrolledAt: TestClock.now)
            try await EnrolmentRecord(enrolment).create(on: db)
            let certificate = Certificate(code: "BK-PRB\(index % 10)-\(1000 + index)", enrolmentID: enrolment.id, courseID: UUID(), hostID: council, region: place,
                                          holderName: "probe", courseCode: "probe", courseTitle: "probe", kind: .stateLanguage, hours: 1, level: .a1,
                                          competencies: [], issuedOn: TestClock.today, expiresOn: nil)
            try await CertificateRecord(certificate).create(on: db)
            let partner = Partner(code: "PRB-\(index)", kind: .diasporaAssociation, name: "probe", country: "DE", identifier: "", website: "", languageCourses: "",
                                  events: "", keeperID: council, region: place, active: index % 2 == 0)
            try await PartnerRecord(partner).create(on: db)
            let agreement = Agreement(code: "AGR-PRB-\(index)", kind: .memorandum, title: "probe", summary: "", confidential: "", partnerIDs: [partner.id],
                                      keeperID: council, region: place, signatories: "", signedOn: nil, place: "", startsOn: nil, endsOn: nil, renewal: .none,
                                      status: Agreement.Status.allCases[index % Agreement.Status.allCases.count], updatedAt: TestClock.now)
            try await AgreementRecord(agreement).create(on: db)
            let participation = Participation(volunteerID: UUID(), initiativeID: UUID(), organiserID: council, region: place, positionID: UUID(), shiftID: UUID(),
                                              role: "probe", day: TestClock.today, ageBand: "18-29")
            try await ParticipationRecord(participation).create(on: db)
            let news = NewsItem(code: "probe-\(index)", region: place, originalLanguage: .kk,
                                translations: [.kk: .init(title: "probe", summary: "", body: "probe", status: .ready)], tags: .init(),
                                status: NewsItem.Status.allCases[index % NewsItem.Status.allCases.count], author: "probe", updatedAt: TestClock.now)
            try await NewsRecord(news).create(on: db)
            let mediaItem = MediaPlanItem(code: "probe-\(index)", plannedOn: TestClock.today, channel: .online, topic: "probe", language: .kk,
                                          organizationID: council, region: place, measureID: nil, eventCode: nil)
            try await MediaPlanRecord(mediaItem).create(on: db)
            let libraryItem = LibraryItem(code: "probe-\(index)", collection: "apk", organizationID: council, region: place, titles: [.kk: "probe"], creators: [],
                                          subjects: [], description: "", publisher: "", date: "", type: .text, language: .kk, rights: "CC0", source: "", file: nil,
                                          status: LibraryItem.Status.allCases[index % LibraryItem.Status.allCases.count], createdAt: TestClock.now, depositedBy: "probe")
            try await LibraryItemRecord(libraryItem, fileText: "").create(on: db)
            let practice = GoodPractice(code: "GP-PRB-\(index)", organizationID: council, region: place, regions: [place], domain: .language, language: .kk,
                                        original: GoodPractice.Text(title: "probe"), status: GoodPractice.Status.allCases[index % GoodPractice.Status.allCases.count],
                                        updatedAt: TestClock.now)
            try await GoodPracticeRecord(practice).create(on: db)
            try await PracticeAdoptionRecord(PracticeAdoption(practiceID: practice.id, practiceCode: practice.code, region: place, organizationID: council,
                                                              adoptedOn: TestClock.today, result: "probe", recordedAt: TestClock.now)).create(on: db)
        }
    }

    /// Compares, row by row, the SQL filter with `Access.check` for one table. A row with several scopes
    /// (an instruction, one per executor) is visible when any of them is allowed.
    static func compare<M: ScopedModel>(_ type: M.Type, actors: [Actor], on db: any Database, random: SeededRandom,
                                        scope: (M) async throws -> Scope) async throws -> Int where M.IDValue: Hashable {
        try await compare(type, actors: actors, on: db, random: random, scopes: { [try await scope($0)] })
    }

    static func compare<M: ScopedModel>(_ type: M.Type, actors: [Actor], on db: any Database, random: SeededRandom,
                                        scopes: (M) async throws -> [Scope]) async throws -> Int where M.IDValue: Hashable {
        let rows = try await M.query(on: db).all()
        var scopesByID: [M.IDValue: [Scope]] = [:]
        for row in rows { if let id = row.id { scopesByID[id] = try await scopes(row) } }
        for actor in actors {
            let inSQL = Set(try await M.query(on: db).visible(to: actor).all().compactMap(\.id))
            let allowed = Set(scopesByID.filter { $0.value.contains { Access.check(actor, .view, M.resource, in: $0) == .allowed } }.keys)
            #expect(inSQL == allowed, "\(M.schema) for \(actor.displayName) (\(actor.role)): \(inSQL.subtracting(allowed).count) too many, \(allowed.subtracting(inSQL).count) missing; \(random.comment)")
        }
        return rows.count
    }

    @Test("Every scoped table × every role × places across the tree: the SQL filter returns exactly what Access allows",
          arguments: TestBackend.enabled)
    func rowByRow(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            var random = SeededRandom()
            try await Self.spreadRecords(on: birlik.db, random: &random)
            let actors = try await Self.actors(on: birlik.db)
            #expect(actors.count == 1 + 5 * Role.allCases.count)
            let db = birlik.db
            let counts = [
                try await Self.compare(OrganizationRecord.self, actors: actors, on: db, random: random) { $0.organization.scope },
                try await Self.compare(PlanRecord.self, actors: actors, on: db, random: random) { $0.plan.scope },
                try await Self.compare(ReportRecord.self, actors: actors, on: db, random: random) { $0.report.scope },
                try await Self.compare(SignalRecord.self, actors: actors, on: db, random: random) { $0.signal.scope },
                try await Self.compare(AlertRecord.self, actors: actors, on: db, random: random) { $0.alert.scope },
                try await Self.compare(InstructionRecord.self, actors: actors, on: db, random: random, scopes: { record in
                    let instruction = record.instruction
                    return [instruction.scope(for: nil)] + instruction.executorIDs.map { instruction.scope(for: $0) }
                }),
                try await Self.compare(CorpusSubmissionRecord.self, actors: actors, on: db, random: random) { $0.submission.scope },
                try await Self.compare(UserRecord.self, actors: actors, on: db, random: random) { try await $0.scope(on: db) },
                try await Self.compare(AppealRecord.self, actors: actors, on: db, random: random) { $0.appeal.scope },
                try await Self.compare(MediationCaseRecord.self, actors: actors, on: db, random: random) { $0.scope },
                try await Self.compare(PublicControlRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(GrantLotRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(GrantApplicationRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(ReviewAssignmentRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(MediaPlanRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(NewsRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(LibraryItemRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(EventRegistrationRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(EnrolmentRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(CertificateRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(PartnerRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(AgreementRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(ParticipationRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(GoodPracticeRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
                try await Self.compare(PracticeAdoptionRecord.self, actors: actors, on: db, random: random) { $0.value?.scope ?? Scope(organizationID: nil, regionCode: "", isPublic: false) },
            ]
            #expect(counts.allSatisfy { $0 > 5 }, "every table has rows to compare: \(counts)")
        }
    }

    @Test("Statistical values are scoped by their own place: a district's coordinator does not see the region's confidential values",
          arguments: TestBackend.enabled)
    func statisticsByPlace(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let request = PivotRequest(rows: .place, columns: .period, elements: ["mediation.cases"])
            let region = Actor(userID: UUID(), role: .regionalCoordinator, organizationID: nil, regionCode: "KZ-75", displayName: "region")
            let district = Actor(userID: UUID(), role: .regionalCoordinator, organizationID: nil, regionCode: "KZ-75-01", displayName: "district")
            let regional = try await Pivot.run(request, actor: region, on: birlik.db).rowKeys
            #expect(!regional.isEmpty && regional.allSatisfy { RegionCode.isWithin($0, "KZ-75") })
            let local = try await Pivot.run(request, actor: district, on: birlik.db).rowKeys
            #expect(local.allSatisfy { RegionCode.isWithin($0, "KZ-75-01") }, "\(local)")
        }
    }
}
