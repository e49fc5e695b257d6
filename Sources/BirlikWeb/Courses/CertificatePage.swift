import BirlikCore
import BirlikDocuments
import Foundation

/// The public verify page of a certificate: what it states, whether it is valid today, its QR code,
/// its Open Badges credential; and, for the host's keepers, revocation.
enum CertificatePage {
    static func verify(_ certificate: Certificate, host: LocalizedText?, today: Day, forMediators: Bool, canRevoke: Bool, base: String, errors: Form.Errors,
                       _ context: PageContext) -> String {
        let l10n = context.l10n
        let status = certificate.status(on: today)
        let url = base + SiteURL.certificate(code: certificate.code).path
        var facts: [(String, String)] = [
            (l10n(.certificatesHolder), certificate.holderName), (l10n(.coursesCourseTitle), certificate.courseTitle),
            (l10n(.coursesHost), host.map { l10n.text($0) } ?? ""), (l10n(.coursesHoursLabel), l10n.number(certificate.hours)),
            (l10n(.coursesExitLevel), certificate.level.map { l10n($0.l10nKey) } ?? ""),
            (l10n(.coursesCompetencies), certificate.competencies.joined(separator: "; ")),
            (l10n(.certificatesIssued), certificate.issuedOn.dotted),
            (l10n(.certificatesExpires), certificate.expiresOn?.dotted ?? l10n(.coursesNoExpiry)),
            (l10n(.grantsStatus), l10n(status.l10nKey)),
        ]
        if let revoked = certificate.revokedOn {
            facts.append((l10n(.certificatesRevokedOn), revoked.dotted))
            facts.append((l10n(.eventsReason), certificate.revocationReason ?? ""))
        }
        facts.append((l10n(.certificatesHash), certificate.sha256))
        let verdict: HTMLNode = el("p", ["class": status == .valid ? "notice certificate-verdict" : "notice warning certificate-verdict", "role": "status", "id": "certificate-status"],
                                   .text(l10n(.certificatesVerdict, ["code": certificate.code, "status": l10n(status.l10nKey)])))
        var sections: [HTMLNode] = [
            el("h1", [:], .text(l10n(.certificatesVerifyTitle))),
            Form.summary(errors, labels: ["reason": l10n(.eventsReason)], l10n: l10n),
            verdict,
            certificate.isIntact ? .empty : el("p", ["class": "notice warning"], .text(l10n(.certificatesTampered))),
            forMediators && status == .valid ? el("p", ["class": "hint", "id": "mediator-eligibility"], .text(l10n(.certificatesMediatorEligible)),
                                                   .text(" "), el("a", ["href": SiteURL.mediators.path], .text(l10n(.mediatorsTitle)))) : .empty,
            Layout.facts(facts.filter { !$0.1.isEmpty }, id: "certificate-facts"),
            QRCode(text: url).map { el("figure", ["class": "qr-code", "id": "certificate-qr"], $0.svg(label: l10n(.certificatesQrLabel)),
                                       el("figcaption", [:], .text(url))) } ?? .empty,
            el("p", [:], el("a", ["class": "button secondary", "href": SiteURL.certificateBadge(code: certificate.code).path, "download": ""],
                            .text(l10n(.certificatesBadge))), .text(" "),
               el("a", ["href": SiteURL.certificateIssuer.path], .text(l10n(.certificatesIssuerKey)))),
            el("p", ["class": "hint"], .text(l10n(.certificatesBadgeHint))),
        ]
        if canRevoke, certificate.revokedOn == nil {
            sections.append(el("form", ["method": "post", "action": SiteURL.certificate(code: certificate.code).path, "id": "revoke-form", "class": "step-form"],
                               Layout.csrfField(context), el("input", ["type": "hidden", "name": "version", "value": String(certificate.version)]),
                               el("h3", [:], .text(l10n(.certificatesRevoke))),
                               Form.textArea("reason", label: l10n(.eventsReason), value: "", errors: errors, l10n: l10n),
                               el("button", ["type": "submit", "class": "button secondary"], .text(l10n(.certificatesRevoke)))))
        }
        return Layout.page(title: l10n(.certificatesVerifyTitle) + " " + certificate.code,
                           crumbs: [Layout.Crumb(label: l10n(.coursesTitle), url: SiteURL.courses.path), Layout.Crumb(label: certificate.code, url: nil)],
                           context: context, content: .group(sections))
    }
}
