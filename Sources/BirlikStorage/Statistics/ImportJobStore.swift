import BirlikCore
import FluentKit
import Foundation

/// An import of a large file that goes on after its request has answered: what the person importing
/// sees of it (rows read of the file's rows, then the outcome), whichever server instance they ask.
public struct ImportJob: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case running
        case done(ValueImporter.Summary)
        case failed(ImportFailure)
        case refused(L10nKey)
    }

    public var id: UUID
    public var owner: UUID?
    public var fileName: String
    public var totalRows: Int
    public var rowsRead: Int
    public var dryRun: Bool
    public var encoding: String?
    /// The file's header row and the mapping it runs with: a dry run's page offers them again to import.
    public var header: [String]
    public var mapping: ImportMapping
    public var state: State
    public var startedAt: Date
    /// When the instance running it last said it still was (its start, its progress, a heartbeat).
    public var beatAt: Date

    public init(id: UUID = UUID(), owner: UUID?, fileName: String, totalRows: Int, dryRun: Bool, encoding: String?, header: [String],
                mapping: ImportMapping, startedAt: Date) {
        self.id = id
        self.owner = owner
        self.fileName = fileName
        self.totalRows = totalRows
        rowsRead = 0
        self.dryRun = dryRun
        self.encoding = encoding
        self.header = header
        self.mapping = mapping
        state = .running
        self.startedAt = startedAt
        beatAt = startedAt
    }
}

/// A row of `import_jobs`.
final class ImportJobRecord: Model, @unchecked Sendable {
    static let schema = "import_jobs"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @Field(key: "file_name") var fileName: String
    @Field(key: "total_rows") var totalRows: Int
    @Field(key: "rows_read") var rowsRead: Int
    @Field(key: "dry_run") var dryRun: Bool
    @OptionalField(key: "encoding") var encoding: String?
    @Field(key: "header") var header: String
    @Field(key: "mapping") var mapping: String
    /// `running`, `done`, `failed` or `refused`; `outcome` holds the summary, the problems or the message key.
    @Field(key: "state") var state: String
    @OptionalField(key: "outcome") var outcome: String?
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "beat_at") var beatAt: Date

    init() {}

    /// The failure's problems as kept in `outcome`.
    struct Problems: Codable {
        var problems: [ImportProblem]
        var more: Int
    }

    var job: ImportJob? {
        guard let id else { return nil }
        var job = ImportJob(id: id, owner: ownerID, fileName: fileName, totalRows: totalRows, dryRun: dryRun, encoding: encoding,
                            header: JSONColumn.decode([String].self, header, default: []),
                            mapping: JSONColumn.decode(ImportMapping.self, mapping, default: ImportMapping()), startedAt: startedAt)
        job.rowsRead = rowsRead
        job.beatAt = beatAt
        switch state {
        case "done":
            guard let summary = JSONColumn.decode(ValueImporter.Summary?.self, outcome, default: nil) else { return nil }
            job.state = .done(summary)
        case "failed":
            let kept = JSONColumn.decode(Problems.self, outcome, default: Problems(problems: [], more: 0))
            job.state = .failed(ImportFailure(problems: kept.problems, more: kept.more))
        case "refused":
            job.state = .refused(outcome.flatMap(L10nKey.init(rawValue:)) ?? .errorInvalid)
        default:
            job.state = .running
        }
        return job
    }
}

/// Background imports kept in the database: started on one server instance, followed from any.
/// Finished jobs are kept for an hour.
public enum ImportJobStore {
    /// How long a job is kept after it started.
    public static let keptFor: TimeInterval = 3600

    /// Records a new running job (and forgets the jobs started more than `keptFor` ago, except one still running).
    public static func start(_ job: ImportJob, on db: any Database) async throws {
        let cutoff = job.startedAt.addingTimeInterval(-keptFor)
        try await ImportJobRecord.query(on: db).filter(\.$startedAt < cutoff)
            .group(.or) { $0.filter(\.$state != "running").filter(\.$beatAt < cutoff) }.delete()
        let record = ImportJobRecord()
        record.id = job.id
        record.ownerID = job.owner
        record.fileName = job.fileName
        record.totalRows = job.totalRows
        record.rowsRead = 0
        record.dryRun = job.dryRun
        record.encoding = job.encoding
        record.header = JSONColumn.encode(job.header)
        record.mapping = JSONColumn.encode(job.mapping)
        record.state = "running"
        record.startedAt = job.startedAt
        record.beatAt = job.startedAt
        try await record.create(on: db)
    }

    /// Records that a running job is still running at `now`, and how many rows it has read (never fewer than before).
    public static func progress(_ id: UUID, rowsRead: Int, now: Date, on db: any Database) async throws {
        try await ImportJobRecord.query(on: db).filter(\.$id == id).filter(\.$state == "running").filter(\.$rowsRead <= rowsRead)
            .set(\.$rowsRead, to: rowsRead).set(\.$beatAt, to: now).update()
    }

    /// Records how a job ended.
    public static func finish(_ id: UUID, _ state: ImportJob.State, rowsRead: Int?, on db: any Database) async throws {
        let (name, outcome): (String, String?) = switch state {
        case .running: ("running", nil)
        case let .done(summary): ("done", JSONColumn.encode(summary))
        case let .failed(failure): ("failed", JSONColumn.encode(ImportJobRecord.Problems(problems: failure.problems, more: failure.more)))
        case let .refused(key): ("refused", key.rawValue)
        }
        let query = ImportJobRecord.query(on: db).filter(\.$id == id).set(\.$state, to: name).set(\.$outcome, to: outcome)
        if let rowsRead { query.set(\.$rowsRead, to: rowsRead) }
        try await query.update()
    }

    /// The job, for its owner only (`nil` for anyone else, and once it is no longer kept).
    public static func find(_ id: UUID, owner: UUID?, on db: any Database) async throws -> ImportJob? {
        guard let job = try await ImportJobRecord.find(id, on: db)?.job, job.owner == owner else { return nil }
        return job
    }
}

/// Batch 015: background imports, followed from any server instance.
struct CreateImportJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ImportJobRecord.schema)
            .id()
            .field("owner_id", .uuid)
            .field("file_name", .string, .required)
            .field("total_rows", .int, .required)
            .field("rows_read", .int, .required)
            .field("dry_run", .bool, .required)
            .field("encoding", .string)
            .field("header", .string, .required)
            .field("mapping", .string, .required)
            .field("state", .string, .required)
            .field("outcome", .string)
            .field("started_at", .datetime, .required)
            .field("beat_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportJobRecord.schema).delete()
    }
}
