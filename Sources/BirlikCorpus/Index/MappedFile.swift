import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an index file, mapped into memory by the kernel (`mmap`) rather than read: opening an
/// index costs nothing per token, and only the pages a query touches are ever loaded.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Maps the file at `path` read-only.
    init(path: String) throws(CorpusIndexError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path) }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else {
            throw .unreadable(path)
        }
        bytes = UnsafeRawBufferPointer(start: pointer, count: size)
        mapped = true
    }

    /// Holds `data` in memory (an index that was never written to disk).
    init(data: Data) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 8), alignment: 8)
        data.copyBytes(to: buffer)
        bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<data.count])
        mapped = false
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    /// The number of 32-bit words in the file.
    var wordCount: Int { bytes.count / 4 }

    /// The 32-bit little-endian word at `index`.
    @inline(__always) func word(_ index: Int) -> Int {
        Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self)))
    }
}

/// Why an index could not be opened or changed.
public enum CorpusIndexError: Error, Sendable, Equatable {
    /// A file of the index is missing or cannot be read.
    case unreadable(String)
    /// A file exists but is not what the index wrote (wrong size, wrong version).
    case damaged(String)
    /// The index directory could not be written.
    case unwritable(String)
}
