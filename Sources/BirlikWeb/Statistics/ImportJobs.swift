import BirlikCore
import BirlikStorage
import Foundation
import NIOConcurrencyHelpers

/// Imports of large files running after their request has answered, so the person importing sees the
/// progress (rows read of the file's rows) and then the outcome on a page that refreshes itself. Kept in
/// this server's memory for an hour; the import itself is the same all-or-nothing transaction.
final class ImportJobs: Sendable {
    enum State: Sendable {
        case running
        case done(ValueImporter.Summary)
        case failed(ImportFailure)
        case refused(L10nKey)
    }

    struct Job: Sendable {
        var owner: UUID?
        var fileName: String
        var totalRows: Int
        var rowsRead: Int
        var dryRun: Bool
        var encoding: String?
        /// The file's header row and the mapping it runs with: a dry run's page offers them again to import.
        var header: [String]
        var mapping: ImportMapping
        var state: State
        /// When it started, on the continuous clock (jobs are kept for an hour).
        var startedAt: ContinuousClock.Instant
    }

    /// Files larger than this import as a job with progress; smaller ones answer at once.
    static let threshold = 2 << 20

    private let jobs = NIOLockedValueBox([UUID: Job]())

    /// Starts `work` for `owner`; returns the job's id.
    func start(owner: UUID?, fileName: String, totalRows: Int, dryRun: Bool, encoding: String?, header: [String], mapping: ImportMapping,
               _ work: @escaping @Sendable (@escaping @Sendable (Int) -> Void) async throws -> ValueImporter.Summary) -> UUID {
        let id = UUID()
        let now = ContinuousClock.now
        jobs.withLockedValue { table in
            table = table.filter { now - $0.value.startedAt < .seconds(3600) }
            table[id] = Job(owner: owner, fileName: fileName, totalRows: totalRows, rowsRead: 0, dryRun: dryRun, encoding: encoding,
                            header: header, mapping: mapping, state: .running, startedAt: now)
        }
        Task {
            let state: State
            do {
                state = .done(try await work { rows in self.jobs.withLockedValue { $0[id]?.rowsRead = rows } })
            } catch let failure as ImportFailure {
                state = .failed(failure)
            } catch let error as DomainError {
                state = .refused(error.messageKey)
            } catch {
                state = .refused(.errorInvalid)
            }
            jobs.withLockedValue { $0[id]?.state = state }
        }
        return id
    }

    /// The job, for its owner only.
    func job(_ id: UUID, owner: UUID?) -> Job? {
        jobs.withLockedValue { $0[id] }.flatMap { $0.owner == owner ? $0 : nil }
    }
}
