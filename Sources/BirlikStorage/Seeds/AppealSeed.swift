import BirlikCore
import FluentKit
import Foundation

/// The demo's appeals: three months of them before the clock's day, in several regions, at every stage
/// (answered on time and late, extended, forwarded, open and overdue, just registered). Each goes through
/// the same steps (`Appeal.applying`) and records the same events as a real one; all are written in one
/// audited transaction. Laid around the clock's day, so the story is the same on any date.
enum AppealSeed {
    struct Story {
        var place: String
        var category: Appeal.Category
        var daysAgo: Int
        /// The steps, each with the working days after registration it was taken on.
        var steps: [(AppealStep, Int)]
        var text: String
        var points: [String]
    }

    static let texts: [(Appeal.Category, String, [String])] = [
        (.language, "Ауданымыздағы мектепте қазақ тілі үйірмесі жабылды, балалар қай жерде оқи алады?", ["Үйірмені қайта ашу", "Уақытша оқу орнын көрсету"]),
        (.cultureAndTraditions, "Просим выделить помещение для репетиций ансамбля этнокультурного центра.", ["Выделить помещение на 2 дня в неделю"]),
        (.interethnicRelations, "Во дворе жилого комплекса конфликт между соседями перерос в оскорбления по национальному признаку.", ["Провести встречу с участием медиатора", "Сообщить участковому"]),
        (.discrimination, "При приёме на работу мне отказали, сославшись на мою национальность.", ["Проверить факт", "Разъяснить порядок обжалования"]),
        (.otherBody, "Прошу отремонтировать дорогу к Дому дружбы.", ["Ремонт дороги"]),
        (.religion, "Мешіт пен шіркеу жанындағы автотұрақ мәселесі бойынша көршілер арасында келіспеушілік бар.", ["Кездесу ұйымдастыру"]),
    ]

    static let places = ["KZ-75", "KZ-71", "KZ-79", "KZ-75-01", "KZ-10", "KZ-55", "KZ-39", "KZ-75"]

    /// The stories: (age in calendar days, the steps and when).
    static func stories() -> [Story] {
        let answered: [(AppealStep, Int)] = [(.accept, 1), (.startReview, 3)]
        var stories: [Story] = []
        for index in 0..<32 {
            let (category, text, points) = texts[index % texts.count]
            let age = 92 - index * 3
            var steps: [(AppealStep, Int)] = []
            let answers = points.enumerated().map { offset, _ in (outcome: Optional(offset == 0 ? Appeal.Outcome.satisfied : index % 3 == 0 ? .refused : .explained),
                                                                   text: "Жауап берілді / Ответ дан.") }
            if category == .otherBody {
                steps = [(.forward(body: "Әкімдіктің жолаушылар көлігі және автомобиль жолдары бөлімі"), index % 4 == 0 ? 5 : 2)]
            } else if age > 40 {
                // Old enough to be answered: most on time, every fifth after an extension, every seventh late.
                if index % 5 == 0 {
                    steps = answered + [(.extend(until: Day(year: 1970, month: 1, day: 1), reason: "Сараптама қорытындысы сұралды / Запрошено заключение эксперта"), 12), (.answer(answers), 22)]
                } else {
                    steps = answered + [(.answer(answers), index % 7 == 0 ? 18 : 9 + index % 5)]
                }
                if index % 4 == 1 { steps.append((.close(note: ""), 25)) }
            } else if age > 20 {
                steps = answered
            } else if age > 8 {
                steps = [(.accept, 1)]
            }
            stories.append(Story(place: places[index % places.count], category: category, daysAgo: age, steps: steps, text: text, points: points))
        }
        return stories
    }

    /// Loads the stories once (skipped when the demo has appeals already). Demo rows carry negative sequence
    /// numbers (and a `D` in their registration number), so real appeals are numbered from 1 beside them.
    static func loadDemo(clock: BirlikClock, on db: any Database) async throws {
        guard try await AppealRecord.query(on: db).filter(\.$isDemo == true).count() == 0 else { return }
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        let terms = AppealTerms.standard
        let today = clock.today
        // The demo citizen follows two online appeals in their account ("My appeals").
        let citizenEmail = DemoSeed.users.first { $0.role == .citizen }?.email ?? ""
        let citizen = try await UserRecord.query(on: db).filter(\.$email == citizenEmail).first()?.id
        try await AuditLog.write(on: db, actor: .system, now: clock.now) { audit in
            var followed = 0
            var sequences: [Int: Int] = [:]
            var written = 0
            for story in stories() {
                let registeredOn = calendar.adding(workingDays: 0, to: today.adding(days: -story.daysAgo))
                guard registeredOn < today, let office = try await AppealStore.route(place: story.place, on: audit.db) else { continue }
                let sequence = (sequences[registeredOn.year] ?? 0) + 1
                sequences[registeredOn.year] = sequence
                let registeredAt = registeredOn.noon.addingTimeInterval(-3 * 3600)
                var appeal = Appeal(id: UUID(), number: String(format: "%04d-D%05d", registeredOn.year, sequence), channel: sequence % 3 == 0 ? .eAppeals : .online,
                                    reference: sequence % 3 == 0 ? "ЖТ-Т-\(40_000 + sequence)" : "", applicant: Applicant(name: "Өтініш иесі \(sequence) (демо)"),
                                    language: story.text.contains("қ") || story.text.contains("ә") ? .kk : .ru, place: story.place, category: story.category,
                                    text: story.text, points: story.points.map { Appeal.Point(request: $0) }, mayPublish: sequence % 2 == 0,
                                    status: .registered, organizationID: office, registeredAt: registeredAt,
                                    dueOn: calendar.adding(workingDays: terms.answerDays, to: registeredOn), isDemo: true)
                var events = [AppealEvent(appealID: appeal.id, sequence: 1, at: registeredAt, status: .registered, note: "", dueOn: appeal.dueOn, actor: "")]
                for (step, after) in story.steps {
                    let day = calendar.adding(workingDays: after, to: registeredOn)
                    guard day < today else { break }
                    var step = step
                    if case let .extend(_, reason) = step { step = .extend(until: calendar.adding(workingDays: 10, to: appeal.dueOn), reason: reason) }
                    let (next, note) = try appeal.applying(step, today: day, calendar: calendar, terms: terms)
                    appeal = next
                    events.append(AppealEvent(appealID: appeal.id, sequence: events.count + 1, at: day.noon, status: appeal.status, note: note,
                                              dueOn: appeal.status.isOpen ? appeal.dueOn : nil, actor: "Демо қызметкер"))
                }
                let follower = appeal.channel == .online && followed < 2 ? citizen : nil
                if follower != nil { followed += 1 }
                try await AppealRecord(appeal, sequence: -sequence, tokenHash: TokenStore.hash(TokenStore.randomToken()), followerUserID: follower).create(on: audit.db)
                for event in events { try await AppealEventRecord(event).create(on: audit.db) }
                written += 1
            }
            try await audit.record("seed", "appeal", id: "demo-appeals", before: Nothing?.none, after: ["appeals": written])
        }
    }
}
