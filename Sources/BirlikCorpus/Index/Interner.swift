import Foundation

/// The distinct values of one attribute while a table is filled: UTF-8 bytes in one pool, an
/// open-addressing hash table over them, and the value id of every position. Hashing the bytes directly
/// avoids `String` hashing, which normalises Unicode and dominates indexing Cyrillic text.
final class Interner: @unchecked Sendable {
    private(set) var pool: [UInt8] = []
    /// Value `i` is `pool[starts[i]..<starts[i + 1]]`.
    private(set) var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    /// The value id at each position.
    var ids: [UInt32] = []

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

    /// Appends each value at the next positions. The tables are moved into locals for the loop, so the
    /// hot path pays no exclusivity checks and no copy-on-write.
    func append<S: Sequence<String>>(contentsOf values: S) {
        var state = State(pool: [], starts: [], hashes: [], slots: [], ids: [])
        swap(&state.pool, &pool); swap(&state.starts, &starts); swap(&state.hashes, &hashes); swap(&state.slots, &slots); swap(&state.ids, &ids)
        var mask = self.mask
        for value in values {
            var value = value
            let id = value.withUTF8 { Self.intern($0, &state, &mask) }
            state.ids.append(UInt32(id))
        }
        self.mask = mask
        swap(&state.pool, &pool); swap(&state.starts, &starts); swap(&state.hashes, &hashes); swap(&state.slots, &slots); swap(&state.ids, &ids)
    }

    struct State {
        var pool: [UInt8]
        var starts: [Int]
        var hashes: [UInt64]
        var slots: [Int32]
        var ids: [UInt32]
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

    private static func intern(_ bytes: UnsafeBufferPointer<UInt8>, _ state: inout State, _ mask: inout Int) -> Int {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(state.slots[slot])
            if id < 0 { break }
            if state.hashes[id] == hash, state.starts[id + 1] - state.starts[id] == bytes.count,
               bytes.isEmpty || state.pool.withUnsafeBufferPointer({ memcmp($0.baseAddress! + state.starts[id], bytes.baseAddress!, bytes.count) == 0 }) {
                return id
            }
            slot = (slot + 1) & mask
        }
        let id = state.starts.count - 1
        state.pool.append(contentsOf: bytes)
        state.starts.append(state.pool.count)
        state.hashes.append(hash)
        state.slots[slot] = Int32(id)
        if (id + 1) * 2 > state.slots.count {
            // Grow: twice the slots, every value placed again.
            state.slots = [Int32](repeating: -1, count: state.slots.count * 2)
            mask = state.slots.count - 1
            for (id, hash) in state.hashes.enumerated() {
                var slot = Int(truncatingIfNeeded: hash) & mask
                while state.slots[slot] >= 0 { slot = (slot + 1) & mask }
                state.slots[slot] = Int32(id)
            }
        }
        return id
    }
}
