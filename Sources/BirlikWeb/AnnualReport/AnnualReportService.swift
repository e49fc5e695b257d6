import BirlikCore
import BirlikDocuments
import BirlikStorage
import Fluent
import Foundation

/// Produces the annual report to the Head of State as DOCX, print-ready HTML or PDF, signs it and
/// records it. PDF is printed from the HTML by ``PDFPrinter``.
public enum AnnualReportService {
    public enum Format: String, CaseIterable, Sendable {
        case docx, html, pdf

        var contentType: String {
            switch self {
            case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .html: "text/html; charset=utf-8"
            case .pdf: "application/pdf"
            }
        }
    }

    /// A generated, signed report.
    public struct Output: Sendable {
        public var data: Data
        public var signature: DocumentSignature
        public var fileName: String
        public var contentType: String
    }

    public static func generate(year: Int, language: Language, script: KazakhScript = .cyrillic, format: Format, actor: Actor,
                                dataDirectory: String, on db: any Database, now: Date) async throws -> Output {
        let asOf = min(Day(now), Day(year: year + 1, month: 3, day: 1))
        let content = try await AnnualReportQueries.content(year: year, actor: actor, asOf: asOf, on: db)
        let l10n = Localizer(language, script: script)
        let document = AnnualReportDocument(content, l10n)
        let data: Data
        switch format {
        case .docx: data = try document.docx(created: now)
        case .html: data = Data(document.html(map: map(content, l10n)).utf8)
        case .pdf: data = try await PDFPrinter.print(document.html(map: map(content, l10n)))
        }
        let signature = try await SignedDocuments.sign(data, kind: "annual-report", year: year, language: language.rawValue, format: format.rawValue,
                                                       dataDirectory: dataDirectory, actor: actor, now: now, on: db)
        return Output(data: data, signature: signature, fileName: "birlik-annual-report-\(year)-\(language.rawValue).\(format.rawValue)",
                      contentType: format.contentType)
    }

    static func map(_ content: AnnualReportContent, _ l10n: Localizer) -> HTMLNode {
        var entries: [String: ChoroplethMap.Entry] = [:]
        for line in content.regions {
            entries[line.code] = ChoroplethMap.Entry(label: "\(l10n.text(line.name)): \(Rates.percent(line.rates.reportingRate))", value: Int(((line.rates.reportingRate ?? 0) * 100).rounded()), link: nil)
        }
        return ChoroplethMap(title: l10n(.dashboardMapTitle), legendTitle: l10n(.dashboardMapLegend)).render(entries)
    }
}
