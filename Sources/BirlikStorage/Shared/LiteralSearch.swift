import FluentKit
import FluentSQL
import SQLKit

/// `LIKE` with the text taken as typed: `%`, `_` and `\` match only themselves, so a search for `%`
/// finds the rows with a percent sign, not every row. Fluent queries and hand-built SQL share it.
public enum LiteralSearch {
    /// `column LIKE '%text%' ESCAPE '\'`, with `text` escaped.
    public static func contains(_ column: SQLColumn, _ text: String) -> SQLQueryString {
        var escaped = ""
        for scalar in text.unicodeScalars {
            if scalar == "\\" || scalar == "%" || scalar == "_" { escaped.unicodeScalars.append("\\") }
            escaped.unicodeScalars.append(scalar)
        }
        return "\(column) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"
    }
}

extension QueryBuilder {
    /// Rows whose `column` contains `text` as typed (`LiteralSearch`).
    @discardableResult
    public func filter(_ column: String, containsLiterally text: String) -> Self {
        filter(.sql(embed: LiteralSearch.contains(SQLColumn(column, table: Model.schemaOrAlias), text)))
    }
}
