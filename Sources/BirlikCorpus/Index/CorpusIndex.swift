import Foundation

/// A corpus index: a list of immutable segments plus the documents deleted since they were written, named
/// by `manifest.json` in the index directory. Adding documents writes a new segment and a new manifest
/// (renamed into place, so a reader sees the old index or the new one, never half of one); deleting a
/// document records it in the manifest, and it drops out of every result at once. `compacted()` rewrites
/// everything live into one segment. A value is an immutable snapshot; changes return the next one.
public struct CorpusIndex: Sendable {
    /// A document of the index, with positions global to the index.
    public typealias Document = TokenTable.Document

    struct Manifest: Codable, Equatable {
        var version = 1
        var segments: [String] = []
        /// Per segment, the indexes of its deleted documents.
        var deleted: [String: [Int]] = [:]
    }

    /// Where the index lives; `nil` for one held in memory.
    public let directory: URL?
    let segments: [Segment]
    /// The global position of each segment's first token.
    let bases: [Int]
    let deleted: [String: Set<Int>]
    /// The attributes every token has.
    public let attributes: [String]

    public static let manifestName = "manifest.json"

    init(directory: URL?, segments: [Segment], deleted: [String: Set<Int>], attributes: [String]) {
        self.directory = directory
        self.segments = segments
        self.deleted = deleted
        self.attributes = segments.first?.attributes ?? attributes
        var bases: [Int] = []
        var total = 0
        for segment in segments {
            bases.append(total)
            total += segment.count
        }
        self.bases = bases
    }

    /// An index held in memory, of one table (tests, previews).
    public init(table: TokenTable) {
        let segment = try? Segment(name: "memory", directory: nil, files: SegmentFormat.encode(table))
        self.init(directory: nil, segments: segment.map { [$0] } ?? [], deleted: [:], attributes: table.attributes)
    }

