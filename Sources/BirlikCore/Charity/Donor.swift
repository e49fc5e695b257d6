import Foundation

/// Who gave a donation, as the treasurer records it. Everything here is personal data: sealed at rest,
/// never in the ledger, never public. The public sees only the name the donor agreed to show.
public enum Donor: Sendable, Hashable, Codable {
    case anonymous
    /// A person: the name, and when given, the IIN and a phone.
    case person(name: String, iin: String, phone: String)
    /// A company or other organisation, by its business identification number.
    case organization(name: String, bin: String)

    public enum Kind: String, Sendable, CaseIterable {
        case anonymous, person, organization

        public var l10nKey: L10nKey { L10nKey(rawValue: "donor.kind.\(rawValue)")! }
    }

    public var kind: Kind {
        switch self {
        case .anonymous: .anonymous
        case .person: .person
        case .organization: .organization
        }
    }

    /// The IIN or BIN under which the donor's statement is looked up; empty when there is none.
    public var identificationNumber: String {
        switch self {
        case .anonymous: ""
        case let .person(_, iin, _): iin
        case let .organization(_, bin): bin
        }
    }

    public var name: String {
        switch self {
        case .anonymous: ""
        case let .person(name, _, _), let .organization(name, _): name
        }
    }
}

/// What the treasurer types about a donor; `validated` names every problem at once.
public struct DonorDraft: Sendable, Hashable {
    public var kind = ""
    public var name = ""
    /// The IIN of a person or the BIN of an organisation.
    public var number = ""
    public var phone = ""

    public init(kind: String = "", name: String = "", number: String = "", phone: String = "") {
        self.kind = kind; self.name = name; self.number = number; self.phone = phone
    }

    public func validated() -> Result<Donor, DomainError> {
        let kind = Donor.Kind(rawValue: self.kind.isEmpty ? "anonymous" : self.kind)
        let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let number = self.number.filter { !$0.isWhitespace }
        let phone = self.phone.trimmingCharacters(in: .whitespaces)
        var errors: [FieldError] = []
        switch kind {
        case nil:
            errors.append(FieldError("donorKind", .fieldChooseValue))
        case .anonymous?:
            break
        case .person?:
            if name.isEmpty { errors.append(FieldError("donorName", .fieldRequired)) }
            if !number.isEmpty, IdentificationNumber(number) == nil { errors.append(FieldError("donorNumber", .fieldIin, ["value": number])) }
            if !phone.isEmpty, phone.filter(\.isNumber).count < 10 || !phone.allSatisfy({ $0.isNumber || " +-()".contains($0) }) {
                errors.append(FieldError("donorPhone", .donorPhone))
            }
        case .organization?:
            if name.isEmpty { errors.append(FieldError("donorName", .fieldRequired)) }
            if IdentificationNumber(number) == nil { errors.append(FieldError("donorNumber", .donorBin, ["value": number])) }
        }
        if name.count > 300 { errors.append(FieldError("donorName", .fieldTooLong, ["max": "300"])) }
        guard errors.isEmpty, let kind else { return .failure(.invalid(errors)) }
        switch kind {
        case .anonymous: return .success(.anonymous)
        case .person: return .success(.person(name: name, iin: number, phone: phone))
        case .organization: return .success(.organization(name: name, bin: number))
        }
    }
}
