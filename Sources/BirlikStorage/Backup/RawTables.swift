import FluentKit
import Foundation
import SQLKit

/// The statistical tables written with SQL rather than Fluent models (S6), in the backup: each row
/// type mirrors its table's columns.
enum RawTables {
    struct Value: Codable, Sendable {
        var element: String, category: String, place: String, region: String, period: String, periodKind: String
        var year: Int, month: Int, value: Double, source: String, enteredBy: String, enteredAt: Date
    }

    struct Approval: Codable, Sendable {
        var id: UUID, dataSet: String, place: String, period: String, level: String, approvedBy: String, approvedAt: Date
    }

    struct Import: Codable, Sendable {
        var id: UUID, fileSha256: String, fileName: String, rows: Int, values: Int, changed: Int, actorName: String, at: Date
    }

    struct Publication: Codable, Sendable {
        var id: UUID, month: String, publishedBy: String, publishedAt: Date
    }

    /// The tables, parents first, with how to read and write their rows as JSON.
    static let all: [(name: String, dump: @Sendable (any SQLDatabase, JSONEncoder) async throws -> (Int, Data),
                      load: @Sendable (any SQLDatabase, JSONDecoder, Data) async throws -> Void)] = [
        table(ValueTable.values, Value.self), table(ValueTable.approvals, Approval.self),
        table(ValueTable.imports, Import.self), table(ValueTable.publications, Publication.self),
    ]

    static func table<Row: Codable & Sendable>(_ name: String, _ type: Row.Type)
        -> (name: String, dump: @Sendable (any SQLDatabase, JSONEncoder) async throws -> (Int, Data),
            load: @Sendable (any SQLDatabase, JSONDecoder, Data) async throws -> Void) {
        (name, { sql, encoder in
            let rows = try await sql.select().column("*").from(name).all().map { try $0.decode(model: Row.self, keyDecodingStrategy: .convertFromSnakeCase) }
            return (rows.count, try encoder.encode(rows))
        }, { sql, decoder, data in
            let rows = try decoder.decode([Row].self, from: data)
            for start in stride(from: 0, to: rows.count, by: 200) {
                try await sql.insert(into: name).models(Array(rows[start..<min(rows.count, start + 200)]), keyEncodingStrategy: .convertToSnakeCase).run()
            }
        })
    }
}
