import BirlikCore
import FluentKit
import Foundation

/// The grants awarded, in the 360Giving data standard (version 1.4): one grant per awarded application,
/// organisations identified in the org-id.guide manner by their BIN (`KZ-BIN-…`), or by a Birlik
/// identifier when the registry has no BIN for them. Amounts in tenge, as decimal numbers.
public enum ThreeSixtyGiving {
    /// The prefix of Birlik's grant and organisation identifiers.
    public static let prefix = "360G-birlik"

    public struct Package: Encodable, Sendable {
        public var grants: [Grant]
        public var version = "1.4"
        public var title: String
        public var issued: String
        public var publisher: Publisher
        public var license = "https://creativecommons.org/licenses/by/4.0/"
    }

    public struct Publisher: Encodable, Sendable {
        public var identifier: String
        public var name: String
    }

    public struct Organisation: Encodable, Sendable {
        public var id: String
        public var name: String
        public var addressRegion: String?
        public var addressCountry: String?
    }

    public struct Location: Encodable, Sendable {
        public var name: String
        public var countryCode: String
        public var geoCode: String
        public var geoCodeType: String
    }

    public struct Programme: Encodable, Sendable {
        public var code: String
        public var title: String
    }

    public struct Period: Encodable, Sendable {
        public var startDate: String
        public var endDate: String
        public var duration: Int
    }

    public struct Grant: Encodable, Sendable {
        public var id: String
        public var title: String
        public var description: String
        public var currency = "KZT"
        public var amountAwarded: Decimal
        public var amountDisbursed: Decimal
        public var awardDate: String
        public var recipientOrganization: [Organisation]
        public var fundingOrganization: [Organisation]
        public var grantProgramme: [Programme]
        public var beneficiaryLocation: [Location]
        public var plannedDates: [Period]
    }

    static func decimal(_ money: Money) -> Decimal { Decimal(money.tiyn) / 100 }

    static func identifier(_ organization: Organization) -> String {
        if let bin = organization.bin, IdentificationNumber(bin) != nil { return "KZ-BIN-\(bin)" }
        return "\(prefix)-org-\(organization.code)"
    }

    /// Every awarded grant (awarded, contracted, in implementation or closed); names in `language`.
    public static func package(language: Language, on db: any Database, now: Date) async throws -> Package {
        let awarded = try await GrantApplicationRecord.query(on: db)
            .filter(\.$status ~~ [GrantApplication.Status.awarded, .contracted, .implementation, .closed].map(\.rawValue))
            .sort(\.$number).all().compactMap(\.value).filter { $0.decision.map { $0.awarded && $0.amount > .zero } ?? false }
        let organizations = Dictionary(uniqueKeysWithValues: try await OrganizationRecord.query(on: db).filter(\.$id ~~ awarded.map(\.applicantID)).all()
            .map(\.organization).map { ($0.id, $0) })
        let lots = try await GrantQueries.lots(ids: Array(Set(awarded.map(\.lotID))), on: db)
        let operatorOrg = try await OrganizationRecord.query(on: db).filter(\.$type == OrganizationType.apkSecretariat.rawValue).first()?.organization
        let funder = Organisation(id: operatorOrg.map(identifier) ?? "\(prefix)-org-apk-secretariat",
                                  name: operatorOrg?.name.resolved(language)?.text ?? "APK Secretariat", addressRegion: nil, addressCountry: "KZ")
        let grants: [Grant] = awarded.compactMap { application in
            guard let decision = application.decision, let applicant = organizations[application.applicantID], let lot = lots[application.lotID] else { return nil }
            let place = PlaceDirectory.shared.find(lot.region)
            let start = decision.on
            return Grant(id: "\(prefix)-\(application.number)", title: application.title, description: application.summary,
                         amountAwarded: decimal(decision.amount), amountDisbursed: decimal(application.paid), awardDate: decision.on.description,
                         recipientOrganization: [Organisation(id: identifier(applicant), name: applicant.name.resolved(language)?.text ?? applicant.code,
                                                              addressRegion: PlaceDirectory.shared.find(applicant.regionCode)?.name.resolved(language)?.text,
                                                              addressCountry: "KZ")],
                         fundingOrganization: [funder],
                         grantProgramme: [Programme(code: lot.code, title: lot.title)],
                         beneficiaryLocation: [Location(name: place?.name.resolved(language)?.text ?? lot.region, countryCode: "KZ", geoCode: lot.region,
                                                        geoCodeType: "ISO 3166-2")],
                         plannedDates: [Period(startDate: start.description, endDate: start.adding(months: lot.termMonths).description, duration: lot.termMonths)])
        }
        return Package(grants: grants, title: "Birlik: grants to NGOs", issued: Day(now).description,
                       publisher: Publisher(identifier: funder.id, name: funder.name))
    }

    /// The flat CSV form of the standard's grant fields ("Identifier", "Amount Awarded", "Recipient Org:Identifier", …).
    public static let csvHeader = ["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Amount Disbursed", "Award Date",
                                   "Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name",
                                   "Grant Programme:Code", "Grant Programme:Title", "Beneficiary Location:Name", "Beneficiary Location:Geographic Code",
                                   "Planned Dates:Start Date", "Planned Dates:End Date", "Planned Dates:Duration (months)"]

    public static func csvRows(_ package: Package) -> [[String]] {
        package.grants.map { grant in
            [grant.id, grant.title, grant.description, grant.currency, "\(grant.amountAwarded)", "\(grant.amountDisbursed)", grant.awardDate,
             grant.recipientOrganization.first?.id ?? "", grant.recipientOrganization.first?.name ?? "", grant.fundingOrganization.first?.id ?? "",
             grant.fundingOrganization.first?.name ?? "", grant.grantProgramme.first?.code ?? "", grant.grantProgramme.first?.title ?? "",
             grant.beneficiaryLocation.first?.name ?? "", grant.beneficiaryLocation.first?.geoCode ?? "", grant.plannedDates.first?.startDate ?? "",
             grant.plannedDates.first?.endDate ?? "", grant.plannedDates.first.map { String($0.duration) } ?? ""]
        }
    }
}
