import BirlikCore
import Foundation
import Testing

/// An appeal's steps: what each status allows, the terms in working days, the answer to every point.
@Suite("Appeals: steps and terms")
struct AppealTests {
    static let calendar = WorkingCalendar(entries: [])
    static let registered = Day(year: 2026, month: 11, day: 2)

    static func appeal(points: Int = 2) -> Appeal {
        Appeal(id: UUID(), number: "2026-000001", channel: .online, reference: "", applicant: Applicant(name: "Ғалым Серікұлы"), language: .kk,
               place: "KZ-75", category: .language, text: "Мәтін", points: (1...points).map { Appeal.Point(request: "Сұрақ \($0)") }, mayPublish: true,
               status: .registered, organizationID: UUID(), registeredAt: registered.noon,
               dueOn: calendar.adding(workingDays: 15, to: registered))
    }

    @Test("Steps follow the order of the procedure; a step out of order is a conflict")
    func order() throws {
        let terms = AppealTerms.standard
        let appeal = Self.appeal()
        #expect(throws: DomainError.conflict(.errorTransition)) { try appeal.applying(.answer([]), today: Self.registered, calendar: Self.calendar, terms: terms) }
        let accepted = try appeal.applying(.accept, today: Self.registered, calendar: Self.calendar, terms: terms).appeal
        #expect(accepted.status == .accepted && accepted.version == 2)
        #expect(throws: DomainError.conflict(.errorTransition)) { try accepted.applying(.challenge(grounds: "x"), today: Self.registered, calendar: Self.calendar, terms: terms) }
    }

    @Test("An extension needs a reason, a later working day, and never runs beyond two months from registration")
    func extensionRules() throws {
        let accepted = try Self.appeal().applying(.accept, today: Self.registered, calendar: Self.calendar, terms: .standard).appeal
        #expect(throws: DomainError.self) { try accepted.applying(.extend(until: accepted.dueOn.adding(days: 3), reason: " "), today: Self.registered, calendar: Self.calendar, terms: .standard) }
        let limit = AppealTerms.standard.limit(registeredOn: Self.registered)
        do {
            _ = try accepted.applying(.extend(until: limit.adding(days: 7), reason: "Expert opinion requested"), today: Self.registered, calendar: Self.calendar, terms: .standard)
            Issue.record("an extension beyond two months was allowed")
        } catch let DomainError.invalid(problems) {
            #expect(problems.contains { $0.key == .appealExtensionLimit })
        }
        let until = Self.calendar.adding(workingDays: 10, to: accepted.dueOn)
        let (extended, note) = try accepted.applying(.extend(until: until, reason: "Expert opinion requested"), today: Self.registered, calendar: Self.calendar, terms: .standard)
        #expect(extended.status == .extended && extended.dueOn == until && extended.extensionCount == 1 && note == "Expert opinion requested")
    }

    @Test("The answer covers every point; the overall outcome follows from the points")
    func answer() throws {
        let accepted = try Self.appeal().applying(.accept, today: Self.registered, calendar: Self.calendar, terms: .standard).appeal
        let today = Day(year: 2026, month: 11, day: 16)
        #expect(throws: DomainError.self) { try accepted.applying(.answer([(.satisfied, "Иә")]), today: today, calendar: Self.calendar, terms: .standard) }
        #expect(throws: DomainError.self) { try accepted.applying(.answer([(.satisfied, "Иә"), (nil, "Жоқ")]), today: today, calendar: Self.calendar, terms: .standard) }
        let answered = try accepted.applying(.answer([(.satisfied, "Иә"), (.refused, "Жоқ")]), today: today, calendar: Self.calendar, terms: .standard).appeal
        #expect(answered.outcome == .partly && answered.workingDaysTaken == 10 && answered.wasOnTime == true)
        #expect(Appeal.Outcome.overall([.refused, .explained]) == .refused)
        #expect(Appeal.Outcome.overall([.explained, .explained]) == .explained)
    }

    @Test("A message without a name becomes a signal of the type its topic implies; an operator's appeal needs its reference")
    func intake() throws {
        var draft = AppealDraft()
        draft.place = "KZ-75"; draft.category = "hateSpeech"; draft.text = "Әлеуметтік желіде араздық тудыратын жазбалар."
        guard case let .anonymous(place, category, _) = try draft.validated() else { Issue.record("not a signal"); return }
        #expect(place == "KZ-75" && category.signalKind == .hateSpeechOnline)
        draft.name = "Ғалым Серікұлы"; draft.channel = "oral"
        #expect(throws: DomainError.invalid([FieldError("reference", .appealReferenceRequired)])) { try draft.validated() }
        draft.channel = "online"; draft.points = "Бірінші\n\nЕкінші\n"
        guard case let .appeal(_, _, _, _, _, points, _, _) = try draft.validated() else { Issue.record("not an appeal"); return }
        #expect(points.map(\.request) == ["Бірінші", "Екінші"])
    }
}
