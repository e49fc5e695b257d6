import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The registry's pages (S1, S11): directory, map, profiles, and the forms that change them.
enum RegistryController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.directory, use: directory)
        routes.get(.directoryCSV, use: directoryCSV)
        routes.get(.map, use: map)
        routes.get(.organizationNew, use: newForm)
        routes.post(.organizationNew, use: create)
        routes.get(.organization(code: ""), use: show)
        routes.get(.organizationEdit(code: ""), use: editForm)
        routes.post(.organizationEdit(code: ""), use: update)
        routes.post(.organizationDelete(code: ""), use: delete)
        routes.post(.organizationPeople(code: ""), use: addPerson)
        routes.post(.personDelete(code: "", id: ""), use: removePerson)
    }

    static func directory(_ request: Request) async throws -> Response {
        let query = try DirectoryQuery(request)
        let model = DirectoryPage.Model(
            query: query,
            results: try await OrganizationQueries.directory(query, actor: request.actor, language: request.l10n.language,
                                                              counts: request.application.birlik.counts, on: request.db),
            regions: try await request.regions(),
            ethnicGroups: ReferenceData.ethnicGroups,
            canCreate: canCreate(request.actor))
        return html(DirectoryPage.view(model, PageContext(request)))
    }

    /// The directory's rows, with its filters, as open data in CSV.
    static func directoryCSV(_ request: Request) async throws -> Response {
        let query = try DirectoryQuery(request)
        let l10n = request.l10n
        let regions = Dictionary(uniqueKeysWithValues: try await request.regions().map { ($0.code, $0) })
        var csv = CSVWriter(header: ["code", "type", "name_kk", "name_ru", "name_en", "region_code", "region", "languages",
                                     "ethnic_groups", "address", "phone", "email", "website", "url"])
        for organization in try await OrganizationQueries.export(query, actor: request.actor, language: l10n.language, on: request.db) {
            csv.append([organization.code, l10n(organization.type.l10nKey), organization.name.kk ?? "", organization.name.ru ?? "",
                        organization.name.en ?? "", organization.regionCode, regions[organization.regionCode].map { l10n.text($0.name) } ?? "",
                        organization.languages.map(\.rawValue).joined(separator: " "), organization.ethnicGroups.joined(separator: " "),
                        organization.contacts.address ?? "", organization.contacts.phone ?? "", organization.contacts.email ?? "",
                        organization.contacts.website ?? "", SiteURL.organization(code: organization.code).path])
        }
        let response = Response(status: .ok, body: .init(string: csv.output))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"birlik-organizations.csv\"")
        return response
    }

    static func map(_ request: Request) async throws -> Response {
        let type = (try? request.query.get(String.self, at: "type")).flatMap(OrganizationType.init(rawValue:))
        let model = MapPage.Model(regions: try await request.regions(),
                                  counts: try await OrganizationQueries.countsByRegion(actor: request.actor, type: type, on: request.db),
                                  type: type)
        return html(MapPage.view(model, PageContext(request)))
    }

    static func show(_ request: Request) async throws -> Response {
        try await profile(request, personDraft: PersonDraft(), personErrors: Form.Errors(), status: .ok)
    }

    /// The profile page, with the add-a-person form's values and errors.
    static func profile(_ request: Request, personDraft: PersonDraft, personErrors: Form.Errors,
                        status: HTTPResponseStatus) async throws -> Response {
        let organization = try await OrganizationQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        let actor = request.actor
        var internalScope = organization.scope
        internalScope.isPublic = false
        let parent = await organization.parentID.asyncMap { try? await OrganizationQueries.find(id: $0, actor: actor, on: request.db) } ?? nil
        let model = OrganizationPage.Model(
            organization: organization,
            region: try await RegionQueries.find(organization.regionCode, on: request.db),
            parent: parent,
            children: try await OrganizationQueries.children(of: organization.id, actor: actor, on: request.db),
            people: try await OrganizationQueries.people(of: organization.id, on: request.db),
            ethnicGroups: ReferenceData.ethnicGroups,
            showsInternal: Access.check(actor, .view, .organization, in: internalScope) == .allowed,
            canEdit: Access.check(actor, .update, .organization, in: organization.scope) == .allowed,
            canDelete: Access.check(actor, .delete, .organization, in: organization.scope) == .allowed,
            canSeeHistory: Access.check(actor, .view, .auditLog, in: organization.scope) == .allowed,
            personDraft: personDraft, personErrors: personErrors)
        return html(OrganizationPage.view(model, PageContext(request)), status: status)
    }

    static func newForm(_ request: Request) async throws -> Response {
        guard canCreate(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let draft = OrganizationDraft(regionCode: request.actor.regionCode == RegionCode.republic ? "" : request.actor.regionCode,
                                      languages: ["kk", "ru"])
        return try await form(request, draft: draft, existingCode: nil, errors: Form.Errors())
    }

    static func create(_ request: Request) async throws -> Response {
        guard canCreate(request.actor) else { throw request.actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        try request.requireCSRF()
        let draft = try request.content.decode(OrganizationFormData.self).draft
        do {
            let organization = try await OrganizationStore.create(draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.organization(code: organization.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError {
            return try await formAgain(request, draft: draft, existingCode: nil, error: error)
        }
    }

    static func editForm(_ request: Request) async throws -> Response {
        let organization = try await OrganizationQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try Access.require(request.actor, .update, .organization, in: organization.scope)
        let parentCode = try await OrganizationQueries.code(of: organization.parentID, on: request.db)
        return try await form(request, draft: OrganizationDraft(organization, parentCode: parentCode), existingCode: organization.code,
                              errors: Form.Errors())
    }

    static func update(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let organization = try await OrganizationQueries.find(code: code, actor: request.actor, on: request.db)
        try Access.require(request.actor, .update, .organization, in: organization.scope)
        try request.requireCSRF()
        let draft = try request.content.decode(OrganizationFormData.self).draft
        do {
            let updated = try await OrganizationStore.update(id: organization.id, draft, actor: request.actor, on: request.db, now: request.now)
            return request.redirect(to: SiteURL.organization(code: updated.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError {
            var kept = draft
            if case .staleVersion = error { kept.version = organization.version }
            return try await formAgain(request, draft: kept, existingCode: code, error: error)
        }
    }

    static func delete(_ request: Request) async throws -> Response {
        let organization = try await OrganizationQueries.find(code: request.parameters.get("code") ?? "", actor: request.actor, on: request.db)
        try request.requireCSRF()
        let l10n = request.l10n
        if let ask = ConfirmationPage.unlessConfirmed(request, question: l10n(.confirmOrgDeleteQuestion, ["name": l10n.text(organization.name)]),
                                                      consequence: l10n(.confirmOrgDeleteConsequence), confirm: l10n(.orgDelete),
                                                      back: SiteURL.organization(code: organization.code).path) { return ask }
        try await OrganizationStore.delete(id: organization.id, actor: request.actor, on: request.db, now: request.now)
        return request.redirect(to: SiteURL.directory.with([("notice", "deleted")]), redirectType: .normal)
    }

    /// The form again with the user's values and the errors inline; nothing was written.
    static func formAgain(_ request: Request, draft: OrganizationDraft, existingCode: String?, error: DomainError) async throws -> Response {
        let errors = try Form.Errors(error)
        let response = try await form(request, draft: draft, existingCode: existingCode, errors: errors)
        response.status = ErrorMapping.status(error)
        return response
    }

    static func form(_ request: Request, draft: OrganizationDraft, existingCode: String?, errors: Form.Errors) async throws -> Response {
        let model = OrganizationFormPage.Model(draft: draft, existingCode: existingCode, errors: errors,
                                               regions: try await request.regions(), ethnicGroups: ReferenceData.ethnicGroups)
        return html(OrganizationFormPage.view(model, PageContext(request)))
    }

    static func canCreate(_ actor: Actor) -> Bool {
        Access.check(actor, .create, .organization, in: Scope(organizationID: nil, regionCode: actor.regionCode, isPublic: true)) == .allowed
    }
}

/// An HTML response.
func html(_ text: String, status: HTTPResponseStatus = .ok) -> Response {
    let response = Response(status: status, body: .init(string: text))
    response.headers.contentType = .html
    return response
}

