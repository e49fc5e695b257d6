import BirlikCore
import FluentKit
import Foundation

/// The demo's encyclopedia: three articles written and approved through the store as editors would, one
/// with a newer revision waiting for approval (readers still see the approved one).
enum EncyclopediaSeed {
    static func loadDemo(now: Date, on db: any Database) async throws {
        guard try await ArticleRecord.query(on: db).count() == 0 else { return }
        var actors: [String: Actor] = [:]
        for user in try await UserRecord.query(on: db).filter(\.$email ~~ ["secretariat@birlik.kz", "almaty@birlik.kz"]).all() {
            actors[user.email] = try await UserStore.actor(for: user, on: db)
        }
        guard let secretariat = actors["secretariat@birlik.kz"], let almaty = actors["almaty@birlik.kz"] else { return }
        let written = Day(now).adding(days: -30).noon

        let (languages, kk) = try await EncyclopediaStore.create(ArticleDraft(
            slug: "tilder-kuni", language: "kk", title: "Қазақстан халқы тілдерінің күні",
            text: "Қазақстан халқы тілдерінің күні жыл сайын 5 қыркүйекте — Ахмет Байтұрсынұлының туған күнінде атап өтіледі.\n\nМерекенің мақсаты — мемлекеттік тілді дамыту және елдегі этностардың тілдерін құрметтеу. Осы күні мектептерде, тіл орталықтарында және Достық үйлерінде ашық сабақтар мен байқаулар өтеді.",
            comment: "Мақаланың алғашқы нұсқасы"), actor: secretariat, on: db, now: written)
        _ = try await EncyclopediaStore.approve(kk.id, actor: secretariat, on: db, now: written)
        let ru = try await EncyclopediaStore.revise(languages.id, ArticleDraft(language: "ru", title: "День языков народа Казахстана",
            text: "День языков народа Казахстана отмечается ежегодно 5 сентября — в день рождения Ахмета Байтурсынулы.\n\nЦель праздника — развитие государственного языка и уважение к языкам всех этносов страны. В этот день в школах, языковых центрах и Домах дружбы проходят открытые уроки и конкурсы.",
            comment: "Перевод на русский язык"), parent: nil, actor: secretariat, on: db, now: written.addingTimeInterval(3600))
        _ = try await EncyclopediaStore.approve(ru.id, actor: secretariat, on: db, now: written.addingTimeInterval(3600))

        let (nauryz, first) = try await EncyclopediaStore.create(ArticleDraft(
            slug: "nauryz-meiramy", language: "kk", title: "Наурыз мейрамы",
            text: "Наурыз — көктем мен жаңару мерекесі, 21–23 наурызда атап өтіледі.\n\nМерекеде наурыз көже әзірленеді, алтыбақан құрылады, үлкендерге сәлем беріледі.",
            comment: "Мақаланың алғашқы нұсқасы"), actor: secretariat, on: db, now: written.addingTimeInterval(7200))
        _ = try await EncyclopediaStore.approve(first.id, actor: secretariat, on: db, now: written.addingTimeInterval(7200))
        _ = try await EncyclopediaStore.revise(nauryz.id, ArticleDraft(language: "kk", title: "Наурыз мейрамы",
            text: "Наурыз — көктем мен жаңару мерекесі, 21–23 наурызда атап өтіледі; 22 наурыз — негізгі күні.\n\nМерекеде наурыз көже әзірленеді, алтыбақан құрылады, үлкендерге сәлем беріледі.\n\nҚазақстан халқы Ассамблеясы Наурызды барлық этностардың ортақ мерекесі ретінде өткізеді.",
            comment: "Негізгі күн мен Ассамблеяның рөлі қосылды"), parent: first.id, actor: almaty, on: db, now: Day(now).adding(days: -1).noon)

        let (assembly, ruFirst) = try await EncyclopediaStore.create(ArticleDraft(
            slug: "assambleya-naroda-kazakhstana", language: "ru", title: "Ассамблея народа Казахстана",
            text: "Ассамблея народа Казахстана основана 1 марта 1995 года. Она объединяет этнокультурные объединения страны и работает над укреплением общественного согласия и общенационального единства.",
            comment: "Первая версия статьи"), actor: secretariat, on: db, now: written.addingTimeInterval(10_800))
        _ = try await EncyclopediaStore.approve(ruFirst.id, actor: secretariat, on: db, now: written.addingTimeInterval(10_800))
        _ = assembly
    }
}
