import BirlikCore
import BirlikDocuments
import BirlikStorage
import FluentKit
import Foundation
import SQLKit
import Vapor

/// The catalogue of open data (S16): every public table of Birlik as a dataset, read as the public
/// reads it (the anonymous actor through the one scoping rule), with machine-readable column names
/// and every name in Kazakh, Russian and English columns. A dataset's content is a table; its
/// distributions are the same table as CSV and as JSON.
struct OpenDataset: Sendable {
    /// The table a dataset holds now.
    struct Table: Sendable {
        var header: [String]
        var rows: [[String]]

        /// UTF-8 CSV with a byte-order mark, as the registry's export writes it.
        var csv: Data {
            var writer = CSVWriter(header: header)
            for row in rows { writer.append(row) }
            return Data(writer.output.utf8)
        }

        /// An array of objects keyed by the column names, keys sorted: the same bytes for the same table.
        var json: Data {
            let objects = rows.map { row in Dictionary(uniqueKeysWithValues: zip(header, row)) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(objects)) ?? Data("[]".utf8)
        }
    }

    var id: String
    /// The EU data theme (`SOCI`, `GOVE`, `REGI`, …).
    var theme: String
    var keywords: [String]
    var read: @Sendable (any Database, Date) async throws -> Table

    var title: L10nKey { L10nKey(rawValue: "openData.dataset.\(id)")! }
    var summary: L10nKey { L10nKey(rawValue: "openData.dataset.\(id).about")! }

    static func find(_ id: String) -> OpenDataset? { all.first { $0.id == id } }

