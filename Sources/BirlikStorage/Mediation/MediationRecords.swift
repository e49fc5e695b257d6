import BirlikCore
import FluentKit
import Foundation

/// A row of `mediators`.
public final class MediatorRecord: Model, @unchecked Sendable {
    public static let schema = "mediators"

    @ID(key: .id) public var id: UUID?
    @Field(key: "full_name") public var fullName: String
    @Field(key: "certificate_number") public var certificateNumber: String
    @Field(key: "kind") public var kind: String
    @Field(key: "languages") public var languages: String
    @Field(key: "specialisations") public var specialisations: String
    @Field(key: "place") public var place: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "organization_id") public var organizationID: UUID?
    @Field(key: "ties") public var ties: String
    @Field(key: "account_email") public var accountEmail: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ mediator: Mediator) { id = mediator.id; apply(mediator) }

    func apply(_ mediator: Mediator) {
        fullName = mediator.fullName; certificateNumber = mediator.certificateNumber; kind = mediator.kind.rawValue
        languages = mediator.languages.joined(separator: ","); specialisations = mediator.specialisations.map(\.rawValue).joined(separator: ",")
        place = mediator.place; status = mediator.status.rawValue; organizationID = mediator.organizationID
        ties = JSONColumn.encode(mediator.ties); accountEmail = mediator.accountEmail; version = mediator.version
    }

    public var mediator: Mediator {
        Mediator(id: id ?? UUID(), fullName: fullName, certificateNumber: certificateNumber, kind: Mediator.Kind(rawValue: kind) ?? .publicMediator,
                 languages: languages.split(separator: ",").map(String.init), specialisations: specialisations.split(separator: ",").compactMap { DisputeType(rawValue: String($0)) },
                 place: place, status: Mediator.Status(rawValue: status) ?? .suspended, organizationID: organizationID,
                 ties: JSONColumn.decode([UUID].self, ties, default: []), accountEmail: accountEmail, version: version)
    }
}

