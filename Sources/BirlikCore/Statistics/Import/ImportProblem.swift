import Foundation

/// One problem found in an imported file, where a person can find and fix it: the row (as the
/// spreadsheet numbers it, the header being row 1), the column, the value and the reason.
public struct ImportProblem: Sendable, Hashable, Codable {
    public var row: Int
    /// The column's header text (empty for a problem with the whole row).
    public var column: String
    public var value: String
    public var key: L10nKey
    public var arguments: [String: String]

    public init(row: Int, column: String, value: String, _ key: L10nKey, _ arguments: [String: String] = [:]) {
        self.row = row
        self.column = column
        self.value = value
        self.key = key
        self.arguments = arguments
    }

    /// The problem as one line in the user's language: «12-жол, «Мән» бағаны, «12,5,3»: …».
    public func message(_ l10n: Localizer) -> String {
        l10n(.importProblemLine, ["row": String(row), "column": column.isEmpty ? "—" : column,
                                  "value": value.count > 60 ? String(value.prefix(60)) + "…" : value,
                                  "reason": l10n(key, arguments)])
    }
}

/// The rows of a file were not read: the problems say why, row by row. Nothing was written.
public struct ImportFailure: Error, Sendable, Equatable {
    public var problems: [ImportProblem]
    /// Problems beyond the reported ones (the list stops at `ImportFailure.limit`).
    public var more: Int

    public static let limit = 1000

    public init(problems: [ImportProblem], more: Int = 0) {
        self.problems = problems
        self.more = more
    }
}
