import BirlikCore
import BirlikCorpus
import BirlikDocuments
import Vapor

/// The national corpus of the Kazakh language (S12): search and concordance, frequency lists,
/// collocations, documents, exports and the JSON API. Open to everyone, like the corpus itself.
/// Searches run on the thread pool, never on the event loop.
enum CorpusController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.corpus, use: search)
        routes.get(.corpusFrequency, use: frequency)
        routes.get(.corpusCollocations, use: collocations)
        routes.get(.corpusDocument(id: ""), use: document)
        routes.get(.apiCorpusSearch, use: apiSearch)
    }

    static func corpusRequest(_ request: Request) throws -> CorpusRequest {
        var result = CorpusRequest()
        result.word = request.queryText("q") ?? ""
        result.cqp = request.queryText("cqp", limit: 2000) ?? ""
        result.sort = request.queryText("sort").flatMap(CorpusResults.Sort.init(rawValue:)) ?? .position
        result.context = try request.queryNumber("context", in: 1...25, default: 6)
        result.page = try request.queryNumber("page", in: 0...100_000, default: 0)
        result.sample = request.queryText("sample") == "1"
        result.by = request.queryText("by").flatMap { CorpusQueries.countable.contains($0) ? $0 : nil } ?? "lemma"
        return result
    }

    /// Runs `work` with the index on the thread pool.
    static func withIndex<T: Sendable>(_ request: Request, _ work: @escaping @Sendable (CorpusIndex) throws -> T) async throws -> T {
        let library = request.application.birlik.corpus
        return try await request.application.threadPool.runIfActive { try work(try library.index()) }
    }

    static func search(_ request: Request) async throws -> Response {
        let query = try corpusRequest(request)
        let context = PageContext(request)
        let format = request.queryText("format").flatMap(TableExport.Format.init(rawValue:))
        do {
            let result = try await withIndex(request) { index -> CorpusPage.Model in
                let hits = query.isEmpty ? nil : try CorpusQueries.run(query, in: index)
                var model = CorpusPage.Model(request: query, documents: index.documents.count, tokens: index.liveTokens, hits: hits)
                if let hits {
                    var all = query
                    all.perPage = format == nil ? query.perPage : 10_000
                    model.lines = CorpusQueries.concordance(hits, all, in: index)
                }
                return model
            }
            if let format { return try CorpusPage.export(result, context.l10n).response(format) }
            return html(CorpusPage.view(result, context))
        } catch let error as DomainError {
            guard case let .invalid(problems) = error else { throw error }
            var model = CorpusPage.Model(request: query, documents: 0, tokens: 0, hits: nil)
            model.errors = problems
            return html(CorpusPage.view(model, context), status: .unprocessableEntity)
        }
    }

    static func frequency(_ request: Request) async throws -> Response {
        let query = try corpusRequest(request)
        guard !query.isEmpty else { throw DomainError.invalid([FieldError("cqp", .corpusQueryMissing)]) }
        let rows = try await withIndex(request) { index in
            CorpusResults.frequencies(try CorpusQueries.run(query, in: index).matches, in: index, attribute: query.by)
        }
        let l10n = PageContext(request).l10n
        let table = TableExport(name: "corpus-frequency", header: [CorpusPage.attributeName(query.by, l10n), l10n(.corpusCount)],
                                rows: rows.prefix(5_000).map { [.text($0.value), .number(Double($0.count))] })
        if let format = request.queryText("format").flatMap(TableExport.Format.init(rawValue:)) { return try table.response(format) }
        return html(CorpusPage.frequency(query, rows: Array(rows.prefix(500)), PageContext(request)))
    }

    static func collocations(_ request: Request) async throws -> Response {
        let query = try corpusRequest(request)
        guard !query.isEmpty else { throw DomainError.invalid([FieldError("cqp", .corpusQueryMissing)]) }
        let left = try request.queryNumber("left", in: 0...10, default: 3)
        let right = try request.queryNumber("right", in: 0...10, default: 3)
        let attribute = ["lower", "lemma", "word", "pos"].contains(request.queryText("by") ?? "") ? request.queryText("by")! : "lemma"
        let rows = try await withIndex(request) { index in
            CorpusResults.collocations(try CorpusQueries.run(query, in: index).matches, in: index, attribute: attribute, left: left, right: right, minimum: 2)
        }
        let l10n = PageContext(request).l10n
        let table = TableExport(
            name: "corpus-collocations",
            header: [CorpusPage.attributeName(attribute, l10n), l10n(.corpusCooccurrences), l10n(.corpusCorpusFrequency), "MI", "t-score", "logDice"],
            rows: rows.prefix(5_000).map { [.text($0.value), .number(Double($0.cooccurrences)), .number(Double($0.frequency)),
                                            .number(($0.mutualInformation * 100).rounded() / 100), .number(($0.tScore * 100).rounded() / 100),
                                            .number(($0.logDice * 100).rounded() / 100)] })
        if let format = request.queryText("format").flatMap(TableExport.Format.init(rawValue:)) { return try table.response(format) }
        return html(CorpusPage.collocations(query, attribute: attribute, left: left, right: right, rows: Array(rows.prefix(300)), PageContext(request)))
    }

    static func document(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id")?.removingPercentEncoding else { throw DomainError.notFound }
        let found = try await withIndex(request) { index -> CorpusPage.DocumentModel? in
            guard let document = index.documents.first(where: { $0.id == id }) else { return nil }
            var sentences: [[(word: String, lemma: String, pos: String)]] = []
            var position = document.start
            while position < document.end, sentences.count < 2_000 {
                let range = index.sentenceRange(of: position)
                sentences.append((position..<min(range.upperBound, document.end)).map {
                    (index.value("word", at: $0) ?? "", index.value("lemma", at: $0) ?? "", index.value("pos", at: $0) ?? "")
                })
                position = max(range.upperBound, position + 1)
            }
            return CorpusPage.DocumentModel(document: document, sentences: sentences)
        }
        guard let found else { throw DomainError.notFound }
        return html(CorpusPage.document(found, PageContext(request)))
    }

    /// `GET /api/v1/corpus/search?q=&cqp=&page=&sort=&context=`: hits with document, position and context.
    static func apiSearch(_ request: Request) async throws -> Response {
        let query = try corpusRequest(request)
        guard !query.isEmpty else { throw DomainError.invalid([FieldError("cqp", .corpusQueryMissing)]) }
        let body = try await withIndex(request) { index -> APIResult in
            let hits = try CorpusQueries.run(query, in: index)
            return APIResult(query: hits.cqp, total: hits.total, complete: hits.stop == .complete, stop: hits.stop.rawValue,
                             page: query.page, hits: CorpusQueries.concordance(hits, query, in: index))
        }
        return try await body.encodeResponse(for: request)
    }

    struct APIResult: Content {
        var query: String
        var total: Int
        var complete: Bool
        var stop: String
        var page: Int
        var hits: [ConcordanceLine]
    }
}
