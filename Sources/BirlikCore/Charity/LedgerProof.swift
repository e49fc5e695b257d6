import Foundation

/// A proof about the charity ledger that anyone can check offline, in the JSON the open data gives: a
/// receipt's inclusion in a signed tree (`/api/v1/charity/receipts/{number}`) or the consistency of two
/// signed trees (`/api/v1/charity/consistency`). `birlik ledger check` reads one.
public struct LedgerProof: Sendable, Decodable {
    /// A signed tree head as published.
    public struct Head: Sendable, Decodable {
        public var size: Int
        public var root: String
        public var signedAt: Date
        public var signature: String
        public var publicKey: String

        var treeHead: TreeHead { TreeHead(size: size, root: root, signedAt: signedAt, signature: signature, publicKey: publicKey) }
    }

    // A receipt.
    public var number: String?
    public var leafIndex: Int?
    public var leafHash: String?
    public var head: Head?
    public var inclusionProof: [String]?
    // A consistency proof.
    public var from: Head?
    public var to: Head?
    public var proof: [String]?

    public static func read(_ data: Data) throws -> LedgerProof {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(LedgerProof.self, from: data)
    }

    /// What was proven, or why not. Signatures are checked against `trustedKey` when given (raw Ed25519
    /// public key), otherwise against the key the file names — which then only proves self-consistency.
    public func check(trustedKey: Data?) -> Result<String, Problem> {
        func signed(_ head: Head) -> Bool {
            head.treeHead.isSigned(by: trustedKey ?? Data(base64Encoded: head.publicKey) ?? Data())
        }
        if let head, let leafIndex, let leafHash, let path = inclusionProof {
            guard signed(head) else { return .failure(.signature(head.size)) }
            guard let leaf = Hashing.bytes(hex: leafHash), let root = Hashing.bytes(hex: head.root), let proof = Self.bytes(path),
                  MerkleTree.verifyInclusion(leafHash: leaf, index: leafIndex, size: head.size, proof: proof, root: root) else {
                return .failure(.inclusion(leafIndex, head.size))
            }
            return .success("receipt \(number ?? "?"): leaf \(leafIndex) is in the signed tree of \(head.size) entries")
        }
        if let from, let to, let path = proof {
            guard signed(from) else { return .failure(.signature(from.size)) }
            guard signed(to) else { return .failure(.signature(to.size)) }
            guard let old = Hashing.bytes(hex: from.root), let new = Hashing.bytes(hex: to.root), let proof = Self.bytes(path),
                  MerkleTree.verifyConsistency(old: from.size, new: to.size, oldRoot: old, newRoot: new, proof: proof) else {
                return .failure(.consistency(from.size, to.size))
            }
            return .success("the signed tree of \(to.size) entries extends the signed tree of \(from.size) entries")
        }
        return .failure(.notAProof)
    }

    static func bytes(_ hex: [String]) -> [Data]? {
        let values = hex.compactMap(Hashing.bytes(hex:))
        return values.count == hex.count ? values : nil
    }

    /// Why a proof does not hold.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case signature(Int)
        case inclusion(Int, Int)
        case consistency(Int, Int)
        case notAProof

        public var description: String {
            switch self {
            case let .signature(size): "the tree head of size \(size) is not signed by the trusted key"
            case let .inclusion(index, size): "leaf \(index) is not proven in the tree of size \(size)"
            case let .consistency(old, new): "the tree of size \(new) is not proven to extend the tree of size \(old)"
            case .notAProof: "the file is neither a receipt nor a consistency proof"
            }
        }
    }
}
