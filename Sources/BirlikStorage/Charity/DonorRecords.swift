import BirlikCore
import Crypto
import FluentKit
import Foundation

/// A row of `charity_donors`: who gave the donation recorded by the ledger entry with the same id, sealed;
/// `lookup` is a keyed hash of the donor's IIN or BIN, so a statement can find their donations without
/// the number being stored anywhere in clear.
public final class DonorRecord: Model, @unchecked Sendable {
    public static let schema = "charity_donors"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "lookup") public var lookup: String
    @Field(key: "sealed") public var sealed: String

    public init() {}

    init(entryID: UUID, donor: Donor, keys: DonorKeys) throws {
        id = entryID; kind = donor.kind.rawValue; lookup = keys.lookup(donor.identificationNumber); sealed = try keys.vault.seal(donor)
    }
}

/// The keys for donors' personal data: the vault that seals it and the key of the lookup hash.
public struct DonorKeys: Sendable {
    public var vault: ConfidentialVault
    public var lookupKey: SymmetricKey

    public init(dataDirectory: String) throws {
        vault = try VaultKeys.vault(.donors, dataDirectory: dataDirectory)
        lookupKey = SymmetricKey(data: try VaultKeys.firstKey(.donorLookup, dataDirectory: dataDirectory))
    }

    /// HMAC-SHA256 of the IIN or BIN, hex; empty for none.
    public func lookup(_ number: String) -> String {
        let digits = number.filter(\.isNumber)
        guard !digits.isEmpty else { return "" }
        return Hashing.hex(HMAC<SHA256>.authenticationCode(for: Data(digits.utf8), using: lookupKey))
    }
}

/// A donor's statement: every donation a donor (by IIN or BIN) gave in a date range to the campaigns
/// the reader keeps, for the donor's own records or a tax office.
public enum DonorStatement {
    public struct Line: Sendable {
        public var entry: LedgerEntry
        public var campaign: Campaign
        public var reversed: Bool
    }

    public struct Statement: Sendable {
        public var donor: Donor
        public var lines: [Line]
        public var total: Money { lines.filter { !$0.reversed }.reduce(.zero) { $0 + $1.entry.amount } }
    }

    /// The statement of the donor with `number` between `from` and `to` (inclusive); recorded in the audit
    /// chain as an export of personal data before it is returned.
    public static func make(number: String, from: Day, to: Day, actor: Actor, keys: DonorKeys, on db: any Database, now: Date) async throws -> Statement {
        guard IdentificationNumber(number) != nil else { throw DomainError.invalid([FieldError("number", .fieldIin, ["value": number])]) }
        guard from <= to else { throw DomainError.invalid([FieldError("to", .charityEndsBeforeStart)]) }
        let donors = try await DonorRecord.query(on: db).filter(\.$lookup == keys.lookup(number)).all()
        let ids = donors.compactMap(\.id)
        let entries = try await LedgerEntryRecord.query(on: db).filter(\.$id ~~ ids).filter(\.$day >= from.description).filter(\.$day <= to.description)
            .sort(\.$day).sort(\.$index).all().compactMap(\.entry)
        let campaigns = try await CampaignRecord.query(on: db).filter(\.$id ~~ Array(Set(entries.map(\.campaignID)))).all().map(\.campaign)
        let byID = Dictionary(campaigns.map { ($0.id, $0) }) { first, _ in first }
        let reversed = Set(try await LedgerEntryRecord.query(on: db).filter(\.$reverses ~~ entries.map(\.id)).all(\.$reverses).compactMap { $0 })
        let lines = entries.compactMap { entry -> Line? in
            guard let campaign = byID[entry.campaignID], Access.check(actor, .update, .campaign, in: campaign.scope) == .allowed else { return nil }
            return Line(entry: entry, campaign: campaign, reversed: reversed.contains(entry.id))
        }
        guard let first = lines.first, let sealed = donors.first(where: { $0.id == first.entry.id })?.sealed else { throw DomainError.notFound }
        let donor = try keys.vault.open(Donor.self, sealed)
        try await AuditLog.write(on: db, actor: actor, now: now) { audit in
            try await audit.record("export", "donorStatement", id: keys.lookup(number), before: Nothing?.none,
                                   after: ["from": from.description, "to": to.description, "donations": String(lines.count)])
        }
        return Statement(donor: donor, lines: lines)
    }
}