/// A row of `mediation_cases`. Everything a list or a statistic needs is in plain columns; the parties,
/// the summary, the sessions' outcomes and the agreement are one sealed column (`ConfidentialVault`).
public final class MediationCaseRecord: Model, @unchecked Sendable {
    public static let schema = "mediation_cases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "year") public var year: Int
    @Field(key: "origin_kind") public var originKind: String
    @OptionalField(key: "origin_id") public var originID: UUID?
    @Field(key: "place") public var place: String
    @Field(key: "region") public var region: String
    @Field(key: "dispute_type") public var disputeType: String
    @Field(key: "interethnic") public var isInterethnic: Bool
    @Field(key: "languages") public var languages: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "mediator_id") public var mediatorID: UUID?
    @OptionalField(key: "mediator_user_id") public var mediatorUserID: UUID?
    @Field(key: "supervisor_id") public var supervisorID: UUID
    @Field(key: "received_on") public var receivedOn: String
    @OptionalField(key: "contract_signed_on") public var contractSignedOn: String?
    @OptionalField(key: "term_ends_on") public var termEndsOn: String?
    @OptionalField(key: "closed_on") public var closedOn: String?
    @Field(key: "note") public var note: String
    @Field(key: "agreement_sha256") public var agreementSHA256: String
    @Field(key: "agreement_pdf_sha256") public var agreementPDFSHA256: String
    @Field(key: "session_count") public var sessionCount: Int
    @Field(key: "sealed") public var sealed: String
    @Field(key: "version") public var version: Int

    public init() {}

    init(_ value: MediationCase, vault: ConfidentialVault) throws { id = value.id; try apply(value, vault: vault) }

    func apply(_ value: MediationCase, vault: ConfidentialVault) throws {
        number = value.number; year = value.receivedOn.year; originKind = value.originKind.rawValue; originID = value.originID; place = value.place
        region = RegionCode.topLevel(value.place) ?? value.place; disputeType = value.disputeType.rawValue; isInterethnic = value.isInterethnic
        languages = value.languages.joined(separator: ","); status = value.status.rawValue; mediatorID = value.mediatorID
        mediatorUserID = value.mediatorUserID; supervisorID = value.supervisorID; receivedOn = value.receivedOn.description
        contractSignedOn = value.contractSignedOn?.description; termEndsOn = value.termEndsOn?.description; closedOn = value.closedOn?.description
        note = value.note; agreementSHA256 = value.agreementSHA256; agreementPDFSHA256 = value.agreementPDFSHA256; sessionCount = value.sessionCount
        sealed = try vault.seal(value.confidential); version = value.version
    }

    /// The case with its confidential part opened (`vault` nil: left empty, for views that must not read it).
    func mediationCase(vault: ConfidentialVault?) throws -> MediationCase {
        let confidential = try vault.map { try $0.open(MediationCase.Confidential.self, sealed) } ?? MediationCase.Confidential(parties: [], summary: "")
        let received = Day(receivedOn) ?? Day(year: 1970, month: 1, day: 1)
        return MediationCase(id: id ?? UUID(), number: number, originKind: MediationCase.OriginKind(rawValue: originKind) ?? .direct, originID: originID,
                             place: place, disputeType: DisputeType(rawValue: disputeType) ?? .other, isInterethnic: isInterethnic,
                             languages: languages.split(separator: ",").map(String.init), status: MediationCase.Status(rawValue: status) ?? .received,
                             mediatorID: mediatorID, mediatorUserID: mediatorUserID, supervisorID: supervisorID, receivedOn: received,
                             contractSignedOn: contractSignedOn.flatMap(Day.init), termEndsOn: termEndsOn.flatMap(Day.init), closedOn: closedOn.flatMap(Day.init),
                             note: note, agreementSHA256: agreementSHA256, agreementPDFSHA256: agreementPDFSHA256, sessionCount: sessionCount, confidential: confidential, version: version)
    }

    var scope: Scope { Scope(organizationID: mediatorUserID, regionCode: place, isPublic: false) }
}

extension MediationCaseRecord: ScopedModel {
    public static let resource = Resource.mediationCase
    /// A case belongs to its place and, as its owner, to the assigned mediator's account.
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("place", table), organization: column("mediator_user_id", table))
    }
}

/// Batch 006: the mediation register and cases (S7).
struct CreateMediation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MediatorRecord.schema)
            .id()
            .field("full_name", .string, .required)
            .field("certificate_number", .string, .required)
            .field("kind", .string, .required)
            .field("languages", .string, .required)
            .field("specialisations", .string, .required)
            .field("place", .string, .required)
            .field("status", .string, .required)
            .field("organization_id", .uuid)
            .field("ties", .string, .required)
            .field("account_email", .string, .required)
            .field("version", .int, .required)
            .unique(on: "certificate_number")
            .create()
        try await database.schema(MediationCaseRecord.schema)
            .id()
            .field("number", .string, .required)
            .field("year", .int, .required)
            .field("origin_kind", .string, .required)
            .field("origin_id", .uuid)
            .field("place", .string, .required)
            .field("region", .string, .required)
            .field("dispute_type", .string, .required)
            .field("interethnic", .bool, .required)
            .field("languages", .string, .required)
            .field("status", .string, .required)
            .field("mediator_id", .uuid)
            .field("mediator_user_id", .uuid)
            .field("supervisor_id", .uuid, .required)
            .field("received_on", .string, .required)
            .field("contract_signed_on", .string)
            .field("term_ends_on", .string)
            .field("closed_on", .string)
            .field("note", .string, .required)
            .field("agreement_sha256", .string, .required)
            .field("session_count", .int, .required)
            .field("sealed", .string, .required)
            .field("version", .int, .required)
            .unique(on: "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MediationCaseRecord.schema).delete()
        try await database.schema(MediatorRecord.schema).delete()
    }
}
