import BirlikCore
import Foundation
import Testing

/// The ledger's Merkle tree against the Certificate Transparency reference vectors (the same leaves and
/// roots as the RFC 6962 implementations' tests), and its proofs checked exhaustively on small trees.
@Suite("The charity ledger's Merkle tree and money")
struct CharityLedgerTests {
    static let leaves: [Data] = [Data(), Data([0x00]), Data([0x10]), Data([0x20, 0x21]), Data([0x30, 0x31]), Data([0x40, 0x41, 0x42, 0x43]),
                                 Data(0x50...0x57), Data(0x60...0x6f)]
    static let roots = ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4", "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c", "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"]

    static var tree: MerkleTree { MerkleTree(leafHashes: leaves.map(MerkleTree.leafHash)) }

    @Test("Roots of 0…8 leaves and the proofs are those of the reference implementations")
    func referenceVectors() {
        let tree = Self.tree
        #expect(Hashing.hex(MerkleTree.emptyRoot) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        for size in 1...8 { #expect(Hashing.hex(tree.root(size: size)) == Self.roots[size - 1], "size \(size)") }
        #expect(tree.inclusionProof(leaf: 5, size: 8).map(Hashing.hex) == ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                                                                          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                                                                          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"])
        #expect(tree.consistencyProof(from: 3, to: 7).map(Hashing.hex) == ["0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                                                                          "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                                                                          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                                                                          "837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e"])
        #expect(tree.consistencyProof(from: 4, to: 8).map(Hashing.hex) == ["6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"])
    }

    @Test("Every inclusion and consistency proof of trees up to 33 leaves verifies, and a changed leaf, index or root does not")
    func proofsVerify() {
        let hashes = (0..<33).map { MerkleTree.leafHash(Data("leaf \($0)".utf8)) }
        let tree = MerkleTree(leafHashes: hashes)
        for size in 1...33 {
            let root = tree.root(size: size)
            for index in 0..<size {
                let proof = tree.inclusionProof(leaf: index, size: size)
                #expect(MerkleTree.verifyInclusion(leafHash: hashes[index], index: index, size: size, proof: proof, root: root))
                #expect(!MerkleTree.verifyInclusion(leafHash: hashes[(index + 1) % 33], index: index, size: size, proof: proof, root: root))
                if size > 1 { #expect(!MerkleTree.verifyInclusion(leafHash: hashes[index], index: (index + 1) % size, size: size, proof: proof, root: root)) }
            }
            for old in 1...size {
                let proof = tree.consistencyProof(from: old, to: size)
                #expect(MerkleTree.verifyConsistency(old: old, new: size, oldRoot: tree.root(size: old), newRoot: root, proof: proof), "\(old) → \(size)")
                if old < size {
                    #expect(!MerkleTree.verifyConsistency(old: old, new: size, oldRoot: tree.root(size: old), newRoot: MerkleTree.leafHash(Data()), proof: proof))
                }
            }
        }
    }

    @Test("Money is whole tiyn: what people type is read exactly or refused, and written as they write it")
    func money() {
        #expect(Money(tenge: "5000")?.tiyn == 500_000)
        #expect(Money(tenge: "1 250,50")?.tiyn == 125_050)
        #expect(Money(tenge: "1250.5")?.tiyn == 125_050)
        #expect(Money(tenge: "1 000 000 ₸")?.tiyn == 100_000_000)
        #expect(Money(tenge: "12,345") == nil)
        #expect(Money(tenge: "-5") == nil)
        #expect(Money(tenge: "abc") == nil)
        #expect(Money(tenge: "") == nil)
        #expect(Money(tiyn: 125_050).description == "1\u{202F}250,50 ₸")
        #expect(Money(tiyn: 100_000_000).description == "1\u{202F}000\u{202F}000 ₸")
        #expect((-Money(tiyn: 500)).description == "−5 ₸")
    }

    @Test("A ledger entry's leaf covers every field; a reversal takes its amount back out of the campaign's cash")
    func entries() {
        let campaign = UUID()
        let entry = LedgerEntry(index: 0, campaignID: campaign, kind: .incomingFunds, debit: LedgerAccount.cash(campaign), credit: LedgerAccount.donors,
                                amount: Money(tiyn: 500_000), day: Day(year: 2026, month: 11, day: 29), reference: "R-2026-000001", memo: "Ә. Нұрланова",
                                recordedAt: Date(timeIntervalSince1970: 1_800_000_000.123))
        var changed = entry
        changed.amount = Money(tiyn: 500_001)
        #expect(entry.leafHash != changed.leafHash)
        var renamed = entry
        renamed.memo = "Ә. Нұрланов"
        #expect(entry.leafHash != renamed.leafHash)
        #expect(entry.cashEffect == Money(tiyn: 500_000))
        let reversal = LedgerEntry(index: 1, campaignID: campaign, kind: .incomingFunds, debit: entry.credit, credit: entry.debit, amount: entry.amount,
                                   day: entry.day, reference: entry.reference, reverses: entry.id, memo: "қате", recordedAt: entry.recordedAt)
        #expect(reversal.cashEffect == Money(tiyn: -500_000))
    }
}
