/// Every kind of actor the two Concepts name (S1, S11).
public enum OrganizationType: String, CaseIterable, Codable, Sendable {
    case assembly
    case apkSecretariat
    case regionalAssembly
    case publicAccordRepublican
    case publicAccordRegional
    case publicAccordCouncil
    case mothersCouncil
    case mediationCentre
    case scientificExpertCouncil
    case scientificExpertGroup
    case universityChair
    case university
    case journalistsClub
    case entrepreneursAssociation
    case centralStateBody
    case akimat
    case ethnoculturalAssociation
    case friendshipHouse
    case ethnoEducationalComplex
    case ngo
    /// A youth council or the APK's youth wing (S18).
    case youthCouncil
    /// A volunteer group or youth organisation (S18).
    case volunteerGroup

    /// The catalog key of the type's name.
    public var l10nKey: L10nKey { L10nKey(rawValue: "orgtype.\(rawValue)")! }

    /// Types whose members serve particular ethnic groups.
    public var servesEthnicGroups: Bool {
        [.ethnoculturalAssociation, .friendshipHouse, .ethnoEducationalComplex].contains(self)
    }
}