    static let all: [OpenDataset] = [
        OpenDataset(id: "organizations", theme: "SOCI", keywords: ["registry", "associations", "ethnocultural"]) { db, _ in
            let rows = try await OrganizationQueries.export(DirectoryQuery(), actor: .anonymous, language: .kk, on: db).sorted { $0.code < $1.code }
            return Table(header: ["code", "type", "bin", "name_kk", "name_ru", "name_en", "region_code", "languages", "ethnic_groups", "address", "phone",
                                  "email", "website"],
                         rows: rows.map { o in [o.code, o.type.rawValue, o.bin ?? "", o.name.kk ?? "", o.name.ru ?? "", o.name.en ?? "", o.regionCode,
                                                o.languages.map(\.rawValue).joined(separator: " "), o.ethnicGroups.joined(separator: " "),
                                                o.contacts.address ?? "", o.contacts.phone ?? "", o.contacts.email ?? "", o.contacts.website ?? ""] })
        },
        OpenDataset(id: "regions", theme: "REGI", keywords: ["regions", "districts", "administrative units"]) { _, _ in
            Table(header: ["code", "kind", "parent_code", "name_kk", "name_ru", "name_en"],
                  rows: ReferenceData.regions.map { r in [r.code, r.kind.rawValue, r.code == RegionCode.republic ? "" : r.kind == .district ? RegionCode.topLevel(r.code) ?? "" : RegionCode.republic,
                                                        r.name.kk ?? "", r.name.ru ?? "", r.name.en ?? ""] })
        },
        OpenDataset(id: "measures", theme: "GOVE", keywords: ["action plans", "measures", "deadlines"]) { db, _ in
            let rows = try await PlanQueries.measures(.init(), actor: .anonymous, limit: 1_000_000, on: db)
            let executors = try await OrganizationQueries.labels(ids: rows.map(\.0.executorID), on: db).mapValues(\.code)
            return Table(header: ["plan_code", "plan_status", "plan_region_code", "measure_code", "title_kk", "title_ru", "title_en", "tasks", "executor_code",
                                  "deadline", "budget_source", "amount_kzt"],
                         rows: rows.sorted { ($0.1.code, $0.0.code) < ($1.1.code, $1.0.code) }.map { measure, plan in
                             [plan.code, plan.status.rawValue, plan.regionCode, measure.code, measure.title.kk ?? "", measure.title.ru ?? "", measure.title.en ?? "",
                              measure.taskCodes.joined(separator: " "), executors[measure.executorID] ?? "", deadline(measure.deadline),
                              measure.budgetSource.rawValue, String(measure.amount)]
                         })
        },
        OpenDataset(id: "statistics", theme: "SOCI", keywords: ["statistics", "interethnic relations", "state language"]) { db, _ in
            let public_ = StatisticsCatalog.shared.elements.filter(\.isPublic).map(\.code)
            guard let sql = db as? any SQLDatabase, !public_.isEmpty else { return Table(header: [], rows: []) }
            let rows = try await sql.raw("""
                SELECT element, category, place, period, value FROM data_values WHERE element IN (\(binds: public_)) ORDER BY element, place, period, category
                """).all()
            return Table(header: ["element", "breakdown", "place_code", "period", "value"], rows: try rows.map { row in
                [try row.decode(column: "element", as: String.self), try row.decode(column: "category", as: String.self), try row.decode(column: "place", as: String.self),
                 try row.decode(column: "period", as: String.self), number(try row.decode(column: "value", as: Double.self))]
            })
        },
        OpenDataset(id: "appeal-statistics", theme: "GOVE", keywords: ["appeals", "citizens", "terms"]) { db, now in
            var rows: [[String]] = []
            for year in try await AppealQueries.years(on: db).sorted() {
                for dimension in AppealQueries.Dimension.allCases where dimension != .council {
                    for f in try await AppealQueries.statistics(dimension, year: year, today: Day(now), on: db) {
                        rows.append([String(year), dimension.rawValue, f.key, String(f.received), String(f.finished), String(f.onTime), String(f.overdue),
                                     String(f.extended), String(f.answered), String(f.satisfied), f.medianDays.map(String.init) ?? "", f.p90Days.map(String.init) ?? ""])
                    }
                }
            }
            return Table(header: ["year", "by", "key", "received", "finished", "on_time", "overdue", "extended", "answered", "satisfied", "median_working_days",
                                  "p90_working_days"], rows: rows)
        },
        OpenDataset(id: "charity-campaigns", theme: "SOCI", keywords: ["charity", "campaigns", "donations"]) { db, _ in
            let report = try await CharityReport.rows(by: .campaign, on: db)
            return Table(header: ["campaign_code", "money_in_kzt", "money_out_kzt", "balance_kzt", "in_kind_kzt"],
                         rows: report.rows.map { [$0.key, $0.moneyIn.description, $0.moneyOut.description, $0.balance.description, $0.inKind.description] })
        },
        OpenDataset(id: "events", theme: "EDUC", keywords: ["events", "calendar", "holidays"]) { db, _ in
            let events = try await EventQueries.events(from: nil, to: nil, filter: .init(), on: db)
            let organizers = try await OrganizationQueries.labels(ids: events.map(\.organizerID), on: db).mapValues(\.code)
            return Table(header: ["code", "title", "kind", "organizer_code", "place_code", "venue", "languages", "starts_at", "ends_at", "status", "participants_women",
                                  "participants_men"],
                         rows: events.map { e in [e.code, e.title, e.kind.rawValue, organizers[e.organizerID] ?? "", e.region, e.venue, e.languages.joined(separator: " "),
                                                  iso(e.startsAt), iso(e.endsAt), e.status.rawValue, e.report.map { String($0.women) } ?? "",
                                                  e.report.map { String($0.men) } ?? ""] })
        },
        OpenDataset(id: "grants", theme: "GOVE", keywords: ["grants", "NGO", "360Giving"]) { db, now in
            let package = try await ThreeSixtyGiving.package(language: .kk, on: db, now: now)
            return Table(header: ThreeSixtyGiving.csvHeader, rows: ThreeSixtyGiving.csvRows(package))
        },
    ]

    static func deadline(_ deadline: Deadline) -> String {
        switch deadline {
        case let .date(day): day.description
        case let .periodic(periodicity, dueDay): "\(periodicity.rawValue):\(dueDay)"
        }
    }

    static func number(_ value: Double) -> String { value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value) }

    /// An instant in Kazakhstan time with its offset: `2026-12-09T10:00:00+05:00`.
    static func iso(_ date: Date) -> String { EventTime.local(date) + ":00+05:00" }
}