    /// Opens the index in `directory`, creating an empty one there if none exists.
    public static func open(at directory: URL, attributes: [String] = TokenTable.standardAttributes) throws(CorpusIndexError) -> CorpusIndex {
        let manifestURL = directory.appendingPathComponent(manifestName)
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch { throw .unwritable(directory.path) }
            let index = CorpusIndex(directory: directory, segments: [], deleted: [:], attributes: attributes)
            try index.write(Manifest())
            return index
        }
        guard let data = try? Data(contentsOf: manifestURL) else { throw .unreadable(manifestURL.path) }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: data), manifest.version == 1 else {
            throw .damaged(manifestURL.path)
        }
        var segments: [Segment] = []
        for name in manifest.segments {
            segments.append(try Segment(name: name, directory: directory.appendingPathComponent(name)))
        }
        return CorpusIndex(directory: directory, segments: segments, deleted: manifest.deleted.mapValues(Set.init), attributes: attributes)
    }

    // MARK: Reading

    /// The number of token positions (deleted documents included, as they keep their positions).
    public var count: Int { (bases.last ?? 0) + (segments.last?.count ?? 0) }

    /// The documents that are not deleted, in position order.
    public var documents: [Document] {
        segments.enumerated().flatMap { number, segment in
            segment.documents.enumerated().compactMap { index, document in
                isDeleted(segment: number, document: index) ? nil : global(document, segment: number)
            }
        }
    }

    /// The number of tokens in documents that are not deleted.
    public var liveTokens: Int { documents.reduce(0) { $0 + $1.end - $1.start } }

    func isDeleted(segment: Int, document: Int) -> Bool {
        deleted[segments[segment].name]?.contains(document) ?? false
    }

    func global(_ document: Document, segment: Int) -> Document {
        var copy = document
        copy.start += bases[segment]
        copy.end += bases[segment]
        return copy
    }

    /// The segment holding a global position, and the position within it.
    func locate(_ position: Int) -> (segment: Int, local: Int)? {
        guard position >= 0, position < count else { return nil }
        var low = 0, high = bases.count
        while low < high {
            let middle = (low + high) / 2
            if bases[middle] <= position { low = middle + 1 } else { high = middle }
        }
        return (low - 1, position - bases[low - 1])
    }

    /// The column number of an attribute.
    public func column(_ attribute: String) -> Int? { attributes.firstIndex(of: attribute) }

    /// The value of `attribute` at `position`.
    public func value(_ attribute: String, at position: Int) -> String? {
        guard let column = column(attribute), let (number, local) = locate(position) else { return nil }
        let values = segments[number].columns[column]
        return values.value(values.id(at: local))
    }

    /// The live document holding `position`.
    public func document(of position: Int) -> Document? {
        guard let (number, local) = locate(position), let index = segments[number].documentIndex(of: local),
              !isDeleted(segment: number, document: index) else { return nil }
        return global(segments[number].documents[index], segment: number)
    }

    /// The positions of the sentence holding `position`.
    public func sentenceRange(of position: Int) -> Range<Int> {
        guard let (number, local) = locate(position) else { return position..<position }
        let range = segments[number].sentenceRange(of: local)
        return (range.lowerBound + bases[number])..<(range.upperBound + bases[number])
    }

    /// How many times `value` occurs as `attribute` in the corpus (deleted documents included).
    public func frequency(_ attribute: String, _ value: String) -> Int {
        guard let column = column(attribute) else { return 0 }
        return segments.reduce(0) { total, segment in
            guard let id = segment.columns[column].id(of: value) else { return total }
            return total + segment.columns[column].postingRange(id).count
        }
    }

    // MARK: Changing

    /// The index with `table`'s documents added as a new segment.
    public func adding(_ table: TokenTable) throws(CorpusIndexError) -> CorpusIndex {
        guard table.count > 0 else { return self }
        guard let directory else {
            var segments = self.segments
            if let segment = try? Segment(name: "memory\(segments.count)", directory: nil, files: SegmentFormat.encode(table)) {
                segments.append(segment)
            }
            return CorpusIndex(directory: nil, segments: segments, deleted: deleted, attributes: attributes)
        }
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []) + segments.map(\.name)
        let name = String(format: "segment-%06d", (existing.compactMap { Int($0.dropFirst(8)) }.max() ?? 0) + 1)
        let folder = directory.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (file, data) in SegmentFormat.encode(table) {
                try data.write(to: folder.appendingPathComponent(file))
            }
        } catch { throw .unwritable(folder.path) }
        let segment = try Segment(name: name, directory: folder)
        let next = CorpusIndex(directory: directory, segments: segments + [segment], deleted: deleted, attributes: attributes)
        try next.write(next.manifest)
        return next
    }

    /// The index without the documents whose id is `documentID`, and how many were deleted.
    public func deleting(documentID: String) throws(CorpusIndexError) -> (index: CorpusIndex, deleted: Int) {
        var deleted = self.deleted
        var removed = 0
        for (number, segment) in segments.enumerated() {
            for (index, document) in segment.documents.enumerated() where document.id == documentID && !isDeleted(segment: number, document: index) {
                deleted[segment.name, default: []].insert(index)
                removed += 1
            }
        }
        guard removed > 0 else { return (self, 0) }
        let next = CorpusIndex(directory: directory, segments: segments, deleted: deleted, attributes: attributes)
        if directory != nil { try next.write(next.manifest) }
        return (next, removed)
    }

    /// The live documents, token by token, as a table (what `compacted()` rewrites).
    public func table() -> TokenTable {
        var table = TokenTable(attributes: attributes)
        for (number, segment) in segments.enumerated() {
            for (index, document) in segment.documents.enumerated() where !isDeleted(segment: number, document: index) {
                var sentences: [[[String: String]]] = []
                var position = document.start
                while position < document.end {
                    let sentence = segment.sentenceRange(of: position)
                    let end = min(sentence.upperBound, document.end)
                    sentences.append((position..<end).map { local in
                        Dictionary(uniqueKeysWithValues: attributes.enumerated().map { column, attribute in
                            (attribute, segment.columns[column].value(segment.columns[column].id(at: local)))
                        })
                    })
                    position = max(end, position + 1)
                }
                table.append(document: document.id, metadata: document.metadata, sentences: sentences)
            }
        }
        return table
    }

    /// The index rewritten as one segment without its deleted documents; old segment files are removed.
    public func compacted() throws(CorpusIndexError) -> CorpusIndex {
        let live = table()
        let empty = CorpusIndex(directory: directory, segments: [], deleted: [:], attributes: attributes)
        let next = try empty.adding(live)
        if next.segments.isEmpty, directory != nil { try next.write(Manifest()) }
        if let directory {
            for segment in segments where !next.segments.contains(where: { $0.name == segment.name }) {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(segment.name))
            }
        }
        return next
    }

    /// The index as its directory holds it now when another process (`birlik corpus add`, another server
    /// on the same folder) wrote a new manifest since this snapshot; `nil` when nothing changed.
    public func reloaded() throws(CorpusIndexError) -> CorpusIndex? {
        guard let directory, let data = try? Data(contentsOf: directory.appendingPathComponent(Self.manifestName)),
              let onDisk = try? JSONDecoder().decode(Manifest.self, from: data), onDisk.version == 1, onDisk != manifest else { return nil }
        // Segments are immutable: the ones this snapshot has mapped already are kept, only new ones are opened.
        var opened: [Segment] = []
        for name in onDisk.segments {
            if let kept = segments.first(where: { $0.name == name }) {
                opened.append(kept)
            } else {
                opened.append(try Segment(name: name, directory: directory.appendingPathComponent(name)))
            }
        }
        return CorpusIndex(directory: directory, segments: opened, deleted: onDisk.deleted.mapValues(Set.init), attributes: attributes)
    }

    var manifest: Manifest {
        Manifest(segments: segments.map(\.name), deleted: deleted.mapValues { $0.sorted() })
    }

    private func write(_ manifest: Manifest) throws(CorpusIndexError) {
        guard let directory else { return }
        let target = directory.appendingPathComponent(Self.manifestName)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(manifest).write(to: target, options: .atomic)
        } catch { throw .unwritable(target.path) }
    }
}
