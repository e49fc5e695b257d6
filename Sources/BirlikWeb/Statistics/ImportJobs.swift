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
/// Rows read are written to the database at most once a second, with a heartbeat every ten seconds, and
/// only when other instances read them (`sharesProgress`, PostgreSQL): on SQLite the import's own
/// transaction holds the one write lock, so the progress is read from this server's memory, where it is
/// counted as the rows are read. A job whose server stopped is shown as interrupted (its transaction
/// was rolled back): on SQLite, one this server does not run; on PostgreSQL, one without a heartbeat for
/// `silence`.
final class ImportJobs: Sendable {
    /// Files larger than this import as a job with progress; smaller ones answer at once.
    static let threshold = 2 << 20
    /// How often a running job says so, and how long a silence means its server stopped.
    static let heartbeat: Duration = .seconds(10)
    static let silence: TimeInterval = 60

    let sharesProgress: Bool
    let clock: BirlikClock
    /// Rows read by the jobs this instance runs.
    private let running = NIOLockedValueBox([UUID: Int]())

    init(sharesProgress: Bool, clock: BirlikClock) {
        self.sharesProgress = sharesProgress
        self.clock = clock
    }

    /// Records `job` and starts `work` for it.
    func start(_ job: ImportJob, on db: any Database,
               _ work: @escaping @Sendable (@escaping @Sendable (Int) -> Void) async throws -> ValueImporter.Summary) async throws {
        try await ImportJobStore.start(job, on: db)
        let id = job.id, shares = sharesProgress, clock = clock
        running.withLockedValue { $0[id] = 0 }
        let written = NIOLockedValueBox(ContinuousClock.now)
        let beating = shares ? Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.heartbeat)
                guard !Task.isCancelled, let rows = running.withLockedValue({ $0[id] }) else { return }
                try? await ImportJobStore.progress(id, rowsRead: rows, now: clock.now, on: db)
            }
        } : nil
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
                    if due { Task { try? await ImportJobStore.progress(id, rowsRead: rows, now: clock.now, on: db) } }
                })
            } catch let failure as ImportFailure {
                state = .failed(failure)
            } catch let error as DomainError {
                state = .refused(error.messageKey)
            } catch {
                state = .refused(.errorInvalid)
            }
            beating?.cancel()
            let rows = running.withLockedValue { $0[id] }
            // The outcome must reach the database, or the job would read as interrupted: tried again a few times.
            for attempt in 0..<5 {
                do {
                    try await ImportJobStore.finish(id, state, rowsRead: rows, on: db)
                    break
                } catch {
                    try? await Task.sleep(for: .seconds(attempt + 1))
                }
            }
            running.withLockedValue { $0[id] = nil }
        }
    }

    /// The job, for its owner only, with the rows read as this instance last counted them when it runs here.
    func job(_ id: UUID, owner: UUID?, on db: any Database) async throws -> ImportJob? {
        guard var job = try await ImportJobStore.find(id, owner: owner, on: db) else { return nil }
        guard job.state == .running else { return job }
        if let rows = running.withLockedValue({ $0[id] }) {
            job.rowsRead = max(job.rowsRead, rows)
        } else if !sharesProgress || clock.now.timeIntervalSince(job.beatAt) > Self.silence {
            job.state = .refused(.importInterrupted)
        }
        return job
    }
}
