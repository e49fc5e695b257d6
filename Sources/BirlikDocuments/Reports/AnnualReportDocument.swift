import BirlikCore
import Foundation

/// The annual report to the Head of State, rendered from `AnnualReportContent` in the reader's
/// language: a Word document, and a print-ready HTML page (from which the PDF is printed).
public struct AnnualReportDocument: Sendable {
    public var content: AnnualReportContent
    public var l10n: Localizer

    public init(_ content: AnnualReportContent, _ l10n: Localizer) {
        self.content = content
        self.l10n = l10n
    }

    public var title: String { l10n(.annualTitle, ["year": "\(content.year)"]) }

    /// The summary figures as (label, value) pairs.
    var summary: [(String, String)] {
        let total = content.total
        return [
            (l10n(.annualPlans), l10n.number(content.planCount)),
            (l10n(.annualMeasures), l10n.number(content.measureCount)),
            (l10n(.figuresExpected), l10n.number(total.expected)),
            (l10n(.figuresReportingRate), Rates.percent(total.reportingRate)),
            (l10n(.figuresTimeliness), Rates.percent(total.timeliness)),
            (l10n(.figuresProgress), Rates.percent(total.progress)),
            (l10n(.figuresOverdue), l10n.number(total.overdue)),
            (l10n(.annualInstructionsExecuted), l10n.number(content.instructionsExecuted)),
            (l10n(.annualInstructionsOnControl), l10n.number(content.instructionsOnControl)),
        ]
    }

    func execution(_ line: AnnualReportContent.MeasureLine) -> String {
        line.execution.map { l10n($0.l10nKey) } ?? l10n(.annualNoAcceptedReport)
    }

    func indicators(_ line: AnnualReportContent.MeasureLine) -> String {
        line.indicators.map { indicator in
            "\(l10n.text(indicator.name)): \(indicator.actual.map(Self.number) ?? "—") / \(indicator.target.map(Self.number) ?? "—") \(l10n.text(IndicatorUnit.name(indicator.unit)))"
        }.joined(separator: "; ")
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.1f", value)
    }

    var measureHeader: [String] {
        [l10n(.annualPlanMeasure), l10n(.measureTitle), l10n(.reportExecutor), l10n(.reportExecution), l10n(.figuresReportingRate), l10n(.annualIndicators)]
    }

    func measureRow(_ line: AnnualReportContent.MeasureLine) -> [String] {
        ["\(line.planCode) · \(line.code)", l10n.text(line.title), l10n.text(line.executor), execution(line),
         Rates.percent(line.rates.reportingRate), indicators(line)]
    }

    /// What the executor wrote, in the report's language; written only in another, it is shown as written
    /// and marked with its language (official output never passes one language off as another).
    func narrative(_ line: AnnualReportContent.MeasureLine) -> String? {
        func shown(_ text: String, _ language: Language) -> String { language == .kk ? l10n.inScript(text, .kk) : text }
        if let own = line.narrative[l10n.language] { return shown(own, l10n.language) }
        for language in (l10n.language == .en ? [Language.ru, .kk] : [.kk, .ru]) where language != l10n.language {
            if let text = line.narrative[language] {
                return l10n(.reportOriginalLanguage, ["language": "@lang.name.\(language.rawValue)"]) + " " + shown(text, language)
            }
        }
        return nil
    }

    /// The `.docx` file.
    public func docx(created: Date) throws -> Data {
        var document = DOCXWriter(title: title, language: l10n.language == .kk ? "kk-KZ" : l10n.language == .ru ? "ru-RU" : "en-GB")
        document.append(.title(title))
        document.append(.emphasis(l10n(.annualSubtitle, ["date": content.asOf.dotted])))
        document.append(.heading(l10n(.annualSummary), level: 1))
        document.append(.table(header: [l10n(.annualFigure), l10n(.annualValue)], rows: summary.map { [$0.0, $0.1] }, widths: [3, 1]))
        document.append(.paragraph(l10n(.figuresReportingRateDefinition) + " " + l10n(.figuresTimelinessDefinition)))
        document.append(.heading(l10n(.annualByDirection), level: 1))
        for section in content.sections {
            document.append(.heading("\(section.node.code). \(l10n.text(section.node.text))", level: 2))
            document.append(.paragraph("\(l10n(.figuresReportingRate)): \(Rates.percent(section.rates.reportingRate)) · \(l10n(.figuresTimeliness)): \(Rates.percent(section.rates.timeliness)) · \(l10n(.figuresProgress)): \(Rates.percent(section.progress))"))
            document.append(.table(header: measureHeader, rows: section.measures.map(measureRow), widths: [2, 5, 3, 2, 2, 3]))
            for line in section.measures {
                if let text = narrative(line) { document.append(.bullet("\(line.code): \(text)")) }
            }
        }
        document.append(.heading(l10n(.annualByRegion), level: 1))
        document.append(.table(header: [l10n(.columnRegion), l10n(.figuresExpected), l10n(.figuresReportingRate), l10n(.figuresTimeliness), l10n(.figuresProgress)],
                               rows: content.regions.map { [l10n.text($0.name), l10n.number($0.rates.expected), Rates.percent($0.rates.reportingRate),
                                                            Rates.percent($0.rates.timeliness), Rates.percent($0.rates.progress)] },
                               widths: [4, 2, 2, 2, 2]))
        document.append(.heading(l10n(.annualNotExecuted), level: 1))
        if content.notExecuted.isEmpty { document.append(.paragraph("—")) }
        else { document.append(.table(header: measureHeader, rows: content.notExecuted.map(measureRow), widths: [2, 5, 3, 2, 2, 3])) }
        document.append(.heading(l10n(.dashboardOverdueInstructions), level: 1))
        if content.overdueInstructions.isEmpty { document.append(.paragraph("—")) }
        else {
            document.append(.table(header: ["№", l10n(.instructionText), l10n(.measureExecutors), l10n(.measureDeadline)],
                                   rows: content.overdueInstructions.map { instruction in
                                       [instruction.number, l10n.text(instruction.text),
                                        instruction.executorIDs.compactMap { content.instructionExecutors[$0].map(l10n.text) }.joined(separator: "; "),
                                        instruction.deadline.dotted]
                                   }, widths: [1, 6, 3, 2]))
        }
        document.append(.emphasis(l10n(.annualGenerated)))
        return try document.data(created: created)
    }

