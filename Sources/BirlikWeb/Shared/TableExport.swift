import BirlikDocuments
import Foundation
import Vapor

/// Any table a page shows, as the file a user asked for: CSV (UTF-8 with a BOM, so Excel opens
/// Cyrillic correctly) or XLSX.
struct TableExport {
    var name: String
    var header: [String]
    var rows: [[XLSXWriter.Cell]]

    enum Format: String {
        case csv, xlsx
    }

    func response(_ format: Format) throws -> Response {
        let response: Response
        switch format {
        case .csv:
            var csv = CSVWriter(header: header)
            for row in rows {
                csv.append(row.map { cell in
                    switch cell {
                    case let .text(text): text
                    case let .number(value): value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
                    case .empty: ""
                    }
                })
            }
            response = Response(status: .ok, body: .init(string: csv.output))
            response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        case .xlsx:
            let data = try XLSXWriter(sheets: [.init(name: name, header: header, rows: rows, widths: header.map { max(12, min(60, $0.count + 6)) })]).data()
            response = Response(status: .ok, body: .init(data: data))
            response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"birlik-\(name).\(format.rawValue)\"")
        return response
    }
}
