import BirlikCore
import BirlikStorage
import BirlikTestSupport
import FluentKit
import Foundation
import Testing
import ZIPFoundation

/// A backup is an untrusted file too: restore writes only content-addressed files inside the data
/// directory, each checked against its hash, and refuses the whole archive otherwise.
@Suite("Restoring untrusted archives")
struct UntrustedArchiveTests {
    /// A real backup of the reference data with one stored file, plus `extra` entries (path, bytes).
    static func backup(with extra: [(String, Data)]) async throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString).zip")
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("backup-files-\(UUID().uuidString)")
        try await withDatabase(demo: false) { birlik in
            _ = try await FileStore(root: files).store(Data("файл".utf8), mediaType: "text/plain", originalName: "f.txt", on: birlik.db, now: TestClock.now)
            _ = try await Backup.write(to: file, files: FileStore(root: files), now: TestClock.now, on: birlik.db)
        }
        let archive = try Archive(url: file, accessMode: .update)
        for (path, data) in extra {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return file
    }

    @Test("Entries outside files/ab/cd/<sha256>, or whose bytes do not match their name, restore nothing",
          arguments: ["files/../../escaped.txt", "files/../escaped.txt", "files/ab/cd/../../../escaped.txt", "files/escaped.txt",
                      "files/00/00/" + String(repeating: "0", count: 64)])
    func refused(path: String) async throws {
        let file = try await Self.backup(with: [(path, Data("<?php system($_GET['c']); ?>".utf8))])
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("restore-\(UUID().uuidString)")
        let filesRoot = root.appendingPathComponent("data/files")
        try await withDatabase(seed: false) { birlik in
            do {
                try await Backup.restore(from: file, files: FileStore(root: filesRoot), on: birlik.db)
                Issue.record("\(path) was restored")
            } catch let Backup.Failure.foreignFile(named) {
                #expect(named == path)
            }
            #expect(try await OrganizationRecord.query(on: birlik.db).count() == 0)
        }
        let written = FileManager.default.enumerator(atPath: root.path)?.allObjects ?? []
        #expect(written.isEmpty, "restore wrote \(written)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("data/escaped.txt").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("escaped.txt").path))
    }

    @Test("A backup whose stored files are all content-addressed restores, with each file's bytes checked")
    func accepted() async throws {
        let file = try await Self.backup(with: [])
        let filesRoot = FileManager.default.temporaryDirectory.appendingPathComponent("restore-\(UUID().uuidString)")
        try await withDatabase(seed: false) { birlik in
            try await Backup.restore(from: file, files: FileStore(root: filesRoot), on: birlik.db)
            #expect(try await FileStore(root: filesRoot).data(at: ContentAddress(of: Data("файл".utf8)), on: birlik.db) == Data("файл".utf8))
        }
    }

    @Test("Two uploads of the same bytes at once both succeed and store one file", arguments: TestBackend.enabled)
    func concurrentUploads(backend: TestBackend) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString)")
        try await withDatabase(backend, demo: false) { birlik in
            let store = FileStore(root: root)
            let data = Data("бірдей".utf8)
            let db = birlik.db
            let addresses = try await withThrowingTaskGroup(of: ContentAddress.self) { group in
                for _ in 0..<8 { group.addTask { try await store.store(data, mediaType: "text/plain", originalName: "a.txt", on: db, now: TestClock.now) } }
                return try await group.reduce(into: [ContentAddress]()) { $0.append($1) }
            }
            #expect(Set(addresses).count == 1 && addresses.count == 8)
            #expect(try await StoredFileRecord.query(on: birlik.db).count() == 1)
        }
    }
}
