import FluentKit
import FluentSQL
import SQLKit

extension QueryBuilder {
    /// Rows whose `column` contains `text` as typed: `%`, `_` and `\` match only themselves, so a search
    /// for `%` finds the rows with a percent sign, not every row.
    @discardableResult
    public func filter(_ column: String, containsLiterally text: String) -> Self {
        var escaped = ""
        for scalar in text.unicodeScalars {
            if scalar == "\\" || scalar == "%" || scalar == "_" { escaped.unicodeScalars.append("\\") }
            escaped.unicodeScalars.append(scalar)
        }
        return filter(.sql(embed: "\(SQLColumn(column, table: Model.schemaOrAlias)) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"))
    }
}
