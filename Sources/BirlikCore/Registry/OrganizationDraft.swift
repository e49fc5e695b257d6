import Foundation

/// What a user submits to create or change an organisation, before it is checked.
public struct OrganizationDraft: Codable, Sendable, Hashable {
    public var code: String
    public var type: String
    public var nameKK: String
    public var nameRU: String
    public var nameEN: String
    public var descriptionKK: String
    public var descriptionRU: String
    public var descriptionEN: String
    public var regionCode: String
    public var parentCode: String
    public var address: String
    public var phone: String
    public var email: String
    public var website: String
    /// The BIN, empty when the organisation has none.
    public var bin: String
    public var languages: [String]
    public var ethnicGroups: [String]
    public var isPublic: Bool
    public var internalNote: String
    /// The version the user opened, for optimistic locking (0 for a new record).
    public var version: Int

    public init(code: String = "", type: String = "", nameKK: String = "", nameRU: String = "", nameEN: String = "",
                descriptionKK: String = "", descriptionRU: String = "", descriptionEN: String = "",
                regionCode: String = "", parentCode: String = "", address: String = "", phone: String = "",
                email: String = "", website: String = "", bin: String = "", languages: [String] = [], ethnicGroups: [String] = [],
                isPublic: Bool = true, internalNote: String = "", version: Int = 0) {
        self.code = code; self.type = type; self.nameKK = nameKK; self.nameRU = nameRU; self.nameEN = nameEN
        self.descriptionKK = descriptionKK; self.descriptionRU = descriptionRU; self.descriptionEN = descriptionEN
        self.regionCode = regionCode; self.parentCode = parentCode; self.address = address; self.phone = phone
        self.email = email; self.website = website; self.bin = bin; self.languages = languages; self.ethnicGroups = ethnicGroups
        self.isPublic = isPublic; self.internalNote = internalNote; self.version = version
    }

    /// The draft of an existing organisation, for an edit form.
    public init(_ organization: Organization, parentCode: String?) {
        self.init(code: organization.code, type: organization.type.rawValue,
                  nameKK: organization.name.kk ?? "", nameRU: organization.name.ru ?? "", nameEN: organization.name.en ?? "",
                  descriptionKK: organization.description.kk ?? "", descriptionRU: organization.description.ru ?? "",
                  descriptionEN: organization.description.en ?? "", regionCode: organization.regionCode,
                  parentCode: parentCode ?? "", address: organization.contacts.address ?? "",
                  phone: organization.contacts.phone ?? "", email: organization.contacts.email ?? "",
                  website: organization.contacts.website ?? "", bin: organization.bin ?? "", languages: organization.languages.map(\.rawValue),
                  ethnicGroups: organization.ethnicGroups, isPublic: organization.isPublic,
                  internalNote: organization.internalNote ?? "", version: organization.version)
    }

    /// Checks every field and builds the organisation, or throws `DomainError.invalid` listing every problem.
    /// - Parameters:
    ///   - regions: the codes of the known places.
    ///   - ethnicGroupCodes: the codes of the known ethnic groups.
    ///   - parentID: the resolved parent, when `parentCode` named one.
    public func validated(id: UUID, regions: Set<String>, ethnicGroupCodes: Set<String>, parentID: UUID?,
                          isDemo: Bool = false) throws -> Organization {
        var problems: [FieldError] = []
        let code = code.trimmingCharacters(in: .whitespaces).lowercased()
        if code.isEmpty {
            problems.append(FieldError("code", .fieldRequired))
        } else if code.count > 80 || !code.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) {
            problems.append(FieldError("code", .fieldCodeFormat))
        }
        let organizationType = OrganizationType(rawValue: type)
        if organizationType == nil { problems.append(FieldError("type", .fieldChooseValue)) }
        let name = LocalizedText(kk: nameKK, ru: nameRU, en: nameEN)
        if name.kk == nil { problems.append(FieldError("nameKK", .fieldRequired)) }
        for (field, value) in [("nameKK", nameKK), ("nameRU", nameRU), ("nameEN", nameEN)] where value.count > 300 {
            problems.append(FieldError(field, .fieldTooLong, ["max": "300"]))
        }
        if !regions.contains(regionCode) { problems.append(FieldError("regionCode", .fieldChooseValue)) }
        if !parentCode.isEmpty, parentID == nil { problems.append(FieldError("parentCode", .fieldUnknownOrganization)) }
        let email = email.trimmingCharacters(in: .whitespaces)
        if !email.isEmpty, !Self.looksLikeEmail(email) { problems.append(FieldError("email", .fieldEmailFormat)) }
        let website = website.trimmingCharacters(in: .whitespaces)
        if !website.isEmpty, !(website.hasPrefix("https://") || website.hasPrefix("http://")) || URL(string: website)?.host == nil {
            problems.append(FieldError("website", .fieldUrlFormat))
        }
        let bin = bin.filter { !$0.isWhitespace }
        if !bin.isEmpty, IdentificationNumber(bin) == nil { problems.append(FieldError("bin", .fieldBin)) }
        let phone = phone.trimmingCharacters(in: .whitespaces)
        if !phone.isEmpty, !OrganizationDraft.looksLikePhone(phone) {
            problems.append(FieldError("phone", .fieldPhoneFormat))
        }
        let languages = languages.compactMap(Language.init(rawValue:))
        if languages.count != self.languages.count { problems.append(FieldError("languages", .fieldChooseValue)) }
        let groups = ethnicGroups.filter { !$0.isEmpty }
        if groups.contains(where: { !ethnicGroupCodes.contains($0) }) { problems.append(FieldError("ethnicGroups", .fieldChooseValue)) }
        guard problems.isEmpty, let organizationType else { throw DomainError.invalid(problems) }
        return Organization(
            id: id, code: code, type: organizationType, name: name,
            description: LocalizedText(kk: descriptionKK, ru: descriptionRU, en: descriptionEN),
            regionCode: regionCode, parentID: parentID,
            contacts: Contacts(address: address.nonEmptyTrimmed, phone: phone.nonEmptyTrimmed,
                               email: email.nonEmptyTrimmed, website: website.nonEmptyTrimmed), bin: bin.isEmpty ? nil : bin,
            languages: languages, ethnicGroups: groups, isPublic: isPublic, isDemo: isDemo,
            internalNote: internalNote.nonEmptyTrimmed, version: version + 1)
    }

    /// A light check that a value is shaped like a phone number: digits, spaces, `+-()`, six digits at least.
    public static func looksLikePhone(_ value: String) -> Bool {
        value.allSatisfy { $0.isNumber || " +-()".contains($0) } && value.filter(\.isNumber).count >= 6
    }

    /// A light check that a value is shaped like an e-mail address.
    public static func looksLikeEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !value.contains(" ")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }
}

extension String {
    var nonEmptyTrimmed: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
