import BirlikCore
import BirlikDocuments
import BirlikStorage
import Vapor

/// The annual report to the Head of State (S5): choose a year, a language and a format; the file
/// comes back signed, its hash and signature in the response headers.
enum AnnualReportPage {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.annualReport, use: handle)
    }

    static func view(years: [Int], year: Int, _ context: PageContext) -> String {
        let l10n = context.l10n
        return Layout.page(title: l10n(.navAnnualReport), crumbs: [Layout.Crumb(label: l10n(.navAnnualReport), url: nil)], context: context,
                           content: .group([
                               el("h1", [:], .text(l10n(.navAnnualReport))),
                               el("p", ["class": "lead"], .text(l10n(.annualLead))),
                               el("form", ["method": "get", "action": SiteURL.annualReport.path],
                                  Form.select("year", label: l10n(.dashboardYear), options: years.map { ("\($0)", "\($0)") }, selected: "\(year)",
                                              errors: Form.Errors(), l10n: l10n, required: true),
                                  Form.select("lang", label: l10n(.langChoose), options: Language.allCases.map { ($0.rawValue, l10n(L10nKey(rawValue: "lang.\($0.rawValue)")!)) },
                                              selected: l10n.language.rawValue, errors: Form.Errors(), l10n: l10n),
                                  Form.select("format", label: l10n(.annualFormat), options: [("docx", "Word (DOCX)"), ("pdf", "PDF"), ("html", "HTML")],
                                              selected: "docx", errors: Form.Errors(), l10n: l10n),
                                  el("button", ["type": "submit", "class": "button"], .text(l10n(.annualGenerate)))),
                               el("p", ["class": "muted"], .text(l10n(.annualGenerated))),
                           ]))
    }

    static func handle(_ request: Request) async throws -> Response {
        let actor = request.actor
        guard Access.visibility(actor, .report) == .everything else { throw actor.isSignedIn ? DomainError.forbidden : DomainError.signInRequired }
        let years = Array(2015...request.today.year).reversed().map { $0 }
        guard let formatText = request.queryText("format") else {
            return html(view(years: years, year: request.today.year - 1, PageContext(request)))
        }
        guard let format = AnnualReportService.Format(rawValue: formatText) else { throw DomainError.invalid([FieldError("format", .fieldChooseValue)]) }
        guard let year = try request.queryNumber("year", in: PlanDraft.allowedYears) else {
            throw DomainError.invalid([FieldError("year", .fieldYear)])
        }
        let language = request.queryText("lang").flatMap(Language.init(rawValue:)) ?? request.l10n.language
        let output = try await AnnualReportService.generate(year: year, language: language, script: request.l10n.script, format: format, actor: actor,
                                                            dataDirectory: request.application.birlik.configuration.dataDirectory, on: request.db,
                                                            now: request.now)
        let response = Response(status: .ok, body: .init(data: output.data))
        response.headers.replaceOrAdd(name: .contentType, value: output.contentType)
        if format != .html {
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(output.fileName)\"")
        } else {
            // The print-ready page carries its own stylesheet (it is saved and printed alone); still no script.
            response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                          value: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'")
        }
        response.headers.replaceOrAdd(name: "X-Birlik-SHA256", value: output.signature.sha256)
        response.headers.replaceOrAdd(name: "X-Birlik-Signature", value: output.signature.signature)
        return response
    }
}
