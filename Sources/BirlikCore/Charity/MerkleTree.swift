import Crypto
import Foundation

/// A Merkle tree log in the manner of Certificate Transparency (RFC 6962, RFC 9162 §2.1): leaves are
/// hashed as `SHA-256(0x00 ‖ data)`, interior nodes as `SHA-256(0x01 ‖ left ‖ right)`, the tree of `n`
/// leaves splits at the largest power of two below `n`. It keeps the hash of every complete, aligned
/// subtree (two hashes per leaf in all), so the root of any size, an inclusion proof and a consistency
/// proof take O(log² n) hash reads, and appending a leaf costs O(log n) hashes.
public struct MerkleTree: Sendable {
    /// `levels[h]` holds, 32 bytes each, the hash of the complete subtree of `2^h` leaves starting at leaf
    /// `i · 2^h`: contiguous bytes, not one object per hash, so a tree of millions of leaves stays small.
    private var levels: [[UInt8]] = [[]]
    public private(set) var size = 0

    public init() {}

    public init<S: Sequence>(leafHashes: S) where S.Element == Data {
        for hash in leafHashes { append(leafHash: hash) }
    }

    public static func leafHash(_ data: Data) -> Data { hash(prefix: 0, data) }

    public static func nodeHash(_ left: Data, _ right: Data) -> Data { hash(prefix: 1, left + right) }

    /// The hash of the empty tree: SHA-256 of nothing.
    public static let emptyRoot = Data(SHA256.hash(data: Data()))

    private static func hash(prefix: UInt8, _ data: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: Data([prefix]))
        hasher.update(data: data)
        return Data(hasher.finalize())
    }

    public mutating func append(leafHash: Data) {
        precondition(leafHash.count == 32)
        levels[0].append(contentsOf: leafHash)
        size += 1
        var level = 0
        // Each completed pair closes a subtree one level up.
        while (levels[level].count / 32) % 2 == 0 {
            let count = levels[level].count / 32
            let parent = Self.nodeHash(node(level, count - 2), node(level, count - 1))
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1].append(contentsOf: parent)
            level += 1
        }
    }

    /// The stored hash `index` of `level`.
    private func node(_ level: Int, _ index: Int) -> Data {
        Data(levels[level][(index * 32)..<(index * 32 + 32)])
    }

    /// The leaf hash at `index`.
    public func leaf(_ index: Int) -> Data { node(0, index) }

    /// The root of the tree of the first `size` leaves (MTH of RFC 9162).
    public func root(size: Int? = nil) -> Data {
        let size = size ?? self.size
        precondition(size <= self.size)
        return size == 0 ? Self.emptyRoot : subtree(0, size)
    }

    /// MTH(D[low:high]); the left parts of the recursion are always complete and aligned.
    private func subtree(_ low: Int, _ high: Int) -> Data {
        let count = high - low
        if count & (count - 1) == 0 {
            let level = count.trailingZeroBitCount
            return node(level, low >> level)
        }
        let split = Self.largestPowerOfTwo(below: count)
        return Self.nodeHash(subtree(low, low + split), subtree(low + split, high))
    }

    static func largestPowerOfTwo(below count: Int) -> Int {
        precondition(count > 1)
        return 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount - 1)
    }

    /// The audit path of leaf `index` in the tree of the first `size` leaves (PATH of RFC 9162), leaf first.
    public func inclusionProof(leaf index: Int, size: Int) -> [Data] {
        precondition(index < size && size <= self.size)
        var proof: [Data] = []
        func path(_ m: Int, _ low: Int, _ high: Int) {
            guard high - low > 1 else { return }
            let split = Self.largestPowerOfTwo(below: high - low)
            if m < split {
                path(m, low, low + split)
                proof.append(subtree(low + split, high))
            } else {
                path(m - split, low + split, high)
                proof.append(subtree(low, low + split))
            }
        }
        path(index, 0, size)
        return proof
    }

    /// The consistency proof between the trees of the first `old` and `new` leaves (PROOF of RFC 9162).
    public func consistencyProof(from old: Int, to new: Int) -> [Data] {
        precondition(0 < old && old <= new && new <= size)
        var proof: [Data] = []
        func subproof(_ m: Int, _ low: Int, _ high: Int, _ complete: Bool) {
            let count = high - low
            if m == count {
                if !complete { proof.append(subtree(low, high)) }
                return
            }
            let split = Self.largestPowerOfTwo(below: count)
            if m <= split {
                subproof(m, low, low + split, complete)
                proof.append(subtree(low + split, high))
            } else {
                subproof(m - split, low + split, high, false)
                proof.append(subtree(low, low + split))
            }
        }
        subproof(old, 0, new, true)
        return proof
    }

    /// Checks an inclusion proof (RFC 9162 §2.1.3.2): `true` when `leafHash` at `index` is in the tree of
    /// `size` leaves whose root is `root`.
    public static func verifyInclusion(leafHash: Data, index: Int, size: Int, proof: [Data], root: Data) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index, sn = size - 1, r = leafHash
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1; sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// Checks a consistency proof (RFC 9162 §2.1.4.2) between the tree of `old` leaves with root
    /// `oldRoot` and the tree of `new` leaves with root `newRoot`.
    public static func verifyConsistency(old: Int, new: Int, oldRoot: Data, newRoot: Data, proof: [Data]) -> Bool {
        guard old > 0, old <= new else { return false }
        if old == new { return proof.isEmpty && oldRoot == newRoot }
        var path = proof
        if old & (old - 1) == 0 { path.insert(oldRoot, at: 0) }
        guard let first = path.first else { return false }
        var fn = old - 1, sn = new - 1
        while fn & 1 == 1 { fn >>= 1; sn >>= 1 }
        var fr = first, sr = first
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1; sn >>= 1
        }
        return sn == 0 && fr == oldRoot && sr == newRoot
    }
}
