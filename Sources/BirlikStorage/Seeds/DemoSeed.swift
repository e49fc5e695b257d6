import BirlikCore
import FluentKit
import Foundation

/// A clearly marked demo data set: associations, Friendship Houses, ethno-educational complexes,
/// councils and NGOs in every region, people in them, and one user per role. Every record carries
/// `isDemo`, and pages show it with a "demo" badge.
public enum DemoSeed {
    /// A fresh password for the demo users of one installation: 3 groups of 5 letters and digits, about
    /// 77 bits, generated at the first start and never the same on two machines.
    public static func generatePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        while true {
            let groups = (0..<3).map { _ in String((0..<5).map { _ in alphabet.randomElement(using: &generator) ?? "x" }) }
            let password = "Birlik-" + groups.joined(separator: "-")
            // Drawn again until every demo user could have chosen it (letters and digits, no part of an address).
            if users.allSatisfy({ PasswordPolicy.problem(password, email: $0.email) == nil }) { return password }
        }
    }

    /// The demo users: e-mail, role, organisation code, display name.
    public static let users: [(email: String, role: Role, organization: String?, name: String)] = [
        ("admin@birlik.kz", .admin, "apk-secretariat", "Әкімші (демо)"),
        ("secretariat@birlik.kz", .secretariat, "apk-secretariat", "Айгүл Сәрсенова (демо)"),
        ("almaty@birlik.kz", .regionalCoordinator, "public-accord-kz-75", "Ерлан Қасымов (демо)"),
        ("abai@birlik.kz", .regionalCoordinator, "public-accord-kz-10", "Гүлнар Әбенова (демо)"),
        ("executor@birlik.kz", .executor, "mci", "Данияр Жұмабеков (демо)"),
        ("akimat@birlik.kz", .executor, "akimat-kz-75", "Әлия Нұрланова (демо)"),
        ("council@birlik.kz", .councilMember, "council-kz-75", "Сәуле Төлегенова (демо)"),
        ("mediator@birlik.kz", .mediator, "apk-mediation-centre", "Марат Ибраев (демо)"),
        ("association@birlik.kz", .association, "association-kz-75-1", "Ольга Ким (демо)"),
        ("citizen@birlik.kz", .citizen, nil, "Азамат (демо)"),
        ("expert@birlik.kz", .expert, "apk-expert-council", "Бауыржан Омаров (демо)"),
        ("expert2@birlik.kz", .expert, "apk-expert-council", "Наталья Ли (демо)"),
        ("expert3@birlik.kz", .expert, "apk-expert-council", "Гүлмира Сейітова (демо)"),
    ]

    /// A demo BIN: a registration in April 2015 (`1504`), a resident legal entity (`40`), a serial and
    /// its check digit (serials whose digits admit none are skipped).
    static func demoBIN(_ serial: Int) -> String {
        for bump in 0..<20 {
            let first = "150440" + String(format: "%05d", (serial * 20 + bump) % 100_000)
            if let check = IdentificationNumber.checkDigit(first.compactMap(\.wholeNumberValue)) { return first + String(check) }
        }
        return "150440000019"
    }

    /// Loads the demo set once (skipped when it is already there). Needs the reference data.
    /// The current plans, reports, signals and statistics are laid around `clock`'s day.
    /// Every demo user gets `password` (generated per installation, or fixed by `BIRLIK_DEMO_PASSWORD`).
    public static func load(hasher: any PasswordHashing, clock: BirlikClock, password: String, on db: any Database) async throws {
        guard try await UserRecord.query(on: db).filter(\.$isDemo == true).count() == 0 else {
            try await ControlLoopSeed.load(now: clock.now, on: db)
            try await StatisticsSeed.loadDemo(today: clock.today, on: db)
            try await AppealSeed.loadDemo(clock: clock, on: db)
            try await MediationSeed.loadDemo(now: clock.now, on: db)
            try await CharitySeed.loadDemo(now: clock.now, on: db)
            try await GrantSeed.loadDemo(now: clock.now, on: db)
            try await EventSeed.loadDemo(now: clock.now, on: db)
            try await NewsSeed.loadDemo(now: clock.now, on: db)
            try await EncyclopediaSeed.loadDemo(now: clock.now, on: db)
            try await MediaPlanSeed.loadDemo(now: clock.now, on: db)
            return
        }
        let organizations = try await AuditLog.write(on: db, actor: .system, now: clock.now) { audit in
            var codes: [String: UUID] = [:]
            for record in try await OrganizationRecord.query(on: audit.db).all() { codes[record.code] = record.id }
            let organizations = demoOrganizations(codes: codes)
            try await ReferenceSeed.insert(organizations, on: audit.db)
            let people = demoPeople(for: organizations)
            for start in stride(from: 0, to: people.count, by: 500) {
                try await people[start..<min(start + 500, people.count)].enumerated()
                    .map { PersonRecord($0.element, sortOrder: $0.offset) }.create(on: audit.db)
            }
            try await audit.record("seed", "demo", id: "demo-data", before: Nothing?.none,
                                   after: ["organizations": organizations.count, "people": people.count])
            return organizations
        }
        _ = organizations
        for user in users {
            _ = try await UserStore.create(email: user.email, password: password, role: user.role,
                                           organizationCode: user.organization, displayName: user.name, isDemo: true,
                                           hasher: hasher, actor: .system, on: db, now: clock.now)
        }
        try await ControlLoopSeed.load(now: clock.now, on: db)
        try await StatisticsSeed.loadDemo(today: clock.today, on: db)
        try await AppealSeed.loadDemo(clock: clock, on: db)
        try await MediationSeed.loadDemo(now: clock.now, on: db)
        try await CharitySeed.loadDemo(now: clock.now, on: db)
        try await GrantSeed.loadDemo(now: clock.now, on: db)
        try await EventSeed.loadDemo(now: clock.now, on: db)
        try await NewsSeed.loadDemo(now: clock.now, on: db)
        try await EncyclopediaSeed.loadDemo(now: clock.now, on: db)
        try await MediaPlanSeed.loadDemo(now: clock.now, on: db)
    }

    static let associations: [(group: String, kk: String, ru: String, en: String)] = [
        ("koreans", "Корей этномәдени орталығы", "Корейский этнокультурный центр", "Korean Ethnocultural Centre"),
        ("russians", "Орыс мәдени орталығы", "Русский культурный центр", "Russian Cultural Centre"),
        ("uzbeks", "Өзбек этномәдени орталығы", "Узбекский этнокультурный центр", "Uzbek Ethnocultural Centre"),
        ("ukrainians", "Украин этномәдени бірлестігі", "Украинское этнокультурное объединение", "Ukrainian Ethnocultural Association"),
        ("uyghurs", "Ұйғыр этномәдени орталығы", "Уйгурский этнокультурный центр", "Uyghur Ethnocultural Centre"),
        ("germans", "Неміс этномәдени орталығы", "Немецкий этнокультурный центр", "German Ethnocultural Centre"),
        ("tatars", "Татар этномәдени орталығы", "Татарский этнокультурный центр", "Tatar Ethnocultural Centre"),
        ("azerbaijanis", "Әзербайжан этномәдени орталығы", "Азербайджанский этнокультурный центр", "Azerbaijani Ethnocultural Centre"),
        ("turks", "Түрік этномәдени орталығы", "Турецкий этнокультурный центр", "Turkish Ethnocultural Centre"),
        ("dungans", "Дүнген этномәдени бірлестігі", "Дунганское этнокультурное объединение", "Dungan Ethnocultural Association"),
    ]

    static func demoOrganizations(codes: [String: UUID]) -> [Organization] {
        var result: [Organization] = []
        let topLevel = ReferenceData.regions.filter { $0.kind == .region || $0.kind == .city }
        for (index, region) in topLevel.enumerated() {
            let suffix = region.code.lowercased()
            let center = region.center
            let assembly = codes["assembly-\(suffix)"]
            let house = Organization(
                code: "friendship-house-\(suffix)", type: .friendshipHouse,
                name: LocalizedText(kk: "\(center.kk ?? "") Достық үйі", ru: "Дом дружбы (\(center.ru ?? ""))", en: "\(center.en ?? "") Friendship House"),
                description: LocalizedText(kk: "Этномәдени бірлестіктердің ортақ үйі.", ru: "Общий дом этнокультурных объединений.",
                                           en: "The shared home of the region's ethnocultural associations."),
                regionCode: region.code, parentID: assembly,
                contacts: Contacts(address: "\(center.ru ?? ""), ул. Бірлік, 1", phone: "+7 (700) 000-00-\(String(format: "%02d", index))",
                                   email: "dostyq.\(suffix)@example.kz"),
                languages: [.kk, .ru], ethnicGroups: ["kazakhs", "russians", associations[index % associations.count].group],
                isDemo: true)
            result.append(house)
            for offset in 0..<3 {
                let association = associations[(index + offset) % associations.count]
                let ethnicLanguage: [Language] = [.kk, .ru]
                result.append(Organization(
                    code: "association-\(suffix)-\(offset + 1)", type: .ethnoculturalAssociation,
                    name: LocalizedText(kk: "\(association.kk) (\(center.kk ?? ""))", ru: "\(association.ru) (\(center.ru ?? ""))",
                                        en: offset == 2 ? nil : "\(association.en) (\(center.en ?? ""))"),
                    regionCode: region.code, parentID: house.id,
                    contacts: Contacts(email: "\(association.group).\(suffix)@example.kz"), bin: demoBIN(index * 3 + offset),
                    languages: ethnicLanguage, ethnicGroups: [association.group], isDemo: true))
            }
            result.append(Organization(
                code: "ethno-complex-\(suffix)", type: .ethnoEducationalComplex,
                name: LocalizedText(kk: "Этноағарту кешені (\(center.kk ?? ""))", ru: "Этнообразовательный комплекс (\(center.ru ?? ""))",
                                    en: "Ethno-educational complex (\(center.en ?? ""))"),
                description: LocalizedText(kk: "«Тілдарын» әдістемесі бойынша мемлекеттік тілді жеделдетіп оқыту.",
                                           ru: "Ускоренное обучение государственному языку по методике «Тілдарын».",
                                           en: "Accelerated state-language courses with the Tildaryn method."),
                regionCode: region.code, parentID: house.id, languages: [.kk, .ru],
                ethnicGroups: [associations[(index + 1) % associations.count].group], isDemo: true))
            result.append(Organization(
                code: "council-\(suffix)", type: .publicAccordCouncil,
                name: LocalizedText(kk: "\(center.kk ?? "") қоғамдық келісім кеңесі", ru: "Совет общественного согласия (\(center.ru ?? ""))",
                                    en: "\(center.en ?? "") Council of Public Accord"),
                regionCode: region.code, parentID: assembly, languages: [.kk, .ru], isDemo: true))
            result.append(Organization(
                code: "expert-group-\(suffix)", type: .scientificExpertGroup,
                name: LocalizedText(kk: "ҚХА ғылыми-сарапшылық тобы (\(region.name.kk ?? ""))",
                                    ru: "Научно-экспертная группа АНК (\(region.name.ru ?? ""))",
                                    en: "APK scientific-expert group (\(region.name.en ?? ""))"),
                regionCode: region.code, parentID: codes["apk-expert-council"], languages: [.kk, .ru], isDemo: true))
            result.append(Organization(
                code: "ngo-\(suffix)", type: .ngo,
                name: LocalizedText(kk: "«Бірлік» жастар қоғамдық бірлестігі (\(center.kk ?? ""))",
                                    ru: "Молодёжное общественное объединение «Бірлік» (\(center.ru ?? ""))",
                                    en: "Birlik Youth Association (\(center.en ?? ""))"),
                regionCode: region.code, languages: [.kk, .ru], isPublic: false, isDemo: true,
                internalNote: "Тіркеу құжаттары тексерілуде. / Регистрационные документы на проверке."))
            if let district = ReferenceData.regions.first(where: { $0.parent == region.code }) {
                result.append(Organization(
                    code: "district-council-\(district.code.lowercased())", type: .publicAccordCouncil,
                    name: LocalizedText(kk: "\(district.name.kk ?? "") қоғамдық келісім кеңесі",
                                        ru: "Совет общественного согласия (\(district.name.ru ?? ""))",
                                        en: "\(district.name.en ?? "") Council of Public Accord"),
                    regionCode: district.code, parentID: assembly, isPublic: false, isDemo: true))
            }
        }
        return result
    }

    static func demoPeople(for organizations: [Organization]) -> [Person] {
        let names = ["Айгерім Нұрланова", "Бауыржан Сейітов", "Виктор Пак", "Гүлмира Ахметова", "Дилшод Юсупов",
                     "Елена Шмидт", "Жанар Оспанова", "Ильдар Хасанов"]
        return organizations.enumerated().flatMap { index, organization -> [Person] in
            [Person(organizationID: organization.id, fullName: names[index % names.count] + " (демо)",
                    position: LocalizedText(kk: "Төраға", ru: "Председатель", en: "Chair"),
                    email: "chair.\(organization.code)@example.kz", phone: "+7 (701) 555-\(String(format: "%04d", index))"),
             Person(organizationID: organization.id, fullName: names[(index + 3) % names.count] + " (демо)",
                    position: LocalizedText(kk: "Хатшы", ru: "Секретарь", en: nil))]
        }
    }
}
