import BirlikCore
import BirlikCorpus
import FluentKit
import Foundation

/// The portal at national scale, for the benchmark: encyclopedia articles with many revisions each (the
/// last Kazakh and Russian ones approved), library items (most published, some withdrawn or in draft) and
/// events over two years, their texts drawn from the sample corpus's Kazakh sentences, the same on every run.
public enum PortalScaleSeed {
    public struct Summary: Sendable {
        public var articles = 0
        public var revisions = 0
        public var texts = 0
        public var libraryItems = 0
        public var harvestable = 0
        public var events = 0
        /// The approved Kazakh text of every article, by slug, for indexing the same text in the corpus engine.
        public var kazakhTexts: [(slug: String, text: String)] = []
    }

    /// Kazakh sentences of 5 to 40 words from the bundled sample corpus.
    public static func sentences() throws -> [String] {
        guard let url = CorpusResources.sampleCorpus else { return [] }
        let text = try String(contentsOf: url, encoding: .utf8)
        var sentences: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            for part in line.split(separator: ".") {
                let sentence = part.trimmingCharacters(in: .whitespaces)
                let words = sentence.split(separator: " ").count
                if (5...40).contains(words) { sentences.append(sentence + ".") }
            }
        }
        return sentences
    }

    static let russian = ["Ассамблея народа Казахстана объединяет этнокультурные объединения страны.", "Дома дружбы работают во всех регионах.",
                          "Государственный язык изучают взрослые и дети.", "Праздник Наурыз отмечают все народы Казахстана.",
                          "Общественное согласие укрепляется через диалог и уважение.", "Советы общественного согласия работают при акиматах.",
                          "Медиаторы помогают разрешать споры в регионах.", "Благотворительные акции проводятся ежегодно."]

    public static func load(articles: Int, revisionsPerArticle: Int, libraryItems: Int, events: Int, now: Date, on db: any Database) async throws -> Summary {
        let sentences = try sentences()
        guard !sentences.isEmpty else { return Summary() }
        var random = SeededGenerator(seed: 2026)
        func draw(_ count: Int) -> String { (0..<count).map { _ in sentences[Int(random.next() % UInt64(sentences.count))] }.joined(separator: " ") }
        var summary = Summary()
        let kazakhRevisions = max(1, revisionsPerArticle - 2)
        let batch = 500
        for start in stride(from: 0, to: articles, by: batch) {
            var articleRows: [ArticleRecord] = [], revisionRows: [ArticleRevisionRecord] = [], textRows: [ArticleTextRecord] = [], termRows: [SearchTermRecord] = []
            for index in start..<min(articles, start + batch) {
                let created = now.addingTimeInterval(-Double(index % 1000) * 3600)
                var article = Article(slug: "scale-\(index)", createdAt: created)
                for (language, count) in [(Language.kk, kazakhRevisions), (.ru, revisionsPerArticle - kazakhRevisions)] where count > 0 {
                    var parent: ArticleRevision?
                    for number in 1...count {
                        let text = language == .kk ? draw(2) : Self.russian[Int(random.next() % UInt64(Self.russian.count))] + " " + Self.russian[index % Self.russian.count]
                        let title = language == .kk ? String(text.split(separator: " ").prefix(3).joined(separator: " ")) + " \(index)" : "Статья \(index)"
                        var revision = ArticleRevision(articleID: article.id, language: language, number: number, parentID: parent?.id, parentHash: parent?.hash,
                                                       title: title, text: text, comment: "правка \(number)", author: "bench",
                                                       createdAt: created.addingTimeInterval(Double(number) * 60))
                        revision.status = number == count ? .approved : .superseded
                        revisionRows.append(ArticleRevisionRecord(revision))
                        parent = revision
                    }
                    if let approved = parent {
                        article.approved[language] = approved.id
                        let row = ArticleTextRecord()
                        row.id = UUID(); row.articleID = article.id; row.slug = article.slug; row.language = language.rawValue; row.title = approved.title
                        row.searchText = " " + SearchFolding.fold(approved.title + " " + approved.text) + " "; row.approvedAt = approved.createdAt; row.isPublic = true
                        textRows.append(row)
                        if let id = row.id { termRows += SearchTermRecord.rows(.articleText, recordID: id, folded: [row.searchText]) }
                        if language == .kk { summary.kazakhTexts.append((article.slug, approved.title + " " + approved.text)) }
                    }
                }
                articleRows.append(ArticleRecord(article))
            }
            let (newArticles, newRevisions, newTexts, newTerms) = (articleRows, revisionRows, textRows, termRows)
            try await db.transaction { tx in
                try await newArticles.create(on: tx)
                for chunk in stride(from: 0, to: newRevisions.count, by: 1000) { try await Array(newRevisions[chunk..<min(newRevisions.count, chunk + 1000)]).create(on: tx) }
                try await newTexts.create(on: tx)
                for chunk in stride(from: 0, to: newTerms.count, by: 2000) { try await Array(newTerms[chunk..<min(newTerms.count, chunk + 2000)]).create(on: tx) }
            }
            summary.articles += articleRows.count; summary.revisions += revisionRows.count; summary.texts += textRows.count
        }

        let organizations = try await OrganizationRecord.query(on: db).all().compactMap(\.id)
        let regions = ReferenceData.regions.filter { $0.kind != .district }.map(\.code)
        guard !organizations.isEmpty else { return summary }
        for start in stride(from: 0, to: libraryItems, by: 1000) {
            var rows: [LibraryItemRecord] = [], terms: [SearchTermRecord] = []
            for index in start..<min(libraryItems, start + 1000) {
                let text = draw(3)
                let status: LibraryItem.Status = index % 20 == 0 ? .draft : index % 50 == 1 ? .withdrawn : .published
                var item = LibraryItem(code: String(format: "LIB-SCALE-%06d", index), collection: LibraryCollection.all[index % LibraryCollection.all.count].code,
                                       organizationID: organizations[index % organizations.count], region: regions[index % regions.count],
                                       titles: [.kk: String(text.split(separator: " ").prefix(5).joined(separator: " ")), .ru: "Материал \(index)"],
                                       creators: ["Автор \(index % 997)"], subjects: ["тақырып \(index % 101)"], description: String(text.prefix(200)),
                                       publisher: "", date: String(1990 + index % 35), type: .text, language: .kk, rights: "CC BY 4.0", source: "", file: nil,
                                       status: status, createdAt: now.addingTimeInterval(-Double(libraryItems - index) * 60), depositedBy: "bench")
                item.updatedAt = Date(timeIntervalSince1970: (item.createdAt.timeIntervalSince1970).rounded(.down))
                if status == .withdrawn { item.withdrawalReason = "қайталанған" }
                if status != .draft { summary.harvestable += 1 }
                let record = LibraryItemRecord(item, fileText: text)
                rows.append(record)
                terms += SearchTermRecord.rows(.libraryItem, recordID: item.id, folded: [record.searchText, record.fileText])
            }
            let (batch, newTerms) = (rows, terms)
            try await db.transaction { tx in
                try await batch.create(on: tx)
                for chunk in stride(from: 0, to: newTerms.count, by: 2000) { try await Array(newTerms[chunk..<min(newTerms.count, chunk + 2000)]).create(on: tx) }
            }
            summary.libraryItems += rows.count
        }

        for start in stride(from: 0, to: events, by: 1000) {
            var rows: [EventRecord] = []
            for index in start..<min(events, start + 1000) {
                let starts = now.addingTimeInterval(Double(index - events / 2) * 6000)
                let event = Event(code: String(format: "EV-SCALE-%05d", index), title: String(draw(1).prefix(120)), description: "", kind: Event.Kind.allCases[index % Event.Kind.allCases.count],
                                  organizerID: organizations[index % organizations.count], region: regions[index % regions.count], venue: "Достық үйі",
                                  languages: ["kk", "ru"], measureID: nil, startsAt: starts, endsAt: starts.addingTimeInterval(7200),
                                  status: starts < now ? .held : index % 2 == 0 ? .confirmed : .planned, capacity: index % 3 == 0 ? 100 : nil, moderated: false,
                                  retentionDays: 30, updatedAt: now)
                rows.append(EventRecord(event))
            }
            let batch = rows
            try await db.transaction { tx in try await batch.create(on: tx) }
            summary.events += rows.count
        }
        return summary
    }
}