    /// The print-ready page; `map` is the regions' map to show (the caller draws it).
    public func html(map: HTMLNode) -> String {
        func table(_ header: [String], _ rows: [[String]]) -> HTMLNode {
            el("table", [:], el("thead", [:], el("tr", [:], header.map { el("th", ["scope": "col"], .text($0)) })),
               el("tbody", [:], rows.map { row in el("tr", [:], row.map { el("td", [:], .text($0)) }) }))
        }
        var body: [HTMLNode] = [
            el("h1", [:], .text(title)),
            el("p", ["class": "subtitle"], .text(l10n(.annualSubtitle, ["date": content.asOf.dotted]))),
            el("h2", [:], .text(l10n(.annualSummary))),
            table([l10n(.annualFigure), l10n(.annualValue)], summary.map { [$0.0, $0.1] }),
            el("p", ["class": "note"], .text(l10n(.figuresReportingRateDefinition) + " " + l10n(.figuresTimelinessDefinition) + " " + l10n(.figuresProgressDefinition))),
            el("h2", [:], .text(l10n(.annualByDirection))),
        ]
        for section in content.sections {
            body.append(el("h3", [:], .text("\(section.node.code). \(l10n.text(section.node.text))")))
            body.append(el("p", [:], .text("\(l10n(.figuresReportingRate)): \(Rates.percent(section.rates.reportingRate)) · \(l10n(.figuresTimeliness)): \(Rates.percent(section.rates.timeliness)) · \(l10n(.figuresProgress)): \(Rates.percent(section.progress))")))
            body.append(table(measureHeader, section.measures.map(measureRow)))
            let narratives = section.measures.compactMap { line in narrative(line).map { "\(line.code): \($0)" } }
            if !narratives.isEmpty { body.append(el("ul", ["class": "narratives"], narratives.map { el("li", [:], .text($0)) })) }
        }
        body.append(el("h2", [:], .text(l10n(.annualByRegion))))
        body.append(el("figure", ["class": "map"], map))
        body.append(table([l10n(.columnRegion), l10n(.figuresExpected), l10n(.figuresReportingRate), l10n(.figuresTimeliness), l10n(.figuresProgress)],
                          content.regions.map { [l10n.text($0.name), l10n.number($0.rates.expected), Rates.percent($0.rates.reportingRate),
                                                 Rates.percent($0.rates.timeliness), Rates.percent($0.rates.progress)] }))
        body.append(el("h2", [:], .text(l10n(.annualNotExecuted))))
        body.append(content.notExecuted.isEmpty ? el("p", [:], .text("—")) : table(measureHeader, content.notExecuted.map(measureRow)))
        body.append(el("h2", [:], .text(l10n(.dashboardOverdueInstructions))))
        body.append(content.overdueInstructions.isEmpty ? el("p", [:], .text("—")) :
                    table(["№", l10n(.instructionText), l10n(.measureExecutors), l10n(.measureDeadline)], content.overdueInstructions.map { instruction in
                        [instruction.number, l10n.text(instruction.text),
                         instruction.executorIDs.compactMap { content.instructionExecutors[$0].map(l10n.text) }.joined(separator: "; "), instruction.deadline.dotted]
                    }))
        body.append(el("p", ["class": "note"], .text(l10n(.annualGenerated))))
        let page = el("html", ["lang": l10n.language.htmlTag],
                      el("head", [:], el("meta", ["charset": "utf-8"]), el("title", [:], .text(title)), el("style", [:], .text(PrintStyle.css))),
                      el("body", [:], body))
        return "<!DOCTYPE html>" + page.render()
    }
}
