import BirlikCore
import FluentKit
import Foundation

/// The demo's youth initiative: Almaty's volunteers at the "Бірлік" festival — shifts three weeks before
/// the clock's day (signed up for, then verified by the organiser: present with their hours, one absent)
/// and shifts next month open for sign-up. One volunteer is a minor with a guardian's consent.
public enum YouthSeed {
    public static func loadDemo(now: Date, on db: any Database) async throws {
        guard try await YouthInitiativeRecord.query(on: db).count() == 0,
              let user = try await UserRecord.query(on: db).filter(\.$email == "almaty@birlik.kz").first() else { return }
        let organiser = try await UserStore.actor(for: user, on: db)
        let today = Day(now)
        let past = today.adding(days: -21), next = today.adding(days: 30)
        var initiative = try await YouthStore.create(YouthInitiativeDraft(
            title: "«Бірлік» фестивалінің еріктілері", description: "Халықтар достығы фестиваліне көмектесетін еріктілер: қонақтарды қарсы алу, балаларға шеберханалар, тіл алаңы.",
            region: "KZ-75", shifts: """
            Қонақтарды қарсы алу | \(past) | 4 | 4
            Балалар шеберханасы | \(past) | 5 | 2
            Қонақтарды қарсы алу | \(next) | 4 | 6
            Тіл алаңы | \(next) | 3 | 3
            """), actor: organiser, on: db, now: past.adding(days: -20).noon)
        initiative = try await YouthStore.apply(.open, to: initiative.id, version: initiative.version, actor: organiser, on: db, now: past.adding(days: -19).noon)
        let welcome = initiative.positions[0].shifts[0], workshop = initiative.positions[1].shifts[0]
        let visitor = Actor.anonymous
        let signUps: [(String, Int, String, UUID)] = [("Айару Смағұлова", today.year - 19, "", welcome.id), ("Тимур Ким", today.year - 16, "Ким Ольга", welcome.id),
                                                      ("Дана Әбілова", today.year - 22, "", workshop.id), ("Арман Жақсылықов", today.year - 20, "", welcome.id)]
        var participations: [Participation] = []
        for (index, (name, year, guardian, shift)) in signUps.enumerated() {
            let (_, participation) = try await YouthStore.signUp(SignUpDraft(name: name, birthYear: String(year), guardianName: guardian, parentalConsent: !guardian.isEmpty,
                                                                             consent: true, shift: shift.uuidString),
                                                                 volunteerToken: nil, for: initiative.id, actor: visitor, on: db, now: past.adding(days: -15 + index).noon)
            participations.append(participation)
        }
        initiative = try await YouthStore.apply(.start, to: initiative.id, version: initiative.version, actor: organiser, on: db, now: past.noon)
        for (index, participation) in participations.enumerated() {
            let hours = participation.shiftID == workshop.id ? 5 : 4
            _ = try await YouthStore.verify(participation.id, present: index != 3, hours: index == 1 ? 3 : hours, version: participation.version, actor: organiser,
                                            on: db, now: past.adding(days: 1).noon)
        }
    }
}
