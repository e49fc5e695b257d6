import BirlikCore
import BirlikCorpus
import Foundation

/// A corpus request as the pages and the API take it: a plain word or a CQP query, and how to show hits.
struct CorpusRequest: Sendable, Hashable {
    var word = ""
    var cqp = ""
    var sort: CorpusResults.Sort = .position
    var context = 6
    var page = 0
    var perPage = 50
    var sample = false
    /// For frequency lists: the attribute or metadata field counted.
    var by = "lemma"

    var isEmpty: Bool { word.trimmingCharacters(in: .whitespaces).isEmpty && cqp.trimmingCharacters(in: .whitespaces).isEmpty }

    /// The query parameters that reproduce this request (links, paging, exports).
    var parameters: [(String, String?)] {
        [("q", word), ("cqp", cqp), ("sort", sort == .position ? nil : sort.rawValue), ("context", context == 6 ? nil : String(context)),
         ("sample", sample ? "1" : nil)]
    }
}

/// What a search found.
struct CorpusHits: Sendable {
    var cqp: String
    var matches: [CQPSearch.Match]
    var stop: CQPSearch.Stop
    /// Every match in the corpus, counted even when only the first ones are listed.
    var total: Int
}

/// The corpus searches behind the pages and the API, callable from tests.
enum CorpusQueries {
    static let search = CQPSearch(maximumResults: 10_000, timeLimit: 5, maximumLength: 50)

    /// The CQP query a plain word stands for: every lemma the analyser gives it, in either script, or the form itself.
    static func cqp(forWord word: String) -> String {
        let cyrillic = CorpusScript.cyrillic(word.trimmingCharacters(in: .whitespaces)).lowercased()
        var lemmas: [String] = []
        for reading in KazakhAnalyser.shared.readings(cyrillic) where reading.status == .known && !lemmas.contains(reading.lemma.lowercased()) {
            lemmas.append(reading.lemma.lowercased())
        }
        let forms = [cyrillic] + lemmas
        let pattern = forms.map(CQPQuery.literal).joined(separator: "|")
        return "[lower=\"\(pattern)\" | lemma=\"\(pattern)\"]"
    }

    /// Runs the request's query; a malformed one becomes a `DomainError` naming the position and what was expected.
    static func run(_ request: CorpusRequest, in index: CorpusIndex) throws -> CorpusHits {
        let text = request.cqp.trimmingCharacters(in: .whitespaces).isEmpty ? cqp(forWord: request.word) : request.cqp
        do {
            let query = try CQPParser.parse(text)
            let (matches, stop) = try search.run(query, in: index)
            let total = stop == .resultLimit ? (try? search.count(query, in: index)).map { $0.stop == .complete ? $0.count : matches.count } ?? matches.count : matches.count
            return CorpusHits(cqp: text, matches: matches, stop: stop, total: total)
        } catch {
            throw DomainError.invalid([FieldError("cqp", .corpusQueryError,
                                                  ["position": String(error.position + 1), "expected": "@corpus.expected.\(error.expected.rawValue)"])])
        }
    }

    /// The concordance page of the hits.
    static func concordance(_ hits: CorpusHits, _ request: CorpusRequest, in index: CorpusIndex) -> [ConcordanceLine] {
        let matches = request.sample ? CorpusResults.sample(hits.matches, size: request.perPage, seed: 2025) : hits.matches
        return CorpusResults.concordance(matches, in: index, context: max(1, min(request.context, 25)), sort: request.sort,
                                         metadata: "year", page: request.sample ? 0 : request.page, perPage: request.perPage)
    }

    /// The token attributes and metadata fields a frequency list can count.
    static let countable = ["word", "lower", "lemma", "pos", "tags", "year", "genre", "title", "source"]
}
