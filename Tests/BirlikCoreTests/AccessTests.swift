import Foundation
import Testing
@testable import BirlikCore

@Suite("The permission check: role × organisation × region subtree")
struct AccessTests {
    static let almatyOrg = UUID(), abaiOrg = UUID(), ownOrg = UUID()

    static func actor(_ role: Role, region: String = "KZ", organization: UUID? = nil) -> Actor {
        Actor(userID: UUID(), role: role, organizationID: organization, regionCode: region, displayName: role.rawValue)
    }

    static let almatyPrivate = Scope(organizationID: almatyOrg, regionCode: "KZ-75", isPublic: false)
    static let almatyDistrictPrivate = Scope(organizationID: UUID(), regionCode: "KZ-75-03", isPublic: false)
    static let abaiPrivate = Scope(organizationID: abaiOrg, regionCode: "KZ-10", isPublic: false)
    static let abaiPublic = Scope(organizationID: abaiOrg, regionCode: "KZ-10", isPublic: true)

    @Test("Who may view a non-public organisation")
    func viewPrivate() {
        let coordinator = Self.actor(.regionalCoordinator, region: "KZ-75", organization: UUID())
        #expect(Access.check(coordinator, .view, .organization, in: Self.almatyPrivate) == .allowed)
        #expect(Access.check(coordinator, .view, .organization, in: Self.almatyDistrictPrivate) == .allowed)
        #expect(Access.check(coordinator, .view, .organization, in: Self.abaiPrivate) == .forbidden)
        #expect(Access.check(Self.actor(.secretariat), .view, .organization, in: Self.abaiPrivate) == .allowed)
        #expect(Access.check(Self.actor(.executor, organization: Self.abaiOrg), .view, .organization, in: Self.abaiPrivate) == .allowed)
        #expect(Access.check(Self.actor(.executor, organization: UUID()), .view, .organization, in: Self.abaiPrivate) == .forbidden)
        #expect(Access.check(.anonymous, .view, .organization, in: Self.abaiPrivate) == .needsSignIn)
        #expect(Access.check(.anonymous, .view, .organization, in: Self.abaiPublic) == .allowed)
    }

    @Test("Who may change an organisation")
    func change() {
        let almaty = Self.actor(.regionalCoordinator, region: "KZ-75", organization: UUID())
        #expect(Access.check(almaty, .update, .organization, in: Self.almatyDistrictPrivate) == .allowed)
        #expect(Access.check(almaty, .update, .organization, in: Self.abaiPublic) == .forbidden)
        #expect(Access.check(almaty, .create, .organization, in: Scope(organizationID: nil, regionCode: "KZ-75", isPublic: true)) == .allowed)
        #expect(Access.check(almaty, .create, .organization, in: Scope(organizationID: nil, regionCode: "KZ", isPublic: true)) == .forbidden)
        #expect(Access.check(almaty, .delete, .organization, in: Self.almatyPrivate) == .forbidden)
        let association = Self.actor(.association, region: "KZ-10", organization: Self.abaiOrg)
        #expect(Access.check(association, .update, .organization, in: Self.abaiPublic) == .allowed)
        #expect(Access.check(association, .create, .organization, in: Self.abaiPublic) == .forbidden)
        #expect(Access.check(Self.actor(.mediator), .update, .organization, in: Self.abaiPublic) == .forbidden)
        #expect(Access.check(Self.actor(.citizen), .update, .organization, in: Self.abaiPublic) == .forbidden)
        #expect(Access.check(Self.actor(.secretariat), .delete, .organization, in: Self.abaiPublic) == .allowed)
        #expect(Access.check(.anonymous, .update, .organization, in: Self.abaiPublic) == .needsSignIn)
    }

    @Test("The audit log is for administrators and the Secretariat", arguments: Role.allCases)
    func auditLog(role: Role) {
        let expected: Decision = [.admin, .secretariat].contains(role) ? .allowed : .forbidden
        #expect(Access.check(Self.actor(role), .view, .auditLog, in: Scope(organizationID: nil, regionCode: "KZ", isPublic: false)) == expected)
    }

    @Test("List visibility matches the single-record check")
    func visibilityAgreesWithCheck() {
        let actors = Role.allCases.map { Self.actor($0, region: "KZ-75", organization: Self.almatyOrg) } + [.anonymous]
        let scopes = [Self.almatyPrivate, Self.almatyDistrictPrivate, Self.abaiPrivate, Self.abaiPublic]
        for actor in actors {
            for scope in scopes {
                let listed = Access.isVisible(scope, under: Access.visibility(actor, .organization))
                #expect(listed == (Access.check(actor, .view, .organization, in: scope) == .allowed), "\(actor.role) \(scope)")
            }
        }
    }

    @Test("Region codes nest by prefix only at a boundary")
    func regionCodes() {
        #expect(RegionCode.isWithin("KZ-75-03", "KZ-75"))
        #expect(RegionCode.isWithin("KZ-75", "KZ"))
        #expect(!RegionCode.isWithin("KZ-751", "KZ-75"))
        #expect(!RegionCode.isWithin("KZ-10", "KZ-75"))
        #expect(RegionCode.topLevel("KZ-75-03") == "KZ-75")
        #expect(RegionCode.isValid("KZ-75-03") && RegionCode.isValid("KZ") && !RegionCode.isValid("KZ-7") && !RegionCode.isValid("RU-75"))
    }

    @Test("Password rules", arguments: [
        ("short1", L10nKey.passwordTooShort), ("onlyletterslong", .passwordNeedsLettersAndDigits),
        ("aigul.s2025x", .passwordLikeEmail), ("Birlik-demo-2025", nil),
    ] as [(String, L10nKey?)])
    func passwords(password: String, problem: L10nKey?) {
        #expect(PasswordPolicy.problem(password, email: "aigul.s2025x@birlik.kz") == problem)
    }
}
