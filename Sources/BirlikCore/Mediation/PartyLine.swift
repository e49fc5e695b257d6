/// One line of the intake form's parties: the name first, then, separated by semicolons and in any
/// order, what is known of the party, each recognised by its shape: twelve digits are the IIN (its check
/// digit verified), a number of ten or more digits (or one starting with `+`) is the phone, a code found
/// in the registry is the party's organisation, anything else is the address.
/// `Ахмет Оспанов; 900101300126; +7 701 123 45 67; Алматы, Абай д-лы 10; association-kz-75-1`.
public struct PartyLine: Sendable, Hashable {
    public var name: String
    public var organizationCode: String?
    public var iin: String = ""
    public var phone: String = ""
    public var address: String = ""
    /// A twelve-digit value whose check digit is wrong.
    public var invalidIIN: String?

    /// Splits `line`; `isOrganizationCode` tells whether a value is a code in the registry.
    public init(_ line: String, isOrganizationCode: (String) -> Bool) {
        let fields = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        name = fields.first ?? ""
        var address: [String] = []
        for field in fields.dropFirst() where !field.isEmpty {
            let digits = field.filter(\.isNumber)
            if IdentificationNumber.looksLikeOne(field) {
                if let number = IdentificationNumber(field) { iin = number.digits } else { invalidIIN = field }
            } else if field.hasPrefix("+") || (digits.count >= 10 && field.allSatisfy({ $0.isNumber || " -()".contains($0) })) {
                phone = field
            } else if organizationCode == nil, isOrganizationCode(field) {
                organizationCode = field
            } else {
                address.append(field)
            }
        }
        self.address = address.joined(separator: "; ")
    }

    /// The values shaped like registry codes (Latin letters, digits and hyphens, `association-kz-75-1`),
    /// for one registry lookup before parsing; one that the registry does not know is an error.
    public static func candidateCodes(_ line: String) -> [String] {
        line.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.filter { field in
            field.contains("-") && field.contains(where: \.isLetter) && field.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
