import Foundation

/// Both Concepts as one tree, loaded from the shipped `strategy.csv` (see its ATTRIBUTION.md).
public struct StrategyTree: Sendable {
    public let nodes: [StrategyNode]
    private let byCode: [String: StrategyNode]
    private let childrenByParent: [String: [StrategyNode]]

    public init(nodes: [StrategyNode]) {
        self.nodes = nodes
        byCode = Dictionary(uniqueKeysWithValues: nodes.map { ($0.code, $0) })
        childrenByParent = Dictionary(grouping: nodes.filter { $0.parentCode != nil }, by: { $0.parentCode! })
    }

    /// The tree of the seeds.
    public static let shared: StrategyTree = StrategyTree(nodes: CSVReader.records(ReferenceData.text("strategy.csv")).compactMap { row in
        guard let code = row["code"], let kind = StrategyNode.Kind(rawValue: row["kind"] ?? "") else { return nil }
        return StrategyNode(code: code, parentCode: (row["parent"] ?? "").isEmpty ? nil : row["parent"], kind: kind,
                            seed: row["seed"] ?? "", line: Int(row["line"] ?? "") ?? 0,
                            text: LocalizedText(kk: row["kk"], ru: row["ru"], en: row["en"]))
    })

    public var concepts: [StrategyNode] { nodes.filter { $0.parentCode == nil } }

    public func node(_ code: String) -> StrategyNode? { byCode[code] }

    public func children(of code: String) -> [StrategyNode] { childrenByParent[code] ?? [] }

    /// The node and its ancestors, from the Concept down.
    public func path(to code: String) -> [StrategyNode] {
        var path: [StrategyNode] = []
        var current = byCode[code]
        while let node = current {
            path.insert(node, at: 0)
            current = node.parentCode.flatMap { byCode[$0] }
        }
        return path
    }

    /// Nodes whose text in any language (Kazakh in either script) contains every term of `query`.
    public func search(_ query: String) -> [StrategyNode] {
        let terms = SearchFolding.terms(query)
        guard !terms.isEmpty else { return [] }
        return nodes.filter { node in
            let haystack = SearchFolding.fold([node.code, node.text.kk, node.text.ru, node.text.en].compactMap { $0 }.joined(separator: " "))
            return terms.allSatisfy { haystack.contains($0) }
        }
    }

    /// The nodes a measure can serve, in tree order.
    public var servable: [StrategyNode] { nodes.filter(\.canBeServed) }
}
