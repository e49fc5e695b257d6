import BirlikCore
import BirlikDocuments
import Foundation

/// The mediation agreement (медиативное соглашение / медиациялық келісім), filled from the case: the
/// parties, the dispute, the mediator, the sessions and the agreed terms, with places to sign. One
/// document model gives the Word file and the PDF.
enum MediationAgreement {
    static let mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    /// The agreement in the case's language: Kazakh when the parties mediate in Kazakh, else Russian.
    static func language(_ value: MediationCase) -> Language { value.languages.contains("kk") ? .kk : .ru }

    static func document(_ value: MediationCase, mediator: Mediator?, _ l10n: Localizer, created: Date) -> DOCXWriter {
        var document = DOCXWriter(title: l10n(.mediationAgreementTitle, ["number": value.number]), language: l10n.language == .kk ? "kk-KZ" : "ru-RU")
        document.append(.title(l10n(.mediationAgreementTitle, ["number": value.number])))
        document.append(.paragraph(l10n(.mediationAgreementPreamble, ["date": Day(created).dotted, "place": PlaceDirectory.shared.find(value.place).map { l10n.text($0.name) } ?? value.place])))
        document.append(.heading(l10n(.mediationParties), level: 2))
        // Each party as the agreement names them: the name, the IIN and the address when known.
        for party in value.confidential.parties {
            document.append(.bullet(([party.name] + (party.iin.isEmpty ? [] : ["\(l10n(.mediationIin)) \(party.iin)"]) + [party.address].filter { !$0.isEmpty })
                .joined(separator: ", ")))
        }
        document.append(.heading(l10n(.mediationDispute), level: 2))
        document.append(.paragraph("\(l10n(value.disputeType.l10nKey)). \(value.confidential.summary)"))
        document.append(.heading(l10n(.mediationMediator), level: 2))
        document.append(.paragraph(mediator.map { "\($0.fullName), \(l10n($0.kind.l10nKey)), \(l10n(.mediatorCertificate)) \($0.certificateNumber)" } ?? ""))
        document.append(.heading(l10n(.mediationSessions), level: 2))
        document.append(.table(header: [l10n(.calendarDay), l10n(.mediationSessionOutcome)],
                               rows: value.confidential.sessions.map { [$0.date.dotted, $0.outcome] }, widths: [1, 4]))
        document.append(.heading(l10n(.mediationAgreementTerms), level: 2))
        for line in value.confidential.agreement.split(whereSeparator: \.isNewline) { document.append(.paragraph(String(line))) }
        document.append(.paragraph(l10n(.mediationAgreementBinding)))
        document.append(.heading(l10n(.mediationSignatures), level: 2))
        document.append(.table(header: [l10n(.mediationParties), l10n(.mediationSignature)],
                               rows: value.confidential.parties.map { [$0.name, "____________________"] } + [[mediator?.fullName ?? "", "____________________"]],
                               widths: [3, 2]))
        return document
    }
}
