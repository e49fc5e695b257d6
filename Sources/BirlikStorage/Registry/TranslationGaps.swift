import BirlikCore
import FluentKit

/// Counts the record texts that have no translation in a language (shown by `birlik i18n missing`).
public enum TranslationGaps {
    /// Organisation names missing per language.
    public static func count(on db: any Database) async throws -> [Language: Int] {
        [
            .kk: 0,
            .ru: try await OrganizationRecord.query(on: db).filter(\.$nameRU == nil).count(),
            .en: try await OrganizationRecord.query(on: db).filter(\.$nameEN == nil).count(),
        ]
    }
}
