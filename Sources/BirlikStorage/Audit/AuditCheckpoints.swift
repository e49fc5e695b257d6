import BirlikCore
import FluentKit
import Foundation

/// Signed checkpoints of the audit chain's head, appended to `audit/checkpoints.jsonl` in the data
/// directory (outside the database), with the key that signs the annual report. Servers write one
/// every minute the log has grown and when they stop; every `birlik` command writes one when it ends;
/// `birlik audit checkpoint` prints the newest for an operator to keep elsewhere as well.
public enum AuditCheckpoints {
    /// The checkpoint file of a data directory.
    public static func file(dataDirectory: String) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("audit/checkpoints.jsonl")
    }

    /// The checkpoints in `file`, or in its last `tail` bytes only (a line cut by the start of the tail, or
    /// one that is not a checkpoint, is skipped).
    public static func read(_ file: URL, tail: UInt64? = nil) -> [AuditCheckpoint] {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return [] }
        defer { try? handle.close() }
        if let tail, let size = try? handle.seekToEnd(), size > tail { try? handle.seek(toOffset: size - tail) } else { try? handle.seek(toOffset: 0) }
        guard let data = try? handle.readToEnd() else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(AuditCheckpoint.self, from: Data($0)) }
    }

    /// The newest checkpoint in `file`, read from its end: the file grows by a line a minute at most, and
    /// the newest checkpoint is all verification needs (a whole chain that still holds the entry and hash
    /// it names holds every entry before it as they were).
    public static func newest(in file: URL) -> AuditCheckpoint? {
        read(file, tail: 64 << 10).max { $0.sequence < $1.sequence }
    }

    /// Appends a signed checkpoint of the current head when the log has grown since the newest one;
    /// returns it (or the newest one when nothing changed).
    @discardableResult
    public static func record(dataDirectory: String, now: Date, on db: any Database) async throws -> AuditCheckpoint? {
        guard let head = try await AuditHeadRecord.find(1, on: db), head.sequence > 0 else { return nil }
        let url = file(dataDirectory: dataDirectory)
        if let newest = newest(in: url), newest.sequence >= head.sequence { return newest }
        let checkpoint = try AuditCheckpoint.sign(sequence: head.sequence, hash: head.hash, at: now,
                                                  privateKey: try SignedDocuments.privateKey(dataDirectory: dataDirectory))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        var line = try encoder.encode(checkpoint)
        line.append(0x0A)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        // One short line appended at the end: instances sharing the data directory never interleave.
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        return checkpoint
    }

    /// The whole check: the chain itself, then the newest signed checkpoint of the data directory and of
    /// `exported` (a file kept elsewhere) against the entry each names, then an empty log against data.
    public static func verify(dataDirectory: String, exported: URL? = nil, on db: any Database) async throws -> AuditChain.Report {
        var report = try await AuditLog.verify(on: db)
        guard report.isWhole else { return report }
        let checkpoints = [newest(in: file(dataDirectory: dataDirectory)), exported.flatMap(newest(in:))].compactMap { $0 }
        if !checkpoints.isEmpty {
            let trusted = try DocumentSignature.publicKey(of: try SignedDocuments.privateKey(dataDirectory: dataDirectory))
            var hashes: [Int: String] = [:]
            for entry in try await AuditEntryRecord.query(on: db).filter(\.$id ~~ Set(checkpoints.map(\.sequence))).all() {
                if let id = entry.id { hashes[id] = entry.hash }
            }
            if let broken = AuditChain.verify(checkpoints: checkpoints, hashes: hashes, trustedKey: trusted) {
                report.firstBroken = broken
                return report
            }
        }
        if report.checked == 0 {
            let organizations = try await OrganizationRecord.query(on: db).count()
            let users = try await UserRecord.query(on: db).count()
            if organizations + users > 0 { report.firstBroken = (1, .emptyWithData) }
        }
        return report
    }
}
