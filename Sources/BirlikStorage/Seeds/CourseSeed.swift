import BirlikCore
import FluentKit
import Foundation

/// The demo's courses: Almaty's Friendship House runs a "Тілдарын" course to B1. Its first group
/// finished a week ago (attendance marked session by session, three learners certified at B1, one who
/// did not pass, one who left); its second group starts next week and is taking enrolments. Laid out
/// around the clock's day through the store, as staff would.
public enum CourseSeed {
    public static func loadDemo(now: Date, dataDirectory: String, on db: any Database) async throws {
        guard try await CourseRecord.query(on: db).count() == 0,
              let house = try await OrganizationRecord.query(on: db).filter(\.$code == "friendship-house-kz-75").first(), let houseID = house.id else { return }
        let staff = Actor(userID: houseID, role: .association, organizationID: houseID, regionCode: house.regionCode, displayName: "Алматы Достық үйі")
        let today = Day(now)
        let opened = today.adding(days: -70).noon
        let course = try await CourseStore.save(CourseDraft(
            kind: "stateLanguage", audience: "public", title: "Тілдарын: A2 деңгейінен B1 деңгейіне дейін",
            description: "Ересектерге арналған мемлекеттік тілді жеделдетіп оқыту курсы: сөйлеу, тыңдау, оқу және жазу; аптасына үш сабақ.",
            region: house.regionCode, targetLevel: "B1", format: "inPerson", instructionLanguage: "ru", hours: "72", minAttendance: "70", validityMonths: "36"),
            id: nil, version: 0, actor: staff, on: db, now: opened)

        // The first group: Monday, Wednesday and Friday evenings, 24 sessions, finished.
        let first = try await CourseStore.addGroup(CourseGroupDraft(
            teacher: "Айгүл Сейітова", venue: "Алматы, Достық үйі, 12-аудитория", firstDay: today.adding(days: -63).description, weekdays: [0, 2, 4],
            startTime: "18:30", minutes: "90", sessions: "24", capacity: "5"), to: course.id, actor: staff, on: db, now: opened)
        let vault = try VaultKeys.vault(.learners, dataDirectory: dataDirectory)
        var learners: [Enrolment] = []
        for (index, (name, age, entry, ethnicity)) in [("Ольга Ким", "30-44", "A2", "koreans"), ("Сергей Иванов", "45-59", "A2", ""),
                                                       ("Анна Шмидт", "18-29", "A1", "germans"), ("Дмитрий Пак", "30-44", "", ""), ("Елена Ли", "60+", "A2", "")].enumerated() {
            learners.append(try await CourseStore.enrol(EnrolmentDraft(name: name, ageBand: age, ethnicity: ethnicity, entryLevel: entry, consent: true), in: first.id, vault: vault,
                                                        actor: staff, on: db, now: today.adding(days: -65 + index).noon))
        }
        let calendar = try await WorkingCalendarStore.calendar(on: db)
        let days = first.sessionDays(calendar)
        var group = first
        for (index, day) in days.enumerated() where day < today {
            // Elena left after the sixth session; Sergey missed every fifth; Dmitry every fourth.
            let present = Set(learners.enumerated().filter { position, _ in
                switch position {
                case 4: index < 6
                case 1: index % 5 != 4
                case 3: index % 4 != 3
                default: true
                }
            }.map(\.element.id))
            group = try await CourseStore.markAttendance(first.id, session: index + 1, present: present, version: group.version, actor: staff, on: db,
                                                         now: day.noon.addingTimeInterval(8 * 3600))
            if index == 6 {
                let elena = try await current(learners[4].id, on: db)
                _ = try await CourseStore.dropOut(elena.id, version: elena.version, actor: staff, on: db, now: day.noon)
            }
        }
        let assessed = (days.last ?? today).adding(days: 1)
        guard assessed < today else { return }
        for (position, scores) in [(0, [82, 78, 74, 70, 85]), (1, [75, 71, 66, 62, 68]), (2, [64, 61, 60, 63, 66]), (3, [72, 58, 65, 61, 70])] {
            let learner = try await current(learners[position].id, on: db)
            let draft = ResultDraft(scores: Dictionary(uniqueKeysWithValues: zip(LanguageSkill.allCases, scores.map(String.init))))
            _ = try await CourseStore.recordResult(draft, for: learner.id, version: learner.version, actor: staff, on: db, now: assessed.noon)
        }

        // The second group starts next week and takes enrolments.
        let second = try await CourseStore.addGroup(CourseGroupDraft(
            teacher: "Ержан Омаров", venue: "Алматы, Достық үйі, 7-аудитория", firstDay: today.adding(days: 7).description, weekdays: [1, 3],
            startTime: "19:00", minutes: "90", sessions: "24", capacity: "12"), to: course.id, actor: staff, on: db, now: today.adding(days: -3).noon)
        for (index, name) in ["Марина Цой", "Виктор Гофман", "Лейла Алиева"].enumerated() {
            _ = try await CourseStore.enrol(EnrolmentDraft(name: name, ageBand: "18-29", consent: true), in: second.id, vault: vault, actor: staff, on: db,
                                            now: today.adding(days: -2 + index / 2).noon)
        }
    }

    static func current(_ id: UUID, on db: any Database) async throws -> Enrolment {
        guard let value = try await EnrolmentRecord.find(id, on: db)?.value else { throw DomainError.notFound }
        return value
    }
}
