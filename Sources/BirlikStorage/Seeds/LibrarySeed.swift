import BirlikCore
import FluentKit
import Foundation

/// The demo's digital library: the two Concepts in their Kazakh originals (full text, searchable),
/// a language-centre leaflet, a regional draft waiting for its curator, and a withdrawn preliminary
/// edition that harvesters see as deleted — each deposited and stepped through the store as staff would.
public enum LibrarySeed {
    public static func loadDemo(files: FileStore, now: Date, on db: any Database) async throws {
        guard try await LibraryItemRecord.query(on: db).count() == 0 else { return }
        var actors: [String: Actor] = [:]
        for user in try await UserRecord.query(on: db).filter(\.$email ~~ ["secretariat@birlik.kz", "almaty@birlik.kz"]).all() {
            actors[user.email] = try await UserStore.actor(for: user, on: db)
        }
        guard let secretariat = actors["secretariat@birlik.kz"], let almaty = actors["almaty@birlik.kz"] else { return }
        let deposited = Day(now).adding(days: -20).noon
        let rights = "Ресми құжат, авторлық құқық объектісі емес («Авторлық құқық және сабақтас құқықтар туралы» Заң, 8-бап)"
        func text(_ name: String) throws -> LibraryStore.Upload {
            let data = try Data(contentsOf: ReferenceData.url(name))
            return LibraryStore.Upload(data: data, fileName: name, text: String(decoding: data, as: UTF8.self))
        }
        func publish(_ item: LibraryItem, at moment: Date) async throws -> LibraryItem {
            try await LibraryStore.apply(.publish, to: item.id, version: item.version, actor: secretariat, on: db, now: moment)
        }

        let identity = try await LibraryStore.deposit(LibraryItemDraft(
            collection: "normative",
            titles: [.kk: "Қазақстандық бірегейлік пен бірлікті нығайту және дамыту тұжырымдамасы",
                     .ru: "Концепция укрепления и развития казахстанской идентичности и единства",
                     .en: "Concept for strengthening and developing Kazakhstani identity and unity"],
            creators: "Қазақстан Республикасының Мәдениет және спорт министрлігі",
            subjects: "қазақстандық бірегейлік\nжалпыұлттық бірлік\nэтносаралық қатынастар\nМәңгілік Ел",
            description: "2015–2025 жылдарға арналған тұжырымдама: паспорт, қағидаттар, ахуалды талдау, ЭЫДҰ елдерінің тәжірибесі, мақсат пен міндеттер, алты жалпыұлттық жоба, күтілетін нәтижелер.",
            date: "2015", type: "Text", language: "kk", rights: rights, region: RegionCode.republic),
            upload: try text("concept_identity_unity_2015_2025.kk.txt"), files: files, actor: secretariat, on: db, now: deposited)
        _ = try await publish(identity, at: deposited.addingTimeInterval(600))

        let assembly = try await LibraryStore.deposit(LibraryItemDraft(
            collection: "normative",
            titles: [.kk: "Қазақстан халқы Ассамблеясының 2025 жылға дейінгі даму тұжырымдамасы",
                     .ru: "Концепция развития Ассамблеи народа Казахстана до 2025 года",
                     .en: "Concept of development of the Assembly of People of Kazakhstan until 2025"],
            subjects: "Қазақстан халқы Ассамблеясы\nмемлекеттік этносаяси саясат\nқоғамдық келісім",
            description: "Ассамблеяның 2025 жылға дейінгі даму тұжырымдамасын бекіту туралы Жарлық және тұжырымдаманың мәтіні: ахуалды талдау, мақсат пен міндеттер, жұмыстың негізгі бағыттары, тетіктер мен ресурстар.",
            type: "Text", language: "kk", rights: rights, region: RegionCode.republic),
            upload: try text("concept_apk_2025.kk.txt"), files: files, actor: secretariat, on: db, now: deposited.addingTimeInterval(1200))
        _ = try await publish(assembly, at: deposited.addingTimeInterval(1800))

        let leaflet = "Мемлекеттік тілді үйренуге арналған жаднама\n\nАлматы қаласының тіл орталығы ересектерге арналған тегін курстарды ұсынады. Сабақтар аптасына екі рет өтеді; тыңдаушылар деңгей анықтайтын тестен өтеді.\n\nКурс бағдарламасы: сөйлеу, тыңдау, оқу және жазу дағдылары; қазақ халқының салт-дәстүрлері туралы әңгімелер."
        let language = try await LibraryStore.deposit(LibraryItemDraft(
            collection: "language",
            titles: [.kk: "Мемлекеттік тілді үйренуге арналған жаднама", .ru: "Памятка для изучающих государственный язык"],
            creators: "Алматы қаласының тіл орталығы", subjects: "мемлекеттік тіл\nтіл курстары", description: "Тіл курстарының тыңдаушыларына арналған қысқа жаднама.",
            date: String(Day(deposited).year), type: "Text", language: "kk", rights: "CC BY 4.0", region: "KZ-75"),
            upload: LibraryStore.Upload(data: Data(leaflet.utf8), fileName: "zhadnama.txt", text: leaflet), files: files, actor: almaty, on: db,
            now: deposited.addingTimeInterval(86_400))
        _ = try await LibraryStore.apply(.publish, to: language.id, version: language.version, actor: almaty, on: db, now: deposited.addingTimeInterval(90_000))

        _ = try await LibraryStore.deposit(LibraryItemDraft(
            collection: "ethnoculture",
            titles: [.kk: "Алматы Достық үйінің тарихы", .ru: "История Дома дружбы Алматы"],
            creators: "Алматы қалалық Қоғамдық келісім", subjects: "Достық үйі\nэтномәдени бірлестіктер",
            description: "Достық үйінің құрылуы мен этномәдени бірлестіктердің жұмысы туралы очерк (жоба).",
            type: "Text", language: "kk", rights: "CC BY 4.0", region: "KZ-75"),
            upload: nil, files: files, actor: almaty, on: db, now: Day(now).adding(days: -2).noon)

        let preliminary = try await LibraryStore.deposit(LibraryItemDraft(
            collection: "apk",
            titles: [.kk: "ҚХА қызметі туралы жылдық шолу (алдын ала нұсқа)", .ru: "Годовой обзор деятельности АНК (предварительная редакция)"],
            creators: "ҚХА Хатшылығы", subjects: "жылдық есеп", description: "Алдын ала нұсқа; түпкілікті нұсқасы дайындалуда.",
            date: String(Day(deposited).year - 1), type: "Text", language: "kk", rights: "CC BY 4.0", region: RegionCode.republic),
            upload: nil, files: files, actor: secretariat, on: db, now: deposited.addingTimeInterval(2 * 86_400))
        let published = try await publish(preliminary, at: deposited.addingTimeInterval(2 * 86_400 + 600))
        _ = try await LibraryStore.apply(.withdraw(reason: "Түпкілікті нұсқасымен ауыстырылады."), to: published.id, version: published.version,
                                         actor: secretariat, on: db, now: Day(now).adding(days: -5).noon)
    }
}
