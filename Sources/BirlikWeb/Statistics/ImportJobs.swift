import BirlikCore
import BirlikStorage
import FluentKit
import Foundation
import NIOConcurrencyHelpers

/// Imports of large files running after their request has answered, so the person importing sees the
/// progress (rows read of the file's rows) and then the outcome on a page that refreshes itself. The job
/// lives in the database (`ImportJobStore`), so any server instance shows it; the import itself is the
/// same all-or-nothing transaction.
///
/// Rows read are written to the database at most once a second, and only when other instances read it
/// (`sharesProgress`, PostgreSQL): on SQLite the import's own transaction holds the one write lock, so
/// the progress is read from this server's memory, where it is counted as the rows are read.
final class ImportJobs: Sendable {
    /// Files larger than this import as a job with progress; smaller ones answer at once.
    static let threshold = 2 << 20

    let sharesProgress: Bool
    /// Rows read by the jobs this instance runs.
    private let running = NIOLockedValueBox([UUID: Int]())

    init(sharesProgress: Bool) { self.sharesProgress = sharesProgress }

    /// Records `job` and starts `work` for it.
    func start(_ job: ImportJob, on db: any Database,
               _ work: @escaping @Sendable (@escaping @Sendable (Int) -> Void) async throws -> ValueImporter.Summary) async throws {
        try await ImportJobStore.start(job, on: db)
        let id = job.id, shares = sharesProgress
        running.withLockedValue { $0[id] = 0 }
        let written = NIOLockedValueBox(ContinuousClock.now)
        Task {
            let state: ImportJob.State
            do {
                state = .done(try await work { rows in
                    self.running.withLockedValue { $0[id] = rows }
                    guard shares else { return }
                    let now = ContinuousClock.now
                    let due = written.withLockedValue { last in
                        guard now - last >= .seconds(1) else { return false }
                        last = now
                        return true
                    }
                    if due { Task { try? await ImportJobStore.progress(id, rowsRead: rows, on: db) } }
                })
            } catch let failure as ImportFailure {
                state = .failed(failure)
            } catch let error as DomainError {
                state = .refused(error.messageKey)
            } catch {
                state = .refused(.errorInvalid)
            }
            let rows = running.withLockedValue { $0[id] }
            try? await ImportJobStore.finish(id, state, rowsRead: rows, on: db)
            running.withLockedValue { $0[id] = nil }
        }
    }

    /// The job, for its owner only, with the rows read as this instance last counted them when it runs here.
    func job(_ id: UUID, owner: UUID?, on db: any Database) async throws -> ImportJob? {
        guard var job = try await ImportJobStore.find(id, owner: owner, on: db) else { return nil }
        if job.state == .running, let rows = running.withLockedValue({ $0[id] }) { job.rowsRead = max(job.rowsRead, rows) }
        return job
    }
}
