import BirlikCore
import BirlikDocuments
import BirlikStorage
import FluentKit
import Vapor

/// Certificates (S17): the public verify page a certificate's QR code opens (no sign-in), its Open
/// Badges 3.0 credential as a signed VC-JWT, the issuer's profile with the public key that verifies
/// it, and revocation by the host's keepers.
enum CertificatesController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.certificateIssuer, use: issuer)
        routes.get(.certificate(code: ""), use: verify)
        routes.post(.certificate(code: ""), use: revoke)
        routes.get(.certificateBadge(code: ""), use: badge)
    }

    static func certificate(_ request: Request) async throws -> Certificate {
        guard let certificate = try await CourseQueries.certificate(code: (request.parameters.get("code") ?? "").uppercased(), on: request.db) else {
            throw DomainError.notFound
        }
        return certificate
    }

    static func verify(_ request: Request) async throws -> Response {
        guard let verification = try await CourseQueries.verification(code: (request.parameters.get("code") ?? "").uppercased(), on: request.db) else {
            throw DomainError.notFound
        }
        return page(request, verification, errors: Form.Errors(), status: .ok)
    }

    static func page(_ request: Request, _ verification: CertificateVerification, errors: Form.Errors, status: HTTPResponseStatus) -> Response {
        let certificate = verification.certificate
        let canRevoke = Access.check(request.actor, .update, .certificate, in: certificate.scope) == .allowed
        let base = request.application.birlik.configuration.linkBase
        return html(CertificatePage.verify(certificate, host: verification.host, today: request.today, forMediators: verification.forMediators,
                                           canRevoke: canRevoke, base: base, errors: errors, PageContext(request)), status: status)
    }

    struct RevokeForm: Content {
        var version: Int
        var reason: String?
    }

    static func revoke(_ request: Request) async throws -> Response {
        let certificate = try await certificate(request)
        try request.requireCSRF()
        let form = try request.content.decode(RevokeForm.self)
        do {
            _ = try await CourseStore.revoke(certificate.code, reason: form.reason ?? "", version: form.version, actor: request.actor, on: request.db,
                                             now: request.now)
            return request.redirect(to: SiteURL.certificate(code: certificate.code).with([("notice", "saved")]), redirectType: .normal)
        } catch let error as DomainError where error != .forbidden {
            guard let verification = try await CourseQueries.verification(code: certificate.code, on: request.db) else { throw DomainError.notFound }
            return page(request, verification, errors: try Form.Errors(error), status: ErrorMapping.status(error))
        }
    }

    /// The issuer's signing key (Birlik's document key).
    static func privateKey(_ request: Request) throws -> Data {
        try SignedDocuments.privateKey(dataDirectory: request.application.birlikDataDirectory)
    }

    static func badge(_ request: Request) async throws -> Response {
        let certificate = try await certificate(request)
        let l10n = request.l10n
        let host = try await OrganizationQueries.labels(ids: [certificate.hostID], on: request.db)[certificate.hostID]?.name
        let narrative = certificate.kind == .stateLanguage
            ? l10n(.certificatesCriteriaLanguage, ["level": certificate.level?.rawValue ?? "", "mark": String(SkillScores.passMark)])
            : l10n(.certificatesCriteriaProfessional)
        let description = "\(certificate.holderName) — \(certificate.courseTitle), " + l10n(.coursesHours, ["hours": l10n.number(certificate.hours)])
        // The host, the level reached (KAZTEST's scale) and what was learnt, each named from the catalog.
        let achievement = ([host.map { l10n.text($0) }, certificate.level.map { l10n(.coursesTargetLevel) + ": " + $0.rawValue }].compactMap { $0 }
                           + certificate.competencies).filter { !$0.isEmpty }.joined(separator: "; ")
        let credential = OpenBadge.credential(certificate, issuerName: l10n(.certificatesIssuerName), description: description,
                                              achievementDescription: achievement, narrative: narrative,
                                              base: request.application.birlik.configuration.linkBase)
        let jwt = try OpenBadge.signed(credential, privateKey: try privateKey(request))
        let response = Response(status: .ok, body: .init(string: jwt))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vc+jwt")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(certificate.code).jwt\"")
        return response
    }

    /// The issuer's Open Badges profile, with the public key its credentials verify under (a JWK set).
    static func issuer(_ request: Request) async throws -> Response {
        let base = request.application.birlik.configuration.linkBase
        let id = base + SiteURL.certificateIssuer.path
        struct Issuer: Encodable {
            var context = OpenBadge.contexts
            var id: String
            var type = ["Profile"]
            var name: String
            var url: String
            var keys: [OpenBadge.JWK]
            enum CodingKeys: String, CodingKey { case context = "@context", id, type, name, url, keys }
        }
        let key = try DocumentSignature.publicKey(of: try privateKey(request))
        let issuer = Issuer(id: id, name: request.l10n(.certificatesIssuerName), url: base, keys: [OpenBadge.JWK(publicKey: key, kid: id + "#key-1")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(issuer)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/json")
        return response
    }
}
