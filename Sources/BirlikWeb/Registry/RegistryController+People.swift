import BirlikCore
import BirlikStorage
import Vapor

/// The people of an organisation: added and removed from its profile page.
extension RegistryController {
    static func addPerson(_ request: Request) async throws -> Response {
        let organization = try await OrganizationQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try Access.require(request.actor, .update, .organization, in: organization.scope)
        try request.requireCSRF()
        let draft = try request.content.decode(PersonDraft.self)
        do {
            _ = try await PersonStore.add(draft, to: organization.id, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.organization(code: organization.code).with([("notice", "person-added")]), redirectType: .normal)
        } catch let DomainError.invalid(problems) {
            return try await profile(request, personDraft: draft, personErrors: Form.Errors(problems), status: .unprocessableEntity)
        }
    }

    static func removePerson(_ request: Request) async throws -> Response {
        let organization = try await OrganizationQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try Access.require(request.actor, .update, .organization, in: organization.scope)
        try request.requireCSRF()
        guard let id = request.parameters.get("person").flatMap(UUID.init(uuidString:)),
              let person = try await OrganizationQueries.people(of: organization.id, on: request.db).first(where: { $0.id == id }) else { throw DomainError.notFound }
        let l10n = request.l10n
        if let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.confirmPersonRemoveQuestion, ["name": person.fullName]),
                                                      consequence: l10n(.confirmPersonRemoveConsequence), confirm: l10n(.orgRemovePerson),
                                                      back: SiteURL.organization(code: organization.code).path) { return ask }
        try await PersonStore.remove(id: id, from: organization.id, actor: request.actor, on: request.db, now: request.now)
        return request.redirect(to: SiteURL.organization(code: organization.code).with([("notice", "person-removed")]), redirectType: .normal)
    }
}
