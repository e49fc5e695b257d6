import BirlikCore
import Vapor

/// What every view needs besides its model: the language, who is signed in, the form token, and where
/// the page is (for the language switch to come back to).
public struct PageContext: Sendable {
    public var l10n: Localizer
    public var actor: Actor
    public var csrfToken: String
    /// The current path with its query, for "back" links (sign in, language): for a form's answer, the
    /// page the form was sent from, since the form's own address takes no GET.
    public var currentURL: String
    /// A notice to show once (`?notice=saved`).
    public var notice: L10nKey?
    /// The notice's arguments (`?count=` for an import).
    public var noticeArguments: [String: String] = [:]

    public init(l10n: Localizer, actor: Actor, csrfToken: String, currentURL: String, notice: L10nKey? = nil) {
        self.l10n = l10n
        self.actor = actor
        self.csrfToken = csrfToken
        self.currentURL = currentURL
        self.notice = notice
    }

    /// The context of a page rendered once for many requests: the form token is a placeholder that
    /// each response replaces with its own (`PageContext.tokenPlaceholder`).
    static func shared(_ request: Request) -> PageContext {
        var context = PageContext(request)
        context.csrfToken = tokenPlaceholder
        return context
    }

    static let tokenPlaceholder = "\u{1}birlik-form-token\u{1}"

    /// The page a form was sent from: its `Referer` when that is this site, the home page otherwise.
    static func formPage(_ request: Request) -> String {
        guard let referer = request.headers.first(name: .referer).flatMap(URL.init(string:)),
              referer.host == nil || referer.host == request.headers.first(name: .host)?.split(separator: ":").first.map(String.init),
              referer.path.hasPrefix("/") else { return SiteURL.home.path }
        return referer.path + (referer.query.map { "?" + $0 } ?? "")
    }

    init(_ request: Request) {
        let notices: [String: L10nKey] = ["saved": .orgSaved, "deleted": .orgDeleted, "person-added": .orgPersonAdded,
                                          "person-removed": .orgPersonRemoved, "user-created": .usersCreated,
                                          "imported": .importDone, "corpus-submitted": .corpusSubmitted, "corpus-accepted": .corpusAccepted,
                                          "corpus-rejected": .corpusRejectedNotice,
                                          "account-changed": .accountChanged, "signal-received": .signalReceived, "password-changed": .accountPasswordChanged,
                                          "attached": .noticeAttachmentAdded, "removed": .noticeAttachmentRemoved,
                                          "report-save": .noticeReportSave, "report-submit": .noticeReportSubmit, "report-accept": .noticeReportAccept,
                                          "report-return": .noticeReportReturn, "report-unaccept": .noticeReportUnaccept,
                                          "report-late-entry": .noticeReportLateEntry,
                                          "signals-verified": .noticeSignalsVerified, "signals-rejected": .noticeSignalsRejected,
                                          "plan-approve": .noticePlanApprove, "plan-amend": .noticePlanAmend, "plan-close": .noticePlanClose,
                                          "appeal-registered": .noticeAppealRegistered, "appeal-anonymous": .noticeAppealAnonymous,
                                          "appeal-challenged": .noticeAppealChallenged, "appeal-step": .noticeAppealStep,
                                          "donation-recorded": .noticeDonationRecorded, "donations-imported": .charityImported,
                                          "registered": .eventsRegisteredNotice, "checked-in": .eventsCheckedInNotice]
        self.init(l10n: request.l10n, actor: request.actor, csrfToken: request.birlik.csrfToken,
                  currentURL: request.method == .GET ? request.url.string : Self.formPage(request), notice: (try? request.query.get(String.self, at: "notice")).flatMap { notices[$0] })
        if let count = (try? request.query.get(Int.self, at: "count")) { noticeArguments["count"] = String(count) }
        // A place named by its code (`?place=KZ-75`), in the reader's language.
        if let code = try? request.query.get(String.self, at: "place"), let region = ReferenceData.regions.first(where: { $0.code == code }) {
            noticeArguments["place"] = request.l10n.text(region.name)
        }
        if let receipt = try? request.query.get(String.self, at: "receipt"), receipt.count < 30 { noticeArguments["receipt"] = receipt }
        if let status = (try? request.query.get(String.self, at: "status")).flatMap(Appeal.Status.init(rawValue:)) {
            noticeArguments["status"] = request.l10n(status.l10nKey)
        }
    }
}
