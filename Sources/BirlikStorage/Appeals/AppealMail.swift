import BirlikCore
import Foundation

/// The e-mail an applicant gets for a recorded step: the same notice the status page shows, in the
/// language and script the appeal was written in. Only applicants who gave an address get one.
enum AppealMail {
    static func message(_ appeal: Appeal, _ event: AppealEvent, statusLink: String?) -> MailMessage? {
        guard MailMessage.isSendable(appeal.applicant.email) else { return nil }
        let l10n = Localizer(appeal.language, script: appeal.language == .kk ? appeal.script : .cyrillic)
        var arguments = event.noticeArguments
        if event.status == .answered, let outcome = Appeal.Outcome(rawValue: event.note) { arguments["note"] = l10n(outcome.l10nKey) }
        var lines = [l10n(event.noticeKey, arguments)]
        if event.status == .answered {
            for (index, point) in appeal.points.enumerated() {
                lines.append("\(index + 1). \(point.request)\n   \(point.outcome.map { l10n($0.l10nKey) } ?? ""): \(point.answer)")
            }
        }
        lines.append(statusLink.map { l10n(.appealMailLink, ["link": $0]) } ?? l10n(.appealMailFollow))
        lines.append(l10n(.appealMailSignature))
        return MailMessage(to: appeal.applicant.email, subject: l10n(.appealMailSubject, ["number": appeal.number, "status": l10n(event.status.l10nKey)]),
                           body: lines.joined(separator: "\n\n"))
    }
}
