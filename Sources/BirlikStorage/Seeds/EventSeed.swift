import BirlikCore
import FluentKit
import Foundation

/// The demo's calendar, laid around the clock's day: a seminar in Almaty with three seats, two taken
/// and a waiting list one registration away; an open lecture on the state language; a friendship
/// festival held three weeks ago and reported (its participants in the month's statistics); a contest
/// stage that was cancelled (its feed says so). Done through the stores, as users would.
enum EventSeed {
    static func loadDemo(now: Date, on db: any Database) async throws {
        guard try await EventRecord.query(on: db).count() == 0 else { return }
        guard let user = try await UserRecord.query(on: db).filter(\.$email == "association@birlik.kz").first(), let organization = user.organizationID
        else { return }
        let organiser = Actor(userID: user.id, role: .association, organizationID: organization, regionCode: "KZ-75", displayName: user.displayName)
        let today = Day(now)
        let planned = today.adding(days: -40).noon
        let noLink: EventStore.RegistrationLink = { _ in "" }
        func at(_ day: Day, _ hour: Int) -> String { "\(day.description)T\(String(format: "%02d", hour)):00" }

        let seminar = try await EventStore.save(EventDraft(
            title: "Мемлекеттік тілді оқыту әдістемесі: этномәдени бірлестіктердің оқытушыларына семинар (демо)",
            description: "Тілдарын курстарының оқытушыларына арналған практикалық семинар: KAZTEST деңгейлері, сөйлеу дағдысын бағалау, сабақ үлгілері.",
            kind: Event.Kind.professional.rawValue, region: "KZ-75", venue: "Алматы, Достық үйі, Абай даңғылы 2 (кіші зал)", languages: ["kk", "ru"],
            startsAt: at(today.adding(days: 9), 10), endsAt: at(today.adding(days: 9), 13), capacity: "3",
            retentionDays: "90"), id: nil, version: 0, actor: organiser, on: db, now: planned, link: noLink)
        let confirmed = try await EventStore.apply(.confirm, to: seminar.id, version: seminar.version, actor: organiser, on: db, now: planned, link: noLink)
        for (index, person) in [("Айгүл Сәрсенова", "aigul@demo.example"), ("Виктор Ли", "viktor@demo.example")].enumerated() {
            _ = try await EventStore.register(EventRegistrationDraft(name: person.0, email: person.1, consent: true), for: confirmed.id,
                                              language: index == 0 ? .kk : .ru, actor: .anonymous, on: db, now: today.adding(days: -3 + index).noon, link: noLink)
        }

        _ = try await EventStore.save(EventDraft(
            title: "Қазақ тілі — бірлік тілі: ашық лекторий (демо)",
            description: "Тіл білімі мамандарының ашық дәрісі және сұрақ-жауап. Тіркеусіз, барлығына ашық.",
            kind: Event.Kind.apk.rawValue, region: "KZ-75", venue: "Алматы, Ұлттық кітапхана, конференц-зал", languages: ["kk"],
            startsAt: at(today.adding(days: 20), 15), endsAt: at(today.adding(days: 20), 17), retentionDays: "90"),
            id: nil, version: 0, actor: organiser, on: db, now: planned, link: noLink)

        let held = today.adding(days: -21)
        let festival = try await EventStore.save(EventDraft(
            title: "Достық фестивалі: этномәдени бірлестіктердің концерті (демо)",
            description: "Алматының этномәдени бірлестіктерінің ұлттық ән-би концерті мен қолөнер көрмесі.",
            kind: Event.Kind.regional.rawValue, region: "KZ-75", venue: "Алматы, Республика сарайы", languages: ["kk", "ru"],
            startsAt: at(held, 17), endsAt: at(held, 20), retentionDays: "90"), id: nil, version: 0, actor: organiser, on: db, now: planned, link: noLink)
        var current = try await EventStore.apply(.confirm, to: festival.id, version: festival.version, actor: organiser, on: db, now: planned, link: noLink)
        current = try await EventStore.apply(.hold, to: current.id, version: current.version, actor: organiser, on: db, now: held.end, link: noLink)
        let report = try EventReportDraft(women: "64", men: "51", mediaLinks: "https://kazinform.kz/", note: "Он екі бірлестік қатысты.")
            .validated(keeping: [], on: held.adding(days: 2))
        do {
            _ = try await EventStore.apply(.report(report), to: current.id, version: current.version, actor: organiser, on: db,
                                           now: held.adding(days: 2).noon, link: noLink)
        } catch DomainError.conflict(.statisticsLocked) {
            // The month's figures are approved: the report waits for the coordinator to reopen them.
        }

        let stage = try await EventStore.save(EventDraft(
            title: "«Шаңырақ» этножурналистика байқауының өңірлік кезеңі (демо)",
            kind: Event.Kind.apk.rawValue, region: "KZ-75", venue: "Алматы, Баспасөз үйі", languages: ["kk", "ru"],
            startsAt: at(today.adding(days: 5), 11), endsAt: at(today.adding(days: 5), 14), retentionDays: "90"),
            id: nil, version: 0, actor: organiser, on: db, now: planned, link: noLink)
        _ = try await EventStore.apply(.cancel(reason: "Байқаудың республикалық кезеңімен біріктірілді."), to: stage.id, version: stage.version,
                                       actor: organiser, on: db, now: today.adding(days: -1).noon, link: noLink)
    }
}
