import BirlikCore
import FluentKit
import Foundation

/// The demo's register of mediators: four mediators in three regions, one of them the demo mediator's
/// account and one with a declared tie to an Almaty association (so the conflict check has something to find).
enum MediationSeed {
    static func loadDemo(now: Date, on db: any Database) async throws {
        guard try await MediatorRecord.query(on: db).count() == 0 else { return }
        let ids = try await OrganizationQueries.ids(codes: ["apk-mediation-centre", "association-kz-75-1", "association-kz-79-1"], on: db)
        let mediators = [
            Mediator(fullName: "Марат Ибраев (демо)", certificateNumber: "MED-2024-0117", kind: .professional, languages: ["kk", "ru"],
                     specialisations: [.interethnic, .neighbourhood, .labour], place: "KZ-75", organizationID: ids["apk-mediation-centre"],
                     accountEmail: "mediator@birlik.kz"),
            Mediator(fullName: "Ольга Ким (демо)", certificateNumber: "MED-2023-0452", kind: .ethnic, languages: ["ko", "ru"],
                     specialisations: [.interethnic, .family], place: "KZ-75", organizationID: ids["apk-mediation-centre"],
                     ties: ids["association-kz-75-1"].map { [$0] } ?? []),
            Mediator(fullName: "Бақыт Жүнісов (демо)", certificateNumber: "MED-2022-0031", kind: .publicMediator, languages: ["kk"],
                     specialisations: [.neighbourhood, .religious], place: "KZ-10", organizationID: nil),
            Mediator(fullName: "Рустам Исмаилов (демо)", certificateNumber: "MED-2025-0208", kind: .ethnic, languages: ["ru", "uz", "kk"],
                     specialisations: [.interethnic, .education], place: "KZ-79", organizationID: nil,
                     ties: ids["association-kz-79-1"].map { [$0] } ?? []),
        ]
        try await AuditLog.write(on: db, actor: .system, now: now) { audit in
            for mediator in mediators { try await MediatorRecord(mediator).create(on: audit.db) }
            try await audit.record("seed", "mediator", id: "demo-mediators", before: Nothing?.none, after: ["mediators": mediators.count])
        }
    }
}
