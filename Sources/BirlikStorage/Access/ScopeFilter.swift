import BirlikCore
import FluentKit
import FluentSQL
import SQLKit

/// How a table's rows carry their `Scope`, written in SQL: the expression giving a row's place in the
/// region tree, the one giving its owning organisation (or a table listing its several owners), and the
/// condition under which it is public.
public struct ScopeColumns: Sendable {
    public var place: SQLQueryString
    public var organization: SQLQueryString?
    public var owners: Owners?
    public var isPublic: SQLQueryString?

    /// A row owned by several organisations, listed in a table of their own: the row is visible when any
    /// of them is (an instruction to each of its executors).
    public struct Owners: Sendable {
        /// The row's key, qualified by its table.
        public var key: SQLQueryString
        public var table: String
        public var keyColumn: String
        public var ownerColumn: String

        public init(key: SQLQueryString, table: String, keyColumn: String, ownerColumn: String) {
            self.key = key; self.table = table; self.keyColumn = keyColumn; self.ownerColumn = ownerColumn
        }
    }

    public init(place: SQLQueryString, organization: SQLQueryString? = nil, owners: Owners? = nil, isPublic: SQLQueryString? = nil) {
        self.place = place
        self.organization = organization
        self.owners = owners
        self.isPublic = isPublic
    }
}

/// A table whose rows are scoped by `Access`: every list of it filters through `visible(to:)`.
public protocol ScopedModel: FluentKit.Model {
    /// The resource `Access` knows its rows as.
    static var resource: Resource { get }
    /// The row's `Scope` in SQL, its columns qualified by `table` (the table's name, or its alias in a
    /// hand-written query); must agree with the domain value's `scope` (a property test checks it).
    static func scopeColumns(in table: String) -> ScopeColumns
}

/// A column qualified by its table (safe inside joins and subqueries).
func column(_ name: String, _ table: String) -> SQLQueryString { "\(SQLColumn(name, table: table))" }

/// **The** translation of `Access.visibility` into SQL: one condition over a table's `ScopeColumns`.
/// `Access.isVisible` is the same rule in Swift; `ScopeFilterTests` compares the two row by row for every
/// role and scoped table on SQLite and PostgreSQL.
public enum ScopeFilter {
    public static func condition(_ visibility: Visibility, _ columns: ScopeColumns) -> SQLQueryString {
        switch visibility {
        case .everything:
            return "1 = 1"
        case .nothing:
            return "1 = 0"
        case let .publicAnd(regions, organizations):
            var alternatives: [SQLQueryString] = []
            if let isPublic = columns.isPublic { alternatives.append("(\(isPublic))") }
            if let organization = columns.organization, !organizations.isEmpty {
                alternatives.append("\(organization) IN (\(binds: organizations))")
            }
            if let owners = columns.owners, !organizations.isEmpty {
                alternatives.append("\(owners.key) IN (SELECT \(ident: owners.keyColumn) FROM \(ident: owners.table) WHERE \(ident: owners.ownerColumn) IN (\(binds: organizations)))")
            }
            for region in regions { alternatives.append(within(columns.place, region)) }
            return alternatives.isEmpty ? "1 = 0" : "(" + alternatives.joined(separator: " OR ") + ")"
        }
    }

    /// `RegionCode.isWithin` in SQL: `place` is `region` itself or a code below it (KZ-75, KZ-75-03).
    /// The scoping rule and every region filter in SQL share it (`QueryBuilder.filter(_:within:)` in Fluent).
    public static func within(_ place: SQLQueryString, _ region: String) -> SQLQueryString {
        "(\(place) = \(bind: region) OR \(place) LIKE \(bind: region + "-%"))"
    }
}

extension QueryBuilder {
    /// Keeps the rows whose `column` is `region` or a place below it (`ScopeFilter.within`).
    @discardableResult
    public func filter(_ column: String, within region: String) -> Self {
        filter(.sql(embed: ScopeFilter.within(BirlikStorage.column(column, Model.schemaOrAlias), region)))
    }
}

extension QueryBuilder where Model: ScopedModel {
    /// Keeps only the rows `actor` may see.
    @discardableResult
    public func visible(to actor: Actor) -> Self {
        filter(.sql(embed: ScopeFilter.condition(Access.visibility(actor, Model.resource), Model.scopeColumns(in: Model.schemaOrAlias))))
    }
}

extension OrganizationRecord: ScopedModel {
    public static let resource = Resource.organization
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region_code", table), organization: column("id", table), isPublic: "\(column("is_public", table)) = \(bind: true)")
    }
}

extension PlanRecord: ScopedModel {
    public static let resource = Resource.plan
    public static func scopeColumns(in table: String) -> ScopeColumns {
        // In force, or a draft of the next version of an approved plan (whose version in force stays public).
        ScopeColumns(place: column("region_code", table),
                     isPublic: "(\(column("status", table)) <> \(bind: PlanStatus.draft.rawValue) OR \(column("plan_version", table)) > \(bind: 1))")
    }
}

extension ReportRecord: ScopedModel {
    public static let resource = Resource.report
    /// A report on the national plan belongs to its executor's place; on a regional plan, to the plan's.
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: "CASE WHEN \(column("region_code", table)) = \(bind: RegionCode.republic) THEN \(column("executor_region", table)) ELSE \(column("region_code", table)) END",
                     organization: column("executor_id", table),
                     isPublic: "\(column("status", table)) = \(bind: ReportStatus.accepted.rawValue)")
    }
}

extension SignalRecord: ScopedModel {
    public static let resource = Resource.signal
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("place", table), organization: column("responsible_id", table))
    }
}

extension AlertRecord: ScopedModel {
    public static let resource = Resource.alert
    /// An alert (and its response task) belongs to its place and the organisation responsible for it.
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("place", table), organization: column("responsible_id", table))
    }
}

extension InstructionRecord: ScopedModel {
    public static let resource = Resource.instruction
    /// An instruction is the Secretariat's (its place is the republic) and each executor's.
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: "\(bind: RegionCode.republic)",
                     owners: .init(key: column("id", table), table: InstructionExecutorRecord.schema, keyColumn: "instruction_id", ownerColumn: "organization_id"))
    }
}

extension CorpusSubmissionRecord: ScopedModel {
    public static let resource = Resource.corpusText
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: column("region", table), organization: column("organization_id", table))
    }
}

extension UserRecord: ScopedModel {
    public static let resource = Resource.user
    /// An account's place is its organisation's (the republic for one without an organisation).
    public static func scopeColumns(in table: String) -> ScopeColumns {
        ScopeColumns(place: "COALESCE((SELECT \(ident: "region_code") FROM \(ident: OrganizationRecord.schema) WHERE \(ident: OrganizationRecord.schema).\(ident: "id") = \(column("organization_id", table))), \(bind: RegionCode.republic))",
                     organization: column("organization_id", table))
    }
}
