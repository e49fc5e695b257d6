import BirlikCore
import FluentKit
import Foundation

/// Loads the real reference data: the region tree and the institutions the two Concepts name
/// (national bodies from `institutions.csv`, and each region's akimat, assembly and Public Accord
/// institution). Loading twice changes nothing.
public enum ReferenceSeed {
    /// Loads what is missing; returns the number of organisations added.
    @discardableResult
    public static func load(now: Date, on db: any Database) async throws -> Int {
        try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            let existingRegions = Set(try await RegionRecord.query(on: audit.db).all(\.$id).compactMap { $0 })
            let newRegions = ReferenceData.regions.filter { !existingRegions.contains($0.code) }
            for region in newRegions { try await RegionRecord(region).create(on: audit.db) }
            let existing = Set(try await OrganizationRecord.query(on: audit.db).all(\.$code))
            var byCode: [String: UUID] = [:]
            for record in try await OrganizationRecord.query(on: audit.db).all() { byCode[record.code] = record.id }
            var added: [Organization] = []
            for organization in institutions(parents: &byCode) where !existing.contains(organization.code) {
                added.append(organization)
            }
            try await insert(added, on: audit.db)
            try await StatisticsSeed.loadCensus(audit: audit)
            try await WorkingCalendarStore.loadMovableHolidays(audit: audit)
            if !newRegions.isEmpty || !added.isEmpty {
                try await audit.record("seed", "reference", id: "reference-data", before: Nothing?.none,
                                       after: ["regions": newRegions.map(\.code), "organizations": added.map(\.code)])
            }
            return added.count
        }
    }

    /// Inserts organisations in batches small enough for SQLite's parameter limit.
    static func insert(_ organizations: [Organization], on db: any Database) async throws {
        for start in stride(from: 0, to: organizations.count, by: 500) {
            let batch = organizations[start..<min(start + 500, organizations.count)].map(OrganizationRecord.init)
            try await batch.create(on: db)
        }
    }

    /// The reference institutions, parents before children. `parents` maps codes to ids.
    static func institutions(parents: inout [String: UUID]) -> [Organization] {
        var result: [Organization] = []
        func add(_ organization: Organization) {
            let id = parents[organization.code] ?? organization.id
            var organization = organization
            organization.id = id
            parents[organization.code] = id
            result.append(organization)
        }
        for row in CSVReader.records(ReferenceData.text("institutions.csv")) {
            add(Organization(code: row["code"] ?? "", type: OrganizationType(rawValue: row["type"] ?? "") ?? .ngo,
                             name: LocalizedText(kk: row["name_kk"], ru: row["name_ru"], en: row["name_en"]),
                             regionCode: RegionCode.republic, parentID: (row["parent"]).flatMap { parents[$0] },
                             contacts: Contacts(website: row["website"]?.isEmpty == false ? row["website"] : nil),
                             languages: [.kk, .ru, .en]))
        }
        for region in ReferenceData.regions where region.kind == .region || region.kind == .city {
            let names = RegionNames(region)
            let suffix = region.code.lowercased()
            add(Organization(code: "akimat-\(suffix)", type: .akimat,
                             name: LocalizedText(kk: "\(names.kkGenitive) әкімдігі", ru: "Акимат \(names.ruGenitive)",
                                                 en: "Akimat of \(region.name.en ?? "")"),
                             regionCode: region.code))
            add(Organization(code: "assembly-\(suffix)", type: .regionalAssembly,
                             name: LocalizedText(kk: "\(names.kkNominative) Қазақстан халқы Ассамблеясы",
                                                 ru: "Ассамблея народа Казахстана \(names.ruGenitive)",
                                                 en: "Assembly of People of Kazakhstan of \(region.name.en ?? "")"),
                             regionCode: region.code, parentID: parents["apk"]))
            add(Organization(code: "public-accord-\(suffix)", type: .publicAccordRegional,
                             name: LocalizedText(kk: "«Қоғамдық келісім» КММ (\(region.name.kk ?? ""))",
                                                 ru: "КГУ «Қоғамдық келісім» (\(region.name.ru ?? ""))",
                                                 en: "Public Accord institution (\(region.name.en ?? ""))"),
                             description: LocalizedText(
                                kk: "\(names.kkGenitive) әкімі аппаратының жанындағы «Қоғамдық келісім» коммуналдық мемлекеттік мекемесі; өңірлік ассамблеяның хатшылығы.",
                                ru: "Коммунальное государственное учреждение «Қоғамдық келісім» при аппарате акима \(names.ruGenitive); секретариат региональной ассамблеи.",
                                en: "The communal state institution Public Accord under the office of the akim of \(region.name.en ?? ""); secretariat of the regional assembly."),
                             regionCode: region.code, parentID: parents["public-accord"]))
        }
        return result
    }
}

/// The forms of a region's name that institution names need.
struct RegionNames {
    let kkNominative: String
    let kkGenitive: String
    let ruGenitive: String

    init(_ region: Region) {
        let kk = region.name.kk ?? ""
        let ru = region.name.ru ?? ""
        if region.kind == .city {
            kkNominative = "\(kk) қаласы"
            kkGenitive = "\(kk) қаласының"
            let genitive = ["Астана": "Астаны", "Шымкент": "Шымкента"][ru] ?? ru
            ruGenitive = "города \(genitive)"
        } else {
            kkNominative = kk
            kkGenitive = "\(kk)ның"
            if ru.hasPrefix("область ") {
                ruGenitive = "области " + ru.dropFirst("область ".count)
            } else {
                ruGenitive = ru.replacingOccurrences(of: "ская область", with: "ской области")
            }
        }
    }
}
