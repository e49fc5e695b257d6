import BirlikCore
import FluentKit
import Foundation

/// The demo's media plan around the clock's day: the Almaty association's items (one published on time,
/// one overdue, one still to come, one cancelled) and the region's coordinator's item on the seminar.
enum MediaPlanSeed {
    static func loadDemo(now: Date, on db: any Database) async throws {
        guard try await MediaPlanRecord.query(on: db).count() == 0 else { return }
        var actors: [String: Actor] = [:]
        for user in try await UserRecord.query(on: db).filter(\.$email ~~ ["association@birlik.kz", "almaty@birlik.kz"]).all() {
            actors[user.email] = try await UserStore.actor(for: user, on: db)
        }
        guard let association = actors["association@birlik.kz"], let almaty = actors["almaty@birlik.kz"] else { return }
        let today = Day(now)
        let seminar = try await EventRecord.query(on: db).all().compactMap(\.value).first { $0.capacity != nil }?.code ?? ""
        let planned = today.adding(days: -20).noon
        func add(_ actor: Actor, _ day: Day, _ channel: MediaPlanItem.Channel, _ topic: String, _ language: String, event: String = "") async throws -> MediaPlanItem {
            try await MediaPlanStore.save(MediaPlanDraft(plannedOn: day.description, channel: channel.rawValue, topic: topic, language: language, region: "KZ-75",
                                                         eventCode: event), id: nil, version: 0, actor: actor, on: db, now: planned)
        }
        let festival = try await add(association, today.adding(days: -18), .online, "Достық фестивалінің анонсы (демо)", "kk")
        _ = try await MediaPlanStore.apply(.publish(url: "https://kazinform.kz/", title: "Алматыда Достық фестивалі өтеді", publishedOn: today.adding(days: -19).description),
                                           to: festival.id, version: festival.version, actor: association, on: db, now: today.adding(days: -19).noon)
        let overdue = try await add(association, today.adding(days: -4), .social, "Фестиваль қорытындысы: фотосурет пен бейне (демо)", "ru")
        _ = try await MediaPlanStore.apply(.start, to: overdue.id, version: overdue.version, actor: association, on: db, now: today.adding(days: -6).noon)
        _ = try await add(almaty, today.adding(days: 6), .tv, "«Тілдарын» семинары туралы сюжет (демо)", "kk", event: seminar)
        let radio = try await add(association, today.adding(days: -10), .radio, "Радиодағы сұхбат (демо)", "ru")
        _ = try await MediaPlanStore.apply(.cancel(reason: "Эфир уақыты ауыстырылды; келесі тоқсанға жоспарланады."), to: radio.id, version: radio.version,
                                           actor: association, on: db, now: today.adding(days: -12).noon)
    }
}
