import Foundation

/// What a user submits to add a person to an organisation.
public struct PersonDraft: Codable, Sendable, Hashable {
    public var fullName: String
    public var positionKK: String
    public var positionRU: String
    public var positionEN: String
    public var email: String
    public var phone: String

    public init(fullName: String = "", positionKK: String = "", positionRU: String = "", positionEN: String = "",
                email: String = "", phone: String = "") {
        self.fullName = fullName
        self.positionKK = positionKK
        self.positionRU = positionRU
        self.positionEN = positionEN
        self.email = email
        self.phone = phone
    }

    /// Missing fields read as empty, so that a form without optional fields still decodes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func field(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        self.init(fullName: try field(.fullName), positionKK: try field(.positionKK), positionRU: try field(.positionRU),
                  positionEN: try field(.positionEN), email: try field(.email), phone: try field(.phone))
    }

    /// Checks every field and builds the person, or throws `DomainError.invalid` listing every problem.
    public func validated(id: UUID = UUID(), organizationID: UUID) throws -> Person {
        var problems: [FieldError] = []
        let name = fullName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { problems.append(FieldError("fullName", .fieldRequired)) }
        if name.count > 200 { problems.append(FieldError("fullName", .fieldTooLong, ["max": "200"])) }
        let position = LocalizedText(kk: positionKK, ru: positionRU, en: positionEN)
        if position.isEmpty { problems.append(FieldError("positionKK", .fieldRequired)) }
        let email = email.trimmingCharacters(in: .whitespaces)
        if !email.isEmpty, !OrganizationDraft.looksLikeEmail(email) { problems.append(FieldError("email", .fieldEmailFormat)) }
        let phone = phone.trimmingCharacters(in: .whitespaces)
        if !phone.isEmpty, !OrganizationDraft.looksLikePhone(phone) {
            problems.append(FieldError("phone", .fieldPhoneFormat))
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return Person(id: id, organizationID: organizationID, fullName: name, position: position,
                      email: email.nonEmptyTrimmed, phone: phone.nonEmptyTrimmed)
    }
}
