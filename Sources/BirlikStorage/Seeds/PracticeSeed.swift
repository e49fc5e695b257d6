import BirlikCore
import FluentKit
import Foundation

/// The demo's base of good practices: Almaty's language clubs at the Friendship House, described in
/// Kazakh with a Russian translation, its evidence the region's course figures, reviewed by an expert,
/// verified, published and adopted by Abai region; and an association's mediation practice waiting for
/// its expert. Laid around the clock's day, stepped through the store as staff would.
public enum PracticeSeed {
    public static func loadDemo(now: Date, on db: any Database) async throws {
        guard try await GoodPracticeRecord.query(on: db).count() == 0 else { return }
        let emails = ["secretariat@birlik.kz", "almaty@birlik.kz", "abai@birlik.kz", "association@birlik.kz", "expert@birlik.kz", "expert2@birlik.kz"]
        var actors: [String: Actor] = [:]
        var ids: [String: UUID] = [:]
        for user in try await UserRecord.query(on: db).filter(\.$email ~~ emails).all() {
            actors[user.email] = try await UserStore.actor(for: user, on: db)
            ids[user.email] = user.id
        }
        guard let secretariat = actors["secretariat@birlik.kz"], let almaty = actors["almaty@birlik.kz"], let abai = actors["abai@birlik.kz"],
              let association = actors["association@birlik.kz"], let expert = actors["expert@birlik.kz"], let expertID = ids["expert@birlik.kz"],
              let secondExpertID = ids["expert2@birlik.kz"] else { return }
        let today = Day(now)
        func at(_ days: Int) -> Date { today.adding(days: days).noon }
        /// Evidence names a year no later than the day it is linked (which may fall in the year before today's).
        func yearOf(_ days: Int) -> String { String(today.adding(days: days).year) }

        var clubs = try await PracticeStore.create(PracticeDraft(domain: "language", language: "kk", region: "KZ-75", text: GoodPractice.Text(
            title: "Достық үйіндегі тіл клубтары: «Тілдарын» курсынан кейінгі тәлімгерлер",
            problem: "Мемлекеттік тіл курсын бітірген ересектердің көбі күнделікті сөйлеу ортасы болмағандықтан бір жылдың ішінде деңгейін жоғалтады.",
            method: "Курс бітірушілер апта сайын Достық үйінде тіл клубына жиналады; әр топта ана тілі қазақ тілі болатын ерікті тәлімгер бар, тақырыптар қала өмірінен алынады.",
            resources: "Достық үйінің екі аудиториясы, он екі ерікті тәлімгер, жылына 1,2 млн теңге (шай, үлестірме материалдар).",
            outcomes: "Клубқа қатысқан бітірушілер B1 деңгейін сақтады, келесі курсқа жазылғандар саны өсті; нәтижелер Birlik-тегі курс көрсеткіштерінде көрінеді.")),
            actor: almaty, on: db, now: at(-35))
        clubs = try await PracticeStore.addEvidence(clubs.id, EvidenceDraft(kind: "courses", place: "KZ-75", year: yearOf(-34),
                                                                               note: "Алматы курстарын аяқтағандар"), version: clubs.version, actor: almaty, on: db, now: at(-34))
        clubs = try await PracticeStore.addEvidence(clubs.id, EvidenceDraft(kind: "indicator", reference: "language.graduates", place: "KZ-75", year: yearOf(-34),
                                                                               note: "Мемлекеттік тіл курстарының бітірушілері"), version: clubs.version, actor: almaty, on: db, now: at(-34))
        clubs = try await PracticeStore.translate(clubs.id, into: .ru, text: GoodPractice.Text(
            title: "Языковые клубы в Доме дружбы: наставники после курса «Тілдарын»",
            problem: "Многие взрослые, окончившие курс государственного языка, за год теряют уровень, потому что им негде говорить каждый день.",
            method: "Выпускники раз в неделю собираются в языковом клубе Дома дружбы; в каждой группе есть волонтёр-наставник, для которого казахский родной, темы берутся из жизни города.",
            resources: "Две аудитории Дома дружбы, двенадцать волонтёров-наставников, 1,2 млн тенге в год (чай, раздаточные материалы).",
            outcomes: "Выпускники, ходившие в клуб, сохранили уровень B1, выросло число записавшихся на следующий курс; результаты видны в показателях курсов в Birlik."),
            version: clubs.version, actor: almaty, on: db, now: at(-33))
        clubs = try await PracticeStore.apply(.submit, to: clubs.id, version: clubs.version, actor: almaty, on: db, now: at(-32))
        let review = try await PracticeStore.assignReviewer(clubs.id, reviewerID: expertID, actor: secretariat, on: db, now: at(-31))
        var assignment = try await ReviewStore.apply(.respond(hasConflict: false, statement: ""), to: review.id, version: review.version, actor: expert, on: db, now: at(-30))
        assignment = try await ReviewStore.apply(.submit(scores: ["relevance": 9, "evidence": 7, "replicability": 9, "cost": 8, "sustainability": 8], confidence: 4,
                                                         comment: "Тәжірибе қарапайым әрі арзан; дәлелдер курс көрсеткіштерімен расталған, басқа өңірде қайталауға болады."),
                                                 to: review.id, version: assignment.version, actor: expert, on: db, now: at(-25))
        clubs = try await PracticeQueries.practice(code: clubs.code, actor: secretariat, on: db)
        clubs = try await PracticeStore.apply(.checkTranslation(.ru), to: clubs.id, version: clubs.version, actor: secretariat, on: db, now: at(-24))
        clubs = try await PracticeStore.apply(.verify, to: clubs.id, version: clubs.version, actor: secretariat, on: db, now: at(-23))
        clubs = try await PracticeStore.apply(.publish, to: clubs.id, version: clubs.version, actor: secretariat, on: db, now: at(-22))
        _ = try await PracticeStore.adopt(clubs.id, AdoptionDraft(region: "KZ-10", adoptedOn: today.adding(days: -10).description,
                                                                  result: "Семейдегі Достық үйінде екі клуб ашылды, алғашқы айда 40 бітіруші қатысты."),
                                          actor: abai, on: db, now: at(-8))

        var mediation = try await PracticeStore.create(PracticeDraft(domain: "mediation", language: "ru", region: "KZ-75", text: GoodPractice.Text(
            title: "Медиация соседских споров в многонациональных дворах",
            problem: "Бытовые споры соседей разных национальностей в старых дворах затягиваются на месяцы и доходят до жалоб в акимат и полицию.",
            method: "Ассоциация проводит во дворах встречи с участием медиатора из реестра и старейшин; соглашение подписывается на месте и проверяется через месяц.",
            resources: "Два медиатора реестра, помещение ассоциации, 20 часов работы в месяц.",
            outcomes: "Большинство споров заканчиваются соглашением в течение двух недель; повторные обращения редки. Обезличенные данные медиации подтверждают результат.")),
            actor: association, on: db, now: at(-12))
        mediation = try await PracticeStore.addEvidence(mediation.id, EvidenceDraft(kind: "mediation", place: "KZ-75", year: yearOf(-11),
                                                                                       note: "Соглашения медиации в Алматы"), version: mediation.version, actor: association,
                                                        on: db, now: at(-11))
        mediation = try await PracticeStore.apply(.submit, to: mediation.id, version: mediation.version, actor: association, on: db, now: at(-10))
        _ = try await PracticeStore.assignReviewer(mediation.id, reviewerID: secondExpertID, actor: secretariat, on: db, now: at(-2))
    }
}
