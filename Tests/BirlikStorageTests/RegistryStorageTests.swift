import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@Suite("Registry storage on SQLite and PostgreSQL")
struct RegistryStorageTests {
    static let almaty = Actor(userID: UUID(), role: .regionalCoordinator, organizationID: nil, regionCode: "KZ-75", displayName: "almaty")
    static let secretariat = Actor(userID: UUID(), role: .secretariat, organizationID: nil, regionCode: "KZ", displayName: "secretariat")

    @Test("Reference data: the region tree and the institutions of the Concepts, loaded once", arguments: TestBackend.enabled)
    func referenceData(backend: TestBackend) async throws {
        try await withDatabase(backend, demo: false) { birlik in
            let regions = try await RegionQueries.all(on: birlik.db)
            #expect(regions.filter { $0.kind == .region }.count == 17)
            #expect(regions.filter { $0.kind == .city }.count == 3)
            #expect(regions.contains { $0.kind == .district && $0.parent == "KZ-75" })
            let mothers = try await OrganizationQueries.find(code: "apk-mothers-council", actor: .anonymous, on: birlik.db)
            #expect(mothers.name.kk == "ҚХА Аналар кеңесі")
            #expect(try await OrganizationQueries.find(code: "public-accord-kz-62", actor: .anonymous, on: birlik.db).name.kk
                    == "«Қоғамдық келісім» КММ (Ұлытау облысы)")
            let before = try await OrganizationRecord.query(on: birlik.db).count()
            #expect(before == 17 + 60)
            #expect(try await ReferenceSeed.load(now: TestClock.now, on: birlik.db) == 0)
            #expect(try await OrganizationRecord.query(on: birlik.db).count() == before)
        }
    }

    @Test("A listed organisation is the one its model holds, and the counts by region and type are the rows' own", arguments: TestBackend.enabled)
    func listedAsModelled(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            // An organisation with every optional field filled, and one with none.
            let parent = try await OrganizationQueries.find(code: "ngo-kz-75", actor: Self.secretariat, on: birlik.db)
            var full = OrganizationDraft(code: "listed-full", type: OrganizationType.ngo.rawValue, nameKK: " Толық бірлестік ", nameRU: "Полное объединение",
                                         nameEN: "Full association", descriptionKK: "Сипаттама", descriptionRU: "Описание", descriptionEN: "Description",
                                         regionCode: "KZ-75-01", parentCode: parent.code, address: "Абай даңғылы, 1", phone: "+7 727 000 00 00",
                                         email: "full@example.kz", website: "https://full.example.kz", bin: "900101300126",
                                         languages: ["kk", "ru", "en"], ethnicGroups: ["koreans", "uzbeks"], isPublic: false,
                                         internalNote: "Ішкі жазба", version: 0)
            _ = try await OrganizationStore.create(full, actor: .system, on: birlik.db, now: TestClock.now)
            full.code = "listed-bare"
            (full.nameRU, full.nameEN, full.descriptionKK, full.descriptionRU, full.descriptionEN) = ("", "", "", "", "")
            (full.parentCode, full.address, full.phone, full.email, full.website, full.bin, full.internalNote) = ("", "", "", "", "", "", "")
            (full.languages, full.ethnicGroups, full.isPublic) = (["kk"], [], true)
            _ = try await OrganizationStore.create(full, actor: .system, on: birlik.db, now: TestClock.now)

            let modelled = try await OrganizationRecord.query(on: birlik.db).all().map(\.organization)
            let listed = try await OrganizationQueries.export(DirectoryQuery(), actor: Self.secretariat, language: .kk, on: birlik.db)
            #expect(listed.count == modelled.count)
            #expect(Set(listed) == Set(modelled))
            #expect(listed.contains { $0.code == "listed-full" && $0.parentID == parent.id && $0.internalNote == "Ішкі жазба" && !$0.isPublic })
            #expect(listed.contains { $0.code == "listed-bare" && $0.name.ru == nil && $0.contacts.email == nil && $0.ethnicGroups.isEmpty })

            for actor in [Self.secretariat, Self.almaty, Actor.anonymous] {
                let visible = modelled.filter { Access.isVisible($0.scope, under: Access.visibility(actor, .organization)) }
                let byRegion = Dictionary(grouping: visible) { RegionCode.topLevel($0.regionCode) ?? $0.regionCode }.mapValues(\.count)
                #expect(try await OrganizationQueries.countsByRegion(actor: actor, on: birlik.db) == byRegion, "\(actor.role)")
                let houses = Dictionary(grouping: visible.filter { $0.type == .friendshipHouse }) { RegionCode.topLevel($0.regionCode) ?? $0.regionCode }
                #expect(try await OrganizationQueries.countsByRegion(actor: actor, type: .friendshipHouse, on: birlik.db) == houses.mapValues(\.count))
                #expect(try await OrganizationQueries.countsByType(actor: actor, on: birlik.db) == Dictionary(grouping: visible, by: \.type).mapValues(\.count))
            }
        }
    }

    @Test("The directory filters by region subtree, type and ethnic group, and searches in any script", arguments: TestBackend.enabled)
    func directoryQueries(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let almaty = try await OrganizationQueries.directory(DirectoryQuery(regionCode: "KZ-75", perPage: 200), actor: Self.secretariat,
                                                                 language: .kk, on: birlik.db)
            #expect(almaty.items.allSatisfy { RegionCode.isWithin($0.regionCode, "KZ-75") })
            #expect(almaty.items.contains { $0.regionCode == "KZ-75-01" })
            let houses = try await OrganizationQueries.directory(DirectoryQuery(type: .friendshipHouse), actor: .anonymous, language: .ru, on: birlik.db)
            #expect(houses.total == 20)
            // A Kazakh word in any of its forms, in either script, finds the names that hold another form of it.
            for text in ["Достық үйлерінде", "достық үйлері", "dostyq üilerı", "Достық үйі"] {
                let found = try await OrganizationQueries.directory(DirectoryQuery(text: text, perPage: 200), actor: .anonymous, language: .kk, on: birlik.db)
                #expect(found.items.filter { $0.type == .friendshipHouse }.count == 20, "\(text): \(found.total)")
            }
            // A Russian word in any of its forms finds the names that hold another form: «дружба» → «Дом дружбы».
            for text in ["дружба", "Дружбой", "дружбе", "домами дружбы"] {
                let found = try await OrganizationQueries.directory(DirectoryQuery(text: text, perPage: 200), actor: .anonymous, language: .ru, on: birlik.db)
                #expect(found.items.filter { $0.type == .friendshipHouse }.count == 20, "\(text): \(found.total)")
            }
            let koreans = try await OrganizationQueries.directory(DirectoryQuery(ethnicGroup: "koreans", perPage: 200), actor: .anonymous,
                                                                  language: .en, on: birlik.db)
            #expect(!koreans.items.isEmpty && koreans.items.allSatisfy { $0.ethnicGroups.contains("koreans") })
            for text in ["Аналар кеңесі", "analar kenesi", "ANALAR", "Совет матерей", "Mothers"] {
                let found = try await OrganizationQueries.directory(DirectoryQuery(text: text), actor: .anonymous, language: .kk, on: birlik.db)
                #expect(found.items.map(\.code) == ["apk-mothers-council"], "\(text)")
            }
        }
    }

    @Test("Sorting follows the Kazakh alphabet and paging is stable", arguments: TestBackend.enabled)
    func sortingAndPaging(backend: TestBackend) async throws {
        try await withDatabase(backend, demo: false) { birlik in
            let first = try await OrganizationQueries.directory(DirectoryQuery(page: 1, perPage: 10), actor: .anonymous, language: .kk, on: birlik.db)
            let second = try await OrganizationQueries.directory(DirectoryQuery(page: 2, perPage: 10), actor: .anonymous, language: .kk, on: birlik.db)
            #expect(first.total == 77 && first.pageCount == 8)
            #expect(Set(first.items.map(\.id)).isDisjoint(with: second.items.map(\.id)))
            let all = try await OrganizationQueries.directory(DirectoryQuery(perPage: 200), actor: .anonymous, language: .kk, on: birlik.db)
            let names = all.items.compactMap(\.name.kk)
            #expect(names == names.sorted(by: KazakhCollation.areInIncreasingOrder))
            let descending = try await OrganizationQueries.directory(DirectoryQuery(descending: true, perPage: 200), actor: .anonymous,
                                                                     language: .kk, on: birlik.db)
            #expect(descending.items.compactMap(\.name.kk) == names.reversed())
        }
    }

    @Test("Non-public organisations stay inside their region", arguments: TestBackend.enabled)
    func scoping(backend: TestBackend) async throws {
        try await withDatabase(backend) { birlik in
            let abaiNGO = try await OrganizationQueries.find(code: "ngo-kz-10", actor: Self.secretariat, on: birlik.db)
            #expect(!abaiNGO.isPublic)
            for outsider in [Self.almaty, Actor.anonymous] {
                let found = try? await OrganizationQueries.find(code: "ngo-kz-10", actor: outsider, on: birlik.db)
                #expect(found == nil, "\(outsider.role)")
            }
            let own = try await OrganizationQueries.find(code: "ngo-kz-75", actor: Self.almaty, on: birlik.db)
            #expect(own.code == "ngo-kz-75")
            let seen = try await OrganizationQueries.directory(DirectoryQuery(perPage: 200), actor: Self.almaty, language: .kk, on: birlik.db)
            let all = try await OrganizationQueries.directory(DirectoryQuery(perPage: 1), actor: Self.secretariat, language: .kk, on: birlik.db)
            let everything = try await OrganizationQueries.directory(DirectoryQuery(perPage: 200), actor: Self.secretariat, language: .kk, on: birlik.db)
            #expect(everything.total == all.total)
            let hidden = everything.items.filter { !$0.isPublic && !RegionCode.isWithin($0.regionCode, "KZ-75") }
            #expect(!hidden.isEmpty)
            let leaked = Set(seen.items.map(\.id)).intersection(hidden.map(\.id))
            #expect(leaked.isEmpty)
            let anonymousCounts = try await OrganizationQueries.countsByRegion(actor: .anonymous, on: birlik.db)
            let coordinatorCounts = try await OrganizationQueries.countsByRegion(actor: Self.almaty, on: birlik.db)
            let almatyMore = (coordinatorCounts["KZ-75"] ?? 0) > (anonymousCounts["KZ-75"] ?? 0)
            let abaiSame = coordinatorCounts["KZ-10"] == anonymousCounts["KZ-10"]
            #expect(almatyMore)
            #expect(abaiSame)
        }
    }

    @Test("Create, update and delete are checked, validated and audited", arguments: TestBackend.enabled)
    func writes(backend: TestBackend) async throws {
        try await withDatabase(backend, demo: false) { birlik in
            var draft = OrganizationDraft(code: "almaty-korean-centre", type: "ethnoculturalAssociation", nameKK: "Корей орталығы",
                                          nameRU: "Корейский центр", regionCode: "KZ-75-03", parentCode: "assembly-kz-75",
                                          languages: ["kk", "ru"], ethnicGroups: ["koreans"])
            let created = try await OrganizationStore.create(draft, actor: Self.almaty, on: birlik.db, now: TestClock.now)
            #expect(created.version == 1)
            #expect(created.parentID != nil)
            await expectFailure(DomainError.conflict(.errorDuplicateCode)) {
                try await OrganizationStore.create(draft, actor: Self.almaty, on: birlik.db, now: TestClock.now)
            }
            var elsewhere = draft
            elsewhere.code = "abai-centre"
            elsewhere.regionCode = "KZ-10"
            await expectFailure(DomainError.forbidden) { try await OrganizationStore.create(elsewhere, actor: Self.almaty, on: birlik.db, now: TestClock.now) }
            draft = OrganizationDraft(created, parentCode: "assembly-kz-75")
            draft.nameEN = "Korean Centre"
            let updated = try await OrganizationStore.update(id: created.id, draft, actor: Self.almaty, on: birlik.db, now: TestClock.now)
            #expect(updated.version == 2 && updated.name.en == "Korean Centre")
            await expectFailure(DomainError.staleVersion) {
                try await OrganizationStore.update(id: created.id, draft, actor: Self.almaty, on: birlik.db, now: TestClock.now)
            }
            var moved = OrganizationDraft(updated, parentCode: nil)
            moved.regionCode = "KZ-10"
            await expectFailure(DomainError.forbidden) { try await OrganizationStore.update(id: created.id, moved, actor: Self.almaty, on: birlik.db, now: TestClock.now) }
            await expectFailure(DomainError.forbidden) { try await OrganizationStore.delete(id: created.id, actor: Self.almaty, on: birlik.db, now: TestClock.now) }
            try await OrganizationStore.delete(id: created.id, actor: Self.secretariat, on: birlik.db, now: TestClock.now)
            let log = try await AuditLog.list(AuditLog.Filter(entityID: created.id.uuidString), page: 1, on: birlik.db)
            #expect(log.items.map(\.action) == ["delete", "update", "create"])
            #expect(log.items[1].before?.contains("\"version\":1") == true && log.items[1].after?.contains("Korean Centre") == true)
            #expect(try await AuditLog.verify(on: birlik.db).isWhole)
        }
    }

    @Test("Invalid input writes nothing, not even an audit entry", arguments: TestBackend.enabled)
    func invalidWritesNothing(backend: TestBackend) async throws {
        try await withDatabase(backend, demo: false) { birlik in
            let organizations = try await OrganizationRecord.query(on: birlik.db).count()
            let entries = try await AuditEntryRecord.query(on: birlik.db).count()
            let draft = OrganizationDraft(code: "x", type: "ngo", nameKK: "", regionCode: "KZ-75")
            await expectInvalid(["nameKK"]) { try await OrganizationStore.create(draft, actor: Self.secretariat, on: birlik.db, now: TestClock.now) }
            #expect(try await OrganizationRecord.query(on: birlik.db).count() == organizations)
            #expect(try await AuditEntryRecord.query(on: birlik.db).count() == entries)
        }
    }
}
