import Foundation

/// Distinct byte strings, each given an id in order of first appearance: UTF-8 bytes in one pool and an
/// open-addressing hash table over them. Hashing the bytes directly avoids `String` hashing, which
/// normalises Unicode and dominates indexing Cyrillic text.
final class Interner: @unchecked Sendable {
    private(set) var pool: [UInt8] = []
    /// Value `i` is `pool[starts[i]..<starts[i + 1]]`.
    private(set) var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1 << 12) {
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
    }

    var distinct: Int { starts.count - 1 }

    /// The value with id `id`.
    func value(_ id: Int) -> String {
        pool.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[starts[id]..<starts[id + 1]]), as: UTF8.self) }
    }

    /// The bytes of value `id`, for comparisons.
    func withBytes<T>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        pool.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[id]..<starts[id + 1]])) }
    }

    /// The id of `bytes`, added if new.
    func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int, added: Bool) {
        batch { $0.intern(bytes) }
    }

    /// Runs `body` with the tables moved into a local batch, so that a hot loop of `intern` calls pays no
    /// exclusivity checks and no copy-on-write.
    func batch<R>(_ body: (inout Batch) throws -> R) rethrows -> R {
        var batch = Batch(pool: [], starts: [], hashes: [], slots: [], mask: mask)
        swap(&batch.pool, &pool); swap(&batch.starts, &starts); swap(&batch.hashes, &hashes); swap(&batch.slots, &slots)
        defer {
            mask = batch.mask
            swap(&batch.pool, &pool); swap(&batch.starts, &starts); swap(&batch.hashes, &hashes); swap(&batch.slots, &slots)
        }
        return try body(&batch)
    }

    /// The interner's tables while a batch runs.
    struct Batch {
        var pool: [UInt8]
        var starts: [Int]
        var hashes: [UInt64]
        var slots: [Int32]
        var mask: Int

        /// The id of `bytes`, added if new.
        mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int, added: Bool) {
            let hash = Interner.hash(bytes)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let id = Int(slots[slot])
                if id < 0 { break }
                if hashes[id] == hash, starts[id + 1] - starts[id] == bytes.count,
                   bytes.isEmpty || pool.withUnsafeBufferPointer({ memcmp($0.baseAddress! + starts[id], bytes.baseAddress!, bytes.count) == 0 }) {
                    return (id, false)
                }
                slot = (slot + 1) & mask
            }
            let id = starts.count - 1
            pool.append(contentsOf: bytes)
            starts.append(pool.count)
            hashes.append(hash)
            slots[slot] = Int32(id)
            if (id + 1) * 2 > slots.count {
                // Grow: twice the slots, every value placed again.
                slots = [Int32](repeating: -1, count: slots.count * 2)
                mask = slots.count - 1
                for (id, hash) in hashes.enumerated() {
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while slots[slot] >= 0 { slot = (slot + 1) & mask }
                    slots[slot] = Int32(id)
                }
            }
            return (id, true)
        }
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        while index < bytes.count {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
            index += 1
        }
        hash ^= hash >> 29
        return hash &* 0xC4CE_B9FE_1A85_EC53
    }
}
