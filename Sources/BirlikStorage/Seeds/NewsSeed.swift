import BirlikCore
import FluentKit
import Foundation

/// The demo's news, laid around the clock's day: the Secretariat's item on the Day of the Languages
/// published in three languages, Almaty's item on the seminar with its Russian translation still in
/// progress, and one scheduled for tomorrow morning. Done through the store, as editors would.
enum NewsSeed {
    static func loadDemo(now: Date, on db: any Database) async throws {
        guard try await NewsRecord.query(on: db).count() == 0 else { return }
        let emails = ["secretariat@birlik.kz", "almaty@birlik.kz"]
        var actors: [String: Actor] = [:]
        for user in try await UserRecord.query(on: db).filter(\.$email ~~ emails).all() { actors[user.email] = try await UserStore.actor(for: user, on: db) }
        guard let secretariat = actors["secretariat@birlik.kz"], let almaty = actors["almaty@birlik.kz"] else { return }
        let seminar = try await EventRecord.query(on: db).all().compactMap(\.value).first { $0.capacity != nil }?.code ?? ""
        let today = Day(now)

        let languages = NewsDraft(region: RegionCode.republic, originalLanguage: "kk", texts: [
            .kk: ("Тілдер күні: ел бойынша 1200-ден астам іс-шара (демо)", "Қазақстан халқы тілдерінің күніне арналған апталық қорытындысы.",
                  "Қазақстан халқы тілдерінің күні барлық өңірде атап өтілді: ашық сабақтар, «Тілдарын» курстарының түлектерімен кездесулер, этномәдени бірлестіктердің кештері.\n\nАссамблея хатшылығы өңірлердің есептерін жинап, жыл қорытындысында жариялайды.", "ready"),
            .ru: ("День языков: более 1200 мероприятий по стране (демо)", "Итоги недели, посвящённой Дню языков народа Казахстана.",
                  "День языков народа Казахстана отметили во всех регионах: открытые уроки, встречи с выпускниками курсов «Тілдарын», вечера этнокультурных объединений.\n\nСекретариат Ассамблеи соберёт отчёты регионов и опубликует итоги года.", "ready"),
            .en: ("Day of the Languages: over 1,200 events across the country (demo)", "The week devoted to the Day of the Languages of the People of Kazakhstan.",
                  "The Day of the Languages of the People of Kazakhstan was marked in every region: open lessons, meetings with graduates of the Tildaryn courses, evenings of the ethnocultural associations.\n\nThe Secretariat of the Assembly will gather the regions' reports and publish the year's results.", "ready"),
        ], tags: "KZ")
        let first = try await NewsStore.save(languages, id: nil, version: 0, actor: secretariat, on: db, now: today.adding(days: -6).noon)
        _ = try await NewsStore.apply(.publishNow, to: first.id, version: first.version, actor: secretariat, on: db, now: today.adding(days: -6).noon)

        let almatyItem = NewsDraft(region: "KZ-75", originalLanguage: "kk", texts: [
            .kk: ("Алматыда «Тілдарын» оқытушыларына семинар өтеді (демо)", "Тіркеу ашық, орын саны шектеулі.",
                  "Достық үйінде мемлекеттік тілді оқыту әдістемесі бойынша практикалық семинар өтеді. Тіркелу — іс-шара бетінде; орын біткенде күту тізімі ашылады.", "ready"),
            .ru: ("В Алматы пройдёт семинар для преподавателей «Тілдарын» (демо)", "", "Перевод готовится.", "draft"),
        ], tags: "KZ-75, \(seminar)")
        let second = try await NewsStore.save(almatyItem, id: nil, version: 0, actor: almaty, on: db, now: today.adding(days: -2).noon)
        _ = try await NewsStore.apply(.publishNow, to: second.id, version: second.version, actor: almaty, on: db, now: today.adding(days: -2).noon)

        let tomorrow = NewsDraft(region: "KZ-75", originalLanguage: "ru", texts: [
            .ru: ("Итоги фестиваля дружбы (демо)", "", "Двенадцать объединений, 115 участников: отчёт о фестивале опубликован в календаре мероприятий.", "ready"),
        ], tags: "KZ-75")
        let third = try await NewsStore.save(tomorrow, id: nil, version: 0, actor: almaty, on: db, now: now)
        _ = try await NewsStore.apply(.schedule(today.adding(days: 1).start.addingTimeInterval(9 * 3600)), to: third.id, version: third.version, actor: almaty,
                                      on: db, now: now)
    }
}
